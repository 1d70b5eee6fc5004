"""The app's own themes, and the theme that suits the terminal it runs in.

- `teacherdesk-high-contrast`: white on black, yellow focus and cursor, no muted greys (pick it in
  Settings).
- In a 16-colour terminal (TERM=xterm or screen, a common SSH default) Textual's truecolor themes
  are squeezed into 16 colours and came out grey on grey; there the app starts on Textual's
  `ansi-dark`, drawn in the terminal's own colours, unless the teacher chose a theme.
- With NO_COLOR Textual draws in greys (its Monochrome filter); table cells then drop their
  colours and dimming (`FitTable`), and the styles use bold and reverse instead (`:nocolor`).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="teacherdesk-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#00ffff",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#262626",
    dark=True,
    variables={
        "text-muted": "#ffffff",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-blurred-background": "#5a5a5a",
        "block-cursor-blurred-foreground": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "input-selection-background": "#0000ff",
        "border": "#ffff00",
        "border-blurred": "#808080",
    },
)

SIXTEEN_COLOURS = "ansi-dark"
THEMES = [HIGH_CONTRAST]


def few_colours(environ: Mapping[str, str]) -> bool:
    """True in a terminal of 16 colours or fewer, read from the environment as Rich reads it:
    TEXTUAL_COLOR_SYSTEM if set, else COLORTERM (truecolor, 24bit), else TERM (…256color);
    never with NO_COLOR set (the terminal's own colours are then no colours)."""
    if environ.get("NO_COLOR"):
        # No colour at all: the terminal's own colours would be filtered to black on black;
        # the usual theme turns into the terminal's foreground on its background.
        return False
    forced = environ.get("TEXTUAL_COLOR_SYSTEM", "auto")
    if forced != "auto":
        return forced in ("standard", "windows")
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return False
    term = environ.get("TERM", "").lower()
    return bool(term) and "256" not in term and "truecolor" not in term and "direct" not in term
