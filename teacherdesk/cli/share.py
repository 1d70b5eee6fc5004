"""`teacherdesk share --group GROUP`: the data folder becomes a team folder for GROUP.

Run it as the folder's owner (or root). Several accounts then use the same file with every
guarantee (locks, re-read, crash safety); restricted notes stay each author's own.
"""

from __future__ import annotations

import argparse

from teacherdesk.cli.problems import UsageProblem
from teacherdesk.store import Store, StoreError
from teacherdesk.store.access_log import record
from teacherdesk.store.sharing import share


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", required=True, metavar="GROUP", help="the team's Unix group")


def run(args: argparse.Namespace, store: Store) -> int:
    if store.path is None:
        raise UsageProblem("share needs a data file on disk.")
    if not store.path.exists():
        with store.transaction():  # an empty file, so the team has something to open
            store.storage.write(store.storage.read())
    try:
        with store.transaction():  # no save of another process half-way through
            report = share(store.path, args.group)
    except PermissionError as error:
        raise StoreError(
            f"could not change {error.filename}: it belongs to another account; run share as "
            "the folder's owner"
        ) from None
    record(store, "share", detail=f"folder shared with the group {args.group}")
    print(
        f"{report.folder} is now a team folder for the group {args.group}: "
        f"{report.files} file(s) open to the group, restricted notes still private to each "
        "author."
    )
    if report.kept_private:
        print(
            f"Kept private (they hold restricted notes' text from an older version): "
            f"{', '.join(report.kept_private)}."
        )
    if report.unreachable:
        print(
            "Members cannot reach the folder yet: open these folders to the group first "
            f"(chmod g+x or o+x): {', '.join(report.unreachable)}."
        )
    return 0
