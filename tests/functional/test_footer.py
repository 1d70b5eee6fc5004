"""The footer is rebuilt only when the keys it shows change, and still follows every change."""

from __future__ import annotations

from teacherdesk.ui.widgets.footer import DeskFooter
from tests.helpers import make_app, settle


def footer_words(app) -> str:
    footer = app.screen.query_one(DeskFooter)
    return " ".join(str(key.render()) for key in footer.children)


async def test_the_footer_follows_the_keys_but_is_not_rebuilt_for_the_same_ones(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot, until=lambda: getattr(app.screen, "loaded", False))
        footer = app.screen.query_one(DeskFooter)
        rebuilt: list[int] = []
        real_recompose = footer.recompose

        async def counting_recompose():
            rebuilt.append(1)
            await real_recompose()

        footer.recompose = counting_recompose
        keys_before = list(footer.children)
        words_before = footer_words(app)
        for _ in range(3):  # the bindings are announced again, the same keys stay on show
            app.screen.refresh_bindings()
            await settle(app, pilot)
        assert list(footer.children) == keys_before
        assert rebuilt == []

        assert "Sort" not in words_before
        app.screen.query_one("#roster-table").focus()  # the list has keys of its own
        await settle(app, pilot)
        assert rebuilt
        assert "o Sort" in footer_words(app) and "n Note" in footer_words(app)
