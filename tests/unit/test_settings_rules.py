"""Settings typed in the form: holidays land in this school year; numbers within the law."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.problems import Problem
from teacherdesk.domain.settings_rules import read_holidays, read_number

AUGUST = dt.date(2026, 8, 20)  # a teacher types the year's holidays before school starts


def test_holidays_without_a_year_are_in_this_school_year():
    typed = "25 Dec, 1 Jan\n29 Mar; 25 May, 19 Jun"
    assert read_holidays(typed, today=AUGUST, order="month-first") == [
        dt.date(2026, 12, 25),
        dt.date(2027, 1, 1),
        dt.date(2027, 3, 29),
        dt.date(2027, 5, 25),
        dt.date(2027, 6, 19),
    ]


def test_a_year_typed_is_kept_and_a_year_starting_in_september_moves_the_window():
    assert read_holidays("4 Jul 2026, 2/15", today=AUGUST, order="month-first") == [
        dt.date(2026, 7, 4),
        dt.date(2027, 2, 15),
    ]
    # The school year 2026-27 starts on 1 Sep: 28 Aug is the next summer's, not this one's.
    assert read_holidays("28 Aug", today=AUGUST, order=None, year_starts_on="09-01") == [
        dt.date(2026, 8, 28)
    ]


def test_a_holiday_that_is_not_a_date_is_one_sentence():
    problem = read_holidays("25 Dec, banana", today=AUGUST, order="month-first")
    assert isinstance(problem, Problem) and problem.field == "holidays"
    assert problem.sentence.startswith("School holidays:") and "banana" in problem.sentence


def test_transition_ages_stop_at_sixteen_as_the_law_sets():
    assert isinstance(read_number("transition_age", "18"), Problem)
    assert isinstance(read_number("transition_interview_age", "17"), Problem)
    assert read_number("transition_age", "14") == 14
