"""Finding a student by the words of their names: "Grace Lee" finds "Grace Min-ji Lee"."""

from __future__ import annotations

import pytest

from teacherdesk.domain.lookup import StudentNotFound, find_student, prefix_match
from teacherdesk.models import Student

GRACE = Student(first_name="Grace Min-ji", last_name="Lee", student_number="1")
GRACIE = Student(first_name="Gracie", last_name="Leeward", student_number="2")
JOSE = Student(first_name="José Luis", last_name="García Márquez", preferred_name="Pepe")
OLD = Student(first_name="Grace", last_name="Leigh", archived=True)
CLASS = [GRACE, GRACIE, JOSE, OLD]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Grace Min-ji Lee", GRACE),  # exact, as before
        ("Grace Lee", GRACE),  # exact key misses ("grace lee" ≠ "grace min-ji lee"): words
        ("lee grace", GRACE),
        ("Lee, Grace", GRACE),
        ("min lee", GRACE),
        ("ji lee", GRACE),
        ("jose garcia", JOSE),
        ("JOSÉ MÁRQUEZ", JOSE),
        ("pepe gar", JOSE),
        ("luis", JOSE),
    ],
)
def test_every_word_starts_a_word_of_the_name(typed, expected):
    assert find_student(typed, CLASS) is expected


def test_several_matches_list_the_candidates():
    with pytest.raises(StudentNotFound) as caught:
        find_student("gra lee", CLASS)
    assert [s.student_number for s in caught.value.candidates] == ["1", "2"]
    assert "matches 2 students" in str(caught.value)


def test_archived_student_only_when_no_active_one_fits():
    assert find_student("grace lei", CLASS) is OLD


def test_words_must_start_a_word_not_sit_inside_it():
    assert not prefix_match("race", GRACE)
    assert not prefix_match("ee", GRACE)
    assert not prefix_match("", GRACE)
    with pytest.raises(StudentNotFound):
        find_student("Grace Park", CLASS)


def test_a_current_student_by_words_beats_an_archived_one_by_exact_name():
    assert find_student("Grace Min", CLASS) is GRACE
    assert find_student("Grace", CLASS) is GRACE  # not Grace Leigh, who left
    with pytest.raises(StudentNotFound) as caught:
        find_student("Gra", CLASS)  # Grace Min-ji Lee and Gracie, not Grace who left
    assert OLD not in caught.value.candidates and len(caught.value.candidates) == 2
