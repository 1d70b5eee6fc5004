"""Dates as a teacher types and reads them.

Typed: `2026-12-03`, `12/3`, `12/3/2026`, `today`, `tomorrow`, `yesterday`, `fri`, `next fri`,
`last mon`, `in 2 weeks`, `3 days ago`. Shown: "today", "in 5 days", "3 days late", always next to
the exact date. Stored dates stay ISO strings parsed by pydantic; arrow does the shifting and the
humanizing it is good at.
"""

from __future__ import annotations

import datetime as dt
import re

EXPECTED = "a date like 2026-12-03, 12/3, today, tomorrow, fri or in 2 weeks"

_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_RELATIVE = re.compile(r"^in (\d{1,3}|a|an|one) (day|week|month|year)s?$")
_AGO = re.compile(r"^(\d{1,3}|a|an|one) (day|week|month|year)s? ago$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_WEEKDAY = re.compile(r"^(next |last |this )?([a-z]{3})[a-z]*$")


def today() -> dt.date:
    return dt.date.today()


def _count(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


def parse_date(text: str, *, relative_to: dt.date | None = None) -> dt.date:
    """Read a typed date; raises ValueError naming what was expected."""
    base = relative_to or today()
    words = " ".join(text.strip().lower().split())
    if not words:
        raise ValueError(f"Expected {EXPECTED}.")
    fixed = {"today": 0, "now": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
    if words in fixed:
        return base + dt.timedelta(days=fixed[words])
    if match := _RELATIVE.match(words):
        shift = {_UNITS[match[2]]: _count(match[1])}
        return _shift(base, **shift)
    if match := _AGO.match(words):
        shift = {_UNITS[match[2]]: -_count(match[1])}
        return _shift(base, **shift)
    if match := _US.match(words):
        return _month_day(int(match[1]), int(match[2]), match[3], base, text)
    if (match := _WEEKDAY.match(words)) and match[2] in _WEEKDAYS:
        target = _WEEKDAYS.index(match[2])
        # "fri", "frid", "friday" but not "frizzle" or "month"
        if _DAY_NAMES[target].startswith(words.removeprefix(match[1] or "")):
            return _weekday(target, (match[1] or "").strip(), base)
    try:
        return dt.date.fromisoformat(words)
    except ValueError:
        pass
    raise ValueError(f"'{text.strip()}' is not a date I can read. Expected {EXPECTED}.")


def _month_day(month: int, day: int, year_text: str | None, base: dt.date, text: str) -> dt.date:
    """US-style month/day; without a year, the next such date within a school year's reach."""
    if year_text is None:
        year = base.year
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        found = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a real date. Expected {EXPECTED}.") from None
    if year_text is None and (found - base).days < -183:
        found = _month_day(month, day, str(year + 1), base, text)  # "1/15" typed in November
    elif year_text is None and (found - base).days > 183:
        found = _month_day(month, day, str(year - 1), base, text)  # "11/20" typed in March
    return found


def _weekday(target: int, which: str, base: dt.date) -> dt.date:
    ahead = (target - base.weekday()) % 7
    if which == "last":
        return base - dt.timedelta(days=(base.weekday() - target) % 7 or 7)
    if which == "next" and ahead == 0:
        ahead = 7
    return base + dt.timedelta(days=ahead)


def parse_optional_date(text: str, *, relative_to: dt.date | None = None) -> dt.date | None:
    return parse_date(text, relative_to=relative_to) if text.strip() else None


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


def _shift(day: dt.date, **amount: int) -> dt.date:
    """Calendar arithmetic by arrow (month ends clamp), imported on first use: faster starts."""
    import arrow

    return arrow.get(day).shift(**amount).date()
