"""Hostile data for the battery: every field a person types carries markup and brackets."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.store import Store
from tests.helpers import TODAY

# Each of these once crashed the app, rendered bold, vanished or became an action.
MARKUP = " [/] [b]x [@click=app.quit]q [sic]"
ID_LIKE = ("id", "ids", "created_by", "updated_by", "changed_by", "entered_by")


def _poison(value: Any, key: str = "") -> Any:
    if key == "id" or key.endswith(ID_LIKE):
        return value
    if isinstance(value, str):
        return value + MARKUP if value and len(value) < 150 else value
    if isinstance(value, list):
        return [_poison(item) for item in value]
    if isinstance(value, dict):
        inner = key in ("answers", "drafts", "relationships")  # keys there are ids
        return {k: _poison(v, "" if inner else k) for k, v in value.items()}
    return value


def _revert(doc: dict, original: dict, loc: tuple) -> None:
    """Put back the original value where validation refused the poisoned one (enums, phones)."""
    target, source = doc, original
    for part in loc[:-1]:
        target, source = target[part], source[part]
    target[loc[-1]] = source[loc[-1]]


def poisoned(repo, record):
    original = record.model_dump(mode="json")
    doc = _poison(original)
    for _attempt in range(50):
        try:
            return repo.model.model_validate(doc)
        except ValidationError as error:
            for problem in error.errors():
                loc = tuple(problem["loc"])
                while loc:
                    try:
                        _revert(doc, original, loc)
                        break
                    except (KeyError, IndexError, TypeError):
                        loc = loc[:-1]
    raise AssertionError(f"cannot poison {record!r}")


def markup_demo(store: Store, students: int = 6, notes: int = 20) -> Store:
    """A small demo class whose every typed field ends with MARKUP."""
    build_demo(store, DemoSize(students=students, notes=notes), today=TODAY)
    repos = (
        store.students,
        store.guardians,
        store.contacts,
        store.conferences,
        store.events,
        store.ieps,
        store.interviews,
    )
    with store.transaction():
        for repo in repos:
            for record in repo.all():
                repo.save(poisoned(repo, record))
    return store
