"""Dates as teachers write them: month names, either slash order, the locale's default order,
impossible and ambiguous dates, and days that are not school days."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.domain.dates import (
    DAY_FIRST,
    MONTH_FIRST,
    locale_order,
    parse_date,
    resolve_order,
)
from teacherdesk.domain.school_days import day_off, day_off_warning

TODAY = dt.date(2026, 11, 16)  # a Monday in November
DEC_3 = dt.date(2026, 12, 3)


def read(text: str, order: str | None = None, today: dt.date = TODAY) -> dt.date:
    return parse_date(text, relative_to=today, order=order)


# --- month names: the same in either order ----------------------------------------------------


@pytest.mark.parametrize("order", [DAY_FIRST, MONTH_FIRST])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dec 3", DEC_3),
        ("Dec 3", DEC_3),
        ("3 Dec", DEC_3),
        ("3 dec.", DEC_3),
        ("December 3", DEC_3),
        ("3 December", DEC_3),
        ("december 3rd", DEC_3),
        ("3rd of December", DEC_3),
        ("Dec 3, 2026", DEC_3),
        ("3 Dec 2026", DEC_3),
        ("3 dec 26", DEC_3),
        ("Thu 3 Dec 2026", DEC_3),  # the way the app shows it reads back
        ("thursday december 3 2026", DEC_3),
        ("sept 9", dt.date(2026, 9, 9)),  # earlier this school year
        ("25 Dec 2026", dt.date(2026, 12, 25)),
        ("jan 15", dt.date(2027, 1, 15)),  # typed in November: next January
        ("may 10", dt.date(2027, 5, 10)),  # nearer ahead than behind
        ("may 20", dt.date(2026, 5, 20)),  # nearer behind (the nearest such day wins)
        ("apr 1", dt.date(2027, 4, 1)),
        ("3 mar 2010", dt.date(2010, 3, 3)),
        ("3 mar 95", dt.date(1995, 3, 3)),  # a two-digit year far ahead is last century
    ],
)
def test_month_names_read_the_same_in_either_order(typed, expected, order):
    assert read(typed, order) == expected


def test_a_year_left_out_lands_within_half_a_year():
    assert read("dec 3") == DEC_3  # typed in November: this December
    assert read("nov 10") == dt.date(2026, 11, 10)  # a few days ago (a contact's date)
    assert read("dec 3", today=dt.date(2027, 3, 10)) == DEC_3  # typed in March: last December
    assert read("jun 1", today=dt.date(2026, 12, 15)) == dt.date(2027, 6, 1)


# --- slash dates: the order decides, unless a number settles it --------------------------------


@pytest.mark.parametrize(
    ("typed", "day_first", "month_first"),
    [
        ("3/12", DEC_3, dt.date(2027, 3, 12)),
        ("12/3", dt.date(2027, 3, 12), DEC_3),
        ("3/12/2026", DEC_3, dt.date(2026, 3, 12)),
        ("03.12.2026", DEC_3, dt.date(2026, 3, 12)),
        ("3-12-2026", DEC_3, dt.date(2026, 3, 12)),
        ("1/2/27", dt.date(2027, 2, 1), dt.date(2027, 1, 2)),
        # a number above 12 can only be the day: obvious in either order
        ("25/12", dt.date(2026, 12, 25), dt.date(2026, 12, 25)),
        ("12/25", dt.date(2026, 12, 25), dt.date(2026, 12, 25)),
        ("25/12/2026", dt.date(2026, 12, 25), dt.date(2026, 12, 25)),
        ("12/25/2026", dt.date(2026, 12, 25), dt.date(2026, 12, 25)),
        ("13/1", dt.date(2027, 1, 13), dt.date(2027, 1, 13)),
        ("5/5", dt.date(2027, 5, 5), dt.date(2027, 5, 5)),
    ],
)
def test_slash_dates_follow_the_order(typed, day_first, month_first):
    assert read(typed, DAY_FIRST) == day_first
    assert read(typed, MONTH_FIRST) == month_first


def test_iso_and_relative_dates_ignore_the_order():
    for order in (DAY_FIRST, MONTH_FIRST):
        assert read("2026-12-03", order) == DEC_3
        assert read("next tue", order) == dt.date(2026, 11, 17)
        assert read("in 2 weeks", order) == dt.date(2026, 11, 30)


# --- impossible and unreadable dates: one sentence, naming the forms -------------------------


@pytest.mark.parametrize(
    ("typed", "order", "sentence"),
    [
        ("31/2", DAY_FIRST, "'31/2' is not a real date: February has no day 31."),
        ("31/2", MONTH_FIRST, "'31/2' is not a real date: February has no day 31."),
        ("2/31", MONTH_FIRST, "'2/31' is not a real date: February has no day 31."),
        ("31/4/2027", DAY_FIRST, "'31/4/2027' is not a real date: April has no day 31."),
        ("29/2/2027", DAY_FIRST, "'29/2/2027' is not a real date: February 2027 has no day 29."),
        ("feb 30", None, "'feb 30' is not a real date: February has no day 30."),
        ("31 june", None, "'31 june' is not a real date: June has no day 31."),
        (
            "Mon 3 Dec 2026",
            None,
            "'Mon 3 Dec 2026' does not add up: 3 Dec 2026 is a Thursday.",
        ),
    ],
)
def test_impossible_dates_say_why(typed, order, sentence):
    with pytest.raises(ValueError) as refused:
        read(typed, order)
    assert str(refused.value) == sentence


def test_leap_day_reads_in_a_leap_year():
    assert read("29/2/2028", DAY_FIRST) == dt.date(2028, 2, 29)
    assert read("feb 29", today=dt.date(2027, 11, 16)) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("typed", "order", "forms"),
    [
        ("soon", DAY_FIRST, "3 Dec, 3/12 (day/month), 2026-12-03, fri or in 2 weeks"),
        ("soon", MONTH_FIRST, "Dec 3, 12/3 (month/day), 2026-12-03, fri or in 2 weeks"),
        ("13/45", DAY_FIRST, "3 Dec, 3/12 (day/month)"),
        ("0/5", MONTH_FIRST, "Dec 3, 12/3 (month/day)"),
        ("decimal 3", DAY_FIRST, "3/12 (day/month)"),
        ("3 de", DAY_FIRST, "3/12 (day/month)"),
        ("dec 32", DAY_FIRST, "3/12 (day/month)"),
        ("dec", DAY_FIRST, "3/12 (day/month)"),
        ("xyz 3 dec", DAY_FIRST, "3/12 (day/month)"),
        ("3/12/20266", MONTH_FIRST, "12/3 (month/day)"),
    ],
)
def test_nonsense_is_refused_in_one_sentence_naming_the_forms(typed, order, forms):
    with pytest.raises(ValueError) as refused:
        read(typed, order)
    sentence = str(refused.value)
    assert sentence.startswith(f"'{typed}' is not a")
    assert forms in sentence and sentence.count(".") == 1 and sentence.endswith(".")


# --- the default order comes from the locale ---------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "order"),
    [
        ({"LANG": "en_US.UTF-8"}, MONTH_FIRST),
        ({"LANG": "en_GB.UTF-8"}, DAY_FIRST),
        ({"LANG": "fr_FR.UTF-8"}, DAY_FIRST),
        ({"LANG": "es_US.UTF-8"}, MONTH_FIRST),
        ({"LANG": "de_DE@euro"}, DAY_FIRST),
        # No country (a school server over SSH): month-first, as 12/3 always read, so an
        # upgrade never moves a US teacher's dates.
        ({"LANG": "C.UTF-8"}, MONTH_FIRST),
        ({"LANG": "POSIX"}, MONTH_FIRST),
        ({}, MONTH_FIRST),
        ({"LANG": "en_GB.UTF-8", "LC_TIME": "en_US.UTF-8"}, MONTH_FIRST),
        ({"LC_ALL": "en_AU.UTF-8", "LC_TIME": "en_US.UTF-8"}, DAY_FIRST),
        ({"LC_ALL": "", "LC_TIME": "", "LANG": "en_US"}, MONTH_FIRST),  # empty ones are skipped
    ],
)
def test_locale_order(environ, order):
    assert locale_order(environ) == order


def test_the_setting_wins_over_the_locale(monkeypatch):
    monkeypatch.setenv("LC_TIME", "en_US.UTF-8")
    assert resolve_order("") == MONTH_FIRST
    assert resolve_order(DAY_FIRST) == DAY_FIRST
    assert read("3/12") == dt.date(2027, 3, 12)
    monkeypatch.setenv("LC_TIME", "en_GB.UTF-8")
    assert read("3/12") == DEC_3
    assert read("3/12", MONTH_FIRST) == dt.date(2027, 3, 12)


# --- weekends and holidays ---------------------------------------------------------------------


def test_days_off_in_words():
    holidays = {dt.date(2026, 11, 26)}
    assert day_off(dt.date(2026, 12, 5), holidays) == "a Saturday"
    assert day_off(dt.date(2026, 12, 6), holidays) == "a Sunday"
    assert day_off(dt.date(2026, 11, 26), holidays) == "a school holiday"
    assert day_off(dt.date(2026, 11, 27), holidays) == ""
    assert (
        day_off_warning("The IEP meeting", dt.date(2026, 12, 5))
        == "The IEP meeting is on Sat 5 Dec 2026 — a Saturday."
    )
    assert day_off_warning("The IEP meeting", dt.date(2026, 12, 4)) == ""


def test_birth_dates():
    from teacherdesk.domain.school_days import birth_date_problem, born_words

    assert birth_date_problem(dt.date(2010, 3, 3), TODAY) == ""
    assert birth_date_problem(TODAY + dt.timedelta(days=1), TODAY) == (
        "A date of birth cannot be in the future."
    )
    assert birth_date_problem(dt.date(2026, 3, 3), TODAY) == (
        "A date of birth needs its year, like 3 Mar 2016."
    )
    assert born_words(dt.date(2010, 3, 3), TODAY) == "Born Wed 3 Mar 2010 · age 16"
    assert born_words(dt.date(2010, 11, 17), TODAY) == "Born Wed 17 Nov 2010 · age 15"


# --- weekdays look the way the field does ------------------------------------------------------

WEDNESDAY = dt.date(2026, 11, 18)


@pytest.mark.parametrize(
    ("typed", "ahead", "back"),
    [
        ("fri", dt.date(2026, 11, 20), dt.date(2026, 11, 13)),
        ("mon", dt.date(2026, 11, 23), dt.date(2026, 11, 16)),
        ("Monday", dt.date(2026, 11, 23), dt.date(2026, 11, 16)),
        ("wed", WEDNESDAY, WEDNESDAY),  # today, either way
        ("last fri", dt.date(2026, 11, 13), dt.date(2026, 11, 13)),
        ("next fri", dt.date(2026, 11, 20), dt.date(2026, 11, 20)),
        ("tomorrow", dt.date(2026, 11, 19), dt.date(2026, 11, 19)),
    ],
)
def test_a_bare_weekday_looks_back_in_a_field_about_the_past(typed, ahead, back):
    assert parse_date(typed, relative_to=WEDNESDAY) == ahead
    assert parse_date(typed, relative_to=WEDNESDAY, past=True) == back
