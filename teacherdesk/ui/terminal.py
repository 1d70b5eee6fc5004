"""The terminal: giving it back when the app is stopped by a signal (SIGTERM, SIGHUP), and
the keys typed before the app started."""

from __future__ import annotations

import contextlib
import itertools
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


def keeping_early_keys(typed: bytes, shell_attrs: list[Any]) -> type:
    """Textual's terminal driver, given the keys typed before the app started.

    The command line switched the terminal to Textual's input mode before the imports
    (cli/typeahead.py), so Textual would note that mode as the one to give back: the shell's
    is given back instead (on quit, ctrl+z, and by restore_terminal on a signal). The keys typed
    before the switch go first, ahead of anything the driver reads from the terminal.
    """
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    early = typed.decode("utf-8", errors="ignore")

    class EarlyKeysDriver(LinuxDriver):
        _first_start = True

        def start_application_mode(self) -> None:
            first, self._first_start = self._first_start, False
            if first and early:
                parser = XTermParser()
                with contextlib.suppress(Exception):  # a torn escape sequence: the rest stays
                    for event in itertools.chain(parser.feed(early), parser.feed("")):
                        self.process_message(event)  # queued now, before the input thread
            super().start_application_mode()
            if first and self.attrs_before is not None:
                self.attrs_before = shell_attrs

    return EarlyKeysDriver
