"""Where a command's output goes (`--out`) and in which format (`--format` or the suffix).

`--out -` is standard output. A device, a FIFO or a terminal is written through, never replaced;
a folder is refused; anything else is written 0600, atomically. The format follows `--format`,
else the file's suffix; a `--format` that contradicts the suffix is refused (an `.html` file
holding Markdown is how a guardian's `<img onerror=…>` reached a browser).
"""

from __future__ import annotations

import os
import sys

from teacherdesk.cli.problems import UsageProblem, WorkFailed
from teacherdesk.store.files import write_private_text

STDOUT = "-"
# suffix → format, for every format teacherdesk writes
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".ics": "ics",
}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "ics": "iCalendar"}
ALIASES = {"markdown": "md", "htm": "html", "ical": "ics", "icalendar": "ics"}


def suffix_format(out: str | None) -> str | None:
    """The format a file name promises by its suffix (None: no suffix we know)."""
    if not out or out == STDOUT:
        return None
    return SUFFIXES.get(os.path.splitext(out)[1].lower())


def choose_format(requested: str | None, out: str | None, allowed: tuple[str, ...]) -> str:
    """`--format`, else the suffix of `--out`, else the first allowed; contradictions refused."""
    by_suffix = suffix_format(out)
    if requested is not None:
        wanted = requested.strip().lower().lstrip(".")
        wanted = ALIASES.get(wanted, wanted)
        if wanted not in allowed:
            raise UsageProblem(f"--format must be {' or '.join(allowed)}, not '{requested}'.")
        if by_suffix is not None and by_suffix != wanted:
            raise UsageProblem(
                f"--out {out} names {_a(by_suffix)} file but --format asks for "
                f"{FORMAT_NAMES[wanted]}; change one of them."
            )
        return wanted
    if by_suffix is not None:
        if by_suffix not in allowed:
            names = " or ".join(FORMAT_NAMES[f] for f in allowed)
            raise UsageProblem(
                f"--out {out} names {_a(by_suffix)} file, but this command writes "
                f"{names}; pick a file name ending in "
                + " or ".join(s for s, f in SUFFIXES.items() if f in allowed)
                + "."
            )
        return by_suffix
    return allowed[0]


def _a(fmt: str) -> str:
    name = FORMAT_NAMES[fmt]
    return f"{'an' if name[0] in 'AEHIMO' else 'a'} {name}"


def write_output(out: str | None, text: str, what: str) -> bool:
    """Write `text` to `--out` (or stdout); True when it went to a file. Errors name `out`."""
    if out is None or out == STDOUT:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `teacherdesk export x | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return False
    path = os.path.expanduser(out)
    try:
        write_private_text(path, text)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise WorkFailed(f"Could not write {what} to {out}: {reason}.") from None
    return True
