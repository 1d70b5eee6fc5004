"""The Contacts list as the teacher reads it: rows, filters, and a note's earlier versions.

Pure (no Textual): the Contacts screen builds rows in a thread with `build_rows`, filters them
with `ContactFilter.keep`, and shows a note's history with `history_entries`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from teacherdesk.domain.family import guardians_by_student
from teacherdesk.models import (
    Channel,
    ContactNote,
    Direction,
    Guardian,
    Outcome,
    Purpose,
    Student,
    label,
)
from teacherdesk.store.repositories import newest_first
from teacherdesk.text import fold


@dataclass(frozen=True)
class ContactRow:
    note: ContactNote
    student_name: str
    guardian_name: str  # "" means the family
    search_key: str  # folded student and family names

    @property
    def how(self) -> str:
        return f"{label(self.note.channel)}, {label(self.note.outcome)}"

    @property
    def first_line(self) -> str:
        return " ".join(self.note.summary.split())


@dataclass(frozen=True)
class ContactFilter:
    text: str = ""
    purpose: Purpose | None = None
    channel: Channel | None = None
    outcome: Outcome | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def active(self) -> bool:
        return self != ContactFilter()

    def keep(self, row: ContactRow) -> bool:
        note = row.note
        if self.purpose is not None and note.purpose != self.purpose:
            return False
        if self.channel is not None and note.channel != self.channel:
            return False
        if self.outcome is not None and note.outcome != self.outcome:
            return False
        if self.since is not None and note.date < self.since:
            return False
        if self.until is not None and note.date > self.until:
            return False
        return all(word in row.search_key for word in fold(self.text).split())


def build_rows(
    notes: Iterable[ContactNote], students: Iterable[Student], guardians: Iterable[Guardian]
) -> list[ContactRow]:
    """One row per note, newest first, with the names the teacher searches by."""
    student_names = {s.id: s for s in students}
    guardians = list(guardians)
    guardian_names = {guardian.id: guardian.name for guardian in guardians}
    family = guardians_by_student(guardians)
    keys: dict[str, str] = {}
    for student_id, student in student_names.items():
        names = [student.first_name, student.preferred_name, student.last_name]
        names += [g.name for g in family.get(student_id, [])]
        keys[student_id] = fold(" ".join(names))
    rows = []
    for note in newest_first(notes):
        student = student_names.get(note.student_id)
        rows.append(
            ContactRow(
                note=note,
                student_name=student.display_name if student else "(unknown student)",
                guardian_name=guardian_names.get(note.guardian_id or "", ""),
                search_key=keys.get(note.student_id, ""),
            )
        )
    return rows


# --- history --------------------------------------------------------------------------------------

FIELD_WORDS = {
    "guardian_id": "guardian",
    "date": "date",
    "channel": "channel",
    "direction": "direction",
    "purpose": "purpose",
    "outcome": "outcome",
    "summary": "summary",
    "follow_up": "follow-up",
    "restricted": "restricted",
}
_KINDS = {"channel": Channel, "direction": Direction, "purpose": Purpose, "outcome": Outcome}


@dataclass(frozen=True)
class HistoryEntry:
    """One earlier version: who wrote it and when, and what it said where it differs."""

    written_at: str  # "2026-11-16 14:03" ("" when not known)
    written_by: str
    changes: list[tuple[str, str]]  # (field in words, what the earlier version said)


def _shown(field: str, value: Any, guardians: dict[str, str]) -> str:
    if value is None or value == "":
        return "(none)" if field != "guardian_id" else "the family"
    if field == "guardian_id":
        return guardians.get(value, "a guardian no longer on file")
    if field in _KINDS:
        try:
            return label(_KINDS[field](value))
        except ValueError:
            return str(value)
    if field == "follow_up" and isinstance(value, dict):
        done = f", done {value.get('done_on')}" if value.get("done_on") else ""
        return f"{value.get('what') or 'follow up'} by {value.get('due')}{done}"
    if field == "restricted":
        return "yes" if value else "no"
    return str(value)


def _when(stamp: Any) -> str:
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def history_entries(
    note: ContactNote, guardians: dict[str, str] | None = None
) -> list[HistoryEntry]:
    """The note's earlier versions, newest first, each with the fields that differ from the next."""
    guardians = guardians or {}
    current = note.model_dump(mode="json")
    versions = [*note.history, current]
    entries = []
    for earlier, later in itertools.pairwise(versions):
        changes = [
            (words, _shown(field, earlier.get(field), guardians))
            for field, words in FIELD_WORDS.items()
            if earlier.get(field) != later.get(field)
        ]
        entries.append(
            HistoryEntry(
                written_at=_when(earlier.get("changed_at")),
                written_by=str(earlier.get("changed_by") or ""),
                changes=changes,
            )
        )
    return list(reversed(entries))
