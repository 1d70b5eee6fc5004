"""Roster import: SIS CSV exports and OneRoster 1.1 / 1.2 bundles into the store (no textual).

`read_roster(path)` reads a file, folder or zip into an `ImportedRoster` (students and guardians as
the file has them, plus the rows it had to skip); `plan_import(store, roster)` compares that with
the store and says what would be added, updated, unchanged or skipped; `apply_import(store,
roster)` does it in one transaction and returns the plan it carried out.
"""

from teacherdesk.importing.apply import ImportPlan, apply_import, plan_import, report
from teacherdesk.importing.records import (
    ImportedGuardian,
    ImportedRoster,
    ImportedStudent,
    NotARoster,
    Skipped,
)
from teacherdesk.importing.source import read_roster

__all__ = [
    "ImportPlan",
    "ImportedGuardian",
    "ImportedRoster",
    "ImportedStudent",
    "NotARoster",
    "Skipped",
    "apply_import",
    "plan_import",
    "read_roster",
    "report",
]
