"""School days and school years, kept simple: a school day is a weekday that is not in the
teacher's list of holidays (Settings.holidays); a school year runs from 1 July to 30 June and is
written "2026-27". Ages are whole years on a given day. Pure: no I/O, no textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

YEAR_STARTS_MONTH = 7  # a school year begins on 1 July (summer belongs to the year to come)


def is_school_day(day: dt.date, holidays: Collection[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def day_off(day: dt.date, holidays: Collection[dt.date] = ()) -> str:
    """Why `day` is not a school day, in words: "a Saturday", "a Sunday", "a school holiday"
    ("" for a school day). IEP meetings and conferences set on such a day are flagged, not
    refused: teachers do sometimes meet on a Saturday."""
    if day.weekday() >= 5:
        return f"a {day:%A}"
    return "a school holiday" if day in holidays else ""


def day_off_warning(what: str, day: dt.date, holidays: Collection[dt.date] = ()) -> str:
    """One sentence for the command line: "The IEP meeting is on Sat 5 Dec 2026 — a Saturday."
    ("" when `day` is a school day)."""
    from teacherdesk.domain.dates import exact

    words = day_off(day, holidays)
    return f"{what} is on {exact(day)} — {words}." if words else ""


def school_days_between(start: dt.date, end: dt.date, holidays: Collection[dt.date] = ()) -> int:
    """School days from `start` (counted) up to `end` (not counted): a notice sent on Monday 1
    for a meeting on Monday 15 gives 10, the school days the family had to plan."""
    if end <= start:
        return 0
    return sum(
        1
        for offset in range((end - start).days)
        if is_school_day(start + dt.timedelta(days=offset), holidays)
    )


def school_days_before(day: dt.date, count: int, holidays: Collection[dt.date] = ()) -> dt.date:
    """The latest date from which `count` school days remain before `day` (the last day to send
    a notice): 10 school days before Monday 15 is Monday 1."""
    current, found = day, 0
    while found < count:
        current -= dt.timedelta(days=1)
        if is_school_day(current, holidays):
            found += 1
    return current


def school_year(day: dt.date) -> str:
    """'2026-27' for any day from 1 July 2026 to 30 June 2027."""
    start = day.year if day.month >= YEAR_STARTS_MONTH else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def previous_school_year(year: str) -> str:
    """'2025-26' for '2026-27' ('' for something that is not a school year)."""
    try:
        start = int(year.split("-", 1)[0])
    except ValueError:
        return ""
    return f"{start - 1}-{start % 100:02d}"


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years on `day` (a birthday on 29 February is reached on 1 March in other years)."""
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


def birthday(born: dt.date, age: int) -> dt.date:
    """The day the student turns `age` (29 February → 1 March in years without one)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


YOUNGEST = 3  # a "student" born less than this many years ago is a date typed without its year


def birth_date_problem(born: dt.date, today: dt.date) -> str:
    """Why `born` cannot be a student's date of birth, in one sentence ("" when it can be)."""
    if born > today:
        return "A date of birth cannot be in the future."
    if age_on(born, today) < YOUNGEST:
        return f"A date of birth needs its year, like {born.day} {born:%b} {today.year - 10}."
    return ""


def born_words(born: dt.date, today: dt.date) -> str:
    """For the student's profile: "Born Tue 3 Mar 2010 · age 16"."""
    from teacherdesk.domain.dates import exact

    return f"Born {exact(born)} · age {age_on(born, today)}"
