"""What a roster file says, before it meets the store: students, guardians, skipped rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# progress(done, total): called now and then while a large file is read or compared.
Progress = Callable[[int, int], None]


class NotARoster(Exception):
    """The path is missing, not a CSV or OneRoster bundle, or has no name columns (exit 2)."""


@dataclass(frozen=True)
class Skipped:
    where: str  # "line 7" or "users.csv line 7"
    reason: str  # "no last name"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportedStudent:
    """One student as the file has them; `fields` holds only what the file carries (non-empty)."""

    where: str
    key: str  # unique within the file: the SIS id, the sourcedId, or the line
    fields: dict[str, Any]

    @property
    def label(self) -> str:
        first = self.fields.get("preferred_name") or self.fields.get("first_name", "")
        return f"{first} {self.fields.get('last_name', '')}".strip()


@dataclass
class ImportedGuardian:
    """One guardian as the file has them, linked to students by their file `key`."""

    where: str
    name: str
    student_keys: list[str]
    fields: dict[str, Any] = field(default_factory=dict)  # relationship, email, sourced_id …
    phones: list[tuple[str, str]] = field(default_factory=list)  # (label, number)
    defaults: dict[str, Any] = field(default_factory=dict)  # used only when the guardian is new


@dataclass
class ImportedRoster:
    source: str  # the path as given
    kind: str  # "SIS export", "OneRoster 1.1 folder" …
    students: list[ImportedStudent] = field(default_factory=list)
    guardians: list[ImportedGuardian] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deleted_ids: list[str] = field(default_factory=list)  # OneRoster sourcedIds marked tobedeleted
    rows: int = 0  # data rows read (students' file), for progress
    # A contacts export: no students, guardians linked by "number:<student number>" keys.
    contacts: bool = False
    # OneRoster users.csv per the manifest: "bulk" (the whole roster: a student it lacks has
    # left), "delta" (only changes), or "" (no manifest, or not OneRoster: nobody is archived
    # for being missing).
    users_mode: str = ""
    present_ids: set[str] = field(default_factory=set)  # every student sourcedId in users.csv
