"""Acting once typing pauses: one timer per form, its pause read from `TypingPause`."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any


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
