"""A fast, read-only table for the roster: only the visible lines are ever rendered.

Textual's DataTable spends ~11 ms adding 1,000 rows, too slow to refill on every keystroke of the
filter. This table takes a list of pre-formatted rows and draws the ones on screen, so a refilter
is a list swap and a refresh. A header line above it names the columns and shows the sort; click
a header to sort by it. Posts `RowHighlighted` and `RowSelected` (enter or click) with the row key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # 0 = takes the width left over


@dataclass(frozen=True)
class TableRow:
    key: str
    cells: tuple[str, ...]
    dim: bool = False  # archived students are drawn dimmed


def _layout(columns: Sequence[Column], width: int) -> list[int]:
    fixed = sum(c.width for c in columns) + (len(columns) - 1)
    flexible = [c for c in columns if not c.width]
    spare = max(8, width - fixed)
    share = spare // max(1, len(flexible))
    return [c.width or share for c in columns]


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return " ".join(set_cell_size(cell, w) for cell, w in zip(cells, widths, strict=False))


class TableHeader(Static):
    """The column titles; clicking one asks the table to sort by it."""

    def __init__(self, table: RowTable, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.table = table

    def on_click(self, event: events.Click) -> None:
        x = event.x - 1  # the table's left padding
        for column, width in zip(self.table.columns, self.table.widths, strict=False):
            if 0 <= x < width + 1:
                self.table.post_message(RowTable.HeaderClicked(self.table, column.key))
                return
            x -= width + 1


class RowTable(ScrollView, can_focus=True):
    """The rows: a cursor, page keys, enter to select."""

    COMPONENT_CLASSES = {"row-table--cursor", "row-table--odd", "row-table--dim"}
    DEFAULT_CSS = """
    RowTable { height: 1fr; padding: 0 0 0 1; background: $surface; overflow-x: hidden; }
    RowTable > .row-table--cursor { background: $block-cursor-blurred-background; }
    RowTable:focus > .row-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    RowTable > .row-table--odd { background: $surface-lighten-1; }
    RowTable > .row-table--dim { color: $text-muted; text-style: italic; }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor = reactive(0, always_update=True, init=False)

    class RowHighlighted(Message):
        def __init__(self, table: RowTable, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RowTable:
            return self.table

    class RowSelected(RowHighlighted):
        pass

    class HeaderClicked(Message):
        def __init__(self, table: RowTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, columns: Sequence[Column], **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.rows: list[TableRow] = []
        self._index: dict[str, int] = {}
        self.widths = _layout(self.columns, 80)
        self._laid_for = 0  # the width `widths` are for
        self.header: TableHeader | None = None
        self.header_marks: dict[str, str] = {}

    # --- data ------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def cursor_key(self) -> str | None:
        return self.rows[self.cursor].key if self.rows else None

    def get_row_at(self, index: int) -> tuple[str, ...]:
        return self.rows[index].cells

    def set_rows(self, rows: list[TableRow], *, keep: str | None = None) -> None:
        """Show `rows`; the cursor stays on `keep` (default: the current row) when still there."""
        keep = keep if keep is not None else self.cursor_key
        self.rows = rows
        self._index = {row.key: n for n, row in enumerate(rows)}
        self.virtual_size = Size(0, len(rows))
        target = self._index.get(keep, 0) if keep is not None else 0
        self.cursor = min(target, max(0, len(rows) - 1))
        self.refresh()

    def set_header_marks(self, marks: dict[str, str]) -> None:
        """Text added after column titles, e.g. {"name": "▲"} for the sort."""
        self.header_marks = marks
        self._draw_header()

    def _draw_header(self) -> None:
        if self.header is None:
            return
        titles = [
            f"{c.title}{self.header_marks[c.key]}" if c.key in self.header_marks else c.title
            for c in self.columns
        ]
        self.header.update(" " + _line(titles, self.widths))

    # --- layout ----------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit_columns()
        self.virtual_size = Size(0, len(self.rows))
        self.refresh()

    def _fit_columns(self) -> None:
        """Column widths for the width the lines have now. A scrollbar that comes or goes with
        the rows changes it without a Resize: the columns were then 2 cells too wide, or not,
        depending on whether the rows came before the first layout or after."""
        width = self.scrollable_content_region.width
        if width and width != self._laid_for:
            self._laid_for = width
            self.widths = _layout(self.columns, width)
            self._draw_header()

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.cursor_key))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def render_line(self, y: int) -> Strip:
        self._fit_columns()
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        text = set_cell_size(_line(row.cells, self.widths), width)
        style = self.rich_style
        if index % 2:
            style += self.get_component_rich_style("row-table--odd")
        if row.dim:
            style += self.get_component_rich_style("row-table--dim")
        if index == self.cursor:
            style += self.get_component_rich_style("row-table--cursor")
        return Strip([Segment(text, style)], cell_len(text))

    # --- keys and mouse --------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where % len(self.rows)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_key))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()


class RosterTable(Widget):
    """Header + rows, so the header never scrolls away."""

    DEFAULT_CSS = """
    RosterTable { height: 1fr; }
    RosterTable > TableHeader { height: 1; background: $panel; color: $text; text-style: bold; }
    """

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=f"{id}-box" if id else None)
        self.rows_widget = RowTable(columns, id=id)

    def compose(self) -> ComposeResult:
        header = TableHeader(self.rows_widget)
        self.rows_widget.header = header
        yield header
        yield self.rows_widget
