"""Compact form layout shared by the conference and engagement forms (80×24 friendly)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from teacherdesk.widgets.date_input import DateInput

FORM_CSS = """
.form-title { height: 1; padding: 0 1; text-style: bold; background: $boost; }
.form { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
.form-row { height: auto; margin: 0 0 1 0; }
.form-row > .form-label { width: 14; padding: 0 1 0 0; color: $text-muted; }
.form-row > .form-field { width: 1fr; height: auto; }
.form-hint { height: 1; padding: 0 1; color: $text-muted; }
.form-hint.-bad { color: $error; }
.form Input, .form DateInput { width: 1fr; }
.form TextArea { height: 3; width: 1fr; }
.form SelectionList { height: auto; max-height: 6; width: 1fr; }
.form Select { width: 1fr; }
.form-buttons { height: auto; margin: 0 0 1 14; }
.form-buttons Button { margin: 0 2 0 0; }
"""

SAVE_BINDING = Binding(
    "f10",
    "save",
    "Save",
    id="form-save",
    tooltip="Save this form (F10; the Save button at the bottom does the same)",
    priority=True,
)
SAVE_ALIAS = Binding(
    "ctrl+s", "save", "Save", show=False, id="form-save-alias", tooltip="Save (same as F10)"
)
CLOSE_BINDING = Binding(
    "escape", "close", "Back", id="form-back", tooltip="Back (asks first if something is unsaved)"
)


def compact_date_inputs(screen) -> None:
    """DateInput composes a bordered Input; in these forms it is one line like the others."""
    for date_input in screen.query(DateInput):
        date_input.query_one(Input).compact = True
