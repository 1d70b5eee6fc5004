"""Engagement without a screen: a family's events and volunteer time, and attendance edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from teacherdesk.models import Attendance, EngagementEvent, label


@dataclass(frozen=True)
class Attended:
    event: EngagementEvent
    attendance: Attendance

    @property
    def line(self) -> str:
        """'12 Nov · Family math night workshop · volunteered: snacks, 45 min'."""
        text = f"{self.event.date:%d %b %Y} · {self.event.title} ({label(self.event.kind)})"
        if self.attendance.volunteered:
            bits = [self.attendance.role or "volunteered"]
            if self.attendance.minutes:
                bits.append(minutes_in_words(self.attendance.minutes))
            text += " · volunteered: " + ", ".join(bits)
        return text


@dataclass
class FamilyEngagement:
    """One family's engagement, newest event first."""

    attended: list[Attended] = field(default_factory=list)
    upcoming: list[EngagementEvent] = field(default_factory=list)

    @property
    def events_attended(self) -> int:
        return len(self.attended)

    @property
    def volunteer_minutes(self) -> int:
        return sum(a.attendance.minutes or 0 for a in self.attended if a.attendance.volunteered)

    @property
    def times_volunteered(self) -> int:
        return sum(1 for a in self.attended if a.attendance.volunteered)

    @property
    def summary(self) -> str:
        """'Came to 3 events · volunteered twice, 1 h 30 min' / 'No events attended yet'."""
        if not self.attended:
            return "No events attended yet"
        text = f"Came to {_count(self.events_attended, 'event')}"
        if self.times_volunteered:
            times = {1: "once", 2: "twice"}.get(
                self.times_volunteered, f"{self.times_volunteered} times"
            )
            text += f" · volunteered {times}"
            if self.volunteer_minutes:
                text += f", {minutes_in_words(self.volunteer_minutes)}"
        return text


def family_engagement(
    events: Iterable[EngagementEvent], student_id: str, today: dt.date | None = None
) -> FamilyEngagement:
    """The events this family (named by its student) came to, and its volunteer time."""
    result = FamilyEngagement()
    for event in events:
        for attendance in event.attendance:
            if attendance.student_id == student_id:
                result.attended.append(Attended(event, attendance))
                break
    result.attended.sort(key=lambda a: a.event.date, reverse=True)
    if today is not None:
        result.upcoming = sorted(
            (e for e in events if e.date >= today and not _came(e, student_id)),
            key=lambda e: e.date,
        )
    return result


def _came(event: EngagementEvent, student_id: str) -> bool:
    return any(a.student_id == student_id for a in event.attendance)


def minutes_in_words(minutes: int) -> str:
    """45 → '45 min', 60 → '1 h', 90 → '1 h 30 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def parse_minutes(text: str) -> int | None:
    """Volunteer time as typed: '45', '45 min', '1h', '1.5 h', '1:30', '' → None."""
    words = text.strip().lower().replace(" ", "")
    if not words:
        return None
    try:
        if ":" in words:
            hours, minutes = words.split(":", 1)
            total = int(hours or 0) * 60 + int(minutes or 0)
        elif words.endswith(("h", "hr", "hrs", "hour", "hours")):
            total = round(float(words.rstrip("hours").rstrip("r")) * 60)
        else:
            total = int(float(words.removesuffix("minutes").removesuffix("min").removesuffix("m")))
    except ValueError:
        raise ValueError(
            f"'{text.strip()}' is not a length of time. Expected minutes like 45, or 1h, or 1:30."
        ) from None
    if not 0 <= total <= 24 * 60:
        raise ValueError("Volunteer time must be between 0 minutes and 24 hours.")
    return total


def attendance_by_student(event: EngagementEvent) -> dict[str, Attendance]:
    return {a.student_id: a for a in event.attendance}


def with_attendance(event: EngagementEvent, attendance: dict[str, Attendance]) -> EngagementEvent:
    """A copy of `event` whose attendance is exactly these families (in a stable order)."""
    rows = [attendance[key] for key in sorted(attendance)]
    return event.model_copy(update={"attendance": rows})


def event_counts(event: EngagementEvent) -> tuple[int, int, int]:
    """(families who came, volunteers, volunteer minutes)."""
    volunteers = [a for a in event.attendance if a.volunteered]
    return len(event.attendance), len(volunteers), sum(a.minutes or 0 for a in volunteers)
