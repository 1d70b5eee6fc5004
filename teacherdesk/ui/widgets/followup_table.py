"""A table of follow-ups: when, for whom, what, where from. `d` asks to mark one done.

Attributes down (`show(items, names, today)`), messages up: `DoneToggled(item)` when `d` is pressed,
`DataTable.RowSelected` (enter) as usual; `item_at(row_key)` finds the item of a row.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from teacherdesk.domain.dates import due_in_words
from teacherdesk.domain.followups import FollowUpItem, FollowUpState
from teacherdesk.ui.widgets.fit_table import Col, FitTable

# Colour only underlines what the words already say ("5 days late", "done 3 Dec").
STYLE = {
    FollowUpState.OVERDUE: "bold red",
    FollowUpState.DUE: "bold",
    FollowUpState.NO_DATE: "",
    FollowUpState.DONE: "green",
}


def when_words(item: FollowUpItem, today: dt.date) -> str:
    state = item.state(today)
    if state == FollowUpState.DONE:
        return f"done {item.done_on:%d %b}"
    if item.due is None:
        return "no date"
    return due_in_words(item.due, relative_to=today)


YOU = {"", "you", "me", "i", "teacher", "the teacher"}


def owner_word(owner: str) -> str:
    """One word for the teacher on every row ("you"); anyone else by their own word."""
    owner = (owner or "").strip()
    return "you" if owner.casefold() in YOU else owner


COLUMNS = [
    Col("when", "When", 11, 14),
    Col("student", "Student", 12, 32),
    Col("what", "What", 16, flex=True),
    Col("origin", "Who · from", 14, 44, drop=1),  # goes first at narrow widths
]


class FollowUpTable(FitTable):
    BINDINGS = [
        Binding(
            "d",
            "toggle_done",
            "Done",
            id="follow-up-done",
            tooltip="Mark the highlighted follow-up done (again: not done)",
        ),
    ]

    class DoneToggled(Message):
        def __init__(self, table: FollowUpTable, item: FollowUpItem) -> None:
            super().__init__()
            self.table = table
            self.item = item

        @property
        def control(self) -> FollowUpTable:
            return self.table

    def __init__(self, *, grow: bool = False, id: str | None = None) -> None:
        super().__init__(COLUMNS, grow=grow, id=id)
        self.items: dict[str, FollowUpItem] = {}
        self.names: dict[str, str] = {}

    def show(self, items: list[FollowUpItem], names: dict[str, str], today: dt.date) -> None:
        """Replace the rows; keeps the cursor on the same item when it is still there."""
        self.items = {item.key: item for item in items}
        self.names = names
        rows = []
        for item in items:
            state = item.state(today)
            owner = owner_word(item.owner)
            what = Text(item.what, style="strike" if state == FollowUpState.DONE else "")
            if owner != "you":
                what.append(f" ({owner})")
            rows.append(
                (
                    item.key,
                    {
                        "when": Text(when_words(item, today), style=STYLE[state]),
                        "student": names.get(item.student_id, "(unknown student)"),
                        "what": what,
                        "origin": f"{owner} · {item.origin}",
                    },
                )
            )
        self.fill(rows)

    def current_item(self) -> FollowUpItem | None:
        return self.items.get(self.current_key() or "")

    def action_toggle_done(self) -> None:
        item = self.current_item()
        if item is not None:
            self.post_message(self.DoneToggled(self, item))
