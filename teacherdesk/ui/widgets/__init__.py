"""Reusable widgets: tables, cards, date input, tick boxes."""
