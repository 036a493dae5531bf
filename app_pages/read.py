"""Read: browse articles with their entities highlighted."""

from components.read_page import render

render()
