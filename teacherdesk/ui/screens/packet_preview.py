"""Preview the IEP team packet (or a conference recap for the family), then save it.

The preview is the exported Markdown itself, shown by Textual's Markdown widget with the same
CommonMark parser the export uses. `r` switches restricted contact notes in or out (the line at
the top always says which), `s` asks where to save (default: `iep-packet-<name>-<date>.md` in the
folder teacherdesk was started from, like every file the app writes: `save_folder`; `.html` gives
a printable page) and writes the file 0600 in a thread worker, `c` makes a recap of one of the
student's conferences for the family.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from teacherdesk.domain.dates import exact
from teacherdesk.exports.packet import default_author, export_packet, file_stem
from teacherdesk.exports.recap import addressed, gather_recap, recap_file_stem, write_recap
from teacherdesk.models import ConferenceStatus, label
from teacherdesk.ui.screens.base import DeskModal
from teacherdesk.ui.screens.document_preview import DocumentPreview
from teacherdesk.ui.screens.letter_preview import LetterPreview
from teacherdesk.ui.widgets.plain import plain

if TYPE_CHECKING:
    from teacherdesk.ui.app import TeacherDesk


class ConferenceChoice(DeskModal[str | None]):
    """Pick one of the student's conferences (newest first); returns its id."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="recap-cancel", tooltip="Close")]

    def __init__(self, conferences: list[tuple[str, str]]) -> None:
        super().__init__()
        self.conferences = conferences

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Recap for the family: which conference?", markup=False)
            yield OptionList(
                *[
                    Option(plain(text), id=conference_id)
                    for conference_id, text in self.conferences
                ],
                id="recap-choice",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PacketPreviewScreen(DocumentPreview):
    """The IEP team packet for one student: `x` from the student and IEP screens."""

    BINDINGS = [
        Binding(
            "r",
            "toggle_restricted",
            "Restricted notes",
            id="packet-restricted",
            tooltip="Include or leave out contact notes marked restricted",
        ),
        Binding("c", "recap", "Family recap", id="packet-recap", tooltip="Recap a conference"),
    ]
    what = "the IEP team packet"
    access_kind = "packet"

    def __init__(self, student_id: str) -> None:
        super().__init__()
        self.student_id = student_id
        self.include_restricted = False
        self.markdown = ""

    def _student(self):
        student = self.desk.store.students.get(self.student_id)
        if student is None:
            raise LookupError("this student is no longer in the roster")
        return student

    def build(self, fmt: str) -> str:
        store = self.desk.store
        return export_packet(
            store,
            self._student(),
            today=self.desk.today(),
            author=default_author(store),
            fmt=fmt,
            include_restricted=self.include_restricted,
        )

    def default_stem(self) -> str:
        student = self.desk.store.students.get(self.student_id)
        if student is None:
            return "iep-packet"
        return file_stem(student, self.desk.today())

    def shown_student(self):
        return self.desk.store.students.get(self.student_id)

    def state_line(self) -> str:
        if self.include_restricted:
            return "RESTRICTED NOTES INCLUDED (marked 'Restricted') · r: leave them out · s: save"
        return "Restricted notes are left out · r: include them · s: save · c: family recap"

    def on_mount(self) -> None:
        self.sub_title = "IEP team packet: preview"
        self.query_one("#preview-state", Static).update(self.state_line())

    def action_toggle_restricted(self) -> None:
        self.include_restricted = not self.include_restricted
        self.query_one("#preview-state", Static).update(self.state_line())
        self.query_one("#preview-state").set_class(self.include_restricted, "-warning")
        self.notify(
            "Restricted notes are now included."
            if self.include_restricted
            else "Restricted notes are left out again."
        )
        self.load()

    @work(thread=True, exclusive=True, group="preview-recap")
    def action_recap(self) -> None:
        conferences = self.desk.store.conferences.for_student(self.student_id)
        choices = [
            (
                c.id,
                f"{exact(c.when.date())} · {label(c.format)} · {label(c.status)}",
            )
            for c in conferences
            if c.status == ConferenceStatus.HELD
        ]
        self.app.call_from_thread(self._choose_conference, choices)

    def _choose_conference(self, choices: list[tuple[str, str]]) -> None:
        if not choices:
            self.notify("No conference held with this family yet.", severity="warning")
            return

        def chosen(conference_id: str | None) -> None:
            if conference_id:
                self.app.push_screen(RecapPreviewScreen(conference_id))

        self.app.push_screen(ConferenceChoice(choices), chosen)


class RecapPreviewScreen(LetterPreview):
    """A conference recap for the family: what we celebrated, agreed, and when we meet next."""

    what = "the conference recap"
    access_kind = "letter"

    def __init__(self, conference_id: str) -> None:
        super().__init__()
        self.conference_id = conference_id
        self.markdown = ""

    def _data(self):
        data = gather_recap(self.desk.store, self.conference_id)
        if data is None:
            raise LookupError("this conference is no longer on record")
        return data

    def addressed(self):
        return addressed(self._data())

    def write_letter(self, lang: str, school: Path | None):
        return write_recap(self._data(), today=self.desk.today(), lang=lang, school=school)

    def header(self) -> str:
        return self._data().student.display_name

    def logged_students(self) -> list[str]:
        conference = self.desk.store.conferences.get(self.conference_id)
        return [conference.student_id] if conference else []

    def default_stem(self) -> str:
        data = gather_recap(self.desk.store, self.conference_id)
        return recap_file_stem(data, self.letter_code) if data else "conference-recap"

    def shown_student(self):
        data = gather_recap(self.desk.store, self.conference_id)
        return data.student if data else None

    def on_mount(self) -> None:
        self.sub_title = "Conference recap for the family: preview"

    def state_line(self) -> str:
        return f"{self.language_line()} · written for the family (no contact notes) · s: save"


def student_on_screen(screen: Screen) -> str | None:
    """The student the teacher is looking at: a student-level screen, or the IEP list's row."""
    student_id = getattr(screen, "student_id", None)
    if isinstance(student_id, str) and student_id:
        return student_id
    current = getattr(screen, "_current", None)  # the IEP screen's highlighted row
    status = current() if callable(current) else None
    student = getattr(status, "student", None)
    return getattr(student, "id", None)


def open_packet(app: TeacherDesk, student_id: str | None = None) -> None:
    """Preview the packet of the student on screen; with none on screen, ask which one."""
    student_id = student_id or student_on_screen(app.screen)
    if student_id:
        app.push_screen(PacketPreviewScreen(student_id))
        return
    from teacherdesk.domain.lookup import describe
    from teacherdesk.text import fold
    from teacherdesk.ui.dialogs.student_choice import StudentChoice

    def chosen(chosen_id: str | None) -> None:
        if chosen_id:
            app.push_screen(PacketPreviewScreen(chosen_id))

    def find() -> None:  # a thread: the store is read off the event loop
        students = sorted(
            app.store.students.active(), key=lambda s: (fold(s.last_name), fold(s.first_name))
        )
        choices = [(s.id, describe(s) + (" · IEP" if s.has_iep else "")) for s in students]
        app.call_from_thread(
            app.push_screen, StudentChoice("IEP team packet: which student?", choices), chosen
        )

    app.run_worker(find, thread=True, group="open-packet")


def open_recap(app: TeacherDesk) -> None:
    """A family recap of the conference on screen (the Conferences list's row, or a record)."""
    screen = app.screen
    current = getattr(screen, "current", None)
    conference = current() if callable(current) else None
    conference_id = getattr(conference, "id", None) or getattr(screen, "conference_id", None)
    if not conference_id:
        app.notify("Move to a conference first (arrows), then ask for its recap.")
        return
    status = getattr(conference, "status", ConferenceStatus.HELD)
    if status != ConferenceStatus.HELD:
        app.notify("A recap is for a conference that was held: record it first (r).")
        return
    app.push_screen(RecapPreviewScreen(conference_id))
