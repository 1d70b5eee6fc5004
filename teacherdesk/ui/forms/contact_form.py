"""Log (or edit) a contact with a family, by keyboard alone, from anywhere.

`open_contact_form(app, student_id=None, note_id=None)` is the one way in: without a student it
asks for one (type part of a name, enter); it loads the family in a thread and opens the form with
today's date and the family's preferred channel filled in. The fields follow the order a call is
told in (how, with whom, what, about, outcome, follow-up), each choice picked by one key shown
beside it: a phone call is `p`, tab (the first guardian), the summary, F10. Tab and shift+tab move
between fields, F10 (or ctrl+s, or the Save button) saves, escape twice discards.
Enter in the summary is a newline. Problems are shown as you type; nothing typed is lost when
something is wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from teacherdesk.domain.contact_rules import contact_problems
from teacherdesk.domain.family import family as family_of
from teacherdesk.domain.problems import Problem
from teacherdesk.models import (
    Channel,
    ContactNote,
    Direction,
    Draft,
    FollowUp,
    Guardian,
    Outcome,
    Purpose,
    Student,
    label,
)
from teacherdesk.ui.dialogs.student_choice import StudentChoice
from teacherdesk.ui.forms.base import SAVE_BINDING, Debounce
from teacherdesk.ui.forms.drafts import KeepsDraft
from teacherdesk.ui.screens.base import DeskModal
from teacherdesk.ui.widgets.choice_bar import ChoiceBar
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.plain import plain
from teacherdesk.ui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from teacherdesk.ui.app import TeacherDesk

FAMILY = "__family__"  # the guardian choice "the family" (no one guardian)
# The field each contact rule is about → the widget the cursor goes to.
RULE_TARGETS = {
    "date": "contact-date",
    "summary": "contact-summary",
    "outcome": "contact-outcome",
    "follow_up.due": "contact-follow-due",
}


# --- the way in -------------------------------------------------------------------------------


def open_contact_form(
    app: TeacherDesk,
    student_id: str | None = None,
    note_id: str | None = None,
    draft: Draft | None = None,
) -> None:
    """Log a contact for `student_id` (ask which student when None), or edit note `note_id`;
    with `draft`, what was typed before a hang-up goes back in."""
    if note_id is None and student_id is None:

        def chosen(picked: str | None) -> None:
            if picked:
                open_contact_form(app, picked)

        app.push_screen(StudentPicker(), chosen)
        return

    def load() -> None:
        store = app.store
        note = store.contacts.get(note_id) if note_id else None
        sid = note.student_id if note else student_id
        student = store.students.get(sid) if sid else None
        if student is None or (note_id and note is None):
            app.call_from_thread(app.release_held_keys)
            app.call_from_thread(
                app.notify, "That student or note is no longer in the data file.", severity="error"
            )
            return
        family = family_of(store, student.id)  # who to reach first
        app.call_from_thread(app.push_screen, ContactForm(student, family, note, draft))

    app.hold_keys_until_next_screen()  # what is typed now is the note, not keys for this screen
    app.run_worker(load, thread=True, group="contact-form-load")


def student_in_view(screen: Any) -> str | None:
    """The student whose own screen is on view; anywhere else (a list, a highlighted row, a
    preview) the form asks which student, so a note never lands on whoever was last looked at."""
    from teacherdesk.ui.screens.student import StudentScreen

    return screen.student_id if isinstance(screen, StudentScreen) else None


def _choices(kind) -> list[tuple[str, str]]:
    return [(label(choice), choice.value) for choice in kind]


# --- choosing a student -----------------------------------------------------------------------


class StudentPicker(StudentChoice):
    """Log a contact for which student? Every student on the roster, loaded off the loop.

    Keys typed before the list is there ("ravi⏎" right after `n`) wait for it."""

    holds_keys_until_loaded = True

    def __init__(self) -> None:
        super().__init__("Log a contact for which student?", [])

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="picker-load")
    def _load(self) -> None:
        from teacherdesk.domain.roster import build_rows

        rows = build_rows(self.desk.store)
        students, keys = [], []
        for row in rows:
            family = ", ".join(g.name for g in row.guardians)
            shown = f"{row.student.display_name} · {family}" if family else row.student.display_name
            students.append((row.student.id, shown))
            keys.append(row.search_key)
        self.app.call_from_thread(self._loaded, students, keys)

    def _loaded(self, students: list[tuple[str, str]], keys: list[str]) -> None:
        self.set_students(students, keys)
        self._fill(self.query_one("#choice-filter", Input).value)
        self.ready_for_keys()


# --- the form ---------------------------------------------------------------------------------


class ContactForm(KeepsDraft, DeskModal[ContactNote | None]):
    """Returns the saved note (None when discarded). What is typed is kept as a draft (never
    a contact) until F10 files it."""

    draft_kind = "contact"

    BINDINGS = [
        SAVE_BINDING,
        Binding(
            "escape", "cancel", "Cancel", id="contact-cancel", tooltip="Close (twice if typed)"
        ),
    ]

    def __init__(
        self,
        student: Student,
        family: list[Guardian],
        note: ContactNote | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__()
        self.init_draft(draft)
        self.sub_title = "Edit contact" if note else "New contact"  # its part of the breadcrumb
        self.student = student
        self.family = family
        self.note = note
        self._channel_touched = note is not None
        self._tried = False  # a save was attempted: problems are shown loudly
        self._saving = False
        self._discard_armed = False
        self._initial: tuple | None = None
        self._check_soon = Debounce(self, self._validate)

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        note = self.note
        first = self.family[0] if self.family else None
        channel = note.channel if note else (first.preferred_channel if first else None)
        guardian_options = [
            (plain(f"{g.name} ({g.relationship_to(self.student.id) or 'family'})"), g.id)
            for g in self.family
        ]
        guardian_options.append(("the family", FAMILY))
        guardian = FAMILY
        if note and note.guardian_id in {g.id for g in self.family}:
            guardian = note.guardian_id
        elif not note and first:
            guardian = first.id
        follow = note.follow_up if note else None
        verb = "Edit contact" if note else "Log a contact"
        # The order a teacher tells a call in: how, with whom, what was said, what about, how
        # it went, what happens next; the date and direction (usually today, we called) last.
        with Vertical():
            yield Static(f"{verb} · {self.student.display_name}", id="contact-title", markup=False)
            with VerticalScroll(can_focus=False):
                with Horizontal(classes="form-row"):
                    yield Label("How", markup=False)
                    yield self._bar(Channel, channel or Channel.PHONE, "contact-channel")
                with Horizontal(classes="form-row"):
                    yield Label("With", markup=False)
                    keys = [*"123456789abcdeghijk"[: len(self.family)], "f"]  # f: the family
                    yield ChoiceBar(guardian_options, guardian, keys=keys, id="contact-guardian")
                with Horizontal(classes="form-row"):
                    yield Label("Summary", markup=False)
                    yield TextArea(
                        note.summary if note else "",
                        tab_behavior="focus",
                        soft_wrap=True,
                        show_line_numbers=False,
                        placeholder="what was said (enter: new line · tab: next)",
                        id="contact-summary",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("About", markup=False)
                    yield self._bar(
                        Purpose, note.purpose if note else Purpose.INFORMATION, "contact-purpose"
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Outcome", markup=False)
                    yield self._bar(
                        Outcome, note.outcome if note else Outcome.REACHED, "contact-outcome"
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Follow-up", markup=False)
                    yield Input(
                        follow.what if follow else "",
                        placeholder="optional: what you will do next",
                        compact=True,
                        id="contact-follow-what",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Due", markup=False)
                    yield DateInput(
                        follow.due if follow else None,
                        placeholder="follow-up due: fri, in 2 weeks, dec 3",
                        id="contact-follow-due",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Date", markup=False)
                    yield DateInput(
                        note.date if note else self.desk.today(),
                        required=True,
                        past=True,  # when the call happened: "fri" is the Friday just gone
                        id="contact-date",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Who began", markup=False)
                    yield self._bar(
                        Direction,
                        note.direction if note else Direction.WE_REACHED_OUT,
                        "contact-direction",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("", markup=False)
                    yield TickBox(
                        "Restricted (left out of exports unless asked)",
                        note.restricted if note else False,
                        compact=True,
                        id="contact-restricted",
                    )
            yield Static("", id="contact-problem", markup=False)
            with Horizontal(id="contact-buttons"):
                yield Button("Save (F10)", id="contact-save-button", compact=True)
                yield Button("Cancel (esc)", id="contact-cancel-button", compact=True)

    def _bar(self, kind, value, widget_id: str) -> ChoiceBar:
        return ChoiceBar(_choices(kind), value.value, id=widget_id)

    def on_mount(self) -> None:
        for date_input in self.query(DateInput):
            date_input.query_one(Input).compact = True
        # A new contact starts on "How": one letter picks the channel and moves on to "With"
        # (a digit, or tab to keep the first guardian), then the summary. An edit starts at the
        # end of the summary, which is what is usually added to.
        summary = self.query_one("#contact-summary", TextArea)
        if self.note:
            summary.focus()
            summary.move_cursor(summary.document.end)
        else:
            self.query_one("#contact-channel", ChoiceBar).focus()
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self._snapshot()
        if self.resumed_draft is not None:  # after the snapshot: the draft is not saved
            self.restore_draft(self.resumed_draft.fields)
            self.app.notify(
                "Draft restored: F10 saves it as a contact, escape twice throws it away.",
                title="Draft restored",
            )
        self._validate()

    # --- the draft -------------------------------------------------------------------------------

    def draft_subject(self) -> tuple[str | None, str | None, str]:
        return self.student.id, (self.note.id if self.note else None), ""

    def draft_worth_keeping(self) -> bool:
        return self.dirty

    # --- reading the fields --------------------------------------------------------------------

    def _value(self, widget_id: str) -> Any:
        return self.query_one(f"#{widget_id}", ChoiceBar).value

    def _snapshot(self) -> tuple:
        return (
            self._value("contact-guardian"),
            self.query_one("#contact-date", DateInput).text,
            self._value("contact-channel"),
            self._value("contact-direction"),
            self._value("contact-purpose"),
            self._value("contact-outcome"),
            self.query_one("#contact-summary", TextArea).text,
            self.query_one("#contact-follow-what", Input).value,
            self.query_one("#contact-follow-due", DateInput).text,
            self.query_one("#contact-restricted", Checkbox).value,
        )

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self._snapshot() != self._initial

    def build(self) -> tuple[ContactNote | None, str, str]:
        """The note as typed, or None with the first problem and the field to fix."""
        today = self.desk.today()
        date_input = self.query_one("#contact-date", DateInput)
        if not date_input.valid or date_input.date is None:
            hint = date_input.query_one(".date-hint", Static).content
            return None, f"Date: {hint}", "contact-date"
        day = date_input.date
        summary = self.query_one("#contact-summary", TextArea).text
        outcome = Outcome(self._value("contact-outcome"))
        what = self.query_one("#contact-follow-what", Input).value
        due_input = self.query_one("#contact-follow-due", DateInput)
        due = due_input.date if due_input.valid else None
        problems = contact_problems(
            date=day,
            today=today,
            outcome=outcome,
            summary=summary,
            follow_up_what=what,
            follow_up_due=due,
            channel=Channel(self._value("contact-channel")),
        )
        if not due_input.valid:  # unreadable: said after the date and summary, before the rest
            hint = due_input.query_one(".date-hint", Static).content
            problems = [p for p in problems if p.field != "follow_up.due"]
            problems.append(Problem("follow_up.due", f"Follow-up due: {hint}"))
        if problems:
            return None, problems[0].sentence, RULE_TARGETS[problems[0].field]
        follow_up = None
        if due is not None:
            done_on = self.note.follow_up.done_on if self.note and self.note.follow_up else None
            follow_up = {"what": what, "due": due, "done_on": done_on}
        guardian = self._value("contact-guardian")
        fields = {
            "student_id": self.student.id,
            "guardian_id": None if guardian == FAMILY else guardian,
            "date": day,
            "channel": self._value("contact-channel"),
            "direction": self._value("contact-direction"),
            "purpose": self._value("contact-purpose"),
            "outcome": outcome,
            "summary": summary,
            "follow_up": FollowUp.model_validate(follow_up) if follow_up else None,
            "restricted": self.query_one("#contact-restricted", Checkbox).value,
        }
        try:
            if self.note is None:
                return ContactNote.model_validate(fields), "", ""
            base = self.note.model_dump()
            return ContactNote.model_validate(base | fields), "", ""
        except ValidationError as error:
            from teacherdesk.domain.problems import first_error

            field = str(error.errors()[0]["loc"][0]) if error.errors()[0]["loc"] else ""
            target = {"summary": "contact-summary", "follow_up": "contact-follow-what"}
            return None, first_error(error), target.get(field, "contact-summary")

    def _validate(self) -> bool:
        note, problem, _ = self.build()
        shown = self.query_one("#contact-problem", Static)
        if note is not None:
            shown.update("Ready: F10 saves (or ctrl+s, or tab to Save).")
        else:
            shown.update(problem)
        shown.set_class(note is None and self._tried, "-shout")
        return note is not None

    # --- reacting --------------------------------------------------------------------------------

    @on(ChoiceBar.Changed, "#contact-guardian")
    def _guardian_changed(self, event: ChoiceBar.Changed) -> None:
        if not self._channel_touched and not self.query_one("#contact-channel", ChoiceBar).picked:
            guardian = next((g for g in self.family if g.id == event.value), None)
            if guardian and guardian.preferred_channel:
                channel = self.query_one("#contact-channel", ChoiceBar)
                channel.value = guardian.preferred_channel.value

    @on(ChoiceBar.Changed, "#contact-channel")
    def _channel_changed(self) -> None:
        if self._initial is not None and self._value("contact-channel") != self._initial[2]:
            self._channel_touched = True

    @on(ChoiceBar.Changed)
    @on(Input.Changed)
    @on(DateInput.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self._discard_armed = False
        if self._initial is not None:
            self._check_soon()  # once typing pauses: a long paste stays quick
            self.draft_changed()

    @on(Button.Pressed, "#contact-save-button")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#contact-cancel-button")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    # --- saving ----------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving:
            return
        self._tried = True
        self._check_soon.cancel()
        note, _problem, target = self.build()
        if note is None:
            self._validate()
            widget = self.query_one(f"#{target}")
            widget.focus()
            # the whole field in view, with the sentence under it, once the problem line has
            # taken its height
            self.call_after_refresh(self._show_field, widget)
            return
        self._saving = True
        store = self.desk.store

        def work() -> ContactNote | Exception:
            try:
                return store.contacts.save(note)
            except Exception as error:  # shown below; the form keeps what was typed
                return error

        self.desk.save(self.draft_saved_with(work), then=self._saved)

    def _show_field(self, widget) -> None:
        self.query_one(VerticalScroll).scroll_to_widget(widget, animate=False)

    def _saved(self, note: ContactNote | Exception) -> None:
        self._saving = False
        if isinstance(note, Exception):
            self.reopen_draft()
            from teacherdesk.domain.problems import save_error

            self.app.notify(save_error(note), title="Not saved", severity="error")
            shown = self.query_one("#contact-problem", Static)
            shown.update(f"Not saved: {save_error(note)} Nothing you typed is lost.")
            shown.set_class(True, "-shout")
            return
        verb = "Changed" if self.note else "Saved"
        self.app.notify(f"{verb} the contact with {self.student.display_name}'s family.")
        self.dismiss(note)

    def action_cancel(self) -> None:
        if self.dirty and not self._discard_armed:
            self._discard_armed = True
            shown = self.query_one("#contact-problem", Static)
            shown.update(
                "Press escape again (or the same F-key) to throw away what you typed "
                "(F10 saves it)."
            )
            shown.set_class(True, "-shout")
            return
        self.leave_unsaved()

    def asks_before_leaving(self) -> bool:
        """F2-F7 leaving the form: say once that something is unsaved (True: it just said)."""
        if self.dirty and not self._discard_armed:
            self.action_cancel()
            return True
        return False

    def leave_unsaved(self) -> None:
        self.discard_draft()
        self.dismiss(None)

    def flush_pending_edits(self) -> None:
        """On quit or hang-up: what is typed is kept as a draft, never filed as a contact (a
        half-typed note is not what was said); the next start offers to open or discard it."""
        if not self._saving:
            self.save_draft_now()
