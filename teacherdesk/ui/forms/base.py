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

from collections.abc import Callable
from time import monotonic
from typing import Any, Generic, TypeVar

from textual import on
from textual.binding import Binding
from textual.widgets import Button, Input, Select, TextArea

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


class TypingPause:
    """Seconds of no typing before a form acts, read when a key arrives: one place, so tests set
    them to 0 (act at once) or an hour (never on its own) and never wait on a clock."""

    check: float = 0.15  # re-check what is typed
    save: float = 0.5  # save a draft, or a form that saves as you type


class _Soon:
    """The stand-in timer when there is no pause (tests): stopping it makes its run a no-op."""

    def stop(self) -> None:
        pass


class Debounce:
    """Run `callback` once typing has paused (cheap to call on every key).

    A form that re-checks everything it holds on every keystroke costs the square of the length
    of a long paste (100 kB arriving as single keys over SSH froze the app for minutes). One
    timer is kept; a keystroke only notes the time, and the timer waits again if it was early.
    """

    def __init__(self, owner: Any, callback: Callable[[], Any], pause: str = "check"):
        self._owner = owner
        self._callback = callback
        self._pause = pause  # which TypingPause: "check" or "save"
        self._timer: Any = None
        self._last = 0.0

    @property
    def _delay(self) -> float:
        return getattr(TypingPause, self._pause)

    def __call__(self) -> None:
        self._last = monotonic()
        if self._timer is None:
            self._start(self._delay)

    def _start(self, delay: float) -> None:
        if delay > 0:
            self._timer = self._owner.set_timer(delay, self._fire)
        else:  # no pause: once the messages already queued are handled (a timer cannot be 0)
            soon = self._timer = _Soon()
            self._owner.call_later(lambda: self._timer is soon and self._fire())

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def _fire(self) -> None:
        self._timer = None
        wait = self._last + self._delay - monotonic()
        if wait > 0.01:
            self._start(wait)
        elif self._owner.is_attached:
            self._callback()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> None:
        """Run now if a run is waiting (typing has paused, as far as the caller knows)."""
        if self._timer is not None:
            self.cancel()
            if self._owner.is_attached:
                self._callback()


def compact_date_inputs(screen) -> None:
    """DateInput composes a bordered Input; in these forms it is one line like the others."""
    for date_input in screen.query(DateInput):
        date_input.query_one(Input).compact = True


class FormScreen(DeskScreen[RecordT], Generic[RecordT]):
    """F10/ctrl+s saves, escape leaves (asking once if unsaved), quitting saves what is complete.

    Dismisses with the saved record, or None when left without saving.
    """

    BINDINGS = [SAVE_BINDING, CLOSE_BINDING]
    unsaved_words = "This form"  # "This plan is not saved: F10 saves it, …"

    def __init__(self) -> None:
        super().__init__()
        self._dirty = False
        self._warned = False
        self._ready = False  # changes posted while mounting are not the teacher's

    # --- what a form says --------------------------------------------------------------------

    def build(self) -> RecordT | str:
        """The record as typed, or one sentence saying what is wrong."""
        raise NotImplementedError

    def save_work(self, record: RecordT) -> Callable[[], Any]:
        """What the saver thread runs to store `record` (returns the saved record)."""
        raise NotImplementedError

    def saved_words(self, saved: RecordT) -> str:
        return "Saved."

    # --- tracking changes --------------------------------------------------------------------

    def on_mount(self) -> None:
        """Runs after the form's own on_mount (Textual calls the handler of every class)."""
        compact_date_inputs(self)
        self.call_after_refresh(self._set_ready)

    def _set_ready(self) -> None:
        self._ready = True

    def mark_changed(self, *, always: bool = False) -> None:
        if self._ready or always:
            self._dirty, self._warned = True, False

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
        self._dirty = False

        def done(saved: RecordT) -> None:
            self.app.notify(self.saved_words(saved), title="Saved", timeout=3)
            self.dismiss(saved)

        self.desk.save(self.save_work(built), then=done)

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
                "escape again leaves without saving.",
                bad=True,
            )
            return
        self.dismiss(None)

    def flush_pending_edits(self) -> None:
        """Quitting or hanging up with something complete but unsaved: save it quietly."""
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
