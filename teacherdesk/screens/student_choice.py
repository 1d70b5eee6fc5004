"""Choose one student (a family): type part of a name, arrows to move, enter to choose."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from teacherdesk.text import fold


class StudentChoice(ModalScreen[str | None]):
    """Returns the chosen student's id, or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="choice-cancel", tooltip="Close without choosing"),
        Binding("down", "to_list", "List", show=False, id="choice-down"),
    ]
    DEFAULT_CSS = """
    StudentChoice { align: center middle; }
    StudentChoice > Vertical {
        width: 64; max-width: 100%; height: 80%; border: round $accent; background: $surface;
    }
    StudentChoice OptionList { height: 1fr; }
    """

    def __init__(self, title: str, students: list[tuple[str, str]]) -> None:
        """`students`: (id, what to show: 'Saoirse Applewhistle · Bao, Yuki')."""
        super().__init__()
        self.title_text = title
        self.students = students

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="status-line", markup=False)
            yield Input(placeholder="Type part of a student's or family's name", id="choice-filter")
            yield OptionList(id="choice-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#choice-filter", Input).focus()

    def _fill(self, query: str) -> None:
        wanted = fold(query)
        options = [
            Option(shown, id=student_id)
            for student_id, shown in self.students
            if not wanted or wanted in fold(shown)
        ]
        listing = self.query_one(OptionList)
        listing.set_options(options)
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
