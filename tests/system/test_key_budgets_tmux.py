"""Fewest keys, proved in a real terminal: the four everyday tasks, from Today, counted.

The budgets (issue "Fits any terminal, reads at a glance, fewest keys"), in keys beyond the
text typed (a name, a summary, a date):
- log a phone call for a named student ≤ 6       n, name, enter, p, tab, summary, F10   → 5
- plan a conference for "next tue", usual time ≤ 5   c, name, enter, "next tue", F10    → 3
- mark the 3rd follow-up done ≤ 3                    down, down, d                     → 3
- save an IEP packet for a named student ≤ 4         x, name, enter, s, enter          → 4
Every key goes through `Budget.keys`, which counts it; what was typed goes through `type`.
The data file and the saved packet are read afterwards to prove each task was done.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import uuid
from pathlib import Path

import pytest

from teacherdesk.domain.conferences import DEFAULT_TIME
from teacherdesk.domain.dates import parse_date
from teacherdesk.domain.today import build_today
from teacherdesk.store import Store
from tests.system.test_e2e_tmux import Terminal, demo_data, pick_student, teacherdesk, terminal

pytestmark = pytest.mark.slow
__all__ = ["demo_data", "terminal"]  # fixtures used below


class Budget:
    """Counts the keys of one task."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.count = 0

    def keys(self, *keys: str) -> None:
        self.count += len(keys)
        self.terminal.keys(*keys)

    def type(self, text: str) -> None:
        self.terminal.type(text)


def test_the_four_everyday_tasks_fit_their_key_budgets(
    terminal: Terminal, demo_data: Path, tmp_path: Path
) -> None:
    student = pick_student(demo_data)
    name = f"{student['first_name']} {student['last_name']}"
    today = dt.date.today()
    store = Store.open(demo_data)
    view = build_today(store, today)
    third = (view.overdue + view.due_this_week)[2]
    iep_student = next(s for s in store.students.all() if s.has_iep and not s.archived)
    store = None  # the app owns the file from here

    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    app = shlex.join(
        ["env", f"HOME={home}", "TEXTUAL_ANIMATIONS=none", *teacherdesk("--data", str(demo_data))]
    )
    terminal.start(f"cd {shlex.quote(str(out))} && {app}; echo teacherdesk-exited-$?; sleep 60")
    terminal.wait_for("teacherdesk — Today", "days late", timeout=15)  # the rows, not the titles

    # 1. The 3rd follow-up done: the cursor starts on the first one.
    task = Budget(terminal)
    task.keys("Down", "Down", "d")
    terminal.wait_for("Done: ", "u undoes")
    assert task.count <= 3

    # 2. A phone call for a named student.
    task = Budget(terminal)
    summary = f"Phoned about the reading log {uuid.uuid4().hex[:6]}"
    task.keys("n")
    terminal.wait_for("Log a contact for which student?")
    task.type(name)
    task.keys("Enter")
    terminal.wait_for("Log a contact ·", "How")
    task.keys("p", "Tab")  # p: phone, and on to "With"; tab keeps the first guardian
    task.type(summary)
    terminal.wait_for(summary[:30], "Ready")
    task.keys("F10")
    terminal.wait_for("Saved the contact")
    assert task.count <= 6

    # 3. A conference next Tuesday at the usual time.
    task = Budget(terminal)
    task.keys("c")
    terminal.wait_for("Plan a conference with which family?")
    task.type(name)
    task.keys("Enter")
    terminal.wait_for("Plan a conference ·", "Date")
    task.type("next tue")
    terminal.wait_for("Tue ")
    task.keys("F10")
    terminal.wait_for("Conference with", "saved")
    assert task.count <= 5

    # 4. An IEP packet for a named student, saved.
    task = Budget(terminal)
    task.keys("x")
    terminal.wait_for("IEP team packet: which student?")
    task.type(iep_student.display_name)
    task.keys("Enter")
    terminal.wait_for(iep_student.display_name, "Save")
    task.keys("s")
    terminal.wait_for("Save the IEP team packet")
    task.keys("Enter")
    terminal.wait_for("Saved the IEP")  # not an earlier task's toast still on screen
    assert task.count <= 4

    terminal.keys("Escape", "C-q")
    terminal.wait_for("teacherdesk-exited-0")

    saved = json.loads(demo_data.read_text(encoding="utf-8"))
    notes = [n for n in saved["contacts"].values() if n.get("summary") == summary]
    assert len(notes) == 1 and notes[0]["student_id"] == student["id"]
    assert notes[0]["channel"] == "phone"
    assert notes[0]["guardian_id"] in {g["id"] for g in student["guardians"]}

    tuesday = parse_date("next tue", relative_to=today)
    planned = [
        c
        for c in saved["conferences"].values()
        if c["student_id"] == student["id"] and c["when"].startswith(tuesday.isoformat())
    ]
    assert planned, "no conference next Tuesday in the data file"
    assert dt.datetime.fromisoformat(planned[0]["when"]).time() == DEFAULT_TIME

    record = saved["contacts" if third.source == "contact" else "conferences"][third.record_id]
    if third.source == "contact":
        assert record["follow_up"]["done_on"] == today.isoformat()
    else:
        action = next(a for a in record["actions"] if a["id"] == third.action_id)
        assert action["done_on"] == today.isoformat()

    packets = list(out.glob("iep-packet-*.md"))
    assert len(packets) == 1, f"saved instead: {sorted(p.name for p in out.iterdir())}"
    assert len(packets) == 1 and iep_student.last_name in packets[0].read_text(encoding="utf-8")
