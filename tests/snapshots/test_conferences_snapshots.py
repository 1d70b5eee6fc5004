"""Snapshots of Conferences, the prepare view and a held conference's record (demo class)."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.helpers import make_app


def _conferences_app(demo_store):
    return make_app(demo_store, start="conferences")


async def _loaded(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_snapshot_conferences_80x24(snap_compare, demo_store):
    assert snap_compare(_conferences_app(demo_store), terminal_size=(80, 24), run_before=_loaded)


def test_snapshot_conferences_120x40(snap_compare, demo_store):
    assert snap_compare(_conferences_app(demo_store), terminal_size=(120, 40), run_before=_loaded)


async def _open_prepare(pilot):
    await _loaded(pilot)
    await pilot.press("p")
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if type(pilot.app.screen).__name__ == "ConferencePrepareScreen":
            break


async def _open_record(pilot):
    await _loaded(pilot)
    screen = pilot.app.screen
    table = screen.query_one(DataTable)
    table.move_cursor(row=len(screen.listing.upcoming) + 2)  # the newest past (held) conference
    await pilot.pause()
    await pilot.press("enter")  # a held conference opens its record
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if type(pilot.app.screen).__name__ == "ConferenceRecordScreen":
            break


def test_snapshot_prepare_80x24(snap_compare, demo_store):
    assert snap_compare(
        _conferences_app(demo_store), terminal_size=(80, 24), run_before=_open_prepare
    )


def test_snapshot_prepare_120x40(snap_compare, demo_store):
    assert snap_compare(
        _conferences_app(demo_store), terminal_size=(120, 40), run_before=_open_prepare
    )


def test_snapshot_record_80x24(snap_compare, demo_store):
    assert snap_compare(
        _conferences_app(demo_store), terminal_size=(80, 24), run_before=_open_record
    )


def test_snapshot_record_120x40(snap_compare, demo_store):
    assert snap_compare(
        _conferences_app(demo_store), terminal_size=(120, 40), run_before=_open_record
    )
