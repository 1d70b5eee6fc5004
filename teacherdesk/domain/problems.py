"""Every error a person can meet, as one sentence, shared by the forms, the CLI and the importer."""

from __future__ import annotations

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


def save_error(error: BaseException) -> str:
    """Why a save did not happen, for the status line of the app."""
    if isinstance(error, ValidationError):
        return first_error(error)
    if isinstance(error, StoreError):
        return f"The data file could not be saved: {error}."
    if isinstance(error, OSError):
        return f"The data file could not be saved: {error.strerror or error}."
    return f"Something went wrong while saving: {error}."
