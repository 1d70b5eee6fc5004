"""A family's records request (FERPA 34 CFR 99.10: within 45 days) and the names of other
children, which never reach a family in what is handed over."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from teacherdesk.models import RecordsRequest, Student
from teacherdesk.store import Store

DAYS_TO_ANSWER = 45
SIBLING = "a sibling"
ANOTHER = "another student"


@dataclass(frozen=True)
class RequestClock:
    request_id: str
    student_id: str
    student_name: str
    requested_on: dt.date
    due: dt.date
    days_left: int  # negative: late

    @property
    def words(self) -> str:
        due = f"{self.due.day} {self.due.strftime('%b')}"
        if self.days_left < 0:
            return f"{self.student_name}: records request {-self.days_left} day(s) late (due {due})"
        return f"{self.student_name}: records request due {due} ({self.days_left} day(s) left)"


def due_on(requested_on: dt.date) -> dt.date:
    return requested_on + dt.timedelta(days=DAYS_TO_ANSWER)


def clocks(store: Store, today: dt.date) -> list[RequestClock]:
    """Every request not yet marked given, the most urgent first."""
    names = {s.id: s.display_name for s in store.students.all()}
    found = []
    for request in store.records_requests.open_ones():
        due = due_on(request.requested_on)
        found.append(
            RequestClock(
                request.id,
                request.student_id,
                names.get(request.student_id, "(unknown student)"),
                request.requested_on,
                due,
                (due - today).days,
            )
        )
    return sorted(found, key=lambda clock: clock.due)


def start_request(store: Store, student_id: str, requested_on: dt.date) -> RecordsRequest:
    """One open request per student: a repeated request keeps the earlier (earlier) clock."""
    for request in store.records_requests.open_ones():
        if request.student_id == student_id:
            return request
    return store.records_requests.save(
        RecordsRequest(student_id=student_id, requested_on=requested_on)
    )


def mark_given(store: Store, request_id: str, day: dt.date) -> RecordsRequest | None:
    with store.transaction():
        request = store.records_requests.get(request_id)
        if request is None or request.given_on is not None:
            return request
        return store.records_requests.save(request.model_copy(update={"given_on": day}))


def name_replacer(
    student: Student, everyone: Iterable[Student], siblings: set[str]
) -> Callable[[str], str]:
    """Replace every other child's name in a text: "a sibling" or "another student".

    Full names first, then first and preferred names; a name this student also has is left
    (it is theirs too).
    """
    own = {part.casefold() for part in (student.first_name, student.preferred_name) if part}
    own.add(student.last_name.casefold())
    words: dict[str, str] = {}
    for other in everyone:
        if other.id == student.id:
            continue
        replacement = SIBLING if other.id in siblings else ANOTHER
        for name in (other.legal_name, other.display_name):
            words.setdefault(name.casefold(), replacement)
        for name in (other.first_name, other.preferred_name):
            if name and len(name) >= 2 and name.casefold() not in own:
                words.setdefault(name.casefold(), replacement)
    if not words:
        return lambda text: text
    ordered = sorted(words, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(word) for word in ordered) + r")(?!\w)", re.IGNORECASE
    )
    return lambda text: pattern.sub(lambda match: words[match.group(0).casefold()], text)
