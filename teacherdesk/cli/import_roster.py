"""`teacherdesk import PATH [--dry-run]`: a SIS CSV export or a OneRoster folder or zip."""

from __future__ import annotations

import argparse
from pathlib import Path

from teacherdesk.cli.problems import UsageProblem
from teacherdesk.importing import NotARoster, apply_import, plan_import, read_roster, report
from teacherdesk.store import Store
from teacherdesk.store.access_log import record


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", type=Path, help="a SIS CSV export, or a OneRoster folder or zip"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change and save nothing"
    )


def run(args: argparse.Namespace, store: Store) -> int:
    try:
        roster = read_roster(args.path)
    except NotARoster as error:
        raise UsageProblem(f"{error}.") from None
    if args.dry_run:
        print(report(plan_import(store, roster), "Would import"))
        print("Dry run: nothing was saved.")
    else:
        print(report(apply_import(store, roster), "Imported"))
        record(store, "import", detail=f"from {args.path.name}")
    return 0
