"""Trends: aid amounts and entity mentions over time."""

from components.trends_page import render

render()
