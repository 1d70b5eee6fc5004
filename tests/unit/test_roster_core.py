"""Roster rows, name matching, sorting, siblings and the student timeline (no Textual)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from teacherdesk.domain.roster import (
    SORT_KEYS,
    build_rows,
    filter_rows,
    grade_order,
    make_row,
    matches,
    next_sort,
    search_fold,
    siblings,
    sort_rows,
)
from teacherdesk.domain.timeline import CONTACT, EVENT, IEP_STEP, build_timeline
from teacherdesk.models import (
    IEP,
    ContactNote,
    EngagementEvent,
    EventKind,
    FollowUp,
    Guardian,
    ParentalInput,
    Purpose,
    Student,
)
from teacherdesk.text import fold
from tests.helpers import TODAY

names = st.text(
    alphabet=st.characters(categories=("L", "M", "Zs"), max_codepoint=0x2FFF),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() and fold(s))


def student(first="Zoë", last="Quillfeather", **extra) -> Student:
    return Student(first_name=first, last_name=last, **extra)


# --- matching: properties -----------------------------------------------------------------------


@given(first=names, last=names)
def test_a_student_matches_any_part_of_their_own_name(first, last):
    row = make_row(student(first, last), [], None)
    for word in (first, last, f"{first} {last}"):
        assert matches(row, word)
    word = search_fold(first).split()[0]
    assert matches(row, word[: max(1, len(word) // 2)])


@given(first=names, last=names)
def test_matching_ignores_case_and_accents(first, last):
    row = make_row(student(first, last), [], None)
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", first) if not unicodedata.combining(ch)
    )
    assert matches(row, first.upper())
    assert matches(row, stripped)
    assert matches(row, unicodedata.normalize("NFD", first))


@given(guardian=names)
def test_a_guardian_name_finds_the_child(guardian):
    child = student("Mateo", "Moonbrook")
    parent = Guardian(name=guardian, student_ids=[child.id])
    assert matches(make_row(child, [parent], None), guardian)


@given(query=st.text(max_size=12))
def test_filter_rows_agrees_with_matches_and_keeps_order(query):
    rows = [
        make_row(student("Zoë", "Quillfeather"), [], None),
        make_row(student("Zoe", "Ng", preferred_name="Zo"), [], None),
        make_row(student("Mateo", "Moonbrook"), [Guardian(name="Ana Zoé Moonbrook")], None),
    ]
    assert filter_rows(rows, query) == [row for row in rows if matches(row, query)]


def test_empty_query_matches_everyone_and_nonsense_matches_nobody():
    row = make_row(student(), [], None)
    assert matches(row, "") and matches(row, "   ")
    assert not matches(row, "zzzq")
    assert matches(row, "zoe quill") and not matches(row, "zoe moon")


def test_preferred_name_matches():
    row = make_row(student("Oluwaseun", "Brightwater", preferred_name="Seun"), [], None)
    assert matches(row, "seun bright")


# --- sorting ------------------------------------------------------------------------------------


def test_grades_sort_in_school_order():
    grades = ["10", "K", "2", "", "PK", "Grade 3", "ungraded"]
    assert sorted(grades, key=grade_order) == ["PK", "K", "2", "Grade 3", "10", "ungraded", ""]


def test_sort_by_each_column_and_reverse():
    a = make_row(student("Ann", "Able", grade="5", has_iep=True), [], TODAY)
    b = make_row(student("Bo", "Baker", grade="K"), [Guardian(name="X"), Guardian(name="Y")], None)
    c = make_row(student("Cy", "Cole", grade="3", has_504=True), [Guardian(name="Z")], TODAY)
    rows = [c, a, b]
    assert sort_rows(rows, "name") == [a, b, c]
    assert sort_rows(rows, "name", reverse=True) == [c, b, a]
    assert sort_rows(rows, "grade") == [b, c, a]
    assert sort_rows(rows, "plan")[0] is a
    assert sort_rows(rows, "family") == [a, c, b]
    assert sort_rows(rows, "contact")[0] is b  # never contacted first
    assert [next_sort(k) for k in SORT_KEYS] == [*SORT_KEYS[1:], SORT_KEYS[0]]


# --- store-backed ---------------------------------------------------------------------------------


def test_build_rows_hides_archived_unless_asked(memory_store):
    kept = memory_store.students.save(student("Ann", "Able"))
    gone = memory_store.students.save(student("Bo", "Baker", archived=True))
    assert [r.id for r in build_rows(memory_store)] == [kept.id]
    assert {r.id for r in build_rows(memory_store, include_archived=True)} == {kept.id, gone.id}


def test_siblings_share_a_guardian(memory_store):
    one = memory_store.students.save(student("Ann", "Able"))
    two = memory_store.students.save(student("Bo", "Able"))
    other = memory_store.students.save(student("Cy", "Cole"))
    memory_store.guardians.save(Guardian(name="Pat Able", student_ids=[one.id, two.id]))
    memory_store.guardians.save(Guardian(name="Lee Cole", student_ids=[other.id]))
    assert [s.id for s in siblings(memory_store, one.id)] == [two.id]
    assert siblings(memory_store, other.id) == []


def test_timeline_has_everything_newest_first(memory_store):
    kid = memory_store.students.save(student())
    mum = memory_store.guardians.save(
        Guardian(name="Aroha Quillfeather", relationship="mother", student_ids=[kid.id])
    )
    day = dt.timedelta(days=1)
    memory_store.contacts.save(
        ContactNote(
            student_id=kid.id,
            guardian_id=mum.id,
            date=TODAY - 3 * day,
            purpose=Purpose.CONCERN,
            summary="Homework missing twice.\nSecond line shown too.",
            follow_up=FollowUp(what="Call back", due=TODAY - day),
        )
    )
    memory_store.events.save(
        EngagementEvent(
            kind=EventKind.WORKSHOP,
            title="Math night",
            date=TODAY - 10 * day,
            attendance=[{"student_id": kid.id, "guardian_id": mum.id}],
        )
    )
    memory_store.ieps.save(
        IEP(
            student_id=kid.id,
            meeting_date=TODAY + 20 * day,
            parental_input=ParentalInput(received_on=TODAY - 5 * day),
            draft_sent_on=TODAY - 2 * day,
        )
    )
    entries = build_timeline(memory_store, kid.id, today=TODAY)
    assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)
    kinds = [(e.kind, e.headline) for e in entries]
    assert kinds[0] == (IEP_STEP, "IEP meeting")
    assert (IEP_STEP, "Draft IEP sent to the family") in kinds
    assert (IEP_STEP, "Parental input received") in kinds
    assert (EVENT, "Math night — Aroha Quillfeather attended") in kinds
    contact = next(e for e in entries if e.kind == CONTACT)
    assert "concern" in contact.headline and "Aroha Quillfeather (mother)" in contact.headline
    assert contact.details[0] == "Homework missing twice.\nSecond line shown too."  # in full
    assert contact.late and "1 day late" in contact.details[1]
