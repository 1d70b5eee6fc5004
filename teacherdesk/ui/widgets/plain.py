"""Person-typed text on screen is text, never markup.

Textual reads a plain `str` handed to a DataTable cell, a Static, a Label or an Option as
markup: a student named `[/]` crashed the app, `[b]x` turned bold, `[sic]` vanished and
`[@click=app.quit]` became an action. Everything a person typed goes through `plain()` (a
Rich `Text`, which is never parsed), and every table is a `PlainTable`, which does that for
each cell it is given.
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text
from textual.markup import escape
from textual.widgets import DataTable

__all__ = ["PlainTable", "escape", "plain"]


def plain(value: object, style: StyleType = "") -> Text:
    """`value` as literal text (a Text is kept as it is; None is empty)."""
    if isinstance(value, Text):
        return value
    return Text("" if value is None else str(value), style=style, end="")


def _cell(value: object) -> object:
    return plain(value) if isinstance(value, str) else value


class PlainTable(DataTable):
    """A DataTable whose string cells are shown as typed."""

    def add_row(self, *cells, height=1, key=None, label=None):
        label = plain(label) if isinstance(label, str) else label
        return super().add_row(*map(_cell, cells), height=height, key=key, label=label)

    def update_cell(self, row_key, column_key, value, *, update_width=False) -> None:
        super().update_cell(row_key, column_key, _cell(value), update_width=update_width)

    def update_cell_at(self, coordinate, value, *, update_width=False) -> None:
        super().update_cell_at(coordinate, _cell(value), update_width=update_width)
