"""The stylesheet keeps its parsed rules while the theme stays, and a new theme still recolours.

Textual re-parsed every rule for each screen shown the first time (~100 ms on F3 and F4); the
kept stylesheet parses only what is new. These tests count the parser's real work and look at a
colour the theme decides.
"""

from __future__ import annotations

from textual.css import stylesheet as textual_stylesheet
from textual.widgets import Header

from tests.helpers import make_app, settle


def count_parses(monkeypatch) -> list[str]:
    """Every source the CSS parser really parses (cache misses), by where it was read from."""
    parsed: list[str] = []
    real_parse = textual_stylesheet.parse

    def counting_parse(scope, css, read_from, **options):
        parsed.append(str(read_from))
        return real_parse(scope, css, read_from, **options)

    monkeypatch.setattr(textual_stylesheet, "parse", counting_parse)
    return parsed


async def test_showing_a_screen_the_first_time_parses_only_what_is_new(demo_store, monkeypatch):
    parsed = count_parses(monkeypatch)
    app = make_app(demo_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = len(parsed)
        assert before, "the app's own styles were parsed at start"
        await pilot.press("f3")
        await settle(app, pilot, until=lambda: type(app.screen).__name__ == "RosterScreen")
        again = [source for source in parsed[before:] if "app.tcss" in source]
        assert again == [], f"the app's styles were parsed again for the roster: {again}"


async def test_a_new_theme_still_recolours_the_screen(demo_store):
    app = make_app(demo_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        header = app.screen.query_one(Header)
        before = header.styles.background
        app.theme = "teacherdesk-high-contrast"
        await settle(app, pilot)
        await pilot.press("f3")  # a screen shown for the first time after the change
        await settle(app, pilot, until=lambda: type(app.screen).__name__ == "RosterScreen")
        assert app.screen.query_one(Header).styles.background != before


async def test_a_new_screen_does_not_restyle_the_whole_app(demo_store, monkeypatch):
    """Its widgets are styled as they mount; Textual restyled every node twice on top of that."""
    app = make_app(demo_store, start="today")
    refreshes: list[str] = []
    real_refresh = type(app).refresh_css

    def counting_refresh(self, *args, **kwargs):
        refreshes.append(type(self.screen).__name__)
        return real_refresh(self, *args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(type(app), "refresh_css", counting_refresh)
        await pilot.press("f3")
        await settle(app, pilot, until=lambda: type(app.screen).__name__ == "RosterScreen")
        assert refreshes == []
        assert app.screen.query_one("#roster-table").region.height > 3  # laid out, styled
