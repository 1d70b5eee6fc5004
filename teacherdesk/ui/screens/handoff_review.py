"""Review the hand-off cards one by one before they are written: `enter` keeps a card, `x`
leaves it out, then the kept ones are saved (0600) and the access log notes it. From the command
palette: "Hand-off cards"."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from teacherdesk.exports.handoff import HandoffCard, cards, handoff_markdown
from teacherdesk.exports.packet import default_author
from teacherdesk.store.access_log import record
from teacherdesk.store.files import write_private_text
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.screens.document_preview import SavePrompt, format_for_path, save_folder
from teacherdesk.ui.widgets.footer import DeskFooter


class HandoffReview(DeskScreen):
    BINDINGS = [
        Binding("enter", "keep", "Keep", id="handoff-keep", tooltip="Keep this card"),
        Binding("x", "leave_out", "Leave out", id="handoff-leave", tooltip="Leave it out"),
        Binding("escape", "back", "Back", id="handoff-back", tooltip="Stop; write nothing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[HandoffCard] = []
        self.kept: list[HandoffCard] = []
        self.position = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the cards…", id="handoff-progress", markup=False)
        with VerticalScroll():
            yield Static("", id="handoff-card", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.sub_title = "Hand-off cards for next year's teacher"
        self.load()

    @work(thread=True, exclusive=True, group="handoff-load")
    def load(self) -> None:
        store = self.desk.store
        students = sorted(store.students.active(), key=lambda s: (s.last_name, s.first_name))
        found = cards(store, students)
        self.app.call_from_thread(self._loaded, found)

    def _loaded(self, found: list[HandoffCard]) -> None:
        self.cards, self.kept, self.position = found, [], 0
        self._show()

    def _show(self) -> None:
        progress = self.query_one("#handoff-progress", Static)
        card = self.query_one("#handoff-card", Static)
        if not self.cards:
            progress.update("No students on the roster: no cards to hand off.")
            return
        if self.position >= len(self.cards):
            progress.update(f"{len(self.kept)} of {len(self.cards)} card(s) kept.")
            card.update("")
            self._ask_where()
            return
        progress.update(
            f"Card {self.position + 1} of {len(self.cards)} · enter: keep · x: leave out · "
            "escape: stop"
        )
        card.update(self.cards[self.position].markdown)

    def action_keep(self) -> None:
        if self.position < len(self.cards):
            self.kept.append(self.cards[self.position])
            self.position += 1
            self._show()

    def action_leave_out(self) -> None:
        if self.position < len(self.cards):
            self.position += 1
            self._show()

    def action_back(self) -> None:
        self.dismiss()

    def _ask_where(self) -> None:
        if not self.kept:
            self.notify("Every card was left out: nothing written.", timeout=6)
            self.dismiss()
            return

        def chosen(path: Path | None) -> None:
            if path is None:
                self.dismiss()
            else:
                self.write(path)

        default = save_folder() / f"handoff-{self.desk.today().isoformat()}.md"
        self.app.push_screen(SavePrompt("the hand-off cards", default), chosen)

    @work(thread=True, group="handoff-save")
    def write(self, path: Path) -> None:
        store = self.desk.store
        fmt = format_for_path(path)
        text = handoff_markdown(self.kept, author=default_author(store))
        if fmt == "html":
            from teacherdesk.exports.html_page import html_document

            text = html_document(
                text,
                title="Hand-off: what works with each family",
                banner="Confidential student record: for next year's teacher.",
                header="Hand-off",
            )
        try:
            write_private_text(path, text)
            record(store, "handoff", [c.student_id for c in self.kept], to="file", detail=fmt)
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            self.app.call_from_thread(
                self.notify, f"Could not save to {path}: {reason}.", severity="error"
            )
            self.app.call_from_thread(self._ask_where)
            return
        self.app.call_from_thread(self._saved, path)

    def _saved(self, path: Path) -> None:
        self.notify(f"Saved {len(self.kept)} hand-off card(s) to {path} (only you can read it).")
        self.dismiss()
