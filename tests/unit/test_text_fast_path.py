"""Text already clean skips the regexes: the result is always what the full cleaning gives."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from teacherdesk.text import _INLINE_SPACE, clean_block, clean_line, strip_unsafe


def full_line(value: str) -> str:
    value = strip_unsafe(unicodedata.normalize("NFC", value))
    return _INLINE_SPACE.sub(" ", value.replace("\n", " ")).strip()


def full_block(value: str) -> str:
    value = strip_unsafe(unicodedata.normalize("NFC", value)).replace("\t", "    ")
    return "\n".join(line.rstrip() for line in value.split("\n")).strip("\n")


TRICKY = st.sampled_from(
    ["\x1b[31m", "\x9b2J", "\t", "\n", "\r\n", "\u202e", "\u00a0", "e\u0301", "  ", "\ud800"]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=8).map("".join)


@given(TEXT)
@example("Zoë  O'Star")
@example("  Mum called\tback ")
@example("Zoe\u0301")  # not NFC: normalised, never taken as already clean
def test_a_line_is_cleaned_as_the_full_cleaning_would(value):
    assert clean_line(value) == full_line(value)


@given(TEXT)
@example("Line one  \n\n  line two\n")
@example("a\x1b]0;title\x07b\nc")
def test_a_block_is_cleaned_as_the_full_cleaning_would(value):
    assert clean_block(value) == full_block(value)
