"""Snapshot of the IEP packet preview at 80×24."""

from __future__ import annotations

from teacherdesk.store import Store
from teacherdesk.ui.screens.packet_preview import PacketPreviewScreen
from tests.helpers import make_app, open_screen


def test_preview_snapshot(packet_store: Store, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await open_screen(pilot.app, pilot, PacketPreviewScreen("s1"))

    assert snap_compare(make_app(packet_store), terminal_size=(80, 24), run_before=run_before)
