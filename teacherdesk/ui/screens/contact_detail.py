"""One contact note in full, with every earlier version; a past year's note is read-only."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from teacherdesk.domain.contacts import history_entries, note_and_student
from teacherdesk.domain.dates import exact, humanize
from teacherdesk.models import ContactNote, label
from teacherdesk.ui.forms.contact_form import open_contact_form
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskModal


def past_year_refusal(year: str) -> str:
    return f"This note is from {year}, a finished school year: past years are kept as they were."


class ContactDetail(DeskModal[None]):
    """One contact in full, with every earlier version (who changed it, when, what it said)."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="contact-detail-close", tooltip="Close"),
        Binding("e", "edit", "Edit", id="contact-detail-edit", tooltip="Edit this contact"),
    ]

    def __init__(self, note_id: str, year: str = "") -> None:
        super().__init__()
        self.note_id = note_id
        self.year = year  # "" this year; "2019-20" a finished, read-only year

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static("Loading…", id="contact-detail-text", markup=False)
            keys = "escape close" if self.year else "e edit · escape close"
            yield Static(keys, id="contact-detail-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self.load()

    @work(thread=True, exclusive=True, group="contact-detail-load")
    def load(self) -> None:
        note, student, guardians = note_and_student(self.desk.store, self.note_id, self.year)
        if note is None:
            self.app.call_from_thread(
                self._show, Text("This contact is no longer in the data file.")
            )
            return
        self.app.call_from_thread(self._show, self._describe(note, student, guardians))

    def _describe(self, note: ContactNote, student, guardians: dict[str, str]) -> Text:
        today = self.desk.today()
        text = Text()
        name = student.display_name if student else "(unknown student)"
        text.append(f"{name}\n", style="bold")
        if note.sealed:
            text.append(f"{exact(note.date)}\n{note.summary}\n", style="bold yellow")
            return text
        if self.year:
            text.append(f"From {self.year}, a finished school year: read-only\n", style="dim")
        if note.restricted:
            text.append("RESTRICTED: left out of exports unless asked\n", style="bold yellow")
        who = guardians.get(note.guardian_id or "", "the family")
        lines = [
            ("Date", f"{exact(note.date)} · {humanize(note.date, relative_to=today)}"),
            ("With", who),
            ("How", f"{label(note.channel)}, {label(note.direction)}, {label(note.outcome)}"),
            ("Purpose", label(note.purpose)),
        ]
        if note.follow_up:
            follow = note.follow_up
            done = f" · done {exact(follow.done_on)}" if follow.done_on else ""
            lines.append(
                ("Follow-up", f"{follow.what or 'follow up'} by {exact(follow.due)}{done}")
            )
        for title, value in lines:
            text.append(f"{title:<10}", style="bold")
            text.append(f"{value}\n")
        text.append("\n")
        text.append(note.summary or "(no summary)")
        text.append("\n\n")
        written = note.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") if note.updated_at else ""
        text.append(f"Written {written} by {note.updated_by or 'unknown'}\n", style="dim")
        entries = history_entries(note, guardians)
        if not entries:
            text.append("No earlier versions.", style="dim")
        else:
            text.append(f"Earlier versions ({len(entries)})\n", style="bold")
        for entry in entries:
            text.append(
                f"• version of {entry.written_at or 'unknown time'} by "
                f"{entry.written_by or 'unknown'}\n",
                style="bold",
            )
            if not entry.changes:
                text.append("    (only who and when changed)\n", style="dim")
            for field, before in entry.changes:
                text.append(f"    {field}: ", style="dim")
                text.append(before.replace("\n", "\n      ") + "\n")
        return text

    def _show(self, text: Text) -> None:
        self.query_one("#contact-detail-text", Static).update(text)

    def action_edit(self) -> None:
        if self.year:
            self.notify(past_year_refusal(self.year), severity="warning")
            return
        self.dismiss(None)
        open_contact_form(self.desk, note_id=self.note_id)

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()
