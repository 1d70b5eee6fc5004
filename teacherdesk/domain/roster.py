"""The roster as the teacher sees it: one row per student with family and last contact.

Everything the roster screen needs per keystroke is computed once here: the folded search key
(student's legal and preferred names plus every guardian's name) and a sort key per column, so
filtering 1,000 students is a list comprehension of substring tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from teacherdesk.domain.family import guardians_by_student
from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store
from teacherdesk.text import fold


def search_fold(text: str) -> str:
    """`fold` after case folding (so "ᾀ" and "ἈΙ" agree), Turkish dotless ı read as i."""
    return fold(text.casefold()).replace("ı", "i")


@dataclass(frozen=True)
class SortColumn:
    key: str
    title: str


# The columns the roster can be sorted by, in the order the sort key cycles through them.
SORT_COLUMNS: tuple[SortColumn, ...] = (
    SortColumn("name", "Student"),
    SortColumn("grade", "Gr"),
    SortColumn("class", "Class"),
    SortColumn("plan", "Plan"),
    SortColumn("family", "Fam"),
    SortColumn("contact", "Last contact"),
)
SORT_KEYS = tuple(column.key for column in SORT_COLUMNS)


def grade_order(grade: str) -> tuple[int, int, str]:
    """Grades in school order: PK, K, 1, 2 … 12, then anything else alphabetically, blank last."""
    text = grade.strip().casefold()
    if not text:
        return (3, 0, "")
    named = {"pk": -2, "pre-k": -2, "prek": -2, "tk": -1, "k": 0, "kg": 0, "kindergarten": 0}
    if text in named:
        return (0, named[text], "")
    digits = text.removeprefix("grade").strip()
    if digits.isdigit():
        return (1, int(digits), "")
    return (2, 0, text)


@dataclass(frozen=True)
class RosterRow:
    student: Student
    guardians: tuple[Guardian, ...]
    last_contact: dt.date | None
    search_key: str  # folded names of the student and family, for type-to-filter
    sort_keys: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def flags(self) -> str:
        return " ".join(
            f for f, on in (("IEP", self.student.has_iep), ("504", self.student.has_504)) if on
        )

    @property
    def id(self) -> str:
        return self.student.id


def make_row(student: Student, family: Iterable[Guardian], last: dt.date | None) -> RosterRow:
    """One roster row with its search key and sort keys computed up front."""
    family = tuple(sorted(family, key=lambda g: fold(g.name)))
    names = [student.first_name, student.preferred_name, student.last_name]
    names += [guardian.name for guardian in family]
    name_key = (fold(student.last_name), fold(student.preferred_name or student.first_name))
    plan = (0 if student.has_iep else 1, 0 if student.has_504 else 1)
    sort_keys: dict[str, object] = {
        "name": name_key,
        "grade": (grade_order(student.grade), name_key),
        "class": (fold(student.class_name) or "\uffff", name_key),
        "plan": (plan, name_key),
        "family": (len(family), name_key),
        # Oldest contact first: "never" at the very top, the families most in need of a call.
        "contact": (last.toordinal() if last else 0, name_key),
    }
    key = search_fold(" ".join(names))
    plain = fold(" ".join(names)).replace("ı", "i")  # "ᾀ" found by "α" as well as by "αι"
    return RosterRow(student, family, last, key if plain == key else f"{key} {plain}", sort_keys)


def build_rows(store: Store, *, include_archived: bool = False) -> list[RosterRow]:
    """Every student (active unless asked), sorted by last then first name."""
    students = store.students.all()
    if not include_archived:
        students = [student for student in students if not student.archived]
    families = guardians_by_student(store.guardians.all(), [student.id for student in students])
    last = store.contacts.last_contact_dates()
    rows = [make_row(s, families[s.id], last.get(s.id)) for s in students]
    return sort_rows(rows, "name")


def matches(row: RosterRow, query: str) -> bool:
    """Every word typed appears somewhere in the student's or family's names."""
    return all(word in row.search_key for word in search_fold(query).split())


def filter_rows(rows: Sequence[RosterRow], query: str) -> list[RosterRow]:
    """The rows matching `query` (folded once, not once per row)."""
    words = search_fold(query).split()
    if not words:
        return list(rows)
    if len(words) == 1:
        word = words[0]
        return [row for row in rows if word in row.search_key]
    return [row for row in rows if all(word in row.search_key for word in words)]


def sort_rows(rows: Iterable[RosterRow], by: str, *, reverse: bool = False) -> list[RosterRow]:
    if by not in SORT_KEYS:
        raise ValueError(f"Cannot sort by {by!r}; choose one of {', '.join(SORT_KEYS)}.")
    return sorted(rows, key=lambda row: row.sort_keys[by], reverse=reverse)  # type: ignore[arg-type,return-value]


def next_sort(current: str) -> str:
    """The column after `current`, wrapping round."""
    index = SORT_KEYS.index(current) if current in SORT_KEYS else -1
    return SORT_KEYS[(index + 1) % len(SORT_KEYS)]


def siblings(store: Store, student_id: str) -> list[Student]:
    """Students who share at least one guardian with this one (archived ones last)."""
    ids: set[str] = set()
    for guardian in store.guardians.for_student(student_id):
        ids.update(guardian.student_ids)
    ids.discard(student_id)
    found = [student for sid in ids if (student := store.students.get(sid)) is not None]
    return sorted(found, key=lambda s: (s.archived, fold(s.display_name)))
