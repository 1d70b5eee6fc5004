"""A checkbox whose state reads the same in every terminal: `[X]` ticked, `[ ]` not.

Textual's Checkbox always draws `▐X▌` and shows the state only by colour, which is lost in the
default theme at a glance and in 16-colour terminals ("Interpreter needed ▐X▌ no" looked ticked).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    DEFAULT_CSS = """
    TickBox > .toggle--button { color: $text; background: transparent; text-style: bold; }
    TickBox.-on > .toggle--button { color: $success; background: transparent; }
    """

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("X" if self.value else " ", style), "]")
