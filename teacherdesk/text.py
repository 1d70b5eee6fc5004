"""Cleaning and comparing text a person typed or a file brought in.

Names and notes end up on a terminal and in exports, so terminal escape sequences and control
characters are stripped before anything is saved; comparisons ignore case and accents so that
"zoe" finds "Zoë".
"""

from __future__ import annotations

import re
import unicodedata

# ESC-based sequences (CSI, OSC, DCS, single-character escapes) and their 8-bit C1 forms.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]            # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x9d\x98\x9e\x9f])   # OSC, DCS, SOS, PM, APC ...
      [^\n]*?(?:\x07|\x1b\\|\x9c)               # ... up to BEL or ST on the same line
    | \x1b[ -/]*[0-~]                           # two-byte and charset escapes (ESC c, ESC ( B)
    | \x1b                                      # a lone ESC
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 and C1 controls, DEL and lone surrogates (undecodable bytes from a shell argument or a
# file; they cannot be written as UTF-8); tab and newline are handled separately. An
# unterminated string sequence loses only its introducer here, never the text after it.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_INLINE_SPACE = re.compile(r"[ \t]+")


def strip_unsafe(value: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tabs and newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    return _CONTROL.sub("", value)


def _already_safe(value: str) -> bool:
    """Printable and NFC: no escape, control, tab, line end or lone surrogate can be in it (all
    are unprintable), so stripping would change nothing. Most stored text is, and every record
    read is cleaned again: this keeps Today from spending a third of its time in regexes."""
    return value.isprintable() and unicodedata.is_normalized("NFC", value)


def clean_line(value: str) -> str:
    """One line of text: NFC, no controls, no newlines, single spaces, trimmed."""
    if _already_safe(value):
        return _INLINE_SPACE.sub(" ", value).strip() if "  " in value else value.strip()
    value = strip_unsafe(unicodedata.normalize("NFC", value))
    return _INLINE_SPACE.sub(" ", value.replace("\n", " ")).strip()


def clean_block(value: str) -> str:
    """Multi-line text: NFC, no controls, line ends kept, trailing spaces and blank ends trimmed."""
    if not _already_safe(value.replace("\n", "")):
        value = strip_unsafe(unicodedata.normalize("NFC", value)).replace("\t", "    ")
    lines = [line.rstrip() for line in value.split("\n")]
    return "\n".join(lines).strip("\n")


def fold(value: str) -> str:
    """A key for matching: no accents, case folded, single spaces ("Zoë  Ng" → "zoe ng")."""
    if value.isascii():  # most names: nothing to decompose (the roster folds ~10 per student)
        return " ".join(value.casefold().split())
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def visible(value: str) -> str:
    """`value` with every escape sequence and control character spelled out (`\\x1b[31m`).

    For echoing what a person typed in an error: cleaning it instead would show a name that
    looks as if it should have matched.
    """
    if not _CONTROL.search(value):
        return value
    spelled = (ch.encode("unicode_escape", "backslashreplace").decode() for ch in value)
    return "".join(
        out if _CONTROL.match(ch) else ch for ch, out in zip(value, spelled, strict=True)
    )
