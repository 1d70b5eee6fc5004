"""One student's IEP record: the dates and people, the meeting (purpose, time, place, who comes,
interpreter, notice, the family's reply, the copy of the IEP), the draft sent home, the four
deadlines and whether the meeting is ready (the participation evidence of 34 CFR 300.322).

Saved as you type (half a second of quiet; at once on leaving, quitting and hang-up). A date is
saved only once it reads as a whole date (`12/1` on its way to `12/12` waits) or the field is
left; a date that cannot be read is never saved, and leaving with one says, once, what stays
saved instead. A new record is created as soon as the meeting date can be read; F10 (or ctrl+s)
saves at once. Every field
takes typing, so the two actions use F-keys: `f9` opens the Parental Input form, `f8` writes the
letter asking the family for their input, `f12` previews the meeting notice (and saves it). (The
student interview is `i` on the IEP list.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from teacherdesk.domain.dates import exact
from teacherdesk.domain.iep_timeline import deadlines, default_writing_date, meeting_day_off
from teacherdesk.domain.meetings import meeting_evidence
from teacherdesk.models import IEP, Student, StudentInterview, new_id
from teacherdesk.ui.forms.base import AutosaveForm, Debounce
from teacherdesk.ui.forms.meeting_fields import (
    deadline_markup,
    evidence_markup,
    fill_meeting,
    meeting_rows,
    meeting_values,
)
from teacherdesk.ui.forms.parental_input import METHODS, method_or_none
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from teacherdesk.ui.screens.base import DeskScreen


class IEPRecordScreen(AutosaveForm):
    SUB_TITLE = "IEP record"  # the title bar shows the screen's name
    BINDINGS = [
        Binding("f8", "request", "Ask family", id="iep-record-request", tooltip="Write the letter"),
        Binding("f9", "parental", "Parental input", id="iep-record-parental", tooltip="The form"),
        Binding("f12", "notice", "Notice", id="iep-record-notice", tooltip="The meeting notice"),
    ]
    DEFAULT_CSS = """
    IEPRecordScreen .iep-choice { width: 1fr; }
    IEPRecordScreen #ir-evidence { height: auto; padding: 0 0 1 0; }
    """

    def __init__(self, student_id: str, iep_id: str | None = None) -> None:
        super().__init__()
        self.student_id = student_id
        self.iep_id = iep_id  # None until the record exists
        self._new_id = new_id()  # the id a new record gets (so two quick saves make one record)
        self.iep: IEP | None = None
        self.student: Student | None = None
        self.interview: StudentInterview | None = None
        self._save_soon = Debounce(self, self._save_settled, pause="save")
        self._warned_unsaved = False  # escape said once that an unreadable date is not saved
        self._held = False  # the last save kept back a date still being typed
        self.guardians: list = []
        self.notes: list = []
        self.settings = None
        self._dirty = False
        self._filling = True

    def compose(self) -> ComposeResult:
        yield Static("IEP", id="ir-title", classes="iep-title", markup=False)
        with VerticalScroll(id="ir-form", classes="iep-form"):
            yield Static("", id="ir-deadlines", classes="iep-deadlines")
            yield Static("", id="ir-evidence")
            with Horizontal(classes="iep-row"):
                yield Label("Meeting", classes="iep-label", markup=False)
                yield DateInput(id="ir-meeting", required=True, flag_days_off=True)
            yield from meeting_rows()
            with Horizontal(classes="iep-row"):
                yield Label("Writing", classes="iep-label", markup=False)
                yield DateInput(id="ir-writing", placeholder="blank: two weeks before the meeting")
            with Horizontal(classes="iep-row"):
                yield Label("Case mgr", classes="iep-label", markup=False)
                yield Input(id="ir-case-manager", placeholder="case manager")
            with Horizontal(classes="iep-row"):
                yield Label("Team", classes="iep-label", markup=False)
                yield Input(id="ir-team", placeholder="names, separated by commas")
            with Horizontal(classes="iep-row"):
                yield Label("Draft sent", classes="iep-label", markup=False)
                yield DateInput(id="ir-draft-on", placeholder="when the draft went home", past=True)
                yield Select(METHODS, prompt="how", id="ir-draft-how", classes="iep-how")
            with Horizontal(classes="iep-row"):
                yield Label("IEP copy", classes="iep-label", markup=False)
                yield DateInput(
                    id="ir-copy-on", placeholder="when the family got a copy", past=True
                )
            yield Label("Family's comments on the draft", classes="iep-part", markup=False)
            yield TextArea(id="ir-comments", classes="iep-text", soft_wrap=True)
        yield Static("", id="ir-status", classes="status-line", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="iep-record-load")
    def load(self) -> None:
        store = self.desk.store
        student = store.students.get(self.student_id)
        iep = (
            store.ieps.get(self.iep_id) if self.iep_id else store.ieps.for_student(self.student_id)
        )
        interview = store.interviews.for_student(self.student_id)
        self.guardians = store.guardians.for_student(self.student_id)
        self.notes = store.contacts.for_student(self.student_id)
        self.settings = store.settings.load()
        self.app.call_from_thread(self._loaded, student, iep, interview)

    def _loaded(self, student, iep, interview) -> None:
        if student is None:
            self.notify("That student is no longer on the roster.", severity="error")
            self.app.pop_screen()
            return
        first = self.student is None
        self.student, self.interview = student, interview
        self.query_one("#ir-title", Static).update(f"IEP · {student.display_name}")
        if not first:
            self._show_deadlines()
            return
        self.iep = iep
        self.iep_id = iep.id if iep else None
        self._filling = True
        if iep is not None:
            self.query_one("#ir-meeting", DateInput).set_date(iep.meeting_date)
            self.query_one("#ir-writing", DateInput).set_date(iep.writing_date)
            self.query_one("#ir-case-manager", Input).value = iep.case_manager
            self.query_one("#ir-team", Input).value = ", ".join(iep.team)
            self.query_one("#ir-draft-on", DateInput).set_date(iep.draft_sent_on)
            how = iep.draft_sent_how
            self.query_one("#ir-draft-how", Select).value = how.value if how else Select.NULL
            self.query_one("#ir-comments", TextArea).load_text(iep.family_comments)
            fill_meeting(self, iep)
        self.call_after_refresh(self._ready)
        self.query_one("#ir-meeting", DateInput).focus()

    def _ready(self) -> None:
        self._filling = False
        self._show_deadlines()
        if self.iep is None:
            self._status("New IEP record: type the meeting date to create it.")
        else:
            self._status("Everything you type here is saved as you go.")

    def _status(self, text: str) -> None:
        self.query_one("#ir-status", Static).update(text)

    # --- the form ------------------------------------------------------------------------------

    DATE_FIELDS = (
        ("meeting_date", "#ir-meeting", "meeting"),
        ("writing_date", "#ir-writing", "writing"),
        ("draft_sent_on", "#ir-draft-on", "draft sent"),
        ("interpreter_booked_on", "#ir-booked-on", "interpreter booked"),
        ("notice_sent_on", "#ir-notice-on", "notice sent"),
        ("family_reply_on", "#ir-reply-on", "reply"),
        ("iep_copy_given_on", "#ir-copy-on", "IEP copy"),
    )

    def _values(self, *, settled: bool = False) -> tuple[dict, list[str]]:
        """The record as typed, and the date fields that cannot be read. `settled` (a save
        while typing): a date still being typed in its field (`12/1` on its way to `12/12`)
        keeps what is stored, and `_held` says so."""
        values: dict = {
            "case_manager": self.query_one("#ir-case-manager", Input).value,
            "team": [
                name.strip()
                for name in self.query_one("#ir-team", Input).value.split(",")
                if name.strip()
            ],
            "draft_sent_how": method_or_none(self.query_one("#ir-draft-how", Select).value),
            "family_comments": self.query_one("#ir-comments", TextArea).text,
            **meeting_values(self),
        }
        problems = []
        self._held = False
        for key, widget_id, words in self.DATE_FIELDS:
            field = self.query_one(widget_id, DateInput)
            typing = field.query_one(Input).has_focus and field.text.strip()
            if settled and typing and not field.whole:
                self._held = True  # not whole yet, or unreadable while typed: wait
            elif field.valid:
                values[key] = field.date
            else:
                problems.append(words)
        return values, problems

    def _preview(self) -> IEP | None:
        """The record as the form shows it now (for the deadlines), or None without a meeting."""
        values, _problems = self._values()
        base = self.iep
        meeting = values.get("meeting_date") or (base.meeting_date if base else None)
        if meeting is None:
            return None
        values["meeting_date"] = meeting
        if base is None:
            return IEP(student_id=self.student_id, **values)
        return base.model_copy(update=values)

    def _show_deadlines(self) -> None:
        preview = self._preview()
        panel = self.query_one("#ir-deadlines", Static)
        evidence_panel = self.query_one("#ir-evidence", Static)
        if preview is None:
            panel.update("The deadlines appear once the meeting date is set.")
            evidence_panel.update("")
            return
        if self.student is not None and self.settings is not None:
            evidence = meeting_evidence(
                preview, self.student, self.guardians, self.notes, self.settings, self.desk.today()
            )
            evidence_panel.update(evidence_markup(evidence))
        today = self.desk.today()
        found = deadlines(preview, self.interview, today)
        holidays = self.settings.holidays if self.settings is not None else ()
        off = meeting_day_off(preview.meeting_date, holidays, today)
        writing = preview.writing_date or default_writing_date(preview.meeting_date)
        note = "" if preview.writing_date else " (two weeks before the meeting)"
        panel.update(
            deadline_markup(found, day_off=off)
            + f"\n[dim]IEP written on {writing:%a} {writing.day} "
            f"{writing:%b %Y}{note}[/]"
        )

    @on(TextArea.Changed)
    @on(Input.Changed, "#ir-case-manager, #ir-team, #ir-time, #ir-place, #ir-call")
    @on(Input.Changed, "#ir-agencies, #ir-language")
    @on(Select.Changed)
    @on(DateInput.Changed)
    def _changed(self) -> None:
        if self._filling:
            return
        self._show_deadlines()
        self._dirty = True
        self._warned_unsaved = False
        self._save_soon()

    def _save_settled(self) -> None:
        """Typing paused: save, except a date still being typed."""
        self._save(settled=True)

    @on(events.DescendantBlur)
    def _left_field(self, event: events.DescendantBlur) -> None:
        """Leaving a date field: what it reads is what the teacher meant; save it now."""
        if self._dirty and isinstance(event.widget.parent, DateInput):
            self._save()

    def _save(self, *, settled: bool = False) -> None:
        self._save_soon.cancel()
        if not self._dirty:
            return
        values, problems = self._values(settled=settled)
        held = self._held
        if self.iep is None and values.get("meeting_date") is None:
            if not held:
                self._status("Type the meeting date to create the IEP record (nothing saved yet).")
            return
        self._dirty = held  # a date held back is still to save (on leaving, at the latest)
        values = {k: v for k, v in values.items() if not (k == "meeting_date" and v is None)}
        store, student_id = self.desk.store, self.student_id
        iep_id = self.iep_id or self._new_id

        def work() -> IEP:
            with store.transaction():
                current = store.ieps.get(iep_id)
                if current is None:
                    return store.ieps.save(IEP(id=iep_id, student_id=student_id, **values))
                changed = IEP.model_validate(current.model_copy(update=values).model_dump())
                if changed == current:
                    return current
                return store.ieps.save(changed)

        def done(saved: IEP) -> None:
            created = self.iep is None
            self.iep, self.iep_id = saved, saved.id
            if self._warned_unsaved:
                return  # the sentence about the date not saved stays until something changes
            if problems:
                self._status(f"Saved, except the {' and '.join(problems)} date (see its line).")
            else:
                self._status("IEP record created." if created else "Saved.")

        self.desk.save(work, then=done)

    def on_data_changed(self, _message) -> None:
        self.reload_interview()

    @work(thread=True, exclusive=True, group="iep-record-interview")
    def reload_interview(self) -> None:
        store = self.desk.store
        interview = store.interviews.for_student(self.student_id)
        # a contact logged or the family changed elsewhere changes the meeting's evidence
        self.guardians = store.guardians.for_student(self.student_id)
        self.notes = store.contacts.for_student(self.student_id)
        self.settings = store.settings.load()
        self.app.call_from_thread(self._interview_reloaded, interview)

    def _interview_reloaded(self, interview) -> None:
        self.interview = interview
        if not self._filling:
            self._show_deadlines()

    # --- keys ----------------------------------------------------------------------------------

    def _unsaved_date(self) -> str:
        """One sentence about the first date that cannot be read (so is not saved), and what the
        record keeps instead ("" when every date typed is saved)."""
        for key, widget_id, words in self.DATE_FIELDS:
            field = self.query_one(widget_id, DateInput)
            if field.valid:
                continue
            stored = getattr(self.iep, key, None) if self.iep is not None else None
            kept = exact(stored) if stored else "no date there"
            typed = field.text.strip() or "nothing"
            return (
                f"The {words} date '{typed}' is not saved, so the record keeps {kept}: "
                "fix it, or escape again to leave."
            )
        return ""

    def action_leave(self) -> None:
        self._save()
        unsaved = self._unsaved_date()
        if unsaved and not self._warned_unsaved:
            self._warned_unsaved = True
            self._status(unsaved)
            self.notify(unsaved, title="Not saved", severity="warning", timeout=6)
            return
        self.app.pop_screen()

    def _need_record(self) -> bool:
        self._save()
        if self.iep_id is None:
            self.notify("Type the meeting date first: that creates the IEP record.")
            return False
        return True

    def action_parental(self) -> None:
        if self._need_record():
            from teacherdesk.ui.forms.parental_input import ParentalInputScreen

            self.app.push_screen(ParentalInputScreen(self.iep_id))

    def action_notice(self) -> None:
        if self._need_record():
            from teacherdesk.ui.screens.meeting_notice import MeetingNoticePreview

            self.app.push_screen(MeetingNoticePreview(self.student_id))

    def action_request(self) -> None:
        if self._need_record() and self.student is not None:
            from teacherdesk.ui.dialogs.letter_prompt import ask_for_letter

            ask_for_letter(self, self.student, self.iep_id)


def open_parental_input(screen: DeskScreen, student_id: str) -> None:
    """Open the student's Parental Input form (the student screen's `p`); with no IEP record
    yet, open the new IEP record instead, since the form belongs to it."""

    def find() -> None:
        iep = screen.desk.store.ieps.for_student(student_id)
        screen.app.call_from_thread(opened, iep)

    def opened(iep: IEP | None) -> None:
        if iep is None:
            screen.notify("No IEP record yet: type the meeting date, then f9 for the form.")
            screen.app.push_screen(IEPRecordScreen(student_id))
        else:
            from teacherdesk.ui.forms.parental_input import ParentalInputScreen

            screen.app.push_screen(ParentalInputScreen(iep.id))

    screen.run_worker(find, thread=True, group="open-parental-input")
