"""Snapshot of the Student Input interview at 80×24, mid-answer."""

from __future__ import annotations

from tests.helpers import make_app, settle


def test_interview_snapshot(snap_compare, demo_store):
    student = next(s for s in demo_store.students.all() if s.has_iep)
    app = make_app(demo_store, interview_student=student.id)

    async def ready(pilot):
        await settle(pilot.app, pilot)
        await pilot.press(*"ask for a break")

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)
