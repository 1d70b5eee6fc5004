"""STUDENT arguments: a number, an id, or a name that fits exactly one student."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teacherdesk.domain.lookup import StudentNotFound, find_student
from teacherdesk.models import Student


def student(first, last, **extra) -> Student:
    return Student(first_name=first, last_name=last, **extra)


ZOE = student(
    "Zoë",
    "Okafor",
    student_number="100234",
    preferred_name="Zo",
    id="0f5e1c2a9b7d4e3f8a6c1b2d3e4f5a6b",
)
MATEO = student("Mateo", "Quillfeather", student_number="100235")
AMARA = student("Amara", "Quillfeather", student_number="100236")  # Mateo's sister
INES = student("Inès", "Brightwater", student_number="100237", preferred_name="Nessa")
GONE = student("Kenji", "Moonbrook", student_number="100238", archived=True)
KENJI = student("Kenji", "Pebbleton", student_number="100239")
CLASS = [ZOE, MATEO, AMARA, INES, GONE, KENJI]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("100234", ZOE),
        (" 100237 ", INES),
        (ZOE.id, ZOE),
        ("Zoë Okafor", ZOE),
        ("zoe okafor", ZOE),
        ("ZOE", ZOE),
        ("Zo", ZOE),  # preferred name
        ("zo okafor", ZOE),
        ("Okafor", ZOE),
        ("Okafor, Zoë", ZOE),
        ("okafor, zoe", ZOE),
        ("okafor,zoe", ZOE),
        ("Okafor ,  Zoë", ZOE),
        ("Okafor Zoe", ZOE),
        ("ines", INES),
        ("nessa brightwater", INES),
        ("Brightwater, Inès", INES),
        ("Mateo", MATEO),
        ("amara quillfeather", AMARA),
        ("Kenji", KENJI),  # the archived Kenji does not make it ambiguous
        ("Kenji Moonbrook", GONE),  # but can still be named in full
    ],
)
def test_find_student(typed, expected):
    assert find_student(typed, CLASS) is expected


def test_ambiguous_name_lists_every_candidate():
    with pytest.raises(StudentNotFound) as raised:
        find_student("quillfeather", CLASS)
    assert {s.id for s in raised.value.candidates} == {MATEO.id, AMARA.id}
    message = str(raised.value)
    assert "matches 2 students" in message
    assert "Mateo Quillfeather (#100235)" in message
    assert "Amara Quillfeather (#100236)" in message


def test_missing_student_raises_with_near_misses():
    with pytest.raises(StudentNotFound) as raised:
        find_student("quill", CLASS)
    assert {s.id for s in raised.value.candidates} == {MATEO.id, AMARA.id}

    with pytest.raises(StudentNotFound) as raised:
        find_student("Nobody Atall", CLASS)
    assert raised.value.candidates == []
    assert "no student matches 'Nobody Atall'" in str(raised.value)


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_never_matches(blank):
    with pytest.raises(StudentNotFound):
        find_student(blank, CLASS)


def test_no_students_at_all():
    with pytest.raises(StudentNotFound):
        find_student("Zoë", [])


# --- properties over generated classes -----------------------------------------------------------

name_part = st.text(
    alphabet=st.sampled_from(list("abcdeëéínñoöuüzßAÉZ")), min_size=2, max_size=6
).filter(lambda t: t.strip())


@st.composite
def classes(draw):
    people = draw(
        st.lists(st.tuples(name_part, name_part), min_size=1, max_size=8, unique_by=lambda p: p)
    )
    return [
        student(first, last, student_number=f"9{index:04d}")
        for index, (first, last) in enumerate(people)
    ]


@given(classes(), st.data())
@settings(max_examples=200)
def test_number_and_id_always_find_exactly_that_student(students, data):
    wanted = data.draw(st.sampled_from(students))
    assert find_student(wanted.student_number, students) is wanted
    assert find_student(wanted.id, students) is wanted


@given(classes(), st.data())
@settings(max_examples=200)
def test_a_full_name_finds_the_student_or_lists_all_who_share_it(students, data):
    from teacherdesk.text import fold

    wanted = data.draw(st.sampled_from(students))
    typed = data.draw(
        st.sampled_from(
            [
                f"{wanted.first_name} {wanted.last_name}",
                f"{wanted.last_name}, {wanted.first_name}",
                f"{wanted.first_name.upper()} {wanted.last_name.lower()}",
            ]
        )
    )
    key = fold(typed)
    same = [
        s
        for s in students
        if key
        in {
            fold(f"{s.first_name} {s.last_name}"),
            fold(f"{s.last_name}, {s.first_name}"),
            fold(f"{s.last_name} {s.first_name}"),
            fold(s.last_name),
            fold(s.first_name),
        }
    ]
    assert wanted in same
    if len(same) == 1:
        assert find_student(typed, students) is wanted
    else:
        with pytest.raises(StudentNotFound) as raised:
            find_student(typed, students)
        assert {s.id for s in raised.value.candidates} == {s.id for s in same}
