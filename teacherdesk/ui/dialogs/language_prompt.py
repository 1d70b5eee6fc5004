"""Before a letter home is written: which language? English and every language we have a
catalog for, always in the same order, so each language keeps its digit key whatever the family;
the family's own (as `--lang auto` picks it) is marked and highlighted, so enter takes it.
Fits at 60×20."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from teacherdesk.exports.letters.catalogs import school_folder
from teacherdesk.exports.letters.choices import LanguageMenu, LanguageOption, language_menu
from teacherdesk.models import Guardian
from teacherdesk.ui.screens.base import DeskModal, DeskScreen
from teacherdesk.ui.widgets.plain import plain


class LanguagePrompt(DeskModal[LanguageOption | None]):
    """Returns the chosen option (its `lang` goes to the letter functions), None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="language-cancel", tooltip="Write nothing")
    ]

    def __init__(self, what: str, menu: LanguageMenu) -> None:
        super().__init__()
        self.what = what
        self.menu = menu

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Which language for {self.what}?", classes="dialog-title", markup=False)
            yield Static(self.menu.note, classes="language-hint", markup=False)
            yield OptionList(
                *[
                    Option(plain(f"{n} {option.label}"), id=str(n - 1))
                    for n, option in enumerate(self.menu.options, start=1)
                ],
                id="language-choice",
            )
            yield Static(
                "+ English: not checked by a person yet, so printed beside English.",
                classes="language-hint",
                markup=False,
            )
            yield Static(
                "enter: the family's · a digit: that language · escape: cancel",
                classes="language-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        choice = self.query_one(OptionList)
        choice.highlighted = self.menu.default
        choice.focus()

    def on_key(self, event: events.Key) -> None:
        # Only 1-9: "²" or "①" are digits to str.isdigit but not to int().
        if event.character and event.character in "123456789":
            index = int(event.character) - 1
            if 0 <= index < len(self.menu.options):
                event.stop()
                self.dismiss(self.menu.options[index])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.menu.options[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_language(
    screen: DeskScreen,
    what: str,
    addressed: Callable[[], Sequence[Guardian]],
    then: Callable[[LanguageOption | None], None],
) -> None:
    """Read who the letter is for and the catalogs (a thread), then ask; `then` gets the choice.
    Keys typed meanwhile are held for the dialog."""
    app = screen.desk
    app.hold_keys_until_next_screen()
    school = school_folder(app.store.path)

    def find() -> None:
        menu = language_menu(addressed(), school)
        app.call_from_thread(app.push_screen, LanguagePrompt(what, menu), then)

    app.run_worker(find, thread=True, group="language-menu")
