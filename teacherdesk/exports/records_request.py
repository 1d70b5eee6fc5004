"""Everything held about one student, for the family who asked to see it (FERPA 34 CFR 99.10).

Across every school year's file: profile, family, IEP timeline and parental input of every IEP,
the student's interviews, conferences, family contacts, engagement events attended, and the
edit history of every record that keeps one. Every other child's name is replaced ("a sibling",
"another student"); restricted notes written by other team members are left out and counted
(they are in their authors' own files); the running account's own restricted notes are in,
marked. Pure but for reading the store; no textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from teacherdesk.domain.contacts import FIELD_WORDS
from teacherdesk.domain.dates import exact
from teacherdesk.domain.family import family
from teacherdesk.domain.records import due_on, name_replacer
from teacherdesk.exports import markdown_text as md
from teacherdesk.exports.packet import (
    PacketData,
    _conferences,
    _contacts,
    _family,
    _parental_input,
    _student,
    _student_input,
    _timeline,
    default_author,
)
from teacherdesk.models import (
    IEP,
    Conference,
    ContactNote,
    EngagementEvent,
    Student,
    StudentInterview,
    label,
)
from teacherdesk.store import Store
from teacherdesk.store.years import across_years

# The parts of records a person typed: where another child's name could be.
TEXT_FIELDS = {
    "contacts": ("summary",),
    "conferences": ("celebrations", "concerns", "notes"),
    "ieps": ("family_comments",),
    "events": ("title", "description"),
}


def _scrubbed(record: Any, replace: Callable[[str], str]) -> Any:
    """A copy of `record` with every string in it passed through `replace`."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return replace(value)
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    keep = {"id", "student_id", "guardian_id", "guardian_ids", "created_by", "updated_by"}
    doc = record.model_dump(mode="json")
    fresh = {key: value if key in keep else walk(value) for key, value in doc.items()}
    return type(record).model_validate(fresh | {"sealed": getattr(record, "sealed", False)})


def gather_everything(store: Store, student: Student) -> dict[str, Any]:
    sid = student.id
    everyone = across_years(store, lambda year: year.students.all())
    guardians = family(store, sid, by="name")
    siblings = {other for g in guardians for other in g.student_ids if other != sid}
    replace = name_replacer(student, everyone, siblings)
    contacts: list[ContactNote] = across_years(store, lambda y: y.contacts.for_student(sid))
    sealed = [note for note in contacts if note.sealed]

    def every(read: Callable[[Store], Any]) -> list[Any]:
        return [_scrubbed(record, replace) for record in across_years(store, read)]

    return {
        "student": student,
        "guardians": guardians,
        "ieps": sorted(
            every(lambda y: y.ieps.where(student_id=sid)),
            key=lambda iep: iep.meeting_date,
            reverse=True,
        ),
        "interviews": every(lambda y: y.interviews.where(student_id=sid)),
        "conferences": every(lambda y: y.conferences.for_student(sid)),
        "contacts": [_scrubbed(n, replace) for n in contacts if not n.sealed],
        "sealed": sealed,
        "events": every(lambda y: y.events.for_student(sid)),
    }


def records_markdown(
    found: dict[str, Any], *, today: dt.date, author: str, requested_on: dt.date | None
) -> str:
    student: Student = found["student"]
    ieps: list[IEP] = found["ieps"]
    interviews: list[StudentInterview] = sorted(
        found["interviews"], key=lambda iv: iv.school_year, reverse=True
    )
    base = PacketData(
        student=student,
        guardians=found["guardians"],
        iep=ieps[0] if ieps else None,
        interview=interviews[0] if interviews else None,
        last_interview=interviews[1] if len(interviews) > 1 else None,
        conferences=found["conferences"],
        contacts=found["contacts"],
    )
    asked = ""
    if requested_on is not None:
        asked = (
            f"Requested on {exact(requested_on)}; to be given by {exact(due_on(requested_on))} "
            "(45 days)."
        )
    parts = [
        md.heading(1, f"Education records: {student.display_name}"),
        f"**Confidential student record.** Prepared on {exact(today)} by "
        f"{md.escape(author) or 'the teacher'} for the student's family. {asked}".strip(),
        "Everything this teacher's records hold about the student, from every school year. "
        "Other children are not named: they appear as “a sibling” or “another student”.",
        *_student(student),
        *_family(base),
    ]
    if not ieps:
        parts += [md.heading(2, "IEP timeline"), "No IEP on record."]
    for iep in ieps:
        one = PacketData(student=student, guardians=base.guardians, iep=iep)
        parts += _timeline(one, today) + _parental_input(one)
    parts += _student_input(base)
    parts += _conferences(base, today)
    parts += _contacts(base, today, include_restricted=True)
    parts += _left_out(found["sealed"])
    parts += _events(found["events"], student.id)
    parts += _history(found["contacts"], found["conferences"], ieps)
    return "\n\n".join(part for part in parts if part) + "\n"


def _left_out(sealed: list[ContactNote]) -> list[str]:
    if not sealed:
        return []
    by: dict[str, int] = {}
    for note in sealed:
        by[note.created_by or "another team member"] = by.get(note.created_by, 0) + 1
    who = ", ".join(f"{count} by {md.escape(name)}" for name, count in sorted(by.items()))
    return [
        md.heading(2, "Left out"),
        f"{len(sealed)} restricted note(s) written by other team members are not in this "
        f"copy ({who}); they are kept in their authors' own files: ask them.",
    ]


def _events(events: list[EngagementEvent], student_id: str) -> list[str]:
    out = [md.heading(2, "School events the family came to")]
    if not events:
        return [*out, "None recorded."]
    items = []
    for event in sorted(events, key=lambda e: e.date, reverse=True):
        mine = [a for a in event.attendance if a.student_id == student_id]
        extra = ""
        if any(a.volunteered for a in mine):
            roles = ", ".join(a.role for a in mine if a.role)
            extra = " · volunteered" + (f" ({roles})" if roles else "")
        items.append(
            md.list_item(f"{exact(event.date)}: {event.title} ({label(event.kind)}){extra}")
        )
    return [*out, "\n".join(items)]


def _history(
    contacts: list[ContactNote], conferences: list[Conference], ieps: list[IEP]
) -> list[str]:
    out = [md.heading(2, "Edit history")]
    items = []
    kinds = (("Contact note", contacts, "date"), ("Conference", conferences, "when"))
    for kind, records, when in (*kinds, ("IEP", ieps, "meeting_date")):
        for record in records:
            for version in record.history:
                changed = [
                    f"{FIELD_WORDS.get(key, key.replace('_', ' '))}: {_short(version.get(key))}"
                    for key, value in version.items()
                    if key not in ("changed_at", "changed_by", "history")
                    and value != record.model_dump(mode="json").get(key)
                ]
                day = str(getattr(record, when))[:10]
                at = str(version.get("changed_at") or "")[:16].replace("T", " ")
                items.append(
                    md.list_item(
                        f"{kind} of {day}: an earlier version of {at or 'an unknown time'} by "
                        f"{version.get('changed_by') or 'unknown'} said "
                        + ("; ".join(changed) or "the same (only who and when changed)")
                    )
                )
    return [*out, "\n".join(items) if items else "No record was edited after it was written."]


def _short(value: Any) -> str:
    text = " ".join(str(value if value is not None else "nothing").split())
    return text if len(text) <= 200 else text[:199] + "…"


def export_records(
    store: Store,
    student: Student,
    *,
    today: dt.date,
    fmt: str = "md",
    requested_on: dt.date | None = None,
) -> tuple[str, int]:
    """(the document, how many other members' restricted notes were left out)."""
    from teacherdesk.exports.html_page import html_document

    found = gather_everything(store, student)
    text = records_markdown(
        found, today=today, author=default_author(store), requested_on=requested_on
    )
    if fmt == "html":
        text = html_document(
            text,
            title=f"Education records: {student.display_name}",
            banner="Confidential student record: for the student's family.",
            header=student.display_name,
        )
    return text, len(found["sealed"])
