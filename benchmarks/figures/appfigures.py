"""Figures about the app: opening it, filtering the roster, its memory, the Contacts screen."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from figures.common import BigFile, make_big_file
from figures.pty_run import PtyProgram, run_until

OURS = """
import sys
from teacherdesk.store import Store
from teacherdesk.ui.app import TeacherDesk
TeacherDesk(Store.open(sys.argv[1]), start="roster", watch_file=False).run()
"""
BARE = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header
class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()
    def on_mount(self):
        self.query_one(DataTable).add_column("Bare table ready")
Bare().run()
"""


def _open(path: Path, reps: int) -> tuple[list[float], list[float], list[int], list[int]]:
    """Interleaved runs of ours and the bare app: (ours ms, bare ms, ours kB, bare kB)."""
    ours, bare, ours_kb, bare_kb = [], [], [], []
    for _ in range(reps):
        ms, kb = run_until([sys.executable, "-c", OURS, str(path)], b" students")
        ours.append(ms)
        ours_kb.append(kb)
        ms, kb = run_until([sys.executable, "-c", BARE], b"Bare table ready")
        bare.append(ms)
        bare_kb.append(kb)
    return ours, bare, ours_kb, bare_kb


_cache: dict[str, tuple] = {}


def open_app_vs_bare(big: BigFile, root: Path, reps: int) -> dict:
    """open the app to the first roster frame on a pty vs a bare Textual app with a DataTable"""
    _cache["open"] = _open(big.path, reps)
    ours, bare, _, _ = _cache["open"]
    return {
        "name": "open the app to the first roster frame (pty)",
        "ours_ms": statistics.median(ours),
        "floor_ms": statistics.median(bare),
        "budget": "<= 1.3x",
    }


def peak_memory_vs_bare(big: BigFile, root: Path, reps: int) -> dict:
    """peak memory of the open app on the big file vs the bare Textual app"""
    _, _, ours_kb, bare_kb = _cache.get("open") or _open(big.path, reps)
    return {
        "name": "peak memory of the open app (MB)",
        "ours_ms": statistics.median(ours_kb) / 1024,
        "floor_ms": statistics.median(bare_kb) / 1024,
        "budget": "<= 1.5x",
        "unit": "MB",
    }


def filter_roster_keystroke(big: BigFile, root: Path, reps: int) -> dict:
    """filter the roster by one keystroke with 1,000 students vs one frame (16 ms)"""
    path = root / "thousand.json"
    thousand = BigFile(students=1000, guardians=1600, notes=2000, conferences=100, ieps=40)
    make_big_file(path, thousand)
    program = PtyProgram([sys.executable, "-c", OURS, str(path)])
    times = []
    try:
        program.wait_for(lambda out: b"1000 students" in out)
        program.settle(0.5)
        for n in range(reps * 2):
            # A letter narrows the list ("N of 1000 students"), backspace widens it again.
            sent = program.send(b"zqx"[n % 3 : n % 3 + 1])
            times.append((program.wait_for(lambda out: b" of 1000 students" in out) - sent) * 1000)
            program.settle(0.05)
            sent = program.send(b"\x7f")
            widened = program.wait_for(lambda out: b"1000 students" in out and b" of " not in out)
            times.append((widened - sent) * 1000)
            program.settle(0.05)
    finally:
        program.close()
    return {
        "name": "filter the roster by a keystroke, 1,000 students (pty)",
        "ours_ms": statistics.median(times),
        "floor_ms": 16.0,
        "budget": "<= 1x",
    }


ECHO = """
from textual.app import App
from textual.widgets import Input, Static
class Echo(App):
    def compose(self):
        yield Input(id="typed")
        yield Static("ready", id="said")
    def on_input_changed(self, event):
        self.query_one("#said", Static).update(f"typed {len(event.value)} keys")
Echo().run()
"""


def bare_keystroke_echo(big: BigFile, root: Path, reps: int) -> dict:
    """context: a keystroke shown by a bare Textual app (Input + a Static), vs one frame"""
    program = PtyProgram([sys.executable, "-c", ECHO])
    times = []
    try:
        program.wait_for(lambda out: b"ready" in out)
        program.settle(0.5)
        for n in range(reps * 2):
            sent = program.send(b"a")
            marker = f"typed {n + 1} keys".encode()
            times.append((program.wait_for(lambda out, m=marker: m in out) - sent) * 1000)
            program.settle(0.05)
    finally:
        program.close()
    return {
        "name": "(context) a keystroke echoed by a bare Textual app (pty)",
        "ours_ms": statistics.median(times),
        "floor_ms": 16.0,
        "budget": "<= 1x",
    }


OURS_CONTACTS = OURS.replace('start="roster"', 'start="contacts"')


def contacts_first_frame(big: BigFile, root: Path, reps: int) -> dict | None:
    """open the app on the Contacts screen (all notes): first frame on a pty vs the bare app"""
    ours, bare = [], []
    for _ in range(reps):
        command = [sys.executable, "-c", OURS_CONTACTS, str(big.path)]
        ours.append(run_until(command, b"any purpose")[0])
        bare.append(run_until([sys.executable, "-c", BARE], b"Bare table ready")[0])
    return {
        "name": "open on the Contacts screen: first frame (pty)",
        "ours_ms": statistics.median(ours),
        "floor_ms": statistics.median(bare),
        "budget": "<= 1.3x",
    }


def contacts_longest_pause(big: BigFile, root: Path, reps: int) -> dict | None:
    """the longest event-loop pause while the Contacts screen opens and loads (5 ms ticker)"""
    pauses = [asyncio.run(_contacts_pause(big.path)) for _ in range(max(3, reps // 3))]
    return {
        "name": "Contacts screen: longest event-loop pause while loading",
        "ours_ms": statistics.median(pauses),
        "floor_ms": 100.0,
        "budget": "<= 1x",
    }


async def _contacts_pause(path: Path) -> float:
    from teacherdesk.store import Store
    from teacherdesk.ui.app import TeacherDesk

    app = TeacherDesk(Store.open(path, backups=False), start="roster", watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        import teacherdesk.ui.screens.contacts  # noqa: F401  (the import is not the screen's work)

        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        ticker = app.set_interval(0.005, tick)
        await asyncio.sleep(0.05)
        gaps.clear()
        await app.switch_mode("contacts")
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.3)
        ticker.stop()
        return max(gaps) if gaps else 0.0


def open_growth(root: Path, size: BigFile, *, reps: int, quick: bool) -> list[dict]:
    """How opening the app grows with 1x, 2x and 4x the contact notes."""
    rows = []
    for factor in (1, 2, 4):
        path = root / f"growth-{factor}x.json"
        if not path.exists():
            make_big_file(path, size.scaled(factor))
        times = [
            run_until([sys.executable, "-c", OURS, str(path)], b" students")[0] for _ in range(reps)
        ]
        rows.append(
            {
                "figure": "open the app to the roster",
                "notes": size.notes * factor,
                "ms": statistics.median(times),
                "factor": factor,
            }
        )
    for row in rows:
        row["vs_1x"] = row["ms"] / rows[0]["ms"]
    return rows
