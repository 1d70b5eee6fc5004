"""`teacherdesk import PATH [--dry-run]`: a SIS CSV export or a OneRoster folder or zip."""

from __future__ import annotations

import argparse
from pathlib import Path

from teacherdesk.commands import UsageProblem
from teacherdesk.importing import ImportPlan, NotARoster, apply_import, plan_import, read_roster
from teacherdesk.store import Store


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
        plan = plan_import(store, roster)
    else:
        plan = apply_import(store, roster)
    print(report(plan, dry_run=args.dry_run))
    return 0


def report(plan: ImportPlan, *, dry_run: bool) -> str:
    roster = plan.roster
    heading = "Would import" if dry_run else "Imported"
    lines = [f"{heading} {roster.source} ({roster.kind}):"]
    lines += [f"  {line}" for line in plan.summary_lines()]
    if plan.skipped:
        lines.append("Skipped:")
        lines += [f"  {skipped}" for skipped in plan.skipped]
    if plan.warnings:
        lines.append("Warnings:")
        lines += [f"  {warning}" for warning in plan.warnings]
    if dry_run:
        lines.append("Dry run: nothing was saved.")
    return "\n".join(lines)
