"""Every error a person can meet, as one sentence, shared by the forms, the CLI and the importer.

A rule in `domain/` returns `Problem`s (the field it is about and one sentence); the forms show
the sentence under or beside that field, the CLI prints it and exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from teacherdesk.store import StoreError

FIELD_NAMES = {
    "first_name": "first name",
    "last_name": "last name",
    "name": "name",
    "summary": "summary",
    "email": "email",
    "number": "phone number",
    "due": "due date",
    "done_on": "date it was done",
}
# A field called `what` is the text of a follow-up or of an agreed action ("The what is too
# long" said nothing): named by the part it belongs to, found in the location or the model.
WHAT_OF = {"follow_up": "follow-up", "FollowUp": "follow-up", "actions": "action"}
WHAT_OF |= {"AgreedAction": "action"}


@dataclass(frozen=True)
class Problem:
    """Why something cannot be saved: the record's field ("date", "follow_up.due") and why."""

    field: str
    sentence: str


def first_error(error: ValueError) -> str:
    """The first validation problem as one sentence: 'The first name is required.'"""
    if not isinstance(error, ValidationError):
        return str(error)
    problem = error.errors()[0]
    field = next((str(part) for part in reversed(problem["loc"]) if isinstance(part, str)), "")
    message = problem["msg"].removeprefix("Value error, ")
    what = FIELD_NAMES.get(field, field.replace("_", " "))
    if field == "what":
        owners = [str(part) for part in problem["loc"]] + [error.title]
        what = next((WHAT_OF[o] for o in owners if o in WHAT_OF), "text")
    return f"The {what} {message}." if what else f"{message}."


def error_clause(error: ValidationError) -> str:
    """The first problem as a clause to put in brackets: 'first name is required'."""
    return first_error(error).removeprefix("The ").rstrip(".")


def field_sentence(label: str, message: str) -> str:
    """One pydantic message under a form field labelled `label`: 'Email should look like …'."""
    message = message.removeprefix("Value error, ")
    if message == "Field required":
        message = "is required"
    return f"{label} {message}."


def save_error(error: BaseException) -> str:
    """Why a save did not happen, for the status line of the app."""
    if isinstance(error, ValidationError):
        return first_error(error)
    if isinstance(error, StoreError):
        return f"The data file could not be saved: {error}."
    if isinstance(error, OSError):
        return f"The data file could not be saved: {error.strerror or error}."
    return f"Something went wrong while saving: {error}."
