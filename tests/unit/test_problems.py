"""One module turns errors into sentences (domain.problems)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from teacherdesk.domain.problems import error_clause, field_sentence, first_error
from teacherdesk.models import Student


def student_error() -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Student(first_name="", last_name="Birch")
    return caught.value


def test_first_error_and_its_clause():
    error = student_error()
    assert first_error(error) == "The first name is required."
    assert error_clause(error) == "first name is required"


def test_field_sentence_under_a_form_field():
    assert field_sentence("Email", "Value error, should look like name@example.org") == (
        "Email should look like name@example.org."
    )
    assert field_sentence("Name", "Field required") == "Name is required."
