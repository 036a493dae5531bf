"""Ledger: commitments, the needs-review queue and amount corrections."""

from components.ledger_page import render

render()
