"""Cell values: cleaning, yes/no flags, names like `Last, First`, phones and emails checked."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import TypeAdapter, ValidationError

from teacherdesk.models import MAX_LINE, Email, Phone
from teacherdesk.text import clean_line, fold

_EMAIL = TypeAdapter(Email)
_PHONE = TypeAdapter(Phone)
YES = {"y", "yes", "true", "t", "1", "x", "active", "iep", "504", "si", "oui", "ja", "on"}
NO = {"n", "no", "false", "f", "0", "none", "inactive", "non", "nein", "off", "-"}


def cell(value: str | None) -> str:
    return clean_line(value or "")


def flag(value: str) -> bool | None:
    """yes/no/1/0/x… → True/False; empty or unknown → None (leave what is stored)."""
    text = fold(value)
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def split_full_name(value: str) -> tuple[str, str]:
    """`Last, First` (the SIS way) or `First Last` → (first, last)."""
    if "," in value:
        last, _, first = value.partition(",")
        return cell(first), cell(last)
    parts = value.split()
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1] if parts else ""


def email_problem(value: str) -> str | None:
    try:
        _EMAIL.validate_python(value)
    except ValidationError:
        return f"email '{value}' does not look like an email address; left out"
    return None


def phone_problem(value: str) -> str | None:
    try:
        _PHONE.validate_python(value)
    except ValidationError:
        return f"phone '{value}' is not a phone number; left out"
    return None


def too_long(value: str) -> bool:
    return len(value) > MAX_LINE


def phone_key(number: str) -> str:
    """Digits only, for 'is this the same number' (last 10, so +1 and spacing don't matter)."""
    return re.sub(r"\D", "", number)[-10:]


def grade_text(value: str) -> str:
    """OneRoster/CEDS grades as a teacher writes them: '09' → '9', 'KG' stays."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    return ", ".join(part.lstrip("0") or "0" if part.isdigit() else part for part in parts)


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def birth_date(value: str) -> dt.date | None:
    """A birth date as exports write it: `2010-05-02` (OneRoster), `2010-05-02T00:00:00`,
    `5/2/2010` (US month/day); None when empty, unreadable or not a plausible birth date."""
    text = cell(value)
    if not text:
        return None
    try:
        if match := _US_DATE.match(text):
            day = dt.date(int(match[3]), int(match[1]), int(match[2]))
        else:
            day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    return day if dt.date(1900, 1, 1) <= day <= dt.date.today() else None
