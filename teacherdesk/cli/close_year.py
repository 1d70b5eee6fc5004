"""`teacherdesk close-year [--dry-run]`: move every finished school year into its own file."""

from __future__ import annotations

import argparse
import datetime as dt

from teacherdesk.store import Store
from teacherdesk.store.access_log import record
from teacherdesk.store.closing import CloseReport, close_years
from teacherdesk.store.years import past_year_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would move, change nothing"
    )


def run(args: argparse.Namespace, store: Store) -> int:
    report = close_years(store, dt.date.today(), dry_run=args.dry_run)
    if not args.dry_run and report.years:
        record(store, "close-year", detail="moved to their own files: " + ", ".join(report.years))
    print(_sentence(store, report, dry_run=args.dry_run))
    return 0


def _sentence(store: Store, report: CloseReport, *, dry_run: bool) -> str:
    begins = report.cutoff.strftime("%-d %B %Y")
    if not report.years:
        return f"Nothing to close: every record belongs to the school year that began {begins}."
    moved = (
        f"{report.contacts} contact notes, {report.conferences} conferences, "
        f"{report.events} events, {report.ieps} IEPs and {report.students_left} students who left"
    )
    assert store.path is not None
    files = ", ".join(past_year_path(store.path, label).name for label in report.years)
    kept = (
        f" {report.kept_open} records with something still open stay in this year."
        if report.kept_open
        else ""
    )
    if dry_run:
        return f"Would move {moved} into {files} (dry run: nothing changed).{kept}"
    backup = f" A copy of the file before is at {report.backup}." if report.backup else ""
    return f"Moved {moved} into {files}.{kept}{backup}"
