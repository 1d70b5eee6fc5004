"""Snapshots of Engagement and taking attendance at 80×24 (demo class)."""

from __future__ import annotations

from tests.helpers import make_app


def test_snapshot_engagement_80x24(snap_compare, demo_store):
    async def loaded(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = make_app(demo_store, start="engagement")
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_snapshot_attendance_80x24(snap_compare, demo_store):
    async def opened(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down", "a")
        for _ in range(50):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if type(pilot.app.screen).__name__ == "AttendanceScreen":
                break

    app = make_app(demo_store, start="engagement")
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)
