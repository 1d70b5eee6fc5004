"""One guardian as a card: how to reach them, in which language, when, and their rights.

The card can take focus (tab / arrows on the student screen); enter asks to edit it. The screen
reads `card.guardian` for the keys that act on "the focused guardian" (copy, unlink).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.markup import escape
from textual.message import Message
from textual.widgets import Static

from teacherdesk.models import Guardian, label


def card_text(guardian: Guardian, *, shared_with: list[str] | None = None) -> Text:
    text = Text()
    if guardian.phones:
        for n, phone in enumerate(guardian.phones):
            text.append("  " if n else "")
            text.append(f"{phone.label} ", style="dim")
            text.append(phone.number)
    else:
        text.append("no phone", style="dim italic")
    text.append("\n")
    text.append(guardian.email or "no email", style="" if guardian.email else "dim italic")
    text.append("\n")
    language = guardian.preferred_language or "language not noted"
    text.append(f"Speaks {language}" if guardian.preferred_language else language)
    if guardian.interpreter_needed:
        text.append(" · ")
        text.append("interpreter needed", style="bold yellow")
    text.append("\n")
    channel = label(guardian.preferred_channel) if guardian.preferred_channel else None
    if channel and guardian.best_time:
        text.append(f"Prefers {channel}, {guardian.best_time}")
    elif channel:
        text.append(f"Prefers {channel}")
    elif guardian.best_time:
        text.append(f"Best time: {guardian.best_time}")
    else:
        text.append("no preferred channel noted", style="dim italic")
    text.append("\n")
    rights = {
        True: "holds educational rights",
        False: "no educational rights",
        None: "educational rights not recorded",
    }[guardian.educational_rights]
    home = {
        True: "lives with student",
        False: "lives elsewhere",
        None: "household not recorded",
    }[guardian.lives_with_student]
    text.append(rights, style="green" if guardian.educational_rights else "dim")
    text.append(" · ")
    text.append(home, style="" if guardian.lives_with_student is not None else "dim")
    if shared_with:
        text.append("\n")
        text.append("Also family of " + ", ".join(shared_with), style="italic")
    return text


class GuardianCard(Static, can_focus=True):
    DEFAULT_CSS = """
    GuardianCard {
        height: auto; border: round $panel-lighten-2; padding: 0 1; margin: 0 1 0 0;
        border-title-color: $text; border-title-style: bold;
    }
    GuardianCard:focus { border: round $accent; background: $boost; }
    GuardianCard:focus-within { border: round $accent; }
    """
    BINDINGS = [
        Binding("enter", "edit", "Edit guardian", id="guardian-edit", tooltip="Edit this guardian"),
    ]

    class EditRequested(Message):
        def __init__(self, card: GuardianCard) -> None:
            super().__init__()
            self.card = card

        @property
        def control(self) -> GuardianCard:
            return self.card

    def __init__(
        self,
        guardian: Guardian,
        *,
        shared_with: list[str] | None = None,
        student_id: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(card_text(guardian, shared_with=shared_with), id=id)
        self.guardian = guardian
        what = guardian.relationship_to(student_id)
        relationship = f" · {what}" if what else ""
        self.border_title = escape(f"{guardian.name}{relationship}")

    def on_focus(self) -> None:
        self.border_subtitle = "enter edit · t phone · m email · u unlink"

    def on_blur(self) -> None:
        self.border_subtitle = ""

    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self))

    def on_click(self) -> None:
        self.focus()
