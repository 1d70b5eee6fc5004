"""The shape of the list screens (Conferences, Engagement): a table, a status line, the footer.

A subclass names its columns and ids, reads its rows in `fetch()` (run in a thread worker, never
on the event loop) and shows them in `show(data)`; it is reloaded whenever data changes.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.fit_table import Col, FitTable
from teacherdesk.ui.widgets.footer import DeskFooter


class TableListScreen(DeskScreen):
    COLUMNS: list[Col] = []  # sized from the width by FitTable
    COMFORT = 36  # the free-text column's share before optional columns show
    table_id = "list-table"
    status_id = "list-status"
    loading_words = "Loading…"

    def compose(self) -> ComposeResult:
        yield Header()
        yield FitTable(self.COLUMNS, id=self.table_id, comfort=self.COMFORT)
        yield Static("", id=f"{self.table_id}-detail", classes="row-detail", markup=False)
        yield Static(self.loading_words, id=self.status_id, classes="status-line", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(f"#{self.table_id}-detail").display = False
        self.load()

    @on(DataTable.RowHighlighted)
    def _row_detail(self) -> None:
        """At narrow widths, what the highlighted row's hidden columns and cut text say."""
        table = self.query_one(FitTable)
        detail = self.query_one(f"#{self.table_id}-detail", Static)
        words = table.detail(table.current_key())
        detail.update(words)
        detail.display = bool(words)

    @abstractmethod  # every subclass provides it
    def fetch(self) -> Any:
        """Read what the list shows (runs in a thread)."""
        raise NotImplementedError

    @abstractmethod  # every subclass provides it
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
