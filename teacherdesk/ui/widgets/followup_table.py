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
from teacherdesk.ui.widgets.plain import PlainTable

STYLE = {
    FollowUpState.OVERDUE: "bold red",
    FollowUpState.DUE: "",
    FollowUpState.NO_DATE: "dim",
    FollowUpState.DONE: "dim green",
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


class FollowUpTable(PlainTable):
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

    def __init__(self, *, show_origin: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.items: dict[str, FollowUpItem] = {}
        self.show_origin = show_origin
        self.wide = True

    def on_mount(self) -> None:
        # Under 100 columns "Who · from" goes (the owner joins "What" when it is not you), so
        # what is to be done is readable at 80×24.
        self.wide = self.app.size.width >= 100
        columns = 4 if self.wide else 3
        room = max(36, self.app.size.width - 12 - 18 - 2 * columns - 4)  # cells pad 1 each side
        self.add_column("When", width=12, key="when")
        self.add_column("Student", width=18, key="student")
        if self.wide:
            self.add_column("What", width=room * 11 // 20, key="what")
            self.add_column("Who · from", width=room - room * 11 // 20, key="origin")
        else:
            self.add_column("What", width=room, key="what")

    def show(self, items: list[FollowUpItem], names: dict[str, str], today: dt.date) -> None:
        """Replace the rows; keeps the cursor on the same item when it is still there."""
        kept = self.current_item()
        self.clear()
        self.items = {item.key: item for item in items}
        for item in items:
            state = item.state(today)
            owner = owner_word(item.owner)
            what = Text(item.what, style="strike dim" if state == FollowUpState.DONE else "")
            cells = [
                Text(when_words(item, today), style=STYLE[state]),
                Text(names.get(item.student_id, "(unknown student)")),
                what,
            ]
            if self.wide:
                cells.append(Text(f"{owner} · {item.origin}", style="dim"))
            elif owner != "you":
                what.append(f" ({owner})", style="dim")
            self.add_row(*cells, key=item.key)
        if kept is not None and kept.key in self.items:
            self.move_cursor(row=self.get_row_index(kept.key))

    def current_item(self) -> FollowUpItem | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # cursor outside the rows
            return None
        return self.items.get(key or "")

    def action_toggle_done(self) -> None:
        item = self.current_item()
        if item is not None:
            self.post_message(self.DoneToggled(self, item))
