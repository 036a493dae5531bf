"""Annotate: correct the model's entities and save them."""

from components.annotate_page import render

render()
