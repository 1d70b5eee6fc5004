"""At start: what was cut off last time (a hang-up, SIGTERM, a crash), to open or discard.

"1 unfinished note for Ravi Honeysett — o open / d discard". Opening resumes the form with the
draft's text in it; discarding deletes the draft; escape leaves them for the next start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from teacherdesk.models import Draft, draft_about, kind_words
from teacherdesk.ui.screens.base import DeskModal

if TYPE_CHECKING:
    from teacherdesk.ui.app import TeacherDesk


def draft_words(draft: Draft, names: dict[str, str]) -> str:
    return f"1 unfinished {kind_words(draft.kind, 1)}{draft_about(draft, names)}"


class DraftsDialog(DeskModal[None]):
    BINDINGS = [
        Binding("o", "open", "Open", id="drafts-open", tooltip="Open it to finish and save"),
        Binding("d", "discard", "Discard", id="drafts-discard", tooltip="Throw it away"),
        Binding("escape", "dismiss", "Later", id="drafts-later", tooltip="Ask again next start"),
    ]

    def __init__(self, drafts: list[Draft], names: dict[str, str]) -> None:
        super().__init__()
        self.drafts = {draft.id: draft for draft in drafts}
        self.names = names
        self.sub_title = "Unfinished"

    def compose(self) -> ComposeResult:
        with Vertical(id="drafts-box"):
            yield Static(
                "Cut off before it was saved last time (not filed as a record):",
                id="drafts-title",
                markup=False,
            )
            yield OptionList(
                *(
                    Option(f"{draft_words(d, self.names)} — o open / d discard", id=d.id)
                    for d in self.drafts.values()
                ),
                id="drafts-list",
            )
            yield Static(
                "o or enter: open · d: discard · escape: later", id="drafts-hint", markup=False
            )

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0
        listing.focus()

    def _current(self) -> Draft | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return self.drafts.get(listing.get_option_at_index(listing.highlighted).id or "")

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        draft = self._current()
        if draft is not None:
            self.dismiss(None)
            open_draft(self.desk, draft)

    def action_discard(self) -> None:
        draft = self._current()
        if draft is None:
            return
        store = self.desk.store
        self.desk.save(lambda: store.drafts.discard(draft.id), records=False)
        del self.drafts[draft.id]
        listing = self.query_one(OptionList)
        listing.remove_option(draft.id)
        self.app.notify(f"Discarded: {draft_words(draft, self.names)}.")
        if not self.drafts:
            self.dismiss(None)


def offer_drafts(app: TeacherDesk) -> None:
    """At start: if anything was cut off last time, say so (in a thread; nothing when none)."""

    def find() -> None:
        drafts = app.store.drafts.newest_first()
        if not drafts:
            return
        names = {s.id: s.display_name for s in app.store.students.all()}
        app.call_from_thread(app.push_screen, DraftsDialog(drafts, names))

    app.run_worker(find, thread=True, group="drafts-offer")


def open_draft(app: TeacherDesk, draft: Draft) -> None:
    """Open the form the draft came from, with its text back in (loads in a thread)."""
    if draft.kind == "contact":
        from teacherdesk.ui.forms.contact_form import open_contact_form

        open_contact_form(app, draft.student_id, draft.record_id, draft)
        return

    def load() -> None:
        screen = _form_for(app, draft)
        if screen is None:
            app.call_from_thread(
                app.notify,
                "What that draft was about is no longer in the data file; d discards it.",
                severity="error",
            )
            return
        app.call_from_thread(app.push_screen, screen)

    app.run_worker(load, thread=True, group="drafts-open")


def _form_for(app: TeacherDesk, draft: Draft):
    store = app.store
    if draft.kind == "conference_record":
        from teacherdesk.ui.forms.conference_record import ConferenceRecordScreen

        conference = store.conferences.get(draft.record_id or "")
        student = store.students.get(conference.student_id) if conference else None
        if conference is None or student is None:
            return None
        return ConferenceRecordScreen(conference, student, draft)
    if draft.kind == "event":
        from teacherdesk.ui.forms.event_form import EventFormScreen

        event = store.events.get(draft.record_id) if draft.record_id else None
        if draft.record_id and event is None:
            return None
        return EventFormScreen(event, draft)
    if draft.kind == "attendance":
        from teacherdesk.ui.forms.event_attendance import AttendanceScreen
        from teacherdesk.ui.screens.conferences import family_choices

        event = store.events.get(draft.record_id or "")
        if event is None:
            return None
        return AttendanceScreen(event, family_choices(store), draft)
    return None
