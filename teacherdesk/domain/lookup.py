"""Finding the student a person means: by student number, id, or a name that fits one student.

Names match without regard to case or accents, on legal or preferred first name, with or
without the last name ("zoe", "Zoë Okafor", "okafor, zoe"). When no name matches exactly, every
typed word must begin a word of the student's names (given, family, preferred), in any order:
"Grace Lee" finds "Grace Min-ji Lee", "lee gr" finds her too, "min" finds "Min-ji".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from teacherdesk.models import Student
from teacherdesk.text import fold, visible


class StudentNotFound(LookupError):
    def __init__(self, wanted: str, candidates: list[Student]) -> None:
        self.wanted = wanted
        self.candidates = candidates
        shown = visible(wanted)
        shown = shown if len(shown) <= 60 else shown[:57] + "…"  # a pasted page stays short
        if candidates:
            names = "; ".join(describe(student) for student in candidates[:10])
            more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
            message = f"'{shown}' matches {len(candidates)} students: {names}{more}"
        else:
            message = f"no student matches '{shown}'"
        super().__init__(message)


def describe(student: Student) -> str:
    number = f" (#{student.student_number})" if student.student_number else ""
    return f"{student.display_name}{number}"


def name_keys(student: Student) -> set[str]:
    """Every way of writing this student's name that should find them."""
    firsts = {student.first_name, student.preferred_name} - {""}
    keys = set()
    for first in firsts:
        keys |= {
            fold(first),
            fold(f"{first} {student.last_name}"),
            fold(f"{student.last_name} {first}"),
            fold(f"{student.last_name}, {first}"),
        }
    keys.add(fold(student.last_name))
    return keys


_WORD_BREAK = re.compile(r"[\s,]+")
_PART_BREAK = re.compile(r"[-'’.]+")


def name_words(student: Student) -> set[str]:
    """The words of every name of the student, folded; "Min-ji" gives "min-ji", "min" and "ji"."""
    words: set[str] = set()
    for name in (student.first_name, student.last_name, student.preferred_name):
        for word in _WORD_BREAK.split(fold(name)):
            if word:
                words.add(word)
                words |= {part for part in _PART_BREAK.split(word) if part}
    return words


def prefix_match(typed: str, student: Student) -> bool:
    """Every typed word is the start of some word of the student's names."""
    wanted = [word for word in _WORD_BREAK.split(fold(typed)) if word]
    words = name_words(student)
    return bool(wanted) and all(any(w.startswith(t) for w in words) for t in wanted)


def find_student(wanted: str, students: Iterable[Student]) -> Student:
    """Exactly one student for `wanted`, or StudentNotFound with the candidates."""
    students = list(students)
    text = wanted.strip()
    exact = [s for s in students if text and text in (s.student_number, s.id, s.sourced_id)]
    if len(exact) == 1:
        return exact[0]
    if exact:  # two students with one number (a damaged file): never pick one silently
        raise StudentNotFound(wanted, exact)
    key = fold(re.sub(r"\s*,\s*", ", ", text))  # "Okafor,Zoë" as "Okafor, Zoë"
    matches = [student for student in students if key and key in name_keys(student)]
    active = [student for student in matches if not student.archived]
    if len(active) == 1:
        return active[0]
    if not active:
        # No current student is called exactly that: words, where an active student wins over
        # an archived one with the exact name ("Grace" → Grace Min-ji, not Grace who left).
        by_words = [student for student in students if prefix_match(text, student)]
        current = [student for student in by_words if not student.archived]
        if len(current) == 1:
            return current[0]
        if current:
            matches = current
        elif len(matches) == 1 or len(by_words) == 1:
            return (matches or by_words)[0]
        else:
            matches = matches or by_words
    if not matches:
        # Offer near misses: names that contain what was typed.
        matches = [s for s in students if key and any(key in k for k in name_keys(s))]
    raise StudentNotFound(wanted, sorted(matches, key=lambda s: (s.last_name, s.first_name)))
