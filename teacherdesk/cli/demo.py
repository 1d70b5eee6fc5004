"""`teacherdesk demo`: write a fictional class, then open it (unless --no-open)."""

from __future__ import annotations

import argparse

from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.store import DamagedFileError, Store, StoreError, default_data_path, schema
from teacherdesk.store.backups import keep_copy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--students", type=int, default=24, help="how many students (default 24)")
    parser.add_argument(
        "--notes", type=int, default=120, help="how many contact notes (default 120)"
    )
    parser.add_argument(
        "--years",
        type=int,
        default=1,
        help="spread notes over N school years, --notes in each; finished years are closed "
        "into their own files as close-year would (default 1)",
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed, for the same class again")
    parser.add_argument("--force", action="store_true", help="replace a file that has data in it")
    parser.add_argument(
        "--no-open", action="store_true", help="write the file but do not open the app"
    )


def run(args: argparse.Namespace, _store: None) -> int:
    if not 1 <= args.students <= 5000 or not 0 <= args.notes <= 200_000:
        raise UsageProblem("--students must be 1 to 5000 and --notes 0 to 200000.")
    if not 1 <= args.years <= 30:
        raise UsageProblem("--years must be 1 to 30.")
    path = (args.data or default_data_path()).expanduser()
    store = _empty_store(path, force=args.force)
    size = DemoSize(students=args.students, notes=args.notes, seed=args.seed, years=args.years)
    build_demo(store, size)
    closed = _close_finished_years(store) if args.years > 1 else []
    counts = store.counts()
    print(
        f"Wrote a fictional class to {path}: {counts['students']} students, "
        f"{counts['guardians']} guardians, {counts['contacts']} contact notes, "
        f"{counts['conferences']} conferences, {counts['events']} events, {counts['ieps']} IEPs."
    )
    if closed:
        print(f"The finished school years {', '.join(closed)} are in their own files beside it.")
    from teacherdesk.cli.app import has_terminal, open_app

    if args.no_open or not has_terminal():  # in a script or a pipe: written, not opened
        return 0
    return open_app(store)


run.opens_store_itself = True  # type: ignore[attr-defined]


def _close_finished_years(store: Store) -> list[str]:
    import datetime as dt

    from teacherdesk.store.closing import close_years

    return close_years(store, dt.date.today()).years


def _empty_store(path, *, force: bool) -> Store:
    """An empty store at `path`; a file with data, or a damaged one, is replaced only on --force."""
    try:
        store = Store.open(path)
    except DamagedFileError as error:
        if not force:
            raise StoreError(f"{error}; add --force to replace it with the demo class") from None
        backup = keep_copy(path, path.read_bytes(), "damaged")
        print(f"Kept a copy of the damaged file at {backup}.")
        path.unlink()
        return Store.open(path)
    if store.is_empty():
        return store
    if not force:
        raise UsageProblem(
            f"{path} already has students and notes in it; add --force to replace them with "
            "the demo class, or use --data to pick another file."
        )
    with store.transaction():
        backup = keep_copy(path, path.read_bytes(), "before-demo")
        print(f"Kept a copy of the earlier data at {backup}.")
        data = store.storage.read()
        for table in list(data):
            if table != schema.META_TABLE:  # keep the schema version
                data[table] = {}
        store.storage.write(data)
    return store
