"""Typed dates, dates in words, month ends, and accent-blind matching."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teacherdesk.domain.dates import (
    due_in_words,
    exact,
    humanize,
    month_before,
    parse_date,
    parse_optional_date,
    since_in_words,
)
from teacherdesk.text import fold

TODAY = dt.date(2026, 11, 16)  # a Monday
assert TODAY.weekday() == 0


# --- fold ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("zoe", "Zoë"),
        ("ZOE", "Zoë"),
        ("zoe", "Zoe\u0308"),  # decomposed accent
        ("ines", "Inès"),
        ("bjorn", "Björn"),
        ("joaquin", "Joaquín"),
        ("nunez", "Núñez"),
        ("strasse", "STRASSE"),
        ("zoe ng", "  Zoë   Ng "),
    ],
)
def test_fold_matches_without_accents_or_case(typed, stored):
    assert fold(typed) == fold(stored)


def test_fold_keeps_letters_apart():
    assert fold("Zoë") != fold("Zoa")
    assert fold("김민준") == fold("김민준 ") != fold("김민수")
    assert fold("민") in fold("김민준")


@given(st.text(max_size=30))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_fold_of_plain_ascii_is_the_full_fold(text):
    """ASCII names take a short cut (no decomposition): it gives what the full fold gives."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(text) == " ".join(bare.casefold().split())


# --- parse_date ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-03", dt.date(2026, 12, 3)),
        ("12/3", dt.date(2026, 12, 3)),
        ("12/3/2026", dt.date(2026, 12, 3)),
        ("12/3/26", dt.date(2026, 12, 3)),
        ("1/15", dt.date(2027, 1, 15)),  # typed in November: next January
        ("9/2", dt.date(2026, 9, 2)),  # earlier this school year
        ("today", TODAY),
        ("Today", TODAY),
        ("  tomorrow ", dt.date(2026, 11, 17)),
        ("yesterday", dt.date(2026, 11, 15)),
        ("fri", dt.date(2026, 11, 20)),
        ("Friday", dt.date(2026, 11, 20)),
        ("mon", TODAY),
        ("next fri", dt.date(2026, 11, 20)),
        ("next mon", dt.date(2026, 11, 23)),
        ("last mon", dt.date(2026, 11, 9)),
        ("last fri", dt.date(2026, 11, 13)),
        ("in 2 weeks", dt.date(2026, 11, 30)),
        ("in 1 week", dt.date(2026, 11, 23)),
        ("in a month", dt.date(2026, 12, 16)),
        ("in 3 days", dt.date(2026, 11, 19)),
        ("3 days ago", dt.date(2026, 11, 13)),
        ("2 weeks ago", dt.date(2026, 11, 2)),
    ],
)
def test_parse_date_reads_every_documented_form(typed, expected):
    assert parse_date(typed, relative_to=TODAY) == expected


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "  ",
        "soon",
        "2026-02-30",
        "in 2 fortnights",
        "month",
        "saturn",
        "frizzle",
        "12/3/20266",
        "\x1b[31m",
    ],
)
def test_parse_date_refuses_junk_saying_what_it_expected(junk):
    with pytest.raises(ValueError, match="2026-12-03"):
        parse_date(junk, relative_to=TODAY)


def test_parse_optional_date_allows_blank():
    assert parse_optional_date("  ", relative_to=TODAY) is None
    assert parse_optional_date("tomorrow", relative_to=TODAY) == dt.date(2026, 11, 17)


@given(st.dates())
def test_an_iso_date_always_reads_back_as_itself(day):
    assert parse_date(day.isoformat(), relative_to=TODAY) == day


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_a_slash_date_with_year_reads_back_as_itself_in_either_order(day):
    us, uk = f"{day.month}/{day.day}/{day.year}", f"{day.day}/{day.month}/{day.year}"
    assert parse_date(us, relative_to=TODAY, order="month-first") == day
    assert parse_date(uk, relative_to=TODAY, order="day-first") == day


@given(st.integers(min_value=-180, max_value=180))
def test_a_slash_date_without_year_lands_within_half_a_year(offset):
    day = TODAY + dt.timedelta(days=offset)
    assert parse_date(f"{day.month}/{day.day}", relative_to=TODAY, order="month-first") == day
    assert parse_date(f"{day.day}/{day.month}", relative_to=TODAY, order="day-first") == day
    assert parse_date(f"{day:%b} {day.day}", relative_to=TODAY) == day


@given(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), st.dates())
def test_weekdays_land_on_that_weekday_within_a_week(word, base):
    target = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(word)
    try:
        ahead = parse_date(word, relative_to=base)
        behind = parse_date(f"last {word}", relative_to=base)
        following = parse_date(f"next {word}", relative_to=base)
    except OverflowError:
        return
    assert ahead.weekday() == behind.weekday() == following.weekday() == target
    assert 0 <= (ahead - base).days <= 6
    assert 1 <= (base - behind).days <= 7
    assert 1 <= (following - base).days <= 7


# --- months --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2027, 3, 31), dt.date(2027, 2, 28)),
        (dt.date(2028, 3, 31), dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 12, 31), dt.date(2026, 11, 30)),
        (dt.date(2027, 1, 15), dt.date(2026, 12, 15)),
        (dt.date(2026, 5, 31), dt.date(2026, 4, 30)),
    ],
)
def test_month_before_clamps_month_ends(day, expected):
    assert month_before(day) == expected


@given(st.dates(min_value=dt.date(1900, 2, 1), max_value=dt.date(2200, 1, 1)))
def test_month_before_is_in_the_previous_month(day):
    earlier = month_before(day)
    assert (earlier.year * 12 + earlier.month) == (day.year * 12 + day.month) - 1
    assert earlier.day == min(day.day, earlier.day) and earlier < day


# --- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (5, "in 5 days"),
        (-3, "3 days ago"),
        (13, "in 13 days"),
        (14, "in 2 weeks"),
        (-30, "a month ago"),
        (61, "in 2 months"),
    ],
)
def test_humanize_on_a_fixed_clock(offset, words):
    assert humanize(TODAY + dt.timedelta(days=offset), relative_to=TODAY) == words


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (0, "due today"),
        (-1, "1 day late"),
        (-3, "3 days late"),
        (-40, "40 days late"),
        (1, "tomorrow"),
        (5, "in 5 days"),
    ],
)
def test_due_in_words(offset, words):
    assert due_in_words(TODAY + dt.timedelta(days=offset), relative_to=TODAY) == words


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (None, "never"),
        (0, "today"),
        (-1, "yesterday"),
        (-12, "12 days ago"),
        (-59, "59 days ago"),
        (-90, "3 months ago"),
        (2, "in 2 days"),
    ],
)
def test_since_in_words(offset, words):
    day = None if offset is None else TODAY + dt.timedelta(days=offset)
    assert since_in_words(day, relative_to=TODAY) == words


def test_exact_date_reads_like_a_calendar():
    assert exact(dt.date(2026, 12, 3)) == "Thu 3 Dec 2026"
    assert exact(dt.date(2027, 1, 15)) == "Fri 15 Jan 2027"
