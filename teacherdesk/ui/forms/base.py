"""The one base every form shares, and the compact layout of the full-screen forms.

The key rule of every form in teacherdesk (also in the help guide):

- F10 or ctrl+s saves (the footer shows "F10 Save");
- escape leaves; if something typed is not saved yet it asks once first;
- tab / shift+tab move between fields.

`FormScreen` holds that behaviour. A form says what it saves: `build()` turns what is typed
into a record (or one sentence saying what is wrong), `save_work(record)` is the function the
app's saver thread runs, `saved_words(saved)` is the "Saved" notice. The form marks itself
changed with `mark_changed()` (changes posted while it mounts are ignored). Buttons with the
classes `-save` and `-back` do what F10 and escape do; typing in a widget with the class
`-not-saved` (a filter box) changes nothing to save.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from textual import on
from textual.binding import Binding
from textual.widgets import Button, Input, Select, TextArea

from teacherdesk.models import Draft
from teacherdesk.ui.forms.drafts import KeepsDraft
from teacherdesk.ui.forms.typing import Debounce as Debounce  # re-exported: forms and tests
from teacherdesk.ui.forms.typing import TypingPause as TypingPause
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.date_input import DateInput

SAVE_BINDING = Binding(
    "f10,ctrl+s",
    "save",
    "Save",
    id="form-save",
    tooltip="Save this form (F10 or ctrl+s; the Save button does the same)",
    priority=True,
)
CLOSE_BINDING = Binding(
    "escape", "close", "Back", id="form-back", tooltip="Back (asks once if something is unsaved)"
)

RecordT = TypeVar("RecordT")


def compact_date_inputs(screen) -> None:
    """DateInput composes a bordered Input; in these forms it is one line like the others."""
    for date_input in screen.query(DateInput):
        date_input.query_one(Input).compact = True


class FormScreen(KeepsDraft, DeskScreen[RecordT], Generic[RecordT]):
    """F10/ctrl+s saves, escape leaves (asking once if unsaved). A form with a `draft_kind`
    keeps what is typed as a draft until saved (ui/forms/drafts.py); one without saves what
    is complete when the app quits or hangs up.

    Dismisses with the saved record, or None when left without saving.
    """

    BINDINGS = [SAVE_BINDING, CLOSE_BINDING]
    unsaved_words = "This form"  # "This plan is not saved: F10 saves it, …"

    def __init__(self, draft: Draft | None = None) -> None:
        super().__init__()
        self._dirty = False
        self._warned = False
        self._ready = False  # changes posted while mounting are not the teacher's
        self.init_draft(draft)

    def draft_worth_keeping(self) -> bool:
        return self._dirty

    def draft_subject(self) -> tuple[str | None, str | None, str]:
        student = getattr(self, "student", None)
        return (student.id if student is not None else None), None, ""

    # --- what a form says --------------------------------------------------------------------

    @abstractmethod  # every subclass provides it
    def build(self) -> RecordT | str:
        """The record as typed, or one sentence saying what is wrong."""
        raise NotImplementedError

    @abstractmethod  # every subclass provides it
    def save_work(self, record: RecordT) -> Callable[[], Any]:
        """What the saver thread runs to store `record` (returns the saved record)."""
        raise NotImplementedError

    def saved_words(self, saved: RecordT) -> str:
        return "Saved."

    def save_questions(self, record: RecordT) -> list[str]:
        """What to ask before saving `record` (a plan dated in the past); empty: save at once."""
        return []

    # --- tracking changes --------------------------------------------------------------------

    def on_mount(self) -> None:
        """Runs after the form's own on_mount (Textual calls the handler of every class)."""
        compact_date_inputs(self)
        if self.resumed_draft is not None:
            self.restore_draft(self.resumed_draft.fields)
            self.mark_changed(always=True)  # the draft is not saved as a record
            self.say("Draft restored: F10 saves it, escape twice throws it away.")
        self.call_after_refresh(self._set_ready)

    def _set_ready(self) -> None:
        self._ready = True

    def mark_changed(self, *, always: bool = False) -> None:
        if self._ready or always:
            self._dirty, self._warned = True, False
            if self.draft_kind:
                self.draft_changed()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(DateInput.Changed)
    def _form_changed(self, event) -> None:
        if not event.control.has_class("-not-saved"):  # e.g. a filter box
            self.mark_changed()

    # --- saving and leaving ------------------------------------------------------------------

    def say(self, text: str, *, bad: bool = False) -> None:
        """One sentence in the form's own status line, just above the footer.

        Not a notification: at 80×24 stacked notifications cover the fields being fixed.
        """
        from textual.widgets import Footer, Static

        try:
            line = self.query_one(".form-status", Static)
        except Exception:  # the first message: the line appears above the footer
            line = Static("", classes="form-status", markup=False)
            footers = self.query(Footer)
            if footers:
                self.mount(line, before=footers.first())
            else:
                self.notify(text, severity="error" if bad else "warning", timeout=4)
                return
        line.update(text)
        line.set_class(bad, "-bad")

    def action_save(self) -> None:
        built = self.build()
        if isinstance(built, str):
            self.say(f"Not saved yet: {built}", bad=True)
            return
        if questions := self.save_questions(built):
            from teacherdesk.ui.dialogs.questions import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self._save_record(built)
                else:
                    self.say("Not saved: change the date, then F10.", bad=True)

            self.app.push_screen(ConfirmScreen(questions[0], yes="Save"), answered)
            return
        self._save_record(built)

    def _save_record(self, built: RecordT) -> None:
        self._dirty = False

        def done(saved: RecordT) -> None:
            self.app.notify(self.saved_words(saved), title="Saved", timeout=3)
            self.dismiss(saved)

        work = self.save_work(built)
        self.desk.save(self.draft_saved_with(work) if self.draft_kind else work, then=done)

    @on(Button.Pressed, ".-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, ".-back")
    def _back_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        if self._dirty and not self._warned:
            self._warned = True
            self.say(
                f"{self.unsaved_words} is not saved: F10 saves it, "
                "escape again leaves without saving (or the same F-key again).",
                bad=True,
            )
            return
        self.leave_unsaved()

    def asks_before_leaving(self) -> bool:
        """F2-F7 leaving this form: say once that something is unsaved (True: it just said)."""
        if self._dirty and not self._warned:
            self.action_close()
            return True
        return False

    def leave_unsaved(self) -> None:
        if self.draft_kind:
            self.discard_draft()
        self.dismiss(None)

    def flush_pending_edits(self) -> None:
        """Quitting or hanging up with something unsaved: keep it as a draft (a form that keeps
        drafts), or save it quietly if it is complete."""
        if self.draft_kind:
            self.save_draft_now()
            return
        if not self._dirty:
            return
        built = self.build()
        if not isinstance(built, str):
            self._dirty = False
            self.desk.save(self.save_work(built), quiet=True)


class AutosaveForm(DeskScreen):
    """A form that saves by itself a moment after typing stops (the IEP record, Parental input).

    The same keys as every form: F10/ctrl+s saves at once, escape leaves (saving first, so it
    never needs to ask). The subclass has `_dirty`, `_save()` and `_status(text)`.
    """

    BINDINGS = [
        SAVE_BINDING,
        Binding("escape", "leave", "Back", id="autosave-back", tooltip="Back (all is saved)"),
    ]

    def action_save(self) -> None:
        if self._dirty:
            self._save()
        else:
            self._status("Everything here is saved.")

    def action_leave(self) -> None:
        self._save()
        self.app.pop_screen()

    def flush_pending_edits(self) -> None:
        self._save()
