"""Fits any terminal: column widths from the width, one-key choices, themes, one humanizer."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App

from teacherdesk.domain.dates import humanize
from teacherdesk.ui.themes import HIGH_CONTRAST, few_colours
from teacherdesk.ui.widgets.choice_bar import hotkeys
from teacherdesk.ui.widgets.fit_table import Col, FitTable, fit_widths, wrap_cell
from tests.helpers import TODAY, make_app, settle, table_rows

COLUMNS = [
    Col("when", "When", 11, 14),
    Col("student", "Student", 12, 32),
    Col("what", "What", 16, flex=True),
    Col("origin", "Who · from", 14, 44, drop=1),
]
WANTS = {"when": 12, "student": 21, "what": 33, "origin": 40}


def test_names_whole_and_the_free_text_takes_the_rest_when_wide():
    widths = fit_widths(COLUMNS, 116, WANTS)
    assert widths["student"] == 21 and widths["when"] == 12
    assert widths["what"] >= 33 and widths["origin"] == 40
    assert sum(widths.values()) + 2 * len(widths) == 116


def test_at_narrow_widths_the_optional_column_goes_and_names_stay_whole():
    widths = fit_widths(COLUMNS, 58, WANTS)
    assert "origin" not in widths
    assert widths["student"] == 21
    assert widths["what"] >= 16
    assert sum(widths.values()) + 2 * len(widths) == 58


def test_free_text_wraps_to_two_lines_and_says_when_it_is_cut():
    text, height, cut = wrap_cell("Check in on how the plan is going", 20, 2)
    assert height == 2 and not cut and text.plain.split("\n")[0].rstrip() == "Check in on how the"
    text, height, cut = wrap_cell("word " * 30, 20, 2)
    assert height == 2 and cut and text.plain.endswith("…")


def test_each_choice_gets_its_own_letter():
    keys = hotkeys(["phone", "text message", "email", "in person", "video", "letter", "app"])
    assert keys == ["p", "t", "e", "i", "v", "l", "a"]
    assert len(set(hotkeys(["positive news", "concern", "information", "attendance",
                            "behavior", "academic", "IEP"]))) == 7  # fmt: skip


@pytest.mark.parametrize(
    ("environ", "few"),
    [
        ({"TERM": "xterm"}, True),
        ({"TERM": "screen"}, True),
        ({"TERM": "vt100"}, True),
        ({"TERM": "xterm-256color"}, False),
        ({"TERM": "xterm", "COLORTERM": "truecolor"}, False),
        ({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"}, True),
        ({"TERM": "xterm", "NO_COLOR": "1"}, False),  # no colour: never the terminal's 16
    ],
)
def test_sixteen_colour_terminals_are_recognised(environ, few):
    assert few_colours(environ) is few


def test_the_same_number_of_days_always_reads_the_same():
    # days under two weeks, weeks under a month, months under a year
    words = [humanize(TODAY + dt.timedelta(days=n), relative_to=TODAY) for n in range(2, 400)]
    assert words[:12] == [f"in {n} days" for n in range(2, 14)]
    assert set(words[12:28]) == {"in 2 weeks", "in 3 weeks", "in 4 weeks"}
    assert words[28] == "in a month" and "in 2 months" in words
    assert words[-1] == "in a year"
    assert humanize(TODAY - dt.timedelta(days=16), relative_to=TODAY) == "2 weeks ago"


async def test_the_high_contrast_theme_can_be_chosen(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert HIGH_CONTRAST.name in app.available_themes
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
        assert app.current_theme.background == "#000000"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_today_shows_whole_names_and_every_section_by_scrolling(demo_store, size):
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        names = {s.display_name for s in demo_store.students.all()}
        for row in table_rows(app, "#today-follow-ups"):
            assert row[1] in names  # never cut
        # the arrows alone reach the last section
        tables = app.screen._shown_tables()
        for _ in range(sum(t.row_count for t in tables) + 2):
            await pilot.press("down")
        assert app.focused is tables[-1]
        scroll = app.screen.query_one("#today-sections")
        assert scroll.scroll_y > 0 or scroll.max_scroll_y == 0


class _LongList(App):
    """A chunked FitTable of 100 two-line rows in a 12-line terminal."""

    def compose(self):
        yield FitTable(COLUMNS, chunk=40, id="long")

    def on_mount(self) -> None:
        rows = [
            (f"r{n}", {"when": f"day {n}", "student": f"Student {n}", "what": "word " * 12})
            for n in range(100)
        ]
        self.query_one(FitTable).fill(rows)


async def test_a_long_table_takes_what_fills_it_and_the_rest_as_it_comes_into_view():
    """Every row added before the first frame is drawn again at once: only what fills the
    table comes first (a screenful, not a chunk), and every row is still reached by the
    arrows and by scrolling."""
    app = _LongList()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(FitTable)
        assert table.given == 100
        assert 5 <= table.row_count <= 12  # a screenful of two-line rows, with room to spare
        assert table.get_row_at(0)[1].plain == "Student 0"
        for _ in range(99):
            await pilot.press("down")
        assert table.row_count == 100 and table.cursor_row == 99
        assert table.get_row_at(99)[1].plain == "Student 99"

    app = _LongList()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(FitTable)
        for _ in range(10):  # the mouse wheel or the scrollbar, to the end each time
            table.scroll_end(animate=False, immediate=True)
            await pilot.pause()
        assert table.row_count == 100
