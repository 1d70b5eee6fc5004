"""Snapshots of the Parental input form and the IEP screen at 80×24 (demo class)."""

from __future__ import annotations

from teacherdesk.ui.forms.parental_input import ParentalInputScreen
from tests.helpers import make_app, settle


def test_parental_input_snapshot(snap_compare, demo_store, typing_pause):
    typing_pause.save = 3600  # the form as it opens, before anything saves itself
    iep = next(i for i in demo_store.ieps.all() if i.parental_input.has_answers)
    app = make_app(demo_store)

    async def ready(pilot):
        pilot.app.push_screen(ParentalInputScreen(iep.id))
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_iep_screen_snapshot(snap_compare, demo_store):
    app = make_app(demo_store, start="iep")

    async def ready(pilot):
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)
