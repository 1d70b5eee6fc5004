"""`teacherdesk check [--json]`: does the file parse, is every record valid, do links hold?

Every finished school year's file beside it (`teacherdesk-2024-25.json`) is checked the same way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

from teacherdesk.store import Store, StoreError, default_data_path
from teacherdesk.store.backups import list_daily
from teacherdesk.store.check import inspect
from teacherdesk.store.years import past_year_files

COUNTS = ("students", "guardians", "contacts", "conferences", "events", "ieps")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")


def run(args: argparse.Namespace, _store: None) -> int:
    path = (args.data or default_data_path()).expanduser()
    if not path.exists():
        report = _failed(f"there is no data file at {path}")
    else:
        try:
            report = inspect(Store.open(path, backups=False))
        except StoreError as error:
            report = _failed(f"cannot use {path}: {error}")
    # The JSON keeps DESIGN.md §5's shape: a past year's problems join "problems", named by file.
    years = [_check_past_year(label, year_path) for label, year_path in past_year_files(path)]
    for year in years:
        report["problems"] += [f"{Path(year['file']).name}: {p}" for p in year["problems"]]
    report["ok"] = report["ok"] and all(year["ok"] for year in years)
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(report) + b"\n")
    else:
        _print(path, report, years)
    return 0 if report["ok"] else 1


run.opens_store_itself = True  # type: ignore[attr-defined]


def _check_past_year(label: str, path: Path) -> dict:
    try:
        found = inspect(Store.open_past_year(path))
    except StoreError as error:
        found = _failed(f"cannot use {path}: {error}")
    return {"label": label, "file": str(path), **found}


def _failed(problem: str) -> dict:
    return {
        "ok": False,
        "schema": None,
        **dict.fromkeys(COUNTS, 0),
        "problems": [problem],
        "drafts": [],
    }


def _print(path: Path, report: dict, years: list[dict]) -> None:
    if report["schema"] is not None:
        backups = len(list_daily(path))
        print(
            f"{path}: schema {report['schema']}, {report['students']} students, "
            f"{report['guardians']} guardians, {report['contacts']} contact notes, "
            f"{report['conferences']} conferences, {report['events']} events, "
            f"{report['ieps']} IEPs; {backups} daily backups."
        )
    for year in years:
        if year["schema"] is not None:
            print(
                f"{year['file']}: school year {year['label']}, {year['contacts']} contact notes, "
                f"{year['conferences']} conferences, {year['events']} events, {year['ieps']} IEPs."
            )
    for draft in report.get("drafts", []):
        print(f"draft: {draft}")
    for problem in report["problems"]:
        print(f"problem: {problem}", file=sys.stderr if report["schema"] is None else sys.stdout)
    print("OK: the files are sound." if report["ok"] else "NOT OK: see the problems above.")
