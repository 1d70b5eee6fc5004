"""One module per command-line command; none of them imports textual."""

from __future__ import annotations

from pydantic import ValidationError


class UsageProblem(Exception):
    """The command line or its input is wrong (exit 2)."""


class WorkFailed(Exception):
    """The work could not be done (exit 1)."""


FIELD_NAMES = {
    "first_name": "first name",
    "last_name": "last name",
    "name": "name",
    "summary": "summary",
    "email": "email",
    "number": "phone number",
}


def first_error(error: ValueError) -> str:
    """The first validation problem as one sentence: 'The first name is required.'"""
    if not isinstance(error, ValidationError):
        return str(error)
    problem = error.errors()[0]
    field = next((str(part) for part in reversed(problem["loc"]) if isinstance(part, str)), "")
    message = problem["msg"].removeprefix("Value error, ")
    what = FIELD_NAMES.get(field, field.replace("_", " "))
    return f"The {what} {message}." if what else f"{message}."
