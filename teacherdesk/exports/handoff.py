"""Hand-off cards: what works with each family, for next year's teacher.

One short card per student: how each guardian is best reached (channel, best time, language,
interpreter), what helps the child learn in the student's own words (the interview's answer,
verbatim), and how many positive notes went home. Nothing restricted and no concern text: a
fresh start for the family. Pure but for reading the store; no textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from teacherdesk.domain.family import family
from teacherdesk.exports import markdown_text as md
from teacherdesk.models import Purpose, Student, label
from teacherdesk.store import Store

HELPS = "helps_me_learn"


@dataclass(frozen=True)
class HandoffCard:
    student_id: str
    name: str
    markdown: str


def card_for(store: Store, student: Student) -> HandoffCard:
    lines = [md.heading(2, f"{student.display_name}: what works with this family")]
    guardians = family(store, student.id, by="name")
    if not guardians:
        lines.append("No guardians recorded.")
    for guardian in guardians:
        parts = [
            f"best reached by {label(guardian.preferred_channel)}"
            if guardian.preferred_channel
            else "no preferred way recorded",
            f"best time: {guardian.best_time}" if guardian.best_time else "",
            f"language: {guardian.preferred_language}" if guardian.preferred_language else "",
            "an interpreter helps" if guardian.interpreter_needed else "",
        ]
        relation = guardian.relationship_to(student.id)
        who = f"{guardian.name} ({relation})" if relation else guardian.name
        lines.append(md.list_item("; ".join(p for p in parts if p), label=who))
    interview = store.interviews.for_student(student.id)
    helps = interview.answers.get(HELPS, "") if interview else ""
    lines.append(
        md.field("What helps me learn (in the student's words)", helps, missing="Not asked yet")
    )
    positive = sum(
        1
        for note in store.contacts.for_student(student.id)
        if note.purpose == Purpose.POSITIVE and not note.restricted and not note.sealed
    )
    lines.append(md.field("Positive notes home this year", str(positive)))
    return HandoffCard(student.id, student.display_name, "\n\n".join(lines))


def cards(store: Store, students: list[Student]) -> list[HandoffCard]:
    return [card_for(store, student) for student in students]


def handoff_markdown(kept: list[HandoffCard], *, author: str) -> str:
    head = [
        md.heading(1, "Hand-off: what works with each family"),
        f"**Confidential student record.** From {md.escape(author) or 'the teacher'}, for next "
        "year's teacher. Only what helps: no restricted notes, no concerns.",
    ]
    return "\n\n".join([*head, *(card.markdown for card in kept)]) + "\n"
