"""close-year as a process: killed at random moments, both files stay whole and nothing is lost;
`check` looks at every year's file; `--version` and `--help` load no command, no pydantic."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.store import Store
from teacherdesk.store.years import past_year_files
from tests.helpers import TODAY, teacherdesk_cmd

pytestmark = pytest.mark.slow
DATED = ("contacts", "conferences", "events", "ieps")

# close_years on TODAY, in its own process; "ready" once imports and the open are done. With a
# third argument N it stops for its kill at the N-th rename of a file into place (N odd: just
# before it, N even: just after it), so every moment between two writes is hit.
CLOSER = textwrap.dedent(
    """
    import datetime as dt, os, sys, time
    if len(sys.argv) > 3:
        target, seen, rename = int(sys.argv[3]), [0], os.replace
        def stopping_replace(*args):
            seen[0] += 1
            if seen[0] * 2 - 1 == target:
                print("stop", flush=True); time.sleep(60)
            rename(*args)
            if seen[0] * 2 == target:
                print("stop", flush=True); time.sleep(60)
        os.replace = stopping_replace
    from teacherdesk.store import Store
    from teacherdesk.store.closing import close_years
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    close_years(store, dt.date.fromisoformat(sys.argv[2]))
    print("closed", flush=True)
    """
)


def ids_by_file(path: Path) -> dict[str, dict[str, set[str]]]:
    """{file name: {table: ids}} for the data file and every past year (each must parse)."""
    found = {}
    for name in [path, *(p for _label, p in past_year_files(path))]:
        data = orjson.loads(name.read_bytes())
        found[name.name] = {table: set(data.get(table, {})) for table in DATED}
    return found


def union(files: dict[str, dict[str, set[str]]]) -> dict[str, set[str]]:
    return {table: set().union(*(f[table] for f in files.values())) for table in DATED}


def fresh_copy(source: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700)
    shutil.copy2(source, folder / "teacherdesk.json")
    return folder / "teacherdesk.json"


def test_kill_9_during_close_year_leaves_every_file_whole_and_every_record_once(tmp_path):
    source = tmp_path / "source" / "teacherdesk.json"
    build_demo(Store.open(source), DemoSize(students=60, notes=600, years=4), today=TODAY)
    everything = union(ids_by_file(source))
    # The uncut close, as the reference result, and how long one takes (to spread the kills).
    reference = fresh_copy(source, tmp_path / "reference")
    done = subprocess.Popen(
        [sys.executable, "-c", CLOSER, str(reference), TODAY.isoformat()], stdout=subprocess.PIPE
    )
    assert done.stdout is not None and done.stdout.readline().strip() == b"ready"
    started = time.monotonic()
    assert done.stdout.readline().strip() == b"closed"
    span = time.monotonic() - started  # the close alone, after start-up
    assert done.wait(timeout=30) == 0
    expected = ids_by_file(reference)
    assert len(expected) == 4

    untouched = ids_by_file(source)
    outcomes: set[str] = set()
    rng = random.Random(15)
    # the backup before the close, the day's backup, the marker, three past years, the current
    # file: 7 renames, killed before and after each; then three kills at random moments
    stops: list[int | None] = [*range(1, 15), None, None, None]
    for round_no, stop in enumerate(stops):
        path = fresh_copy(source, tmp_path / f"round{round_no}")
        extra = [] if stop is None else [str(stop)]
        proc = subprocess.Popen(
            [sys.executable, "-c", CLOSER, str(path), TODAY.isoformat(), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        if stop is None:
            time.sleep(rng.uniform(0.0, span))  # where the kill lands, not a timed assertion
        else:
            assert proc.stdout.readline().strip() == b"stop"
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        # straight after the kill: every file parses, and every record is in some file
        assert union(ids_by_file(path)) == everything, f"round {round_no}: records lost"
        # the next open finishes a cut-short close: the same files as an uncut close, or (killed
        # before its first write) the file as it was, with no year beside it
        Store.open(path)
        after = ids_by_file(path)
        assert after in (expected, untouched), f"round {round_no}: neither before nor after"
        outcomes.add("closed" if after == expected else "untouched")
        if stop is not None and stop >= 6:  # the marker was written: the close must be finished
            assert after == expected, f"round {round_no}: a cut-short close was not finished"
        assert "closing" not in orjson.loads(path.read_bytes())["_meta"]
    assert outcomes == {"closed", "untouched"}


def test_check_looks_at_every_year_file(tmp_path, cli_env):
    path = tmp_path / "teacherdesk.json"
    build_demo(Store.open(path), DemoSize(students=12, notes=30, years=3), today=TODAY)
    closed = subprocess.run(
        [*teacherdesk_cmd(), "--data", str(path), "close-year"],
        capture_output=True,
        text=True,
        env=cli_env,
    )
    assert closed.returncode == 0, closed.stderr
    assert "Moved" in closed.stdout and "teacherdesk-2025-26.json" in closed.stdout
    check = [*teacherdesk_cmd(), "--data", str(path), "check"]
    ok = subprocess.run(check, capture_output=True, text=True, env=cli_env)
    assert ok.returncode == 0, ok.stdout
    assert "school year 2024-25" in ok.stdout and "school year 2025-26" in ok.stdout
    # damage one past year: check says which file, and fails
    year = dict(past_year_files(path))["2024-25"]
    year.write_bytes(year.read_bytes()[:-40])
    bad = subprocess.run([*check, "--json"], capture_output=True, env=cli_env)
    assert bad.returncode == 1
    report = orjson.loads(bad.stdout)
    assert report["ok"] is False
    assert any(p.startswith("teacherdesk-2024-25.json: ") for p in report["problems"])


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_import_no_command_and_no_pydantic(args):
    probe = textwrap.dedent(
        f"""
        import sys
        from teacherdesk.cli.main import main
        try:
            main({args!r})
        except SystemExit:
            pass
        loaded = [m for m in sys.modules if m.split(".")[0] in ("pydantic", "tinydb", "textual")]
        commands = [m for m in sys.modules if m.startswith("teacherdesk.cli.")
                    and m != "teacherdesk.cli.main"]
        stores = [m for m in sys.modules
                  if m.startswith(("teacherdesk.store", "teacherdesk.domain"))]
        print("LOADED", loaded, commands, stores)
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "LOADED [] [] []" in done.stdout
    assert "close-year" in done.stdout or args == ["--version"]
