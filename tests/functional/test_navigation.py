"""Navigation you can predict: F2-F7 show the named screen's own top, the title bar says where
you are, and `n` away from a student's own screen asks which student."""

from __future__ import annotations

from textual.widgets import DataTable, TextArea

from tests.helpers import by_name, make_app, settle, wait_for_screen


def _header_text(app) -> str:
    """The title bar on view: the top screen's, or the one under a dialog."""
    from textual.widgets._header import HeaderTitle

    for screen in reversed(app.screen_stack):
        titles = screen.query(HeaderTitle)
        if titles:
            return str(titles.first().render())
    raise AssertionError("no title bar")


async def test_stale_f_keys_then_n_files_on_the_student_picked(demo_store):
    """The issue's path: a student opened from Today, `x` (packet), later F2 shows Today, F3 the
    Roster (not the student), `n` asks which student and "ravi" + enter picks Ravi."""
    tomas = by_name(demo_store, "Tomás Copperkettle")
    ravi = by_name(demo_store, "Ravi Honeysett")
    app = make_app(demo_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # The roster mode was visited before and left on Tomás (what made F3 stale).
        await pilot.press("f3")
        await settle(app, pilot)
        app.open_student(tomas.id)
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        table = next(t for t in app.screen.query(DataTable) if t.display and t.row_count)
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot, until=lambda: type(app.screen).__name__ == "StudentScreen")
        assert app.screen.student_id  # a student opened from Today
        await pilot.press("x")
        await settle(app, pilot, until=lambda: type(app.screen).__name__ == "PacketPreviewScreen")
        assert "IEP team packet" in _header_text(app)
        assert app.breadcrumb().startswith("Today › ")
        await pilot.press("f2")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert len(app.screen_stack) == 1
        assert _header_text(app).endswith("Today")
        await pilot.press("f3")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"
        assert len(app.screen_stack) == 1
        assert app.breadcrumb() == "Roster"
        app.screen.query_one("#roster-table").focus()
        await pilot.press("n")
        await wait_for_screen(app, pilot, "StudentPicker")
        await pilot.press(*"ravi", "enter")
        await wait_for_screen(app, pilot, "ContactForm")
        assert app.screen.student.id == ravi.id
        assert app.breadcrumb() == "Roster › Ravi Honeysett › New contact"
        await pilot.press("p", "tab", *"Called about the trip")
        await pilot.press("f10")
        await settle(app, pilot, until=lambda: type(app.screen).__name__ == "RosterScreen")
    notes = [n for n in demo_store.contacts.all() if n.summary == "Called about the trip"]
    assert [n.student_id for n in notes] == [ravi.id]


async def test_breadcrumb_names_the_student_and_the_form(demo_store):
    priya = by_name(demo_store, "Priya Copperkettle")
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(priya.id)
        await settle(app, pilot)
        assert app.breadcrumb() == "Roster › Priya Copperkettle"
        await pilot.press("n")
        await wait_for_screen(app, pilot, "ContactForm")
        assert app.screen.student.id == priya.id  # on a student's own screen: that student
        assert app.breadcrumb() == "Roster › Priya Copperkettle › New contact"
        assert "Roster › Priya Copperkettle › New contact" in _header_text(app)


async def test_f_key_from_a_typed_form_asks_first_then_leaves(demo_store):
    priya = by_name(demo_store, "Priya Copperkettle")
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(priya.id)
        await settle(app, pilot)
        await pilot.press("n")
        await wait_for_screen(app, pilot, "ContactForm")
        await pilot.press("p", "tab", *"half a thought")
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactForm"  # asked, kept what was typed
        assert app.screen.query_one("#contact-summary", TextArea).text == "half a thought"
        assert "again" in str(app.screen.query_one("#contact-problem").content)
        await pilot.press("f4")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactsScreen"
        assert len(app.screen_stack) == 1
        await pilot.press("f3")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"  # not the student left open
        assert len(app.screen_stack) == 1
    assert not [n for n in demo_store.contacts.all() if n.summary == "half a thought"]
    assert demo_store.drafts.all() == []  # left without saving: no draft either
