"""The Textual app: modes, global keys, the command palette, saving and noticing changes.

The app is handed its Store, so tests run it on memory or a temp file. Screens load data in
thread workers and save through `app.save(...)`, which queues work on one serial saver thread:
saves are never cancelled or reordered, and are drained on quit and on hang-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import os
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal

from teacherdesk.domain.problems import save_error
from teacherdesk.models import DEFAULT_THEME, Settings
from teacherdesk.store import Store, StoreError
from teacherdesk.ui.held_keys import HoldsKeys
from teacherdesk.ui.palette import PALETTE_PLACEHOLDER, StudentsProvider
from teacherdesk.ui.read_ahead import PATIENCE_SECONDS, TodayReadAhead
from teacherdesk.ui.saver import Saver
from teacherdesk.ui.stylesheet import KeptStylesheet
from teacherdesk.ui.terminal import keeping_early_keys, restore_terminal
from teacherdesk.ui.themes import SIXTEEN_COLOURS, THEMES, few_colours
from teacherdesk.ui.warm import WarmScreens


@dataclass(frozen=True)
class Place:
    """A top-level screen: its mode name, the words in the palette, and its key."""

    mode: str
    title: str
    key: str
    help: str


# Every top-level screen; each also has an entry in MODE_SCREENS below.
PLACES: list[Place] = [
    Place("today", "Today", "f2", "What is due, who has not heard from you, the balance of news"),
    Place("roster", "Roster", "f3", "Every student, their family and when you last talked"),
    Place("contacts", "Contacts", "f4", "Every contact with a family, newest first; filter, edit"),
    Place("conferences", "Conferences", "f5", "Plan, prepare and record family conferences"),
    Place("engagement", "Engagement", "f6", "Open houses, meetings, workshops and volunteers"),
    Place("iep", "IEP", "f7", "IEP students by next deadline: input, interview, draft, meeting"),
]


# mode → (module, Screen class). Each screen's module is imported when the mode is first shown, so
# the app opens without loading every screen first.
MODE_SCREENS: dict[str, tuple[str, str]] = {
    "today": ("teacherdesk.ui.screens.today", "TodayScreen"),
    "roster": ("teacherdesk.ui.screens.roster", "RosterScreen"),
    "contacts": ("teacherdesk.ui.screens.contacts", "ContactsScreen"),
    "conferences": ("teacherdesk.ui.screens.conferences", "ConferencesScreen"),
    "engagement": ("teacherdesk.ui.screens.engagement", "EngagementScreen"),
    "iep": ("teacherdesk.ui.screens.iep", "IEPScreen"),
}


def _lazy_screen(module: str, name: str, title: str = "") -> Callable[[], Screen]:
    def make() -> Screen:
        screen = getattr(importlib.import_module(module), name)()
        screen.sub_title = title  # one rule: the title bar shows the screen's name
        return screen

    return make


def _mode_screens() -> dict[str, Callable[[], Screen]]:
    titles = {place.mode: place.title for place in PLACES}
    return {
        mode: _lazy_screen(*where, titles.get(mode, "")) for mode, where in MODE_SCREENS.items()
    }


class TeacherDesk(HoldsKeys, App[None]):
    # The app's styles (what every screen shares, then screens, forms and dialogs); reusable
    # widgets keep theirs in DEFAULT_CSS.
    CSS_PATH = [
        "styles/app.tcss",
        "styles/screens.tcss",
        "styles/forms.tcss",
        "styles/dialogs.tcss",
    ]
    TITLE = "teacherdesk"
    COMMANDS = App.COMMANDS | {StudentsProvider}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Quit (everything is already saved)"),
        Binding("f1,question_mark", "help", "Help", id="help", tooltip="Keys and how things work"),
        Binding("n", "log_contact", "Note", id="log-contact", tooltip="Log a family contact"),
        # Priority: focus moves while the app reads the key, before the next key is handed to
        # the focused widget. Otherwise keys typed right after tab (a burst over SSH) reach the
        # field being left, because a plain binding runs only after the key bubbles up.
        Binding("tab", "focus_next", "Next field", show=False, priority=True, id="focus-next"),
        Binding(
            "shift+tab",
            "focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="focus-previous",
        ),
    ] + [
        # Priority: F2-F7 work from every dialog and form too (a modal hides plain app keys).
        Binding(
            place.key,
            f"go('{place.mode}')",
            place.title,
            show=False,
            priority=True,
            id=f"go-{place.mode}",
        )
        for place in PLACES
    ]

    def __init__(
        self,
        store: Store,
        *,
        start: str = "today",
        today: dt.date | None = None,
        watch_file: bool = True,
        interview_student: str | None = None,
        typed_early: bytes = b"",
        shell_terminal: list[Any] | None = None,
        today_ahead: TodayReadAhead | None = None,
        warm_up: bool = False,
    ) -> None:
        """`typed_early` and `shell_terminal`: the keys typed before the command line held the
        terminal for the app, and the terminal as the shell had it (cli/typeahead.py).
        `today_ahead`: Today's view being read on another core meanwhile (ui/read_ahead).
        `warm_up`: once Today shows, the Roster's and Contacts' first reads are done (ui/warm)."""
        self.store = store
        self.today_ahead = today_ahead
        self._store_opening = False
        self.warm = WarmScreens() if warm_up else None
        self._warm_wanted = False
        self._interview_student = interview_student  # `teacherdesk interview STUDENT`
        self._fixed_today = today
        self._watch_file = watch_file and store.path is not None
        self._seen_generation = store.generation
        self.saver = Saver()
        self.open_problem: Exception | None = None  # the data file could not be read
        self.init_held_keys()
        self.keymap: dict[str, str] = {}  # keys remapped in settings (help shows them)
        # From settings, for every date field: how 3/12 reads, and the days school is closed.
        self.date_order = ""
        self.holidays: frozenset[dt.date] = frozenset()
        self.MODES = _mode_screens()
        self.DEFAULT_MODE = start if start in self.MODES else "roster"
        driver = None
        if shell_terminal is not None:
            driver = keeping_early_keys(typed_early, shell_terminal)
        super().__init__(driver_class=driver)
        # The usual theme before the first parse of the styles, and a stylesheet that keeps its
        # parsed rules while the theme stays: otherwise every rule is parsed again from scratch
        # once for the theme set in on_mount and twice for each screen shown for the first time.
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = SIXTEEN_COLOURS if few_colours(os.environ) else DEFAULT_THEME
        self.stylesheet = KeptStylesheet(variables=self.get_css_variables())
        # Published after every save and every change by another process; each screen follows it
        # (ui/screens/base.py), in every mode, not only the one on view.
        self.data_changed_signal: Signal[None] = Signal(self, "data-changed")

    # --- clock ---------------------------------------------------------------------------------

    def today(self) -> dt.date:
        """Today's date (fixed in tests and snapshots)."""
        return self._fixed_today or dt.date.today()

    # --- lifecycle -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self._usual_theme()  # tests and snapshots: one theme in any terminal
        self.sub_title = ""  # each screen shows its own name; the data file is in help (f1)
        # At once, not queued behind the key being handled: the new screen's first frame has its
        # title (setting it later repainted the whole screen once more).
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        self._install_hangup_handler()
        if self.store.is_open:
            self._store_opened()
        elif self.today_ahead is not None:
            # Today asks once its read-ahead view is drawn (reading the file here holds Python's
            # lock for a while and would hold that drawing back); at the latest after this.
            self.set_timer(PATIENCE_SECONDS, self.open_store)
        else:  # the first frame shows while the file is read
            self.open_store()

    def open_store(self) -> None:
        """Read the data file in a thread (once); screens waiting for it load when it is read."""
        if not self._store_opening:
            self._store_opening = True
            self._open_store()

    @work(thread=True, exclusive=True, group="open-store")
    def _open_store(self) -> None:
        try:
            self.store.finish_opening()
        except Exception as error:  # said by the command line once the terminal is back
            self.open_problem = error
            self.call_from_thread(self.exit, return_code=1)
            return
        self.call_from_thread(self._store_opened, later=True)

    def _store_opened(self, *, later: bool = False) -> None:
        # The parsed data file is millions of long-lived objects: keep the cyclic garbage collector
        # from walking them all in a full collection, which paused the screen for 100-200 ms.
        gc.freeze()
        self._seen_generation = self.store.generation
        self._load_settings()
        if self._watch_file:
            self.set_interval(2.0, self._check_file)
        self.set_timer(3.0, self._say_what_was_skipped)
        if later:  # screens that waited for the data load it now
            self.broadcast_data_changed()
        if self._warm_wanted:
            self.call_after_refresh(self._warm_up)
        if self._interview_student:
            self.call_after_refresh(self._open_interview, self._interview_student)
        else:
            self.call_after_refresh(self._offer_drafts)

    def warm_up_soon(self) -> None:
        """Today has shown its data: read the other screens' first data ahead (ui/warm)."""
        if self.warm is None or self._warm_wanted:
            return
        self._warm_wanted = True
        if self.store.is_open:
            self._warm_up()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        if self.warm is not None:
            self.warm.build(self.store, self.today())

    def warm_value(self, name: str) -> Any | None:
        """A screen's first data read ahead, if still true (call it from the screen's thread)."""
        return self.warm.take(name, self.store, self.today()) if self.warm is not None else None

    def _offer_drafts(self) -> None:
        """Forms cut off last time (hang-up, SIGTERM, crash): "1 unfinished note for …"."""
        from teacherdesk.ui.dialogs.drafts import offer_drafts

        offer_drafts(self)

    def _say_what_was_skipped(self) -> None:
        """Damaged records the screens left out are said once, never hidden (`check` names them)."""
        from teacherdesk.store.check import skipped_sentences

        for sentence in skipped_sentences(self.store):
            self.notify(sentence, title="Damaged records", severity="warning", timeout=15)

    # --- settings: theme and keys --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="settings")
    def _load_settings(self) -> None:
        try:
            settings = self.store.settings.load()
        except StoreError:
            return  # the file watcher says what is wrong with the file; keep the defaults
        self.call_from_thread(self.apply_settings, settings)

    def action_command_palette(self) -> None:
        """The palette, saying what it finds: screens, students and families."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder=PALETTE_PLACEHOLDER, id="--command-palette")
            )

    def _usual_theme(self) -> str:
        """The default theme, or the terminal's own colours in a 16-colour terminal."""
        if self.is_headless:  # tests and snapshots: one theme everywhere
            return DEFAULT_THEME
        return SIXTEEN_COLOURS if few_colours(os.environ) else DEFAULT_THEME

    def apply_settings(self, settings: Settings | None) -> None:
        """Use the theme and remapped keys from settings (None: nothing was saved).

        A theme Textual does not know keeps the current one; keys for ids no screen has are
        ignored; a keymap Textual refuses is reported once and the usual keys stay.
        """
        if settings is None:
            return
        self.date_order = settings.date_order
        self.holidays = frozenset(settings.holidays)
        wanted = settings.theme if settings.theme != DEFAULT_THEME else self._usual_theme()
        if wanted in self.available_themes and wanted != self.theme:
            self.theme = wanted
        if settings.keymap == self.keymap:
            return  # nothing to refresh (the footer and bindings stay as they are)
        try:
            self.set_keymap(settings.keymap)
            self.keymap = dict(settings.keymap)
        except Exception:  # a hand-edited file must never stop the app
            self.set_keymap({})
            self.keymap = {}
            self.notify("The keys in settings could not be used; the usual keys work.")

    def _open_interview(self, student_id: str) -> None:
        from teacherdesk.ui.screens.interview import InterviewScreen

        self.push_screen(InterviewScreen(student_id, standalone=True))

    def on_unmount(self) -> None:
        gc.unfreeze()  # hand the objects back to the collector (tests run many apps in one process)

    def _install_hangup_handler(self) -> None:
        """A dropped SSH session sends SIGHUP, which Textual does not catch: finish saving first."""
        if os.name != "posix":
            return

        def on_hangup(signum: int, _frame: Any) -> None:
            self._hanging_up = True  # the loop is stopped here: saves must not wait for it
            try:
                self.flush_pending_edits()
                self.saver.drain(timeout=10)
            finally:
                restore_terminal(self._driver)
                os._exit(128 + signum)

        try:
            signal.signal(signal.SIGHUP, on_hangup)
            signal.signal(signal.SIGTERM, on_hangup)
        except ValueError:  # not the main thread (some test runners)
            pass

    def all_screens(self) -> list[Screen]:
        """The screens of every mode opened so far (the mode on view last)."""
        screens: list[Screen] = []
        for mode in self.MODES:
            if mode != self.current_mode:
                with contextlib.suppress(KeyError):  # a mode not opened yet
                    screens += self.get_screen_stack(mode)
        return screens + self.screen_stack

    def flush_pending_edits(self) -> None:
        """Ask every screen to queue what is typed but not yet saved (debounced fields)."""
        for screen in self.all_screens():
            flush = getattr(screen, "flush_pending_edits", None)
            if flush is not None:
                flush()

    async def action_quit(self) -> None:
        self.flush_pending_edits()
        self._drain_and_exit()

    @work(thread=True, group="quit")
    def _drain_and_exit(self) -> None:
        self.saver.close(timeout=30)
        self.call_from_thread(self.exit)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications name students and guardians: never markup (a name like `[/]` crashed)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # --- saving --------------------------------------------------------------------------------

    def save(
        self,
        work: Callable[[], Any],
        *,
        then: Callable[[Any], None] | None = None,
        quiet: bool = False,
        records: bool = True,
    ) -> None:
        """Queue a save; `then(result)` runs on the event loop when it is on disk.

        `records=False`: only a draft changed, which no screen shows: nothing reloads.
        """

        def done(result: Any, error: BaseException | None) -> None:
            if getattr(self, "_hanging_up", False):
                return  # on disk; the event loop is blocked in the hang-up handler
            # RuntimeError: the app has already closed; the save itself is on disk.
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(self._saved, result, error, then, records)

        self.saver.submit(work, done)

    def _saved(self, result: Any, error: BaseException | None, then, records: bool) -> None:
        if error is not None:
            self.notify(save_error(error), title="Not saved", severity="error", timeout=10)
            return
        if then is not None:
            then(result)
        self._seen_generation = self.store.generation
        if records:
            self.broadcast_data_changed()

    def broadcast_data_changed(self) -> None:
        """Saved data changed: every screen that shows it reloads (now, or when next shown)."""
        if self.warm is not None:
            self.warm.forget()
        self.data_changed_signal.publish(None)

    # --- other processes -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch-file")
    def _check_file(self) -> None:
        try:
            changed = self.store.refresh()
        except StoreError as error:
            self.call_from_thread(
                self.notify, f"The data file cannot be read now: {error}.", severity="error"
            )
            return
        if changed and self.store.generation != self._seen_generation:
            gc.freeze()  # the freshly parsed file is long-lived too (see on_mount)
            self._seen_generation = self.store.generation
            self.call_from_thread(self.broadcast_data_changed)

    # --- navigation ----------------------------------------------------------------------------

    def action_go(self, mode: str) -> None:
        """F2-F7: the named screen's own top. What is open above it closes; a form with
        unsaved text asks first (the same key again leaves it, as escape does)."""
        if mode not in self.MODES or not self._close_open_screens():
            return
        if mode != self.current_mode:
            self.switch_mode(mode)
            self._close_open_screens()  # left open in that mode some other way (a palette jump)

    def delay_update(self, delay: float = 0.05) -> None:
        """Nothing: Textual calls this to switch modes (F2-F7) and when the command palette runs
        a command; it held every repaint for 50 ms and then repainted the whole screen, so F3
        showed nothing for 50 ms and drew the roster twice. A screen is drawn once it has
        composed, as a pushed one is."""

    def _close_open_screens(self) -> bool:
        """Close every screen above the mode's own, top first; False when a form asked first."""
        while len(self.screen_stack) > 1:
            top = self.screen
            asks = getattr(top, "asks_before_leaving", None)
            if asks is not None:
                if asks():
                    return False
                top.leave_unsaved()  # dismisses it; a draft it kept goes too
                continue
            flush = getattr(top, "flush_pending_edits", None)
            if flush is not None:
                flush()  # forms that save as you type (IEP record, interview) save first
            self.pop_screen()
        return True

    # --- where you are -------------------------------------------------------------------------

    def breadcrumb(self) -> str:
        """'Roster › Priya Copperkettle › New contact': each open screen's part, bottom first.
        A form about a student names the student unless the screen below already does."""
        parts: list[str] = []
        for screen in self.screen_stack:
            student = getattr(screen, "student", None)
            name = getattr(student, "display_name", None)
            own = screen.sub_title if isinstance(screen.sub_title, str) else ""
            for part in (name, own):
                if isinstance(part, str) and part and (not parts or parts[-1] != part):
                    parts.append(part)
        return " › ".join(parts)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The title bar: the app's name, then where you are (never a stale screen's name)."""
        where = self.breadcrumb()
        if not where:
            return Content(title)
        return Content.assemble(Content(title), (" — ", "dim"), Content(where).stylize("dim"))

    def _screen_changed(self, _screen: Screen) -> None:
        # Every Header watches the app's sub_title: changing it repaints them with the new trail.
        self.sub_title = self.breadcrumb()

    def action_help(self) -> None:
        from teacherdesk.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(PLACES, underneath=self.screen, keymap=self.keymap))

    def action_export_packet(self) -> None:
        """Preview and save the IEP team packet: the student on screen, else ask which."""
        from teacherdesk.ui.screens.packet_preview import open_packet

        open_packet(self)

    def action_conference_recap(self) -> None:
        """A recap of the conference on screen, written for the family, to preview and save."""
        from teacherdesk.ui.screens.packet_preview import open_recap

        open_recap(self)

    def open_student(self, student_id: str) -> None:
        """Push the student's screen on top of the current mode (escape goes back)."""
        from teacherdesk.ui.screens.student import StudentScreen

        if isinstance(self.screen, StudentScreen) and self.screen.student_id == student_id:
            return
        self.push_screen(StudentScreen(student_id))

    def action_log_contact(self, student_id: str | None = None) -> None:
        """Log a contact: for the student on screen, else ask which student."""
        from teacherdesk.ui.forms.contact_form import open_contact_form, student_in_view

        open_contact_form(self, student_id or student_in_view(self.screen))

    def action_settings(self) -> None:
        from teacherdesk.ui.forms.settings import SettingsScreen

        self.push_screen(SettingsScreen(), self.apply_settings)

    def action_follow_ups(self) -> None:
        from teacherdesk.ui.screens.followups import FollowUpsScreen

        self.push_screen(FollowUpsScreen())

    def action_import_roster(self) -> None:
        from teacherdesk.ui.screens.import_roster import ImportRosterScreen

        self.push_screen(ImportRosterScreen())

    def _handoff(self) -> None:
        from teacherdesk.ui.screens.handoff_review import HandoffReview

        self.push_screen(HandoffReview())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for place in PLACES:
            if place.mode in self.MODES:
                yield SystemCommand(place.title, place.help, lambda m=place.mode: self.action_go(m))
        yield SystemCommand("Log a contact", "A call, message or meeting", self.action_log_contact)
        yield SystemCommand("Follow-ups", "Every follow-up and action", self.action_follow_ups)
        yield SystemCommand("Settings", "Teacher, school, term dates, days", self.action_settings)
        yield SystemCommand("Import a roster", "SIS CSV or OneRoster", self.action_import_roster)
        yield SystemCommand("Export IEP packet", "Preview and save", self.action_export_packet)
        yield SystemCommand(
            "Hand-off cards", "Review what works with each family, then save", self._handoff
        )
        yield SystemCommand("Help", "Keys and how things work", self.action_help)
        yield SystemCommand("Quit", "Quit teacherdesk (everything is saved)", self.action_quit)
