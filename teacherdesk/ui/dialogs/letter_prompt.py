"""Asking the family: in which language (the family's by default), where to write the letter
and how it goes home; then write it 0600 and note on the IEP that the input was requested
today."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from teacherdesk.domain.family import in_order
from teacherdesk.exports.letters.catalogs import school_folder
from teacherdesk.exports.letters.choices import LanguageOption
from teacherdesk.exports.parent_request import build_request, default_filename, record_request
from teacherdesk.models import IEP, Guardian, InputMethod, Student, label
from teacherdesk.store.access_log import record
from teacherdesk.store.files import write_private_text
from teacherdesk.ui.dialogs.language_prompt import ask_language
from teacherdesk.ui.screens.base import DeskModal, DeskScreen


class LetterPrompt(DeskModal[tuple[Path, InputMethod] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="letter-cancel", tooltip="Write nothing")]

    def __init__(self, student: Student, default: Path, language: str = "") -> None:
        super().__init__()
        self.student = student
        self.default = default
        self.language = language  # the menu's words for the language chosen

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Write the letter asking {self.student.display_name}'s family for their input",
                markup=False,
            )
            if self.language:
                yield Static(f"In {self.language}", classes="letter-hint", markup=False)
            yield Static(
                "Save to (.md for Markdown, .html to print):", classes="letter-hint", markup=False
            )
            yield Input(str(self.default), id="letter-path")
            yield Static("How it goes to the family:", classes="letter-hint", markup=False)
            yield Select(
                [(label(m), m.value) for m in InputMethod],
                value=InputMethod.PAPER.value,
                allow_blank=False,
                id="letter-how",
            )
            yield Static(
                "enter: write it and note it as requested today · escape: cancel",
                classes="letter-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#letter-path", Input).focus()

    @on(Input.Submitted, "#letter-path")
    def _submit(self) -> None:
        text = self.query_one("#letter-path", Input).value.strip()
        if not text:
            self.notify("Say where to write the letter.", severity="warning")
            return
        how = InputMethod(self.query_one("#letter-how", Select).value)
        self.dismiss((Path(text).expanduser(), how))

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_for_letter(
    screen: DeskScreen, student: Student, iep_id: str, then: Callable[[IEP], None] | None = None
) -> None:
    """Ask which language and where, then write the letter and record the request (on the
    serial saver)."""
    app = screen.desk
    default = Path.home() / default_filename(student, "md")
    lang = "auto"

    def family() -> list[Guardian]:
        return in_order(app.store.guardians.for_student(student.id), by="rights")

    def language(option: LanguageOption | None) -> None:
        nonlocal lang
        if option is None:
            return
        lang = option.lang
        app.push_screen(LetterPrompt(student, default, option.label), chosen)

    def chosen(result: tuple[Path, InputMethod] | None) -> None:
        if result is None:
            return
        path, how = result
        fmt = "html" if path.suffix.lower() in (".html", ".htm") else "md"
        store, today = app.store, app.today()

        def work() -> IEP | str:
            iep = store.ieps.get(iep_id)
            if iep is None:
                return "That IEP record is gone (deleted in another window?)."
            try:
                text = build_request(
                    student,
                    store.guardians.for_student(student.id),
                    iep,
                    store.settings.load(),
                    today,
                    fmt=fmt,
                    lang=lang,
                    school=school_folder(store.path),
                )
            except ValueError as error:  # the school's catalog went away meanwhile
                return f"Could not write the letter: {error}."
            try:
                write_private_text(path, text)
                record(store, "parent-input-request", [student.id], to="file", detail=fmt)
            except OSError as error:
                return f"Could not write {path}: {error.strerror or error}."
            return record_request(store, iep_id, today, how)

        def done(result: IEP | str) -> None:
            if isinstance(result, str):
                app.notify(result, title="Letter not written", severity="error", timeout=10)
                return
            app.notify(f"Wrote {path}; noted as requested today ({label(how)}).", timeout=6)
            if then is not None:
                then(result)

        app.save(work, then=done)

    ask_language(screen, "the letter asking for their input", family, language)
