"""Snapshots of the roster and a student's screen at 80×24 and 120×40 (fixed TODAY, demo class)."""

from __future__ import annotations

from tests.helpers import make_app


async def _loaded(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _dmitri(pilot) -> None:
    await _loaded(pilot)
    await pilot.press(*"dmitri", "enter")
    await _loaded(pilot)
    await pilot.press("enter")
    await _loaded(pilot)


async def _dmitri_family_card(pilot) -> None:
    await _dmitri(pilot)
    await pilot.press("tab")
    await pilot.pause()


def test_snapshot_roster_80x24(snap_compare, demo_store):
    app = make_app(demo_store, start="roster")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_snapshot_roster_120x40(snap_compare, demo_store):
    app = make_app(demo_store, start="roster")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_loaded)


def test_snapshot_student_80x24(snap_compare, demo_store):
    app = make_app(demo_store, start="roster")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_dmitri)


def test_snapshot_student_120x40(snap_compare, demo_store):
    app = make_app(demo_store, start="roster")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_dmitri_family_card)
