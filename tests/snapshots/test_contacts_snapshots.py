"""Snapshots of Today and Contacts at 80×24 and 120×40 (fixed TODAY, demo class)."""

from __future__ import annotations

from tests.helpers import make_app, settle


async def _loaded(pilot) -> None:
    await settle(pilot.app, pilot)


def test_snapshot_today_80x24(snap_compare, demo_store):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=_loaded)


def test_snapshot_today_120x40(snap_compare, demo_store):
    assert snap_compare(make_app(demo_store), terminal_size=(120, 40), run_before=_loaded)


def test_snapshot_contacts_80x24(snap_compare, demo_store):
    app = make_app(demo_store, start="contacts")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_snapshot_contacts_120x40(snap_compare, demo_store):
    app = make_app(demo_store, start="contacts")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_loaded)
