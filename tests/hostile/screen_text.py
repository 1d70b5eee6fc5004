"""What a person would read on the app's screen right now, as plain text."""

from __future__ import annotations

import io

from rich.console import Console


def screen_text(app) -> str:
    """The whole screen (with the screens underneath a modal), without colours."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)
