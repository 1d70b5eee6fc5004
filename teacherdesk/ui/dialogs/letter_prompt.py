"""Asking the family for their Parental Input (`f8`): the letter is previewed first, like the
meeting notice and the recap, in the language the teacher picks (the family's by default; `l`
on the preview picks again); `s` asks where to write it and how it goes home, then writes it
0600 and notes on the IEP that the input was requested today."""

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
from teacherdesk.exports.letters.letter import Letter
from teacherdesk.exports.parent_request import default_filename, record_request, write_request
from teacherdesk.models import IEP, InputMethod, Student, label
from teacherdesk.store.access_log import record
from teacherdesk.store.files import write_private_text
from teacherdesk.ui.screens.base import DeskModal, DeskScreen
from teacherdesk.ui.screens.document_preview import format_for_path, save_folder, save_folder_words
from teacherdesk.ui.screens.letter_preview import LetterPreview


class LetterPrompt(DeskModal[tuple[Path, InputMethod] | None]):
    """Where to write the previewed request and how it goes to the family."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="letter-cancel", tooltip="Write nothing")]

    def __init__(self, student: Student, default: Path, language: str = "") -> None:
        super().__init__()
        self.student = student
        self.default = default
        self.language = language  # "Spanish beside English (not reviewed by a person yet)"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Write the letter asking {self.student.display_name}'s family for their input",
                markup=False,
            )
            if self.language:
                yield Static(
                    f"In {self.language} (escape, then l on the preview: another language)",
                    classes="letter-hint",
                    markup=False,
                )
            yield Static(
                "Save to (.md for Markdown, .html to print):", classes="letter-hint", markup=False
            )
            yield Input(str(self.default), id="letter-path")
            yield Static(save_folder_words(), classes="letter-hint", markup=False)
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
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = save_folder() / path
        self.dismiss((path, how))

    def action_cancel(self) -> None:
        self.dismiss(None)


class RequestPreview(LetterPreview):
    """The Parental Input request as the family will read it; `s` writes it and records it."""

    what = "the letter asking for their input"
    access_kind = "parent-input-request"

    def __init__(
        self, student: Student, iep_id: str, then: Callable[[IEP], None] | None = None
    ) -> None:
        super().__init__()
        self.about = student
        self.student_id = student.id
        self.iep_id = iep_id
        self.then = then
        self.markdown = ""

    def _data(self):
        store = self.desk.store
        student = store.students.get(self.student_id)
        if student is None:
            raise LookupError("this student is no longer in the roster")
        iep = store.ieps.get(self.iep_id)
        if iep is None:
            raise LookupError("that IEP record is gone (deleted in another window?)")
        return student, iep, store.guardians.for_student(student.id)

    def addressed(self):
        return in_order(self._data()[2], by="rights")

    def write_letter(self, lang: str, school: Path | None) -> Letter:
        student, iep, guardians = self._data()
        settings = self.desk.store.settings.load()
        return write_request(
            student, guardians, iep, settings, self.desk.today(), lang=lang, school=school
        )

    def header(self) -> str:
        return self._data()[0].display_name

    def default_stem(self) -> str:
        return default_filename(self.about, self.letter_code).removesuffix(".md")

    def shown_student(self):
        return self.about

    def state_line(self) -> str:
        return f"{self.language_line()} · s: save, noting it as requested today"

    def on_mount(self) -> None:
        self.sub_title = "Parental Input request: preview"

    def action_save(self) -> None:
        if not self.lang or self.save_waits_for_preview():
            return
        default = save_folder() / f"{getattr(self, 'stem', '') or 'parent-input-request'}.md"
        self.app.push_screen(
            LetterPrompt(self.about, default, self.language_words), self._chosen_file
        )

    def _chosen_file(self, result: tuple[Path, InputMethod] | None) -> None:
        if result is None:
            return
        path, how = result
        fmt = format_for_path(path)
        app, store, today = self.desk, self.desk.store, self.desk.today()
        lang, school = self.lang, school_folder(store.path)

        def work() -> IEP | str:
            try:
                student, iep, guardians = self._data()
                settings = store.settings.load()
                letter = write_request(
                    student, guardians, iep, settings, today, lang=lang, school=school
                )
            except LookupError as error:
                return f"{str(error)[:1].upper()}{str(error)[1:]}."
            except ValueError as error:  # the school's catalog went away meanwhile
                return f"Could not write the letter: {error}."
            text = letter.html(header=student.display_name) if fmt == "html" else letter.markdown()
            try:
                write_private_text(path, text)
                record(store, "parent-input-request", [student.id], to="file", detail=fmt)
            except OSError as error:
                return f"Could not write {path}: {error.strerror or error}."
            try:
                return record_request(store, self.iep_id, today, how)
            except LookupError as error:
                return str(error)

        def done(result: IEP | str) -> None:
            if isinstance(result, str):
                app.notify(result, title="Letter not written", severity="error", timeout=10)
                return
            app.notify(f"Wrote {path}; noted as requested today ({label(how)}).", timeout=6)
            if self.then is not None:
                self.then(result)

        app.save(work, then=done)


def ask_for_letter(
    screen: DeskScreen, student: Student, iep_id: str, then: Callable[[IEP], None] | None = None
) -> None:
    """Preview the request in the family's language (asked first), then write and record it."""
    screen.app.push_screen(RequestPreview(student, iep_id, then))
