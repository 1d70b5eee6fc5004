"""`teacherdesk check [--json]`: does the file parse, is every record valid, do links hold?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

from teacherdesk.store import Store, StoreError, default_data_path
from teacherdesk.store.backups import list_daily
from teacherdesk.store.check import inspect


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
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(report) + b"\n")
    else:
        _print(path, report)
    return 0 if report["ok"] else 1


run.opens_store_itself = True  # type: ignore[attr-defined]


def _failed(problem: str) -> dict:
    empty = dict.fromkeys(("students", "guardians", "contacts", "conferences", "events", "ieps"), 0)
    return {"ok": False, "schema": None, **empty, "problems": [problem]}


def _print(path: Path, report: dict) -> None:
    if report["schema"] is not None:
        backups = len(list_daily(path))
        print(
            f"{path}: schema {report['schema']}, {report['students']} students, "
            f"{report['guardians']} guardians, {report['contacts']} contact notes, "
            f"{report['conferences']} conferences, {report['events']} events, "
            f"{report['ieps']} IEPs; {backups} daily backups."
        )
    for problem in report["problems"]:
        print(f"problem: {problem}", file=sys.stderr if report["schema"] is None else sys.stdout)
    print("OK: the file is sound." if report["ok"] else "NOT OK: see the problems above.")
