"""A student's family: the guardians linked to them, in one order, and linking or unlinking one.

Guardians hold the links (`Guardian.student_ids`), so siblings share one record. Every change to
a guardian's links is a read-modify-write of that record, done inside one store transaction so
that a second window or a shell `teacherdesk note` saving at the same moment loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from teacherdesk.models import Guardian
from teacherdesk.store import Store
from teacherdesk.text import fold

Order = Literal["reach", "rights", "name"]

_ORDERS: dict[str, Callable[[Guardian], tuple]] = {
    # Who to reach first: educational rights, then living with the student, then by name.
    "reach": lambda g: (not g.educational_rights, not g.lives_with_student, fold(g.name)),
    # Who a letter is addressed to first: educational rights, then by name.
    "rights": lambda g: (not g.educational_rights, fold(g.name)),
    "name": lambda g: (fold(g.name),),
}


def in_order(guardians: Iterable[Guardian], by: Order = "reach") -> list[Guardian]:
    """The guardians sorted `by` "reach" (who to reach first), "rights" or "name"."""
    return sorted(guardians, key=_ORDERS[by])


def family(store: Store, student_id: str, by: Order = "reach") -> list[Guardian]:
    """A student's guardians, in order (who to reach first unless `by` says otherwise)."""
    return in_order(store.guardians.for_student(student_id), by)


def guardians_by_student(
    guardians: Iterable[Guardian], student_ids: Iterable[str] | None = None
) -> dict[str, list[Guardian]]:
    """Every student's guardians from one pass over the guardians, in the order given.

    With `student_ids`, each of them has an entry (maybe empty) and other students are left out.
    """
    found: dict[str, list[Guardian]] = (
        {} if student_ids is None else {student_id: [] for student_id in student_ids}
    )
    for guardian in guardians:
        for student_id in guardian.student_ids:
            if student_ids is None:
                found.setdefault(student_id, []).append(guardian)
            elif student_id in found:
                found[student_id].append(guardian)
    return found


def link_guardian(
    store: Store, guardian_id: str, student_id: str, relationship: str = ""
) -> Guardian | None:
    """Link a guardian already in the file to a student (None if the guardian is gone)."""
    with store.transaction():
        guardian = store.guardians.get(guardian_id)
        if guardian is None:
            return None
        if student_id not in guardian.student_ids:
            guardian = guardian.model_copy(
                update={"student_ids": [*guardian.student_ids, student_id]}
            )
        if relationship:
            guardian = guardian.with_relationship(student_id, relationship)
        return store.guardians.save(guardian)


def unlink_guardian(store: Store, guardian_id: str, student_id: str) -> Guardian | None:
    """Unlink a guardian from a student; the record stays (None if the guardian is gone)."""
    with store.transaction():
        guardian = store.guardians.get(guardian_id)
        if guardian is None:
            return None
        ids = [i for i in guardian.student_ids if i != student_id]
        return store.guardians.save(guardian.model_copy(update={"student_ids": ids}))


def save_guardian_details(
    store: Store, edited: Guardian, student_id: str, fields: Iterable[str]
) -> Guardian:
    """Save the `fields` a form edited, and the relationship to `student_id`.

    The links are the stored ones: a sibling linked in another window meanwhile stays linked.
    """
    relationship = edited.relationship_to(student_id)  # the one typed, for this child
    typed = edited.model_dump(include=set(fields) - {"relationship"})
    with store.transaction():
        current = store.guardians.get(edited.id)
        if current is None:
            return store.guardians.save(edited)
        merged = Guardian.model_validate(current.model_dump() | typed)
        return store.guardians.save(merged.with_relationship(student_id, relationship))
