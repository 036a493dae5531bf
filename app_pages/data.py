"""Data: upload articles, export the gold set, score the model."""

from components.data_page import render

render()
