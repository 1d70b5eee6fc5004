"""What the access log says, in words: one line for the student screen, rows for the command."""

from __future__ import annotations

from collections.abc import Iterable

from teacherdesk.models import Student
from teacherdesk.store import Store
from teacherdesk.store.access_log import Entry, about, read

ERASED = "an erased student"


def short_day(entry: Entry) -> str:
    day = entry.at.date()
    return f"{day.day} {day.strftime('%b')}"


def student_line(entries: Iterable[Entry], student_id: str) -> str:
    """'Last shared: IEP packet, 2 Dec by ms.rowan; 3 entries — teacherdesk access-log'
    ('' when nothing about the student was ever given out)."""
    mine = about(entries, student_id)
    if not mine:
        return ""
    last = mine[-1]
    count = f"{len(mine)} entr{'y' if len(mine) == 1 else 'ies'}"
    return (
        f"Last shared: {last.what_words}, {short_day(last)} by {last.by}; {count} — "
        "teacherdesk access-log"
    )


def names_by_id(store: Store) -> dict[str, str]:
    """Every student's name this year and in the finished years (the log keeps ids only)."""
    from teacherdesk.store.years import across_years

    students: list[Student] = across_years(store, lambda year: year.students.all())
    return {student.id: student.display_name for student in students}


def entries_for(store: Store, student_id: str | None = None) -> list[Entry]:
    entries = read(store)
    return about(entries, student_id) if student_id else entries
