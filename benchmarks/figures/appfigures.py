"""Figures about the app, timed from outside as a teacher meets them: the real `teacherdesk`
command on a pty until the screen shows its data (Today's date heading, the roster's count, the
Contacts count written with the first rows)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import statistics
import sys
import time
from pathlib import Path

from figures.common import BigFile, make_big_file
from figures.pty_run import PtyProgram, run_until

# Today's heading is "Loading…" until the data is read, then today's date.
TODAY_SHOWN = dt.date.today().strftime("%a ") + str(dt.date.today().day)
ROSTER_SHOWN = re.compile(rb"\d students")
CONTACTS_SHOWN = re.compile(rb"\d contacts")
F3, F4 = b"\x1bOR", b"\x1bOS"


def teacherdesk_command(path: Path) -> list[str]:
    """The real command a teacher types (the console script beside this python)."""
    script = Path(sys.executable).with_name("teacherdesk")
    return [str(script), "--data", str(path)]


def _today_shown(out: bytes) -> bool:
    return TODAY_SHOWN.encode() in out


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
        ms, kb = _open_ours(path)
        ours.append(ms)
        ours_kb.append(kb)
        ms, kb = run_until([sys.executable, "-c", BARE], b"Bare table ready")
        bare.append(ms)
        bare_kb.append(kb)
    return ours, bare, ours_kb, bare_kb


_cache: dict[str, tuple] = {}
# Peak RSS (kB) of Today's read-ahead process in each open: it is not in the app's own figure
# (a process of its own, gone once Today shows), so it is reported beside it.
reader_peaks_kb: list[int] = []


def _open_ours(path: Path) -> tuple[float, int]:
    """ms until Today shows its data, and the app's peak RSS (kB), sampling its read-ahead."""
    program = PtyProgram(teacherdesk_command(path))
    readers: dict[int, int] = {}

    def sample() -> None:
        for child, kb in program.children_peak_kb().items():
            readers[child] = max(readers.get(child, 0), kb)

    try:
        moment = program.wait_for(_today_shown, each=sample)
        elapsed = (moment - program.started) * 1000
        program.settle(0.5)  # let it settle, then read its peak memory
        reader_peaks_kb.extend(readers.values())
        return elapsed, program.peak_rss_kb()
    finally:
        program.close()


def open_app_vs_bare(big: BigFile, root: Path, reps: int) -> dict:
    """`teacherdesk --data FILE` until Today shows its data, vs a bare app with a DataTable"""
    _cache["open"] = _open(big.path, reps)
    ours, bare, _, _ = _cache["open"]
    return {
        "name": "teacherdesk: open until Today shows its data (pty)",
        "ours_ms": statistics.median(ours),
        "floor_ms": statistics.median(bare),
        "budget": "<= 1.5x",
    }


def _after_key(path: Path, key: bytes, shown) -> float:
    """ms from pressing `key` on Today until `shown(output)`."""
    program = PtyProgram(teacherdesk_command(path))
    try:
        program.wait_for(_today_shown)
        program.settle(0.3)
        sent = program.send(key)
        return (program.wait_for(lambda out: bool(shown.search(out))) - sent) * 1000
    finally:
        program.close()


def roster_after_f3(big: BigFile, root: Path, reps: int) -> dict:
    """F3 on Today until the roster's names and count show, vs a bare app opening its table"""
    ours = [_after_key(big.path, F3, ROSTER_SHOWN) for _ in range(reps)]
    return {
        "name": "F3 until the roster shows (pty)",
        "ours_ms": statistics.median(ours),
        "floor_ms": _bare_table_ms(reps),
        "budget": "<= 2x",
    }


def contacts_after_f4(big: BigFile, root: Path, reps: int) -> dict:
    """F4 on Today until the notes are listed, vs a bare app opening a 200-row table"""
    ours = [_after_key(big.path, F4, CONTACTS_SHOWN) for _ in range(reps)]
    return {
        "name": "F4 until the contact notes are listed (pty)",
        "ours_ms": statistics.median(ours),
        "floor_ms": _bare_table_ms(reps),
        "budget": "<= 2x",
    }


BARE_TABLE = """
from textual.app import App
from textual.widgets import DataTable, Footer, Static
class Bare(App):
    BINDINGS = [("f4", "open", "Open")]
    def compose(self):
        yield Static("ready")
        yield DataTable()
        yield Footer()
    def action_open(self):
        table = self.query_one(DataTable)
        table.add_columns("Date", "Student", "Summary")
        table.add_rows((f"2026-11-{n % 28 + 1:02d}", f"Student {n}", "x" * 40) for n in range(200))
        self.query_one(Static).update("200 rows shown")
Bare().run()
"""


def _bare_table_ms(reps: int) -> float:
    """The floor: a bare Textual app filling a 200-row table on a key."""
    times = []
    for _ in range(reps):
        program = PtyProgram([sys.executable, "-c", BARE_TABLE])
        try:
            program.wait_for(lambda out: b"ready" in out)
            program.settle(0.3)
            sent = program.send(F4)
            times.append((program.wait_for(lambda out: b"200 rows shown" in out) - sent) * 1000)
        finally:
            program.close()
    return statistics.median(times)


def peak_memory_vs_bare(big: BigFile, root: Path, reps: int) -> dict:
    """peak memory of the open app on the big file vs the bare Textual app"""
    _, _, ours_kb, bare_kb = _cache.get("open") or _open(big.path, reps)
    reader = statistics.median(reader_peaks_kb) / 1024 if reader_peaks_kb else 0.0
    return {
        "name": f"peak memory of the open app (MB; read-ahead {reader:.0f} MB)",
        "ours_ms": statistics.median(ours_kb) / 1024,
        "floor_ms": statistics.median(bare_kb) / 1024,
        "budget": "<= 1.5x",
        "unit": "MB",
    }


def filter_roster_keystroke(big: BigFile, root: Path, reps: int) -> dict:
    """filter the roster by one keystroke with 1,000 students vs a bare app echoing a key"""
    path = root / "thousand.json"
    thousand = BigFile(students=1000, guardians=1600, notes=2000, conferences=100, ieps=40)
    make_big_file(path, thousand)
    program = PtyProgram(teacherdesk_command(path))
    times = []
    try:
        program.wait_for(_today_shown)
        program.settle(0.3)
        program.send(F3)
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
        "floor_ms": statistics.median(_echo_times(reps)),
        "budget": "<= 1.2x",
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


def _echo_times(reps: int) -> list[float]:
    """The floor: a keystroke shown by a bare Textual app (an Input and a Static) on a pty."""
    program = PtyProgram([sys.executable, "-c", ECHO])
    times = []
    try:
        program.wait_for(lambda out: b"ready" in out)
        program.settle(0.5)
        for n in range(reps * 4):
            sent = program.send(b"a")
            marker = f"typed {n + 1} keys".encode()
            times.append((program.wait_for(lambda out, m=marker: m in out) - sent) * 1000)
            program.settle(0.05)
    finally:
        program.close()
    return times


def contacts_longest_pause(big: BigFile, root: Path, reps: int) -> dict | None:
    """the longest event-loop pause while the Contacts screen opens and loads (5 ms ticker)"""
    pauses = [asyncio.run(_contacts_pause(big.path)) for _ in range(max(3, reps // 3))]
    return {
        "name": "Contacts screen: longest event-loop pause while loading",
        "ours_ms": statistics.median(pauses),
        "floor_ms": 50.0,  # the budget: no pause of 50 ms or more
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


def contacts_filter_longest_pause(big: BigFile, root: Path, reps: int) -> dict | None:
    """the longest event-loop pause while typing in the Contacts filter, then with y (all years)
    and typing again (10 ms ticker; the filter runs in a thread, results come in pages)"""
    pauses = [asyncio.run(_contacts_filter_pause(big.path)) for _ in range(max(3, reps // 3))]
    return {
        "name": "Contacts: longest event-loop pause while filtering (this year, all years)",
        "ours_ms": statistics.median(pauses),
        "floor_ms": 50.0,
        "budget": "<= 1x",
    }


async def _contacts_filter_pause(path: Path) -> float:
    from teacherdesk.store import Store
    from teacherdesk.ui.app import TeacherDesk

    app = TeacherDesk(Store.open(path, backups=False), start="contacts", watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.3)
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        async def type_and_clear() -> None:
            await pilot.press("slash")
            for key in ("m", "a", "r", "backspace", "backspace", "backspace", "enter"):
                await pilot.press(key)
                await asyncio.sleep(0.03)
            await app.workers.wait_for_complete()
            await asyncio.sleep(0.2)

        ticker = app.set_interval(0.01, tick)
        await asyncio.sleep(0.05)
        gaps.clear()
        await type_and_clear()
        await pilot.press("y")  # every year: the past years' files are read in a thread
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.3)
        await type_and_clear()
        ticker.stop()
        return max(gaps) if gaps else 0.0


def open_growth(root: Path, size: BigFile, *, reps: int, quick: bool) -> list[dict]:
    """How opening the app grows with 1x, 2x and 4x the contact notes."""
    rows = []
    for factor in (1, 2, 4):
        path = root / f"growth-{factor}x.json"
        if not path.exists():
            make_big_file(path, size.scaled(factor))
        times = [run_until(teacherdesk_command(path), _today_shown)[0] for _ in range(reps)]
        rows.append(
            {
                "figure": "open until Today shows its data",
                "notes": size.notes * factor,
                "ms": statistics.median(times),
                "factor": factor,
            }
        )
    for row in rows:
        row["vs_1x"] = row["ms"] / rows[0]["ms"]
    return rows
