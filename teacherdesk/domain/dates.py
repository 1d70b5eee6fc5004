"""Dates as a teacher types and reads them.

Typed: see `date_reading` (ISO, "dec 3", "3 Dec", "3/12" per the date-order setting, "today",
"fri", "in 2 weeks" ...). Shown: "today", "in 5 days", "3 days late", always next to the exact
date. Stored dates stay ISO strings parsed by pydantic; arrow does the shifting and the humanizing
it is good at.
"""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.date_reading import (
    DATE_ORDERS,
    DAY_FIRST,
    MONTH_FIRST,
    expected,
    locale_order,
    parse_date,
    parse_optional_date,
    resolve_order,
    today,
)
from teacherdesk.domain.date_reading import shift as _shift

__all__ = [
    "DATE_ORDERS",
    "DAY_FIRST",
    "MONTH_FIRST",
    "clock",
    "due_in_words",
    "exact",
    "exact_time",
    "expected",
    "humanize",
    "list_date",
    "locale_order",
    "month_before",
    "parse_date",
    "parse_optional_date",
    "resolve_order",
    "short",
    "since_in_words",
    "today",
]


FAR_DAYS = 3653  # ten years


def humanize(day: dt.date, *, relative_to: dt.date | None = None) -> str:
    """'today', 'tomorrow', 'in 5 days', '3 days ago', 'in 2 weeks', 'in a month', 'in 2 years'.

    The one humanizer: the words follow from the number of days alone (days under two weeks,
    weeks under a month, months under a year, then years), so the same day reads the same on
    every screen and in every hint.
    """
    base = relative_to or today()
    delta = (day - base).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if abs(delta) > FAR_DAYS:  # a slip such as year 9999 must not read "in 7978 years"
        return "more than 10 years ahead" if delta > 0 else "more than 10 years ago"
    days = abs(delta)
    if days < 14:
        amount = f"{days} days"
    elif days < 30:
        amount = f"{days // 7} weeks"
    elif days < 365:
        months = days // 30
        amount = "a month" if months == 1 else f"{min(months, 11)} months"
    else:
        years = days // 365
        amount = "a year" if years == 1 else f"{years} years"
    return f"in {amount}" if delta > 0 else f"{amount} ago"


def due_in_words(due: dt.date, *, relative_to: dt.date | None = None) -> str:
    """For deadlines: 'due today', 'in 5 days', '3 days late'."""
    base = relative_to or today()
    delta = (due - base).days
    if delta == 0:
        return "due today"
    if delta < 0:
        return "1 day late" if delta == -1 else f"{-delta} days late"
    return humanize(due, relative_to=base)


def since_in_words(day: dt.date | None, *, relative_to: dt.date | None = None) -> str:
    """For 'last contacted': 'never', 'today', '12 days ago'."""
    if day is None:
        return "never"
    base = relative_to or today()
    delta = (base - day).days
    if delta <= 0:
        return "today" if delta == 0 else humanize(day, relative_to=base)
    if delta == 1:
        return "yesterday"
    if delta < 60:
        return f"{delta} days ago"
    return humanize(day, relative_to=base)


def exact(day: dt.date) -> str:
    """The exact date beside the words: 'Thu 3 Dec 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short(day: dt.date) -> str:
    """A date within the school year, where the year goes without saying: 'Mon 2 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


def list_date(day: dt.date, today: dt.date) -> str:
    """A date in a list: 'Mon 2 Nov' within this school year's reach, else 'Mon 2 Nov 2025'."""
    return short(day) if abs((today - day).days) < 300 else exact(day)


def clock(value: dt.time) -> str:
    """The time of day, one way everywhere: '5:30 pm', '9:00 am', '12:00 pm'."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'pm' if value.hour >= 12 else 'am'}"


def exact_time(when: dt.datetime, *, year: bool = False) -> str:
    """A day and time, one way on every screen: 'Mon 7 Dec 5:30 pm' ('Mon 7 Dec 2026 5:30 pm')."""
    day = exact(when.date()) if year else short(when.date())
    return f"{day} {clock(when.time())}"


def month_before(day: dt.date) -> dt.date:
    """One calendar month earlier; month ends clamp (31 March → 28/29 February)."""
    return _shift(day, months=-1)
