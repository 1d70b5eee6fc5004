"""Figures about the app: opening it, filtering the roster, its memory, the Contacts screen."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from figures.common import BigFile, make_big_file
from figures.pty_run import run_until

OURS = """
import sys
from teacherdesk.store import Store
from teacherdesk.app import TeacherDesk
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
    make_big_file(
        path, BigFile(students=1000, guardians=1600, notes=2000, conferences=100, ieps=40)
    )
    times = asyncio.run(_filter_times(path, reps))
    return {
        "name": "filter the roster by a keystroke, 1,000 students",
        "ours_ms": statistics.median(times),
        "floor_ms": 16.0,
        "budget": "<= 1x",
    }


async def _filter_times(path: Path, reps: int) -> list[float]:
    from textual.widgets import DataTable, Input

    from teacherdesk.app import TeacherDesk
    from teacherdesk.store import Store

    app = TeacherDesk(Store.open(path, backups=False), start="roster", watch_file=False)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        field = screen.query_one("#roster-filter", Input)
        field.focus()
        table = screen.query_one(DataTable)
        for n in range(reps * 2):
            key = "ae"[n % 2]
            before = table.row_count
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.press("backspace") if n % 2 else None
            # wait until the table reflects the keystroke (a debounce counts against us)
            deadline = start + 2
            while table.row_count == before and time.perf_counter() < deadline:
                await asyncio.sleep(0.001)
            times.append((time.perf_counter() - start) * 1000)
            field.value = ""
            await app.workers.wait_for_complete()
            await pilot.pause()
    return times


def contacts_first_frame(big: BigFile, root: Path, reps: int) -> dict | None:
    """open the Contacts screen with 10,000 notes: time to its first frame vs an empty screen"""
    result = asyncio.run(_contacts(big.path))
    if result is None:
        return None
    _cache["contacts"] = result
    first, _, floor = result
    return {
        "name": "Contacts screen with all notes: first frame",
        "ours_ms": first,
        "floor_ms": floor,
        "budget": "<= 1.3x",
    }


def contacts_longest_pause(big: BigFile, root: Path, reps: int) -> dict | None:
    """the longest event-loop pause while the Contacts screen loads (ticker every 5 ms)"""
    result = _cache.get("contacts")
    if result is None:
        return None
    _, pause, _ = result
    return {
        "name": "Contacts screen: longest event-loop pause while loading",
        "ours_ms": pause,
        "floor_ms": 100.0,
        "budget": "<= 1x",
    }


async def _contacts(path: Path) -> tuple[float, float, float] | None:
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable

    from teacherdesk.app import TeacherDesk
    from teacherdesk.store import Store

    app = TeacherDesk(Store.open(path, backups=False), start="roster", watch_file=False)
    if "contacts" not in app.MODES:
        return None
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        ticker = app.set_interval(0.005, tick)
        start = time.perf_counter()
        await app.switch_mode("contacts")
        await pilot.pause()
        first = (time.perf_counter() - start) * 1000
        last[0] = time.perf_counter()
        gaps.clear()
        await app.workers.wait_for_complete()
        for _ in range(20):
            await pilot.pause(0.01)
        ticker.stop()
        pause = max(gaps) if gaps else 0.0

    class Empty(Screen):
        def compose(self):
            yield DataTable()

    class Bare(App):
        pass

    bare = Bare()
    async with bare.run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        await bare.push_screen(Empty())
        await pilot.pause()
        floor = (time.perf_counter() - start) * 1000
    return first, pause, floor


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
