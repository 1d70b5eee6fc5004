"""The shape of the list screens (Conferences, Engagement): a table, a status line, the footer.

A subclass names its columns and ids, reads its rows in `fetch()` (run in a thread worker, never
on the event loop) and shows them in `show(data)`; it is reloaded whenever data changes.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.plain import PlainTable


class TableListScreen(DeskScreen):
    COLUMNS: list[tuple[str, int]] = []  # (title, width)
    table_id = "list-table"
    status_id = "list-status"
    loading_words = "Loading…"

    def compose(self) -> ComposeResult:
        yield Header()
        yield PlainTable(id=self.table_id, cursor_type="row", zebra_stripes=True)
        yield Static(self.loading_words, id=self.status_id, classes="status-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title, width in self.COLUMNS:
            table.add_column(title, width=width, key=title)
        self.load()

    def fetch(self) -> Any:
        """Read what the list shows (runs in a thread)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="list-load")
    def load(self) -> None:
        data = self.fetch()
        self.app.call_from_thread(self.show, data)

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    def current_key(self) -> str | None:
        """The row key under the cursor (None with no rows)."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # no rows yet
            return None
