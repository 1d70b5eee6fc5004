"""Reusable widgets: they take attributes down and post messages up."""
