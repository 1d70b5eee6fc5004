"""What an import would do: the plan, its counts and words for the teacher, and the diff of one
record (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from teacherdesk.importing.records import ImportedRoster, Skipped
from teacherdesk.models import Guardian, Student

AUDIT = {"created_at", "created_by", "updated_at", "updated_by"}


@dataclass
class Update:
    before: Student | Guardian
    after: Student | Guardian
    fields: list[str]  # what changed, for the preview

    @property
    def describe(self) -> str:
        name = getattr(self.after, "display_name", None) or getattr(self.after, "name", "")
        return f"{name}: {', '.join(f.replace('_', ' ') for f in self.fields)}"


@dataclass
class ImportPlan:
    roster: ImportedRoster
    new_students: list[Student] = field(default_factory=list)
    updated_students: list[Update] = field(default_factory=list)
    unchanged_students: int = 0
    new_guardians: list[Guardian] = field(default_factory=list)
    updated_guardians: list[Update] = field(default_factory=list)
    unchanged_guardians: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    archived_students: list[Update] = field(default_factory=list)  # left, per the file
    contacts_for: int = 0  # a contacts export: how many students on the roster it names
    applied: bool = False

    @property
    def added(self) -> int:
        return len(self.new_students)

    @property
    def updated(self) -> int:
        return len(self.updated_students)

    @property
    def unchanged(self) -> int:
        return self.unchanged_students

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new_students
            or self.updated_students
            or self.archived_students
            or self.new_guardians
            or self.updated_guardians
        )

    @property
    def description(self) -> str:
        """What kind of file this is, in words: 'a contacts export: 49 guardians for 22 students
        already on your roster'."""
        roster = self.roster
        guardians = len(self.new_guardians) + len(self.updated_guardians)
        guardians += self.unchanged_guardians
        if roster.contacts:
            return (
                f"a contacts export: {count_of(guardians, 'guardian')} for "
                f"{count_of(self.contacts_for, 'student')} already on your roster"
            )
        students = count_of(len(roster.students), "student")
        if roster.kind.startswith("OneRoster"):
            mode = {
                "bulk": "users file in bulk: anyone missing from it has left",
                "delta": "users file as a delta: only the changes it lists",
            }.get(roster.users_mode, "no manifest: nobody is archived for being missing")
            return f"a {roster.kind} ({mode}): {students}, {count_of(guardians, 'guardian')}"
        return f"a SIS roster export: {students}, {count_of(guardians, 'guardian')}"

    def summary_lines(self) -> list[str]:
        """The counts as a teacher reads them (the CLI prints these, the app shows them)."""
        return [
            f"added      {count_of(self.added, 'student')}, "
            f"{count_of(len(self.new_guardians), 'guardian')}",
            f"updated    {count_of(self.updated, 'student')}, "
            f"{count_of(len(self.updated_guardians), 'guardian')}",
            f"unchanged  {count_of(self.unchanged, 'student')}, "
            f"{count_of(self.unchanged_guardians, 'guardian')}",
            f"archived   {count_of(len(self.archived_students), 'student')} (left; notes kept)",
            f"skipped    {count_of(len(self.skipped), 'row')}",
        ]


def report(plan: ImportPlan, heading: str) -> str:
    """The whole outcome as plain text: heading, counts, each skipped row, each warning."""
    roster = plan.roster
    lines = [f"{heading} {roster.source} ({roster.kind}):"]
    lines.append(f"  This is {plan.description}.")
    lines += [f"  {line}" for line in plan.summary_lines()]
    if plan.archived_students:
        names = [update.after.display_name for update in plan.archived_students]  # type: ignore[union-attr]
        lines.append("Archived (left the school; nothing deleted):")
        lines.append("  " + ", ".join(names[:20]) + (" …" if len(names) > 20 else ""))
    if plan.skipped:
        lines.append("Skipped:")
        lines += [f"  {skipped}" for skipped in plan.skipped]
    if plan.warnings:
        lines.append("Warnings:")
        lines += [f"  {warning}" for warning in plan.warnings]
    return "\n".join(lines)


def count_of(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def updated(before: Student | Guardian, fields: dict[str, Any]) -> Update | None:
    data = before.model_dump()
    data.update(fields)
    after = type(before).model_validate(data)
    changed = [
        name
        for name in type(before).model_fields
        if name not in AUDIT and getattr(after, name) != getattr(before, name)
    ]
    return Update(before, after, changed) if changed else None
