"""`teacherdesk retention [--years N] [--apply]`: how many finished school years are kept.

Without --apply it only says which finished years are past the setting (a dry run); with it,
those years' files are removed and every backup loses their records. The access log notes it.
"""

from __future__ import annotations

import argparse
import datetime as dt

from teacherdesk.cli.problems import UsageProblem
from teacherdesk.store import Store
from teacherdesk.store.access_log import record
from teacherdesk.store.retention import apply_retention


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--years", type=int, metavar="N", help="keep finished years for N years (saved)"
    )
    parser.add_argument(
        "--apply", action="store_true", help="remove what is past the setting (default: dry run)"
    )


def run(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings.load()
    if args.years is not None:
        if not 1 <= args.years <= 100:
            raise UsageProblem("--years must be a number of years from 1 to 100.")
        settings = store.settings.save(settings.model_copy(update={"retention_years": args.years}))
        print(f"Finished school years are now kept for {args.years} year(s).")
    keep = settings.retention_years
    if keep is None:
        print("No retention is set: every finished school year is kept. Set one with --years N.")
        return 0
    report = apply_retention(store, dt.date.today(), keep, dry_run=not args.apply)
    if not report.expired:
        print(f"No finished school year is older than {keep} year(s); nothing to remove.")
        return 0
    years = ", ".join(report.expired)
    if not report.applied:
        print(f"Would remove {years} (older than {keep} year(s)); run with --apply to do it.")
        return 0
    record(store, "retention", detail=f"removed {years} (kept {keep} year(s))")
    print(
        f"Removed {years}; {report.backups_rewritten} backup(s) rewritten without them; "
        "the access log notes it."
    )
    return 0
