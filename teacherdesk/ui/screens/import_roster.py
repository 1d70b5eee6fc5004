"""Import a roster from inside the app: type a path, see the preview, confirm with `y`.

Reading and comparing run in a thread worker (with a progress bar for big files); the import
itself goes through `app.save`, so it is one transaction on the serial saver and every screen
(the roster underneath) reloads when it is done. Escape leaves without importing.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, ProgressBar, Static

from teacherdesk.importing import (
    ImportedRoster,
    ImportPlan,
    NotARoster,
    apply_import,
    plan_import,
    read_roster,
    report,
)
from teacherdesk.store import StoreError
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.footer import DeskFooter

HINT = (
    "A SIS export (.csv), or a OneRoster folder or .zip; ~ means your home folder. "
    "Enter shows what would change; nothing is saved until you press y."
)


class ImportRosterScreen(DeskScreen[None]):
    SUB_TITLE = "Import a roster"  # the title bar shows the screen's name
    BINDINGS = [
        Binding("escape", "close", "Back", id="import-close", tooltip="Back to the roster"),
        Binding(
            "y", "confirm", "Import", id="import-confirm", tooltip="Import what the preview shows"
        ),
        Binding(
            "enter",
            "confirm",
            "Import",
            show=False,
            id="import-confirm-enter",
            tooltip="Import what the preview shows",
        ),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self._initial_path = path
        self.plan: ImportPlan | None = None  # the preview on screen, until imported
        self.working = False
        self._asked = 0  # bumps with every preview asked for, so a stale one is dropped

    def compose(self) -> ComposeResult:
        yield Static("Import a roster", id="import-title", markup=False)
        yield Input(
            self._initial_path,
            placeholder="Path to a SIS CSV export or a OneRoster folder or .zip",
            id="import-path",
        )
        yield Static(HINT, id="import-hint", markup=False)
        yield ProgressBar(id="import-progress", show_eta=False)
        yield Static("", id="import-status", markup=False)
        with VerticalScroll(id="import-preview", can_focus=True):
            yield Static("", id="import-preview-text", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    # --- preview -----------------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._say("Type the path of the file or folder to import.", bad=True)
            return
        if self.working:
            return
        self.plan = None
        self._asked += 1
        self._busy(True)
        self._say("Reading the file…")
        self.query_one("#import-preview-text", Static).update("")
        self.preview(text, self._asked)

    @on(Input.Changed, "#import-path")
    def _path_changed(self) -> None:
        if self.plan is not None and not self.working:
            self.plan = None
            self._say("The path changed: press enter for a new preview.")
            self.refresh_bindings()

    @work(thread=True, exclusive=True, group="import-preview")
    def preview(self, text: str, asked: int) -> None:
        path = str(Path(text).expanduser())
        try:
            roster = read_roster(path, self._progress_from_thread)
            plan = plan_import(self.desk.store, roster, self._progress_from_thread)
        except NotARoster as error:
            self.app.call_from_thread(self._failed, f"{error}.", asked)
            return
        except StoreError as error:
            self.app.call_from_thread(
                self._failed, f"The data file cannot be read: {error}.", asked
            )
            return
        except OSError as error:
            self.app.call_from_thread(
                self._failed, f"{path} cannot be read: {error.strerror or error}.", asked
            )
            return
        self.app.call_from_thread(self._show_plan, plan, asked)

    def _progress_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)

    def _failed(self, message: str, asked: int) -> None:
        if asked != self._asked:
            return
        self._busy(False)
        self._say(message, bad=True)
        self.query_one("#import-path", Input).focus()

    def _show_plan(self, plan: ImportPlan, asked: int) -> None:
        if asked != self._asked:
            return
        self._busy(False)
        self.query_one("#import-preview-text", Static).update(report(plan, "Preview of"))
        if plan.changes_anything:
            self.plan = plan
            self._say("Press y to import this, or escape to leave without importing.")
            self.query_one("#import-preview").focus()
        else:
            self._say("Nothing to import: the roster already has everything in this file.")
        self.refresh_bindings()

    # --- import ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return self.plan is not None and not self.working
        return True

    def action_confirm(self) -> None:
        if self.plan is None or self.working:
            return
        roster: ImportedRoster = self.plan.roster
        store = self.desk.store
        self._busy(True)
        self._say("Importing…")

        def work() -> tuple[ImportPlan | None, str]:
            try:
                return apply_import(store, roster, self._progress_from_thread), ""
            except NotARoster as error:  # a contacts export whose students were removed since
                return None, f"Nothing was imported: {error}."
            except (StoreError, OSError) as error:
                return None, f"Nothing was imported: {error}."

        self.desk.save(work, then=self._imported)

    def _imported(self, result: tuple[ImportPlan | None, str]) -> None:
        plan, problem = result
        self._busy(False)
        self.plan = None
        self.refresh_bindings()
        if plan is None:
            self._say(problem, bad=True)
            return
        self.query_one("#import-preview-text", Static).update(report(plan, "Imported"))
        summary = (
            f"Imported: {plan.added} added, {plan.updated} updated, {plan.unchanged} unchanged, "
            f"{len(plan.skipped)} skipped."
        )
        self._say(summary + " Escape goes back to the roster.")
        self.notify(summary, title="Roster import")

    # --- helpers -----------------------------------------------------------------------------

    def _busy(self, working: bool) -> None:
        self.working = working
        bar = self.query_one("#import-progress", ProgressBar)
        bar.set_class(working, "-working")
        if working:
            bar.update(total=None, progress=0)
        self.refresh_bindings()

    def _say(self, message: str, *, bad: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(message)
        status.set_class(bad, "-bad")

    def action_close(self) -> None:
        self.dismiss(None)
