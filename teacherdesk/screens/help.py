"""Help: the keys that work everywhere, the keys of the screen underneath, and where things are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

GUIDE = """\
# teacherdesk help

**Everywhere**

| Key | What it does |
|---|---|
| `ctrl+p` | Go to any screen or student by typing part of its name |
| `f1` or `?` | This help |
| `escape` | Back, or close a dialog |
| `ctrl+q` | Quit — everything is saved as you go |
{places}

**On this screen**

| Key | What it does |
|---|---|
{screen_keys}

Everything you type is saved as you go to the data file shown at the top.
Another teacherdesk (or `teacherdesk note` in a shell) can use the same file at the same time.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="close-help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 90%; border: round $accent; background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, places, underneath=None) -> None:
        super().__init__()
        self.places = places
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text())

    def _text(self) -> str:
        places = "\n".join(f"| `{p.key}` | {p.title}: {p.help} |" for p in self.places)
        keys = []
        for binding in getattr(self.underneath, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.show:
                key = binding.key.replace(",", " or ")
                keys.append(f"| `{key}` | {binding.tooltip or binding.description} |")
        return GUIDE.format(places=places, screen_keys="\n".join(keys) or "| | (nothing else) |")
