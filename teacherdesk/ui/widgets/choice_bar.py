"""A choice made with one key: every option is on show with its letter, the letter picks it.

A Select needs enter, arrows and enter to change a channel; on the phone with a family that is
three keys too many. `ChoiceBar` shows `p phone  t text message  e email …`, the chosen option
marked with `✓` and shown reversed (so it reads without colour), and:
- its letter (or digit) picks an option and moves on to the next field (`advance`);
- left/right move between options without moving on; enter or tab accepts what is chosen.
It posts `ChoiceBar.Changed` (with `.value`) when the choice changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


def hotkeys(labels: Sequence[str], taken: str = "") -> list[str]:
    """One letter for each label: the first letter of a word if free, else any letter in it."""
    used = set(taken)
    keys: list[str] = []
    for words in labels:
        lowered = words.casefold()
        starts = [word[0] for word in lowered.split() if word and word[0].isalnum()]
        letters = [ch for ch in lowered if ch.isalnum()]
        key = next((ch for ch in [*starts, *letters] if ch not in used), "")
        used.add(key)
        keys.append(key)
    return keys


class ChoiceBar(Static, can_focus=True):
    DEFAULT_CSS = """
    ChoiceBar { height: auto; width: 1fr; padding: 0 1; background: $boost; }
    ChoiceBar:focus { background: $primary 25%; text-style: none; }
    """
    # Priority: the choice is made, and the cursor moved on, while the app reads the key, so
    # keys typed right after it (a burst over SSH) reach the next field. A letter that is not
    # one of this bar's keys is not taken (check_action) and goes on as usual.
    BINDINGS = [
        Binding("left", "move(-1)", "Previous choice", show=False),
        Binding("right", "move(1)", "Next choice", show=False),
        Binding("enter", "accept", "Accept", show=False),
    ] + [
        Binding(key, f"pick('{key}')", "Pick", show=False, priority=True)
        for key in "abcdefghijklmnopqrstuvwxyz0123456789"
    ]

    class Changed(Message):
        def __init__(self, bar: ChoiceBar, value: str) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

        @property
        def control(self) -> ChoiceBar:
            return self.bar

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        value: str,
        *,
        keys: Sequence[str] | None = None,
        advance: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__("", markup=False, id=id)
        self.options = list(options)  # (label, value)
        self.keys = list(keys) if keys else hotkeys([text for text, _ in self.options])
        self.advance = advance
        self.picked = False  # the teacher chose (a key or an arrow), not the form
        values = [v for _, v in self.options]
        self._index = values.index(value) if value in values else 0

    @property
    def value(self) -> str:
        return self.options[self._index][1]

    @value.setter
    def value(self, value: str) -> None:
        values = [v for _, v in self.options]
        if value in values:
            self._choose(values.index(value))

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """The options on as many lines as the width needs, never splitting one."""
        width = self.content_size.width or 10_000
        text = Text(end="")
        line = 0
        for number, ((words, _), key) in enumerate(zip(self.options, self.keys, strict=True)):
            chosen = number == self._index
            part = Text(end="")
            part.append("✓" if chosen else " ", style="bold")
            part.append(f"{key} ", style="bold" if chosen else "bold underline")
            part.append_text(words.copy() if isinstance(words, Text) else Text(words))
            if chosen:
                part.stylize("reverse")
            if number and line + 2 + part.cell_len > width:
                text.append("\n")
                line = 0
            elif number:
                text.append("  ")
                line += 2
            text.append_text(part)
            line += part.cell_len
        self.update(text)

    def on_resize(self) -> None:
        self._draw()

    def _choose(self, index: int) -> None:
        if index == self._index:
            return
        self._index = index
        self._draw()
        self.post_message(self.Changed(self, self.value))

    def action_move(self, step: int) -> None:
        self.picked = True
        self._choose((self._index + step) % len(self.options))

    def action_accept(self) -> None:
        self.screen.focus_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return bool(parameters) and parameters[0] in self.keys and self.has_focus
        return True

    def action_pick(self, key: str) -> None:
        self.picked = True
        self._choose(self.keys.index(key))
        if self.advance:
            self.screen.focus_next()
