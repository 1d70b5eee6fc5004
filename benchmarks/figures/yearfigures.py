"""Figures across years of history (DESIGN.md §8): files whose notes are spread over 1, 2, 5 and
10 school years at 3,000 notes a year, each finished year closed into its own file as
`teacherdesk close-year` does. Runs are interleaved across sizes, so a noisy moment of the
machine lands on every size alike and cannot fake a trend."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from figures.appfigures import BARE, F3, F4, TODAY_SHOWN, _today_shown, teacherdesk_command
from figures.common import timed
from figures.pty_run import PtyProgram, run_until
from figures.storefigures import FLOOR_SCRIPT, _save_floor, _save_ours
from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.store import Store
from teacherdesk.store.closing import close_years

YEARS = (1, 2, 5, 10)
NOTES_A_YEAR = 3_000
_files: dict[int, Path] = {}


def years_file(root: Path, years: int, *, quick: bool) -> Path:
    """The file of a teacher in their `years`-th year (built once per run)."""
    if years not in _files:
        path = root / f"years-{years}" / "teacherdesk.json"
        store = Store.open(path, author="benchmark", backups=False)
        notes = 500 if quick else NOTES_A_YEAR
        build_demo(store, DemoSize(students=180, notes=notes, seed=11, years=years))
        close_years(store, dt.date.today())
        _files[years] = path
    return _files[years]


def _note_cmd(path: Path) -> list[str]:
    number = Store.open(path, backups=False).students.all()[0].student_number
    script = str(Path(sys.executable).with_name("teacherdesk"))
    return [script, "--data", str(path), "note", number, "Benchmark note from the shell"]


def years_growth(root: Path, *, reps: int, quick: bool) -> list[dict]:
    """Open until Today shows, `note` as a whole process, and an in-app save, at 1–10 years."""
    paths = {years: years_file(root, years, quick=quick) for years in YEARS}
    notes_cmd = {years: _note_cmd(path) for years, path in paths.items()}
    opened: dict[int, list[float]] = {years: [] for years in YEARS}
    noted: dict[int, list[float]] = {years: [] for years in YEARS}
    for _ in range(reps):  # interleaved: every size in every round
        for years in YEARS:
            opened[years].append(run_until(teacherdesk_command(paths[years]), _today_shown)[0])
            noted[years].append(
                timed(lambda y=years: subprocess.run(notes_cmd[y], check=True, capture_output=True))
            )
    saved = {years: statistics.median(_save_ours(paths[years], reps)) for years in YEARS}
    rows = []
    for figure, values in (
        ("open until Today shows its data", {y: statistics.median(v) for y, v in opened.items()}),
        ("`teacherdesk note` whole process", {y: statistics.median(v) for y, v in noted.items()}),
        ("in-app save of one contact note", saved),
    ):
        for years in YEARS:
            rows.append(
                {
                    "figure": figure,
                    "years": years,
                    "notes": years * (500 if quick else NOTES_A_YEAR),
                    "ms": values[years],
                    "vs_1x": values[years] / values[1],
                }
            )
    return rows


def open_ten_years_vs_one(root: Path, reps: int, quick: bool) -> dict:
    """open until Today shows at 10 years vs at 1 year (interleaved)"""
    one, ten = years_file(root, 1, quick=quick), years_file(root, 10, quick=quick)
    ones, tens = [], []
    for _ in range(reps):
        ones.append(run_until(teacherdesk_command(one), _today_shown)[0])
        tens.append(run_until(teacherdesk_command(ten), _today_shown)[0])
    return {
        "name": "open until Today shows, 10 years vs 1 year (pty)",
        "ours_ms": statistics.median(tens),
        "floor_ms": statistics.median(ones),
        "budget": "<= 1.15x",
    }


def note_ten_years(root: Path, reps: int, quick: bool) -> dict:
    """`teacherdesk note` whole process at 10 years vs python importing, parsing, rewriting"""
    path = years_file(root, 10, quick=quick)
    ours_path, floor_path = root / "note10-ours.json", root / "note10-floor.json"
    shutil.copy(path, ours_path)
    shutil.copy(path, floor_path)
    ours_cmd = _note_cmd(ours_path)
    floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT, str(floor_path), "Benchmark note"]
    ours, floor = [], []
    for _ in range(reps):
        ours.append(timed(lambda: subprocess.run(ours_cmd, check=True, capture_output=True)))
        floor.append(timed(lambda: subprocess.run(floor_cmd, check=True, capture_output=True)))
    return {
        "name": "`teacherdesk note` whole process, 10 years",
        "ours_ms": statistics.median(ours),
        "floor_ms": statistics.median(floor),
        "budget": "<= 1.5x",
    }


def save_ten_years(root: Path, reps: int, quick: bool) -> dict:
    """in-app save at 10 years vs orjson dumps + atomic write of the current file"""
    path = years_file(root, 10, quick=quick)
    ours_path, floor_path = root / "save10-ours.json", root / "save10-floor.json"
    shutil.copy(path, ours_path)
    shutil.copy(path, floor_path)
    return {
        "name": "in-app save of one contact note, 10 years",
        "ours_ms": statistics.median(_save_ours(ours_path, reps)),
        "floor_ms": statistics.median(_save_floor(floor_path, reps)),
        "budget": "<= 1.5x",
    }


SCREEN_KEYS = (F3, F4, b"\x1b[15~", b"\x1b[17~", b"\x1b[18~", b"\x1bOQ")  # F3–F7, back to F2


def memory_every_screen_ten_years(root: Path, reps: int, quick: bool) -> dict:
    """peak memory after visiting every screen at 10 years vs the bare Textual app"""
    path = years_file(root, 10, quick=quick)
    ours, bare = [], []
    for _ in range(max(2, reps // 3)):
        program = PtyProgram(teacherdesk_command(path))
        try:
            program.wait_for(_today_shown)
            for key in SCREEN_KEYS:
                program.send(key)
                program.settle(0.6)
            ours.append(program.peak_rss_kb() / 1024)
        finally:
            program.close()
        bare.append(run_until([sys.executable, "-c", BARE], b"Bare table ready")[1] / 1024)
    return {
        "name": "peak memory after every screen, 10 years (MB)",
        "ours_ms": statistics.median(ours),
        "floor_ms": statistics.median(bare),
        "budget": "<= 1.5x",
        "unit": "MB",
    }


__all__ = ["TODAY_SHOWN", "years_growth"]
