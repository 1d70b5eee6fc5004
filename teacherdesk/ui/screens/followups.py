"""Every follow-up, from contacts and conferences: overdue first; `d` marks done, saved at once.

`toggle_follow_up(app, item)` is the one place a follow-up is marked done (or reopened): it reads
the record fresh on the saver thread, so a change made meanwhile elsewhere is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from teacherdesk.domain.followups import (
    FollowUpItem,
    FollowUpState,
    Source,
    collect,
    mark_done,
    sort_items,
)
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.followup_table import FollowUpTable
from teacherdesk.ui.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from teacherdesk.ui.app import TeacherDesk


def toggle_follow_up(
    app: TeacherDesk, item: FollowUpItem, *, student_name: str = "", undo_key: str = ""
) -> bool:
    """Mark `item` done today (or not done, if it was); saved at once through the app. The note
    names the student and, with `undo_key`, the key that takes it back. True: marked done."""
    store = app.store
    today = app.today()
    done_on = None if item.done_on else today
    repository = store.contacts if item.source == Source.CONTACT else store.conferences

    def work_() -> str:
        record = repository.get(item.record_id)
        if record is None:
            raise KeyError("That contact or conference is no longer in the data file.")
        repository.save(mark_done(record, item, done_on))
        return item.what

    def saved(what: str) -> None:
        whose = f" ({student_name})" if student_name else ""
        undo = f" · {undo_key} undoes" if undo_key and done_on else ""
        app.notify(f"{'Done' if done_on else 'Not done yet'}: {what}{whose}{undo}")

    app.save(work_, then=saved)
    return done_on is not None


class FollowUpsScreen(DeskScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="follow-ups-back", tooltip="Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Loading follow-ups…", id="follow-ups-status", classes="status-line", markup=False
        )
        yield FollowUpTable(id="follow-ups-table")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.sub_title = "Follow-ups"
        self.load()

    @work(thread=True, exclusive=True, group="follow-ups-load")
    def load(self) -> None:
        store = self.desk.store
        today = self.desk.today()
        items = sort_items(collect(store.contacts.all(), store.conferences.all()), today)
        names = {s.id: s.display_name for s in store.students.all()}
        self.app.call_from_thread(self._show, items, names)

    def _show(self, items: list[FollowUpItem], names: dict[str, str]) -> None:
        today = self.desk.today()
        self.query_one(FollowUpTable).show(items, names, today)
        counts = {state: 0 for state in FollowUpState}
        for item in items:
            counts[item.state(today)] += 1
        self.query_one("#follow-ups-status", Static).update(
            f"{counts[FollowUpState.OVERDUE]} overdue · {counts[FollowUpState.DUE]} due · "
            f"{counts[FollowUpState.NO_DATE]} without a date · {counts[FollowUpState.DONE]} done"
            "   (d: done / not done · enter: open the student)"
        )

    @on(FollowUpTable.DoneToggled)
    def _toggle(self, event: FollowUpTable.DoneToggled) -> None:
        item = event.item
        toggle_follow_up(self.desk, item, student_name=event.table.names.get(item.student_id, ""))

    @on(DataTable.RowSelected, "#follow-ups-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        item = self.query_one(FollowUpTable).items.get(event.row_key.value or "")
        if item is not None:
            self.desk.open_student(item.student_id)

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()
