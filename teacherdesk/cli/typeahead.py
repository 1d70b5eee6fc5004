"""Keys typed while the app starts: kept by the terminal, in order, never echoed.

Until Textual's driver starts (~0.3-0.5 s of imports, longer on a busy server) the terminal is
in the shell's cooked mode: what is typed is echoed, held back until Enter, and Enter itself
arrives as a newline (ICRNL), which Textual reads as ctrl+j — the QA walkthrough lost the Enter
that chose a student and put the next letters in the wrong field. So the command switches the
terminal to Textual's input mode as the first thing it does when it is going to open the app:
from then on the kernel keeps every key as typed for the driver to read. The few keys typed
before that (the interpreter's own start) are read here and handed to the app, Enter restored.

The terminal is always put back as the shell had it, and keys meant for the app never reach the
shell afterwards (they would run as a command line). No textual here: this runs before it loads.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

if os.name == "posix":
    import termios

# Set by textual-serve for each browser tab (`teacherdesk serve`): there is no terminal to hold.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


@dataclass
class HeldTyping:
    """The terminal as the shell had it, and what was typed before the switch."""

    fd: int
    shell_attrs: list[Any]
    typed: bytes = b""


_held: HeldTyping | None = None


def current() -> HeldTyping | None:
    """The typing held for the app about to open (None: no terminal to hold)."""
    return _held


def _app_terminal() -> int | None:
    """stdin's descriptor when the app would really run in this terminal."""
    if os.name != "posix" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    streams = (sys.stdin, sys.stdout, sys.stderr)
    if not all(stream is not None and stream.isatty() for stream in streams):
        return None
    return sys.stdin.fileno()


def _app_mode(attrs: list[Any]) -> list[Any]:
    """Textual's own input mode (linux_driver): no echo, no line editing, Enter as typed, ctrl+s
    and ctrl+q as keys. ISIG stays until the driver starts, so ctrl+c can still stop a start."""
    mode = [*attrs]
    mode[6] = list(attrs[6])
    mode[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)
    mode[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
    mode[6][termios.VMIN] = 1
    mode[6][termios.VTIME] = 0
    return mode


def _read_waiting(fd: int) -> bytes:
    """What is already in the terminal's input queue, without waiting for more."""
    data = b""
    with contextlib.suppress(OSError, ValueError):
        while select.select([fd], [], [], 0)[0]:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            data += chunk
    return data


@contextlib.contextmanager
def held_for_app() -> Iterator[HeldTyping | None]:
    """Around everything the command does when it opens the app: keys typed meanwhile wait for
    it, and the terminal is the shell's again afterwards, whatever happened."""
    global _held
    fd = _app_terminal()
    if fd is None:
        yield None
        return
    try:
        shell_attrs = termios.tcgetattr(fd)
        termios.tcsetattr(fd, termios.TCSANOW, _app_mode(shell_attrs))
    except termios.error:
        yield None
        return
    typed = _read_waiting(fd)  # typed in cooked mode, before the switch
    if typed and shell_attrs[3] & termios.ECHO:
        _wipe_echo(typed)
    if shell_attrs[0] & termios.ICRNL:
        typed = typed.replace(b"\n", b"\r")  # the kernel made each Enter a newline
    _held = HeldTyping(fd, shell_attrs, typed)
    earlier = _restore_on_signals(fd, shell_attrs)
    try:
        yield _held
    finally:
        _held = None
        with contextlib.suppress(termios.error):
            # Keys typed for the app that it never read (it failed to open, or quit) must not
            # run as a shell command.
            termios.tcflush(fd, termios.TCIFLUSH)
            termios.tcsetattr(fd, termios.TCSANOW, shell_attrs)
        for signum, handler in earlier.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(signum, handler)


def _wipe_echo(typed: bytes) -> None:
    """The shell's mode echoed those keys under the command line: wipe them from the screen
    (they would be left there after the app quits). Rows are counted as the terminal wraps."""
    width = shutil.get_terminal_size().columns or 80
    rows = column = 0
    for char in typed.decode("utf-8", errors="replace"):
        if char == "\n":
            rows, column = rows + 1, 0
            continue
        column += 8 - column % 8 if char == "\t" else 2 if not char.isprintable() else 1
        if column > width:
            rows, column = rows + 1, column - width
    up = f"\x1b[{rows}A" if rows else ""
    with contextlib.suppress(OSError, ValueError):
        os.write(sys.__stderr__.fileno(), f"\r{up}\x1b[J".encode())


def _restore_on_signals(fd: int, shell_attrs: list[Any]) -> dict[int, Any]:
    """SIGTERM or SIGHUP before the app has its own handlers: the terminal back, then the usual
    ending. The app replaces these once it runs (ui/app.py, ui/terminal.py)."""

    def give_back(signum: int, _frame: Any) -> None:
        with contextlib.suppress(termios.error):
            termios.tcflush(fd, termios.TCIFLUSH)
            termios.tcsetattr(fd, termios.TCSANOW, shell_attrs)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    earlier: dict[int, Any] = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError):  # not the main thread
            earlier[signum] = signal.signal(signum, give_back)
    return earlier
