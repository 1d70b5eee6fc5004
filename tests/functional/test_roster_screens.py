"""The roster and student screens driven by keyboard at 80×24: what the teacher sees and saves."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

from teacherdesk.models import Guardian
from teacherdesk.ui.forms.guardian_form import GuardianForm
from teacherdesk.ui.forms.student_form import StudentForm
from teacherdesk.ui.screens.student import StudentScreen
from teacherdesk.ui.widgets.guardian_card import GuardianCard
from teacherdesk.ui.widgets.roster_table import RowTable
from tests.helpers import by_name, make_app, open_student, settle, typing_paused, wait_for_screen


def shown_names(app) -> list[str]:
    table = app.screen.query_one("#roster-table", RowTable)
    return [table.get_row_at(i)[0] for i in range(table.row_count)]


def status(app) -> str:
    return str(app.screen.query_one("#roster-status", Static).content)


# --- roster -------------------------------------------------------------------------------------


async def test_typing_zoe_finds_zoe_with_the_accent(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert len(shown_names(app)) == 24
        await pilot.press(*"zoe")
        await pilot.pause()
        assert shown_names(app) == ["Zo Quillfeather"]  # Zoë, who goes by Zo
        assert status(app).startswith("1 of 24 students")
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown_names(app)) == 24


async def test_no_frame_shows_a_typed_letter_with_the_list_before_it(demo_store):
    """The filtered rows and their count are drawn in the same frame as the letter typed: the
    list used to follow a frame later (~17-33 ms), once the filter's message had bubbled up."""
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        field = screen.query_one("#roster-filter", Input)
        table = screen.query_one("#roster-table", RowTable)
        line = screen.query_one("#roster-status", Static)
        on_screen = {"typed": "", "count": status(app), "rows": len(shown_names(app))}
        seen: list[tuple[str, str, int]] = []
        draw = screen._compositor_refresh

        def drawn() -> None:  # what this frame repaints now shows the widget as it is
            dirty = screen._dirty_widgets
            if field in dirty or screen in dirty:
                on_screen["typed"] = field.value
            if line in dirty or screen in dirty:
                on_screen["count"] = status(app)
            if table in dirty or screen in dirty:
                on_screen["rows"] = len(shown_names(app))
            seen.append((on_screen["typed"], on_screen["count"], on_screen["rows"]))
            draw()

        screen._compositor_refresh = drawn
        for key in ("z", "backspace", "z", "o", "backspace", "backspace"):
            await pilot.press(key)
            await pilot.pause()
        assert {typed for typed, _, _ in seen} >= {"", "z", "zo"}
        for typed, count, rows in seen:
            if typed:
                assert count.startswith(f"{rows} of 24 students"), (typed, count, rows)
                assert rows < 24, (typed, count, rows)
            else:
                assert rows == 24 and count.startswith("24 students"), (typed, count, rows)


async def test_the_columns_fit_beside_the_scrollbar(demo_store):
    """24 students need a scrollbar at 80x24: the columns end before it, whenever it came (they
    were sized for the width without it, so the scrollbar covered the last one's end)."""
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#roster-table", RowTable)
        for keys in (
            ["z", "o", "e"],
            ["escape"],
        ):  # the scrollbar goes with the rows, and comes back
            await pilot.press(*keys)
            await pilot.pause()
            used = sum(table.widths) + len(table.widths) - 1
            assert used <= table.scrollable_content_region.width
        assert table.show_vertical_scrollbar
        used = sum(table.widths) + len(table.widths) - 1
        assert used <= table.scrollable_content_region.width


async def test_a_guardians_name_finds_the_child(demo_store):
    student = by_name(demo_store, "Dmitri Bramblewick")
    guardian = demo_store.guardians.for_student(student.id)[0]
    first = guardian.name.split()[0]
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*first.lower())
        await pilot.pause()
        assert "Dmitri Bramblewick" in shown_names(app)
        assert len(shown_names(app)) < 24


async def test_letters_typed_on_the_table_go_to_the_filter(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")  # to the table
        assert isinstance(app.focused, RowTable)
        await pilot.press(*"zoe")  # z is not a key of the roster; o (sort) must not fire
        await pilot.pause()
        assert app.screen.query_one("#roster-filter", Input).value == "zoe"
        assert shown_names(app) == ["Zo Quillfeather"]


async def test_sorting_cycles_columns_and_reverses(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        by_name_order = shown_names(app)
        assert by_name_order[0] == "Saoirse Applewhistle"
        await pilot.press("down", "o")  # table, then sort by the next column: grade
        await pilot.pause()
        table = app.screen.query_one("#roster-table", RowTable)
        grades = [table.get_row_at(i)[1] for i in range(table.row_count)]
        assert grades == sorted(grades, key=int)
        assert "sorted by grade ▲" in status(app)
        assert "Gr▲" in str(table.header.content)
        await pilot.press("r")
        await pilot.pause()
        grades = [table.get_row_at(i)[1] for i in range(table.row_count)]
        assert grades == sorted(grades, key=int, reverse=True)
        assert "Gr▼" in str(table.header.content)
        for _ in range(4):  # class, plan, family, last contact
            await pilot.press("o")
        await pilot.pause()
        assert "sorted by last contact" in status(app)
        await pilot.press("o")
        await pilot.pause()
        assert shown_names(app) == by_name_order


async def test_archiving_hides_keeps_and_restores(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")
        await pilot.press("d")  # the first row: Saoirse Applewhistle
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await settle(app, pilot)
        saoirse = by_name(demo_store, "Saoirse Applewhistle")
        assert saoirse.archived  # still in the file
        assert "Saoirse Applewhistle" not in shown_names(app)
        assert "1 archived" in status(app)
        await pilot.press("v")
        await pilot.pause()
        assert "Saoirse Applewhistle (archived)" in shown_names(app)
        table = app.screen.query_one("#roster-table", RowTable)
        table.cursor = shown_names(app).index("Saoirse Applewhistle (archived)")
        await pilot.press("d")  # bring her back (no question needed)
        await settle(app, pilot)
        assert not by_name(demo_store, "Saoirse Applewhistle").archived
        assert "Saoirse Applewhistle" in shown_names(app)


async def test_adding_a_student_from_the_roster(memory_store):
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "No students yet" in status(app)
        await pilot.press("down", "a")
        await pilot.pause()
        assert isinstance(app.screen, StudentForm)
        await pilot.press(*"Inès", "down", *"Moonbrook", "down", *"Ines", "enter")
        await settle(app, pilot)
        [saved] = memory_store.students.all()
        assert (saved.first_name, saved.last_name, saved.preferred_name) == (
            "Inès",
            "Moonbrook",
            "Ines",
        )
        assert saved.created_by == "tester" and saved.created_at is not None
        assert isinstance(app.screen, StudentScreen)


# --- student screen ---------------------------------------------------------------------


async def test_student_screen_shows_profile_family_and_timeline(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "dmitri")
        profile = str(app.screen.query_one("#profile", Static).content)
        assert "Dmitri Bramblewick" in profile and "IEP" in profile
        cards = list(app.screen.query(GuardianCard))
        assert [c.guardian.name for c in cards] == [
            g.name for g in demo_store.guardians.for_student(cards[0].guardian.student_ids[0])
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "RosterScreen"


async def test_editing_a_student_saves_to_the_store(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "kenji")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StudentForm)
        await pilot.press("down", "down")  # first name → last name → preferred name
        await pilot.press(*"Ken", "enter")
        await settle(app, pilot)
        kenji = by_name(demo_store, "Ken Dandelion")
        assert kenji.first_name == "Kenji" and kenji.updated_by == "tester"
        assert "Ken Dandelion" in str(app.screen.query_one("#profile", Static).content)


async def test_form_refuses_to_save_while_invalid_and_keeps_the_text(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "kenji")
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, GuardianForm)
        assert form.query_one("#form-save", Button).disabled  # no name yet
        await pilot.press(*"Hiro Dandelion")
        form.query_one("#f-email", Input).value = "hiro at home"
        await typing_paused(app, pilot)  # the form re-checks once typing pauses
        problem = str(form.query_one("#e-email", Static).content)
        assert problem == "Email should look like name@example.org."
        assert form.query_one("#form-save", Button).disabled
        await pilot.press("enter")  # refused
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#f-name", Input).value == "Hiro Dandelion"
        assert form.query_one("#f-email", Input).value == "hiro at home"
        assert not [g for g in demo_store.guardians.all() if g.name == "Hiro Dandelion"]


async def test_adding_a_guardian_with_two_phones(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "kenji")
        kenji = by_name(demo_store, "Kenji Dandelion")
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Hiro Dandelion", "down", *"uncle")
        form.query_one("#f-phones-0-number", Input).value = "555-0101"
        form.query_one("#f-phones-1-label", Input).value = "work"
        form.query_one("#f-phones-1-number", Input).value = "+1 (555) 010-0102"
        form.query_one("#f-email", Input).value = "hiro@example.org"
        await pilot.pause()
        form.query_one("#f-name", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        [hiro] = [g for g in demo_store.guardians.all() if g.name == "Hiro Dandelion"]
        assert hiro.student_ids == [kenji.id]
        assert [(p.label, p.number) for p in hiro.phones] == [
            ("mobile", "555-0101"),
            ("work", "+1 (555) 010-0102"),
        ]
        assert hiro.relationship == "uncle" and hiro.created_by == "tester"
        names = [c.guardian.name for c in app.screen.query(GuardianCard)]
        assert "Hiro Dandelion" in names


async def test_linking_a_siblings_guardian_keeps_one_record(demo_store):
    zo = by_name(demo_store, "Zo Quillfeather")
    [parent] = demo_store.guardians.for_student(zo.id)
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "kenji")
        kenji = by_name(demo_store, "Kenji Dandelion")
        await pilot.press("l")
        await wait_for_screen(app, pilot, "PickScreen")
        await pilot.press(*parent.name.lower(), "enter")
        await wait_for_screen(app, pilot, "AskScreen")
        await pilot.press("enter")  # the relationship, prefilled, is right
        await settle(app, pilot)
        records = [g for g in demo_store.guardians.all() if g.name == parent.name]
        assert len(records) == 1
        assert set(records[0].student_ids) == {zo.id, kenji.id}
        assert parent.name in [c.guardian.name for c in app.screen.query(GuardianCard)]
        siblings_line = str(app.screen.query_one("#siblings", Static).content)
        assert "Zo Quillfeather" in siblings_line


async def test_unlinking_asks_first_and_keeps_the_guardian(demo_store):
    zo = by_name(demo_store, "Zo Quillfeather")
    [parent] = demo_store.guardians.for_student(zo.id)
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "zoe")
        await pilot.press("u")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await settle(app, pilot)
        kept = demo_store.guardians.get(parent.id)
        assert kept is not None and kept.student_ids == []
        assert not list(app.screen.query(GuardianCard))


async def test_s_opens_the_sibling(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "priya")
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, StudentScreen)
        tomas = by_name(demo_store, "Tomás Copperkettle")
        assert app.screen.student_id == tomas.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.student_id == by_name(demo_store, "Priya Copperkettle").id


async def test_copy_phone_and_email_of_the_focused_guardian(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "zoe")
        guardian: Guardian = app.screen.query_one(GuardianCard).guardian
        await pilot.press("t")
        assert app.clipboard == guardian.phones[0].number
        await pilot.press("m")
        assert app.clipboard == guardian.email


async def test_palette_opens_a_student_by_name(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"Dmitri")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StudentScreen)
        assert app.screen.student_id == by_name(demo_store, "Dmitri Bramblewick").id


# --- enter in the filter ---------------------------------------------------------------------


async def test_enter_in_the_filter_opens_the_only_match(demo_store):
    """README: "type to filter …, enter opens a student" — no down-arrow first."""
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"dandelion", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StudentScreen)
        assert app.screen.student_id == by_name(demo_store, "Kenji Dandelion").id


async def test_enter_in_the_filter_opens_the_first_match_highlighted(demo_store):
    """Several matches: typing highlights the first row, and that is the one enter opens, even
    when the cursor was further down before the filter changed."""
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "down", "down", "slash")  # cursor on the 4th row
        await pilot.press(*"honeysett")
        await pilot.pause()
        shown = shown_names(app)
        assert len(shown) == 2
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StudentScreen)
        assert app.screen.student_id == by_name(demo_store, shown[0]).id


async def test_enter_when_nobody_matches_opens_nothing(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"zzzz", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"
        assert "Nobody matches" in status(app)


async def test_a_name_and_enter_typed_before_the_rows_load_open_the_student(
    demo_store, monkeypatch
):
    """The rows load in a thread after the first frame: a name and enter typed meanwhile wait for
    them (before, enter found no rows and was lost)."""
    import threading

    import teacherdesk.ui.screens.roster as roster_screen

    release = threading.Event()
    real_build = roster_screen.build_rows

    def build_when_released(*args, **kwargs):
        release.wait(timeout=10)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(roster_screen, "build_rows", build_when_released)
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(app, pilot, "RosterScreen")
        await pilot.press(*"dandelion", "enter")
        release.set()
        await settle(app, pilot, until=lambda: isinstance(app.screen, StudentScreen))
        assert app.screen.student_id == by_name(demo_store, "Kenji Dandelion").id
