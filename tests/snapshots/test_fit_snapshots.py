"""Fits any terminal: the main screens at 60×20 (and 120×40 where they had none), the contact
form, and Today with NO_COLOR and in 16 colours (fixed TODAY, demo class)."""

from __future__ import annotations

import pytest

from tests.helpers import make_app, settle


async def _loaded(pilot) -> None:
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("start", ["today", "contacts", "conferences", "engagement", "iep"])
def test_snapshot_60x20(snap_compare, demo_store, start):
    app = make_app(demo_store, start=start)
    assert snap_compare(app, terminal_size=(60, 20), run_before=_loaded)


@pytest.mark.parametrize("start", ["engagement", "iep"])
def test_snapshot_120x40(snap_compare, demo_store, start):
    app = make_app(demo_store, start=start)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_loaded)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_snapshot_contact_form(snap_compare, demo_store, size):
    from teacherdesk.ui.forms.contact_form import open_contact_form

    student = sorted(demo_store.students.all(), key=lambda s: s.last_name)[0]

    async def form(pilot) -> None:
        await settle(pilot.app, pilot)
        open_contact_form(pilot.app, student.id)
        await settle(pilot.app, pilot, lambda: type(pilot.app.screen).__name__ == "ContactForm")

    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=form)


def test_snapshot_today_no_color(snap_compare, demo_store, monkeypatch):
    """NO_COLOR (read by Textual when the app is made): no colour or dimming in the cells."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_store)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_snapshot_today_sixteen_colours(snap_compare, demo_store):
    """What a 16-colour terminal (TERM=xterm) gets: Textual's ansi-dark theme."""
    from teacherdesk.ui.themes import SIXTEEN_COLOURS

    async def ansi(pilot) -> None:
        pilot.app.theme = SIXTEEN_COLOURS
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=ansi)


def test_snapshot_today_high_contrast(snap_compare, demo_store):
    from teacherdesk.ui.themes import HIGH_CONTRAST

    async def contrast(pilot) -> None:
        pilot.app.theme = HIGH_CONTRAST.name
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=contrast)
