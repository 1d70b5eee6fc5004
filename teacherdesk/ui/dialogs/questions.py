"""Small dialogs for the roster and the family: confirm, and pick one from a searchable list.

`PickScreen` is how a teacher links an existing guardian to a sibling (search guardians by name)
and chooses which sibling to open. Both return their answer through `dismiss`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from teacherdesk.text import fold
from teacherdesk.ui.widgets.plain import plain


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or enter says yes, n or escape says no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes", tooltip="Yes, do it"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no", tooltip="No, leave it"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-hint", markup=False)
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="warning")
                yield Button("No (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    detail: str = ""

    @property
    def search_key(self) -> str:
        return fold(f"{self.label} {self.detail}")


class PickScreen(ModalScreen[str | None]):
    """Type to narrow the list, arrows to move, enter to pick, escape to cancel."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick-cancel", tooltip="Pick nothing")]

    def __init__(self, title: str, choices: Sequence[Choice], *, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.hint = hint or "Type to narrow · ↑↓ to move · enter picks · escape cancels"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Input(placeholder="Type part of a name", id="pick-filter")
            yield OptionList(id="pick-list")
            yield Static(self.hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        words = fold(query).split()
        options = [
            Option(plain(f"{c.label}  ·  {c.detail}" if c.detail else c.label), id=c.key)
            for c in self.choices
            if all(word in c.search_key for word in words)
        ]
        picker = self.query_one(OptionList)
        picker.clear_options()
        picker.add_options(options or [Option("Nobody matches what you typed.", disabled=True)])
        picker.highlighted = 0 if options else None

    @on(Input.Changed, "#pick-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _enter(self) -> None:
        picker = self.query_one(OptionList)
        if picker.highlighted is not None:
            option = picker.get_option_at_index(picker.highlighted)
            if not option.disabled:
                self.dismiss(option.id)

    def on_key(self, event) -> None:
        if event.key == "down" and self.query_one("#pick-filter", Input).has_focus:
            self.query_one(OptionList).focus()
            event.stop()

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskScreen(ModalScreen[str | None]):
    """One line to type (prefilled): enter answers with the text, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask-cancel", tooltip="Cancel")]

    def __init__(
        self, title: str, value: str = "", *, placeholder: str = "", hint: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint or "enter to confirm · escape cancels"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="ask-input")
            yield Static(self.hint, classes="dialog-hint", markup=False)

    @on(Input.Submitted, "#ask-input")
    def _enter(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
