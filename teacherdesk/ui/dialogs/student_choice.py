"""Choose one student (a family): type part of a name, arrows to move, enter to choose.

The one student chooser of the app: the Conferences and packet choices give it their list; the
contact form's `StudentPicker` loads every student (with the roster's search keys) itself.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from teacherdesk.text import fold
from teacherdesk.ui.screens.base import DeskModal
from teacherdesk.ui.widgets.plain import plain


class StudentChoice(DeskModal[str | None]):
    """Returns the chosen student's id, or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="choice-cancel", tooltip="Close without choosing"),
        Binding("down", "to_list", "List", show=False, id="choice-down"),
    ]
    most_shown = 200  # a long class shows its first 200 matches; typing narrows

    def __init__(self, title: str, students: list[tuple[str, str]]) -> None:
        """`students`: (id, what to show: 'Saoirse Applewhistle · Bao, Yuki')."""
        super().__init__()
        self.title_text = title
        self.set_students(students)

    def set_students(self, students, keys: list[str] | None = None) -> None:
        """Each typed word must be in the student's search key (by default: what is shown)."""
        self.students = [
            (sid, shown, keys[n] if keys else fold(shown))
            for n, (sid, shown) in enumerate(students)
        ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="status-line", markup=False)
            yield Input(placeholder="Type part of a student's or family's name", id="choice-filter")
            yield OptionList(id="choice-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#choice-filter", Input).focus()

    def _fill(self, query: str) -> None:
        words = fold(query).split()
        options = [
            Option(plain(shown), id=student_id)
            for student_id, shown, key in self.students
            if all(word in key for word in words)
        ]
        listing = self.query_one(OptionList)
        listing.set_options(options[: self.most_shown])
        if options:
            listing.highlighted = 0

    @on(Input.Changed, "#choice-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#choice-filter")
    def _enter(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None and listing.option_count:
            self.dismiss(listing.get_option_at_index(listing.highlighted).id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
