"""The base of teacherdesk's screens: the app, typed, and keeping up with saved data.

`self.desk` is the running `TeacherDesk` (its store, `save`, `today()`, `open_student`), so no
screen needs `getattr` or a `type: ignore` to reach them.

Every save (here, or by another teacherdesk on the same file) is published on the app's
`data_changed_signal`. A screen in the mode on view gets a `DataChanged` message at once, as
before; a screen in another mode only notes that it is out of date and reloads when it is shown
again (F4 after saving on the Roster), so hidden screens cost nothing while the teacher works.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual import events, on
from textual.screen import ModalScreen, Screen

from teacherdesk.ui.messages import DataChanged

if TYPE_CHECKING:
    from teacherdesk.ui.app import TeacherDesk

ResultT = TypeVar("ResultT")


class DeskScreen(Screen[ResultT], Generic[ResultT]):
    """A screen of the teacherdesk app; `on_data_changed` runs whenever saved data changed.

    Keys typed before the screen is ready for them (mounted, its first field focused) are held
    by the app and handed over once it is (`ready_for_keys`). A screen that focuses its first
    field only after loading sets `holds_keys_until_loaded` and calls `ready_for_keys()` then.
    """

    _stale = False  # data changed while this screen was in a mode not on view
    keys_ready = False
    holds_keys_until_loaded = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A new screen counts as styled with the stylesheet of now: its widgets get their styles
        # as they mount. Textual's -1 made it restyle every node of the app, twice, the first
        # time a mode was shown (F3, F4); a theme changed later still restyles it.
        with contextlib.suppress(Exception):  # no running app (a screen built in a unit test)
            self._css_update_count = self.app._css_update_count
        self._suspended_once = False

    # (Textual calls these handlers for each class in the MRO: Screen's run after ours.)
    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every node on each resume; a screen never yet covered was styled
        # as it mounted (a mode's first showing resumes it twice: ~50 ms each on Contacts).
        if not self._suspended_once:
            event.refresh_styles = False

    def _on_screen_suspend(self) -> None:
        self._suspended_once = True

    @property
    def desk(self) -> TeacherDesk:
        """The running app (typed; `self.app` is any Textual app)."""
        return cast("TeacherDesk", self.app)

    @on(events.Mount)
    def _ready_after_first_frame(self) -> None:
        if not self.holds_keys_until_loaded:
            # After the first frame, and behind the focus its on_mount asked for (focus() is
            # queued on the app): a key handed over earlier would reach the wrong field.
            self.call_after_refresh(self.app.call_later, self.ready_for_keys)

    def ready_for_keys(self) -> None:
        """The first field has focus: keys held while this screen was opening go to it now."""
        if not self.keys_ready:
            self.keys_ready = True
            release = getattr(self.app, "release_held_keys", None)  # None in a bare test app
            if release is not None:
                release()

    @on(events.Mount)
    def _follow_data_changes(self) -> None:
        signal = getattr(self.app, "data_changed_signal", None)  # None in a bare test app
        if signal is not None:
            signal.subscribe(self, self._data_changed, immediate=True)

    def _data_changed(self, _data: None) -> None:
        if self in self.app.screen_stack:
            self.post_message(DataChanged())
        else:
            self._stale = True

    @on(events.ScreenResume)
    def _catch_up(self) -> None:
        if self._stale:
            self._stale = False
            self.post_message(DataChanged())


class DeskModal(DeskScreen[ResultT], ModalScreen[ResultT], Generic[ResultT]):
    """A dialog over another screen, with the same `desk` and change handling."""
