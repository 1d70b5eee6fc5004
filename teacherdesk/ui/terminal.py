"""Giving the terminal back when the app is stopped by a signal (SIGTERM, SIGHUP)."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

if os.name == "posix":
    import termios

# What Textual switches on when it starts (alternate screen, hidden cursor, mouse tracking,
# bracketed paste, focus events, kitty keys, no line wrap), switched off again.
TERMINAL_RESET = (
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"  # mouse tracking off
    "\x1b[?2004l\x1b[?1004l\x1b[<u\x1b[?7h"  # paste, focus, kitty keys off; wrap on
    "\x1b[?1049l\x1b[?25h"  # back to the main screen, cursor shown
)


def restore_terminal(driver: Any) -> None:
    """Put the terminal back as the shell had it, without the event loop (a signal handler).

    os._exit skips Textual's own clean-up: without this, SIGTERM left the terminal raw, on the
    alternate screen with the mouse still tracked. Writes straight to the file descriptor (the
    driver's writer thread may never run again); a terminal that hung up is simply gone.
    """
    with contextlib.suppress(Exception):
        stream = getattr(driver, "_file", None) or sys.__stderr__  # where Textual draws
        out = stream.fileno()
        if os.isatty(out):
            os.write(out, TERMINAL_RESET.encode())
    attrs = getattr(driver, "attrs_before", None)
    fileno = getattr(driver, "fileno", None)
    if attrs is not None and isinstance(fileno, int):
        with contextlib.suppress(Exception):
            termios.tcsetattr(fileno, termios.TCSANOW, attrs)
