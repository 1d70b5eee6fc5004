"""Help: the keys that work everywhere, the keys of the screen underneath, and where things are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from teacherdesk.ui.screens.base import DeskModal

GUIDE = """\
# teacherdesk help

**On this screen**

| Key | What it does | Id |
|---|---|---|
{screen_keys}

Letter keys work when the cursor is not in a text box (tab out of it, or press escape).
A key listed here wins over the same key under "Everywhere" (on a list, `n` makes a new one).

**Everywhere**

| Key | What it does | Id |
|---|---|---|
{everywhere}
{places}

**In every form**

| Key | What it does |
|---|---|
| `f10` or `ctrl+s` | Save (the footer shows "F10 Save") |
| `escape` | Leave; if something typed is not saved yet, it asks once first |
| `tab` / `shift+tab` | Next / previous field |

F2 to F7 always show that screen's own top, never anything else: what is open
above it closes (a form with unsaved text asks first; the same key again leaves
it). The title bar says where you are: Roster › Priya Copperkettle › New contact.
Where you type in every field, extra actions use `f8` and `f9`; elsewhere they
are letters.

A form cut off before it is saved (a dropped connection, quitting) is kept as
a draft, never as a record; the next start offers to open (`o`) or discard
(`d`) it.

To use other keys, write `id = keys` lines (`go-contacts = f4,ctrl+o`) under Keys in
Settings (`ctrl+p`, Settings); the ids are in the tables above.

Everything you type is saved as you go to the data file named at the end of this page.
Another teacherdesk (or `teacherdesk note` in a shell) can use the same file at the same time.
"""


class HelpScreen(DeskModal[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="close-help")]

    def __init__(self, places, underneath=None, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.places = places
        self.underneath = underneath
        self.keymap = keymap or {}  # the keys remapped in settings: binding id -> keys
        self.screen_keys = screen_keys(underneath, self.keymap) if underneath is not None else []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text())

    def _text(self) -> str:
        def row(keys: list[str], words: str, binding_id: str) -> str:
            shown = " or ".join(f"`{key}`" for key in keys)
            return f"| {shown} | {words} | {binding_id} |"

        def keys_of(binding_id: str, keys: str) -> list[str]:
            return _shown(self.keymap.get(binding_id, keys))

        everywhere = "\n".join(
            row(keys_of(binding_id, keys), words, binding_id)
            for keys, words, binding_id in EVERYWHERE
        )
        places = "\n".join(
            row(keys_of(f"go-{p.mode}", p.key), f"{p.title}: {p.help}", f"go-{p.mode}")
            for p in self.places
        )
        keys = [row(k, words, ids) for k, words, ids in self.screen_keys]
        guide = GUIDE.format(
            everywhere=everywhere,
            places=places,
            screen_keys="\n".join(keys) or "| | (nothing else) | |",
        )
        path = self.desk.store.path
        where = f"`{path}`" if path else "in memory (nothing is written to disk)"
        return f"{guide}\n\nData file: {where}\n"


def screen_keys(screen, keymap: dict[str, str] | None = None) -> list[tuple[list[str], str, str]]:
    """The keys of `screen`: its own and inherited bindings, then the focused widget's.

    One line per action with its keys together (`f10 or ctrl+s`) and its binding id; keys
    remapped in `keymap` (binding id -> keys) are shown as remapped; hidden keys only when they
    have a tooltip saying what they do. The app's keys are in the guide already.
    """
    keymap = keymap or {}
    by_key: dict[str, Binding] = {}
    for cls in reversed(type(screen).__mro__):  # a subclass's binding replaces its base's
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            by_key[binding.key] = binding
    for active in screen.active_bindings.values():  # the focused widget and its containers
        if active.node not in (screen.app, screen) and active.binding.key not in by_key:
            by_key[active.binding.key] = active.binding
    lines: dict[tuple[str, str], tuple[list[str], str, str]] = {}
    for binding in by_key.values():
        if not (binding.show or binding.tooltip):
            continue
        words = _words(binding.description, binding.tooltip)
        binding_id = binding.id or ""
        keys, _, _ = lines.setdefault((binding.action, words), ([], words, binding_id))
        for shown in _shown(keymap.get(binding_id, binding.key)):
            if shown not in keys:
                keys.append(shown)
    return list(lines.values())


def _shown(keys: str) -> list[str]:
    """`f1,question_mark` as a person reads it: ["f1", "?"]."""
    return [KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(",") if key.strip()]


def _words(description: str, tooltip: str) -> str:
    if not tooltip or tooltip.lower().startswith(description.lower()):
        return tooltip or description
    return f"{description}: {tooltip}" if description else tooltip


# The app's own keys (ui/app.py): keys, what they do, binding id ("" when it cannot be remapped).
EVERYWHERE = [
    ("ctrl+p", "Go to any screen or student by typing part of its name", ""),
    ("f1,question_mark", "This help", "help"),
    ("escape", "Back, or close a dialog", ""),
    (
        "n",
        "Log a contact: for the student whose screen is open, else it asks which student",
        "log-contact",
    ),
    ("ctrl+q", "Quit — everything is saved as you go", "quit"),
]

KEY_NAMES = {"question_mark": "?", "slash": "/", "space": "space", "full_stop": "."}
