"""A document previewed as it will read, then saved: the base of the packet, recap and notice
previews. The preview is the exported Markdown itself, shown by Textual's Markdown widget with
the same CommonMark parser the export uses; `s` asks where to save (`.html` gives a printable
page) and writes the file 0600 in a thread worker."""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path

from markdown_it import MarkdownIt
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Input, Markdown, Static

from teacherdesk.models import Student
from teacherdesk.store.access_log import record
from teacherdesk.store.files import write_private_text
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskModal, DeskScreen
from teacherdesk.ui.widgets.footer import DeskFooter

HTML_SUFFIXES = (".html", ".htm")


def save_folder() -> Path:
    """The one default folder of every file the app writes (packet, letters, recap, hand-off
    cards): the folder teacherdesk was started from, as the packet has always used and as a
    relative path typed in the save dialog means."""
    return Path.cwd()


def format_for_path(path: Path) -> str:
    return "html" if path.suffix.lower() in HTML_SUFFIXES else "md"


def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def save_folder_words() -> str:
    return "Every file is saved, by default, in the folder teacherdesk was started from."


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
            yield Static(save_folder_words(), classes="save-hint", markup=False)
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
            path = save_folder() / path
        if path.is_dir():
            self.notify(f"{path} is a folder: add a file name.", severity="warning")
            return
        self.dismiss(path)

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
        warning = Static("", id="preview-warning", markup=False)
        warning.display = False  # shown only when the document lacks something
        yield warning
        with VerticalScroll(id="preview-scroll", can_focus=True):
            yield Markdown(
                "Preparing the preview…",
                id="preview-markdown",
                parser_factory=commonmark,
                open_links=False,
            )
        yield DeskFooter()

    # Textual runs `on_mount` of every class in the MRO: subclasses add to it without super(),
    # and change what happens through these hooks.
    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()
        self.start()

    def on_data_changed(self, _message: DataChanged) -> None:
        self.reload()

    def start(self) -> None:
        """Once on screen: build the preview (a letter asks for its language first)."""
        self.load()

    def reload(self) -> None:
        """Saved data changed: build the preview again."""
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

    def warning_line(self) -> str:
        """One sentence above the preview when the document lacks something ('' when not)."""
        return ""

    def shown_student(self) -> Student | None:
        """Whom the document is about, for the title bar (runs in the load thread)."""
        return None

    @work(thread=True, exclusive=True, group="preview-load")
    def load(self) -> None:
        try:
            text = self.build("md")
        except LookupError as error:
            text = f"Nothing to show: {error}."
        self.app.call_from_thread(self._show, text, self.default_stem(), self.shown_student())

    def _show(self, text: str, stem: str, student: Student | None = None) -> None:
        self.markdown, self.stem = text, stem
        self._shown = True
        self.query_one("#preview-state", Static).update(self.state_line())
        warning = self.query_one("#preview-warning", Static)
        warning.update(self.warning_line())
        warning.display = bool(self.warning_line())
        self.query_one("#preview-markdown", Markdown).update(text)
        self._name_in_title(student)
        if self._save_when_shown:
            self._save_when_shown = False
            self.action_save()

    _shown = False
    _save_when_shown = False

    def save_waits_for_preview(self) -> bool:
        """`s` pressed before the preview is built: it saves once it is, because the file's
        name comes with it (a quick `s` saved a packet as "teacherdesk.md")."""
        if self._shown:
            return False
        self._save_when_shown = True
        return True

    def _name_in_title(self, student: Student | None) -> None:
        """The title bar names the student (as a student's own screens do), unless a screen
        below already names them."""
        if student is None or getattr(self, "student", None) is not None:
            return
        below = self.app.screen_stack[:-1]
        if any(
            getattr(getattr(screen, "student", None), "id", None) == student.id
            or screen.sub_title == student.display_name
            for screen in below
        ):
            return
        self.student = student  # the breadcrumb reads it (app.breadcrumb)
        self.desk.sub_title = self.desk.breadcrumb()

    def action_close(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        """The file name was worked out with the preview (no disk reads on the event loop)."""
        if self.save_waits_for_preview():
            return
        self.ask_where(save_folder() / f"{getattr(self, 'stem', '') or 'teacherdesk'}.md")

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
