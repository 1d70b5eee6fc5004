"""Preview the IEP team packet (or a conference recap for the family), then save it.

The preview is the exported Markdown itself, shown by Textual's Markdown widget with the same
CommonMark parser the export uses. `r` switches restricted contact notes in or out (the line at
the top always says which), `s` asks where to save (default: `iep-packet-<name>-<date>.md` in the
folder teacherdesk was started from; `.html` gives a printable page) and writes the file 0600 in a
thread worker, `c` makes a recap of one of the student's conferences for the family.
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from teacherdesk.domain.dates import exact
from teacherdesk.exports.packet import default_author, export_packet, file_stem
from teacherdesk.exports.recap import export_recap, gather_recap, recap_file_stem
from teacherdesk.models import ConferenceStatus, label
from teacherdesk.store.access_log import record
from teacherdesk.store.files import write_private_text
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskModal, DeskScreen
from teacherdesk.ui.widgets.plain import plain

if TYPE_CHECKING:
    from teacherdesk.ui.app import TeacherDesk

HTML_SUFFIXES = (".html", ".htm")


def format_for_path(path: Path) -> str:
    return "html" if path.suffix.lower() in HTML_SUFFIXES else "md"


def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


class SavePrompt(DeskModal[Path | None]):
    """Where to save: a path, prefilled; `.html` for a printable page, else Markdown."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-cancel", tooltip="Save nothing")]

    def __init__(self, what: str, default: Path) -> None:
        super().__init__()
        self.what = what
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Save {self.what}", markup=False)
            yield Static(
                "File (.md for Markdown, .html for a page to print):",
                classes="save-hint",
                markup=False,
            )
            yield Input(str(self.default), id="save-path")
            yield Static(
                "enter: save (readable by you only) · escape: cancel",
                classes="save-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#save-path", Input).focus()

    @on(Input.Submitted, "#save-path")
    def _submit(self) -> None:
        text = self.query_one("#save-path", Input).value.strip()
        if not text:
            self.notify("Type where to save the file.", severity="warning")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            self.notify(f"{path} is a folder: add a file name.", severity="warning")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConferenceChoice(DeskModal[str | None]):
    """Pick one of the student's conferences (newest first); returns its id."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="recap-cancel", tooltip="Close")]

    def __init__(self, conferences: list[tuple[str, str]]) -> None:
        super().__init__()
        self.conferences = conferences

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Recap for the family: which conference?", markup=False)
            yield OptionList(
                *[
                    Option(plain(text), id=conference_id)
                    for conference_id, text in self.conferences
                ],
                id="recap-choice",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DocumentPreview(DeskScreen):
    """A Markdown export shown as it will read, with a save prompt. Subclasses say what."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="preview-back", tooltip="Back, saving nothing"),
        Binding("s", "save", "Save", id="preview-save", tooltip="Save as Markdown or HTML"),
    ]
    what = "the document"
    access_kind = ""  # what the access log calls it when saved (store/access_log.KINDS)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="preview-state", markup=False)
        with VerticalScroll(id="preview-scroll", can_focus=True):
            yield Markdown(
                "Preparing the preview…",
                id="preview-markdown",
                parser_factory=commonmark,
                open_links=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()
        self.load()

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    # subclasses: build the text (runs in a thread) and name the default file
    @abstractmethod  # every subclass provides it
    def build(self, fmt: str) -> str:
        raise NotImplementedError

    @abstractmethod  # every subclass provides it
    def default_stem(self) -> str:
        raise NotImplementedError

    def state_line(self) -> str:
        return ""

    @work(thread=True, exclusive=True, group="preview-load")
    def load(self) -> None:
        try:
            text = self.build("md")
        except LookupError as error:
            text = f"Nothing to show: {error}."
        self.app.call_from_thread(self._show, text, self.default_stem())

    def _show(self, text: str, stem: str) -> None:
        self.markdown, self.stem = text, stem
        self.query_one("#preview-state", Static).update(self.state_line())
        self.query_one("#preview-markdown", Markdown).update(text)

    def action_close(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        """The file name was worked out with the preview (no disk reads on the event loop)."""
        self.ask_where(Path.cwd() / f"{getattr(self, 'stem', '') or 'teacherdesk'}.md")

    def ask_where(self, default: Path) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.write(path)

        self.app.push_screen(SavePrompt(self.what, default), chosen)

    @work(thread=True, group="preview-save")
    def write(self, path: Path) -> None:
        fmt = format_for_path(path)
        try:
            write_private_text(path, self.build(fmt))
            if self.access_kind:
                record(
                    self.desk.store,
                    self.access_kind,
                    self.logged_students(),
                    to="file",
                    detail=f"{fmt}, {self.what} (saved from the app)",
                )
        except (OSError, LookupError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.app.call_from_thread(self._not_saved, path, reason)
            return
        self.app.call_from_thread(self._saved, path, fmt)

    def logged_students(self) -> list[str]:
        student_id = getattr(self, "student_id", "")
        return [student_id] if student_id else []

    def _saved(self, path: Path, fmt: str) -> None:
        kind = "HTML" if fmt == "html" else "Markdown"
        self.notify(f"Saved {self.what} ({kind}, only you can read it) to {path}", timeout=8)

    def _not_saved(self, path: Path, reason: str) -> None:
        self.notify(
            f"Could not save to {path}: {reason.rstrip('.').lower()}. Try another place.",
            title="Not saved",
            severity="error",
            timeout=10,
        )
        self.ask_where(path)  # what was typed is offered again


class PacketPreviewScreen(DocumentPreview):
    """The IEP team packet for one student: `x` from the student and IEP screens."""

    BINDINGS = [
        Binding(
            "r",
            "toggle_restricted",
            "Restricted notes",
            id="packet-restricted",
            tooltip="Include or leave out contact notes marked restricted",
        ),
        Binding("c", "recap", "Family recap", id="packet-recap", tooltip="Recap a conference"),
    ]
    what = "the IEP team packet"
    access_kind = "packet"

    def __init__(self, student_id: str) -> None:
        super().__init__()
        self.student_id = student_id
        self.include_restricted = False
        self.markdown = ""

    def _student(self):
        student = self.desk.store.students.get(self.student_id)
        if student is None:
            raise LookupError("this student is no longer in the roster")
        return student

    def build(self, fmt: str) -> str:
        store = self.desk.store
        return export_packet(
            store,
            self._student(),
            today=self.desk.today(),
            author=default_author(store),
            fmt=fmt,
            include_restricted=self.include_restricted,
        )

    def default_stem(self) -> str:
        student = self.desk.store.students.get(self.student_id)
        if student is None:
            return "iep-packet"
        return file_stem(student, self.desk.today())

    def state_line(self) -> str:
        if self.include_restricted:
            return "RESTRICTED NOTES INCLUDED (marked 'Restricted') · r: leave them out · s: save"
        return "Restricted notes are left out · r: include them · s: save · c: family recap"

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "IEP team packet: preview"
        self.query_one("#preview-state", Static).update(self.state_line())

    def action_toggle_restricted(self) -> None:
        self.include_restricted = not self.include_restricted
        self.query_one("#preview-state", Static).update(self.state_line())
        self.query_one("#preview-state").set_class(self.include_restricted, "-warning")
        self.notify(
            "Restricted notes are now included."
            if self.include_restricted
            else "Restricted notes are left out again."
        )
        self.load()

    @work(thread=True, exclusive=True, group="preview-recap")
    def action_recap(self) -> None:
        conferences = self.desk.store.conferences.for_student(self.student_id)
        choices = [
            (
                c.id,
                f"{exact(c.when.date())} · {label(c.format)} · {label(c.status)}",
            )
            for c in conferences
            if c.status == ConferenceStatus.HELD
        ]
        self.app.call_from_thread(self._choose_conference, choices)

    def _choose_conference(self, choices: list[tuple[str, str]]) -> None:
        if not choices:
            self.notify("No conference held with this family yet.", severity="warning")
            return

        def chosen(conference_id: str | None) -> None:
            if conference_id:
                self.app.push_screen(RecapPreviewScreen(conference_id))

        self.app.push_screen(ConferenceChoice(choices), chosen)


class RecapPreviewScreen(DocumentPreview):
    """A conference recap for the family: what we celebrated, agreed, and when we meet next."""

    what = "the conference recap"
    access_kind = "letter"

    def __init__(self, conference_id: str) -> None:
        super().__init__()
        self.conference_id = conference_id
        self.markdown = ""

    def _data(self):
        data = gather_recap(self.desk.store, self.conference_id)
        if data is None:
            raise LookupError("this conference is no longer on record")
        return data

    def build(self, fmt: str) -> str:
        return export_recap(self._data(), today=self.desk.today(), fmt=fmt)

    def logged_students(self) -> list[str]:
        conference = self.desk.store.conferences.get(self.conference_id)
        return [conference.student_id] if conference else []

    def default_stem(self) -> str:
        data = gather_recap(self.desk.store, self.conference_id)
        return recap_file_stem(data) if data else "conference-recap"

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "Conference recap for the family: preview"

    def state_line(self) -> str:
        return "Written for the family (no contact notes in it) · s: save · escape: back"


def student_on_screen(screen: Screen) -> str | None:
    """The student the teacher is looking at: a student-level screen, or the IEP list's row."""
    student_id = getattr(screen, "student_id", None)
    if isinstance(student_id, str) and student_id:
        return student_id
    current = getattr(screen, "_current", None)  # the IEP screen's highlighted row
    status = current() if callable(current) else None
    student = getattr(status, "student", None)
    return getattr(student, "id", None)


def open_packet(app: TeacherDesk, student_id: str | None = None) -> None:
    """Preview the packet of the student on screen; with none on screen, ask which one."""
    student_id = student_id or student_on_screen(app.screen)
    if student_id:
        app.push_screen(PacketPreviewScreen(student_id))
        return
    from teacherdesk.domain.lookup import describe
    from teacherdesk.text import fold
    from teacherdesk.ui.dialogs.student_choice import StudentChoice

    def chosen(chosen_id: str | None) -> None:
        if chosen_id:
            app.push_screen(PacketPreviewScreen(chosen_id))

    def find() -> None:  # a thread: the store is read off the event loop
        students = sorted(
            app.store.students.active(), key=lambda s: (fold(s.last_name), fold(s.first_name))
        )
        choices = [(s.id, describe(s) + (" · IEP" if s.has_iep else "")) for s in students]
        app.call_from_thread(
            app.push_screen, StudentChoice("IEP team packet: which student?", choices), chosen
        )

    app.run_worker(find, thread=True, group="open-packet")


def open_recap(app: TeacherDesk) -> None:
    """A family recap of the conference on screen (the Conferences list's row, or a record)."""
    screen = app.screen
    current = getattr(screen, "current", None)
    conference = current() if callable(current) else None
    conference_id = getattr(conference, "id", None) or getattr(screen, "conference_id", None)
    if not conference_id:
        app.notify("Move to a conference first (arrows), then ask for its recap.")
        return
    status = getattr(conference, "status", ConferenceStatus.HELD)
    if status != ConferenceStatus.HELD:
        app.notify("A recap is for a conference that was held: record it first (r).")
        return
    app.push_screen(RecapPreviewScreen(conference_id))
