"""A table whose columns are sized from the width it has, and whose free text wraps.

Every list in the app used to have fixed column widths chosen for 80 columns, so names were cut
at any width and the summary vanished at 60. A `FitTable` is given its columns as `Col`s (the
narrowest each may be, the widest it is useful, which one is free text, which may go when the
terminal is narrow) and its rows as cells by column key. Each time it is filled, and whenever its
width changes, it works out the widths (`fit_widths`): names as wide as the longest one when there
is room, the free-text column takes the rest and wraps onto a second line (more when `lines` says
so), and at narrow widths the least needed columns go. `detail(key)` gives what a row's hidden
columns and cut text say, for a detail line under the table.

With `chunk`, rows reach the table as they come into view (a row costs ~0.2 ms to wrap and
add, and every batch added makes the table draw its lines afresh, ~8 ms): filled, it takes the
rows that fill its height; as the cursor or the scrollbar nears the last of them, `chunk` more.
`given` counts every row handed over, `row_count` those in the table so far, and `add_now(n)`
adds up to n at once (to move to one).

With `grow=True` the table is as tall as its rows, so a screen that scrolls as a whole (Today)
shows every row without a box of its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Span, Text
from textual import events
from textual.widgets import DataTable

from teacherdesk.ui.widgets.plain import PlainTable, plain

PADDING = 2  # a DataTable cell has one space each side
SCROLLBAR = 2  # room kept for the table's own vertical scrollbar


@dataclass(frozen=True)
class Col:
    """One column: `min` the narrowest it may be, `max` the widest worth giving it (names: the
    longest name, measured from the rows, up to `max`), `flex` the free-text column that takes
    what is left, `drop` the order in which columns go when even the narrowest widths do not fit
    (1 goes first; 0 never goes)."""

    key: str
    title: str
    min: int
    max: int = 0
    flex: bool = False
    drop: int = 0


Cells = Mapping[str, object]


def _text_width(value: object) -> int:
    if isinstance(value, Text):
        return max((cell_len(line) for line in value.plain.splitlines()), default=0)
    return cell_len("" if value is None else str(value))


COMFORT = 36  # the free text gets at least this much before optional columns are shown


def fit_widths(
    columns: Sequence[Col],
    room: int,
    wants: Mapping[str, int] | None = None,
    comfort: int = COMFORT,
) -> dict[str, int]:
    """The width of each shown column (dropped columns are absent) for `room` cells.

    `room` is the table's whole width less its scrollbar; each column also costs PADDING.
    `wants` are the widths the rows need (the longest name, the longest text), each kept
    within min..max (a free-text column has no max).
    """
    wants = wants or {}
    shown = list(columns)
    flex = next((c for c in columns if c.flex), None)

    def want(col: Col) -> int:
        wanted = max(wants.get(col.key, col.min), col.min)
        return wanted if col.flex else min(wanted, col.max or col.min)

    def needed(cols: Sequence[Col]) -> int:
        """Optional columns at their narrowest; names whole; the free text readable."""
        total = 0
        for col in cols:
            if col.drop:
                total += col.min
            elif col.flex:
                total += max(col.min, min(comfort, want(col)))
            else:
                total += want(col)
        return total + PADDING * len(cols)

    # At narrow widths the least needed columns go first (the highest `drop`).
    for col in sorted((c for c in columns if c.drop), key=lambda c: -c.drop):
        if needed(shown) <= room:
            break
        shown.remove(col)
    widths = {c.key: c.min for c in shown}
    spare = room - sum(c.min + PADDING for c in shown)

    def grow(col: Col, upto: int) -> None:
        nonlocal spare
        more = min(max(spare, 0), max(0, upto - widths[col.key]))
        widths[col.key] += more
        spare -= more

    # Names and dates whole first, then the free text to a readable width, then the optional
    # columns.
    for col in shown:
        if not col.flex and not col.drop:
            grow(col, want(col))
    if flex is not None and flex in shown:
        grow(flex, min(want(flex), comfort))
    for col in shown:
        if col.drop:
            grow(col, want(col))
    # Whatever is left goes to the free text (with none, to the last column).
    if spare > 0 and shown:
        grow(flex if flex in shown else shown[-1], widths[(flex or shown[-1]).key] + spare)
    return widths


def wrap_cell(value: object, width: int, lines: int) -> tuple[Text, int, bool]:
    """`value` wrapped to `width`, at most `lines` lines (the last one ends in … when cut):
    the text, its height and whether it was cut."""
    text = plain(value).copy()
    if width <= 0:
        return text, 1, False
    text.no_wrap = False
    wrapped = text.wrap(_CONSOLE, width)
    cut = len(wrapped) > lines
    if cut:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        last.rstrip()
        last.truncate(max(1, width - 1))
        last.append("…")
    out = Text("\n").join(wrapped)
    return out, max(1, len(wrapped)), cut


# Wrapping needs a console only for its measurements; no output goes through it.
_CONSOLE = Console(width=400, color_system=None, force_terminal=False)


def _plain_style(text: Text) -> Text:
    """With NO_COLOR: bold and reverse stay, colours and dimming go (they turn into dark grey)."""
    out = text.copy()
    out.style = Style.parse(str(text.style)).without_color if text.style else ""
    out.spans = [
        Span(span.start, span.end, Style.parse(str(span.style)).without_color + NOT_DIM)
        for span in text.spans
    ]
    return out


NOT_DIM = Style(dim=False)


class FitTable(PlainTable):
    """A DataTable whose columns follow its width. Fill it with `fill(rows)`; `append(rows)`
    adds more (a next page) without changing the widths."""

    DEFAULT_CSS = """
    FitTable { overflow-x: hidden; }
    """

    def __init__(
        self,
        columns: Sequence[Col],
        *,
        lines: int = 2,
        grow: bool = False,
        comfort: int = COMFORT,
        chunk: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.fit_columns = list(columns)
        self.lines = lines
        self.grow = grow
        self.comfort = comfort
        self.chunk = chunk  # 0: every row at once
        self.widths: dict[str, int] = {}
        self._rows: list[tuple[str, Cells]] = []
        self._wants: dict[str, int] = {}
        self._laid_for = -1
        self._cursor_wants = 0
        self._filling = False
        self._cut: set[str] = set()  # rows whose free text did not fit in `lines`

    # --- sizes ---------------------------------------------------------------------------------

    def _room(self) -> int:
        # Before the first layout, the terminal's width; a Resize follows with the real one.
        width = self.size.width or self.app.size.width
        return max(10, width - self._scrollbar)

    @property
    def _scrollbar(self) -> int:
        return 0 if self.grow else SCROLLBAR  # a growing table never scrolls by itself

    @property
    def hidden(self) -> list[Col]:
        """Columns left out at this width (their words go in `detail`)."""
        return [c for c in self.fit_columns if c.key not in self.widths]

    def on_resize(self, event: events.Resize) -> None:
        if self._rows or self.widths:
            room = max(10, event.size.width - self._scrollbar)
            if room != self._laid_for:
                self._lay_out(room)

    # --- rows ----------------------------------------------------------------------------------

    def fill(
        self, rows: Iterable[tuple[str, Cells]], wants: Mapping[str, int] | None = None
    ) -> None:
        """Replace the rows (key, cells by column key); the cursor stays on the same key."""
        self._rows = list(rows)
        measured: dict[str, int] = {}
        for col in self.fit_columns:
            longest = max((_text_width(cells.get(col.key)) for _, cells in self._rows), default=0)
            measured[col.key] = max(longest, cell_len(col.title))
        self._wants = measured | dict(wants or {})
        self._lay_out(self._room())

    def append(self, rows: Iterable[tuple[str, Cells]]) -> None:
        self._rows.extend(rows)
        self._top_up()

    @property
    def given(self) -> int:
        """Rows handed to the table (some may be waiting to come into view: see `chunk`)."""
        return len(self._rows)

    def add_now(self, count: int) -> None:
        """The first `count` rows given in the table now."""
        self._add_rows(min(count, len(self._rows)))

    def _add_rows(self, upto: int) -> None:
        start = self.row_count
        for key, cells in self._rows[start:upto]:
            self._add(key, cells)
        if upto > start:
            self._fit_height()

    def _near_the_last_row(self) -> bool:
        """The cursor, or the bottom of the view, within a screen of the last row added."""
        lines = self.size.height
        if not lines:
            return False  # not laid out yet: the rows that fill it are in
        if self.cursor_row >= self.row_count - max(1, lines // max(1, self.lines)):
            return True
        # The rows' own heights: the table's virtual size is only brought up to date when idle.
        total = self.header_height + sum(row.height for row in self.rows.values())
        return self.scroll_y + 2 * lines >= total

    def _top_up(self) -> None:
        """The next `chunk` of the rows given, if they are nearly in view (all without `chunk`)."""
        if self._filling or self.row_count >= len(self._rows):
            return
        if not self.chunk:
            self._add_rows(len(self._rows))
        elif self._near_the_last_row():
            self._add_rows(min(self.row_count + self.chunk, len(self._rows)))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.chunk:
            self._top_up()  # the mouse wheel and the scrollbar bring rows into view too

    def _on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        if self.chunk:
            self._top_up()  # the screen hears of it too (the message goes on up)

    def _first_rows(self) -> int:
        """Rows that fill the table's height (one line each at the least), up to a chunk."""
        height = self.size.height or self.app.size.height  # before the first layout: the terminal's
        return max(1, min(self.chunk, height))

    def _lay_out(self, room: int) -> None:
        self._filling = True  # the rows that fill the table come below, not as it is cleared
        try:
            self._lay_out_rows(room)
        finally:
            self._filling = False

    def _lay_out_rows(self, room: int) -> None:
        self._laid_for = room
        widths = fit_widths(self.fit_columns, room, self._wants, self.comfort)
        kept = self.current_key()
        self._cursor_wants = self.cursor_row + 1 if kept is not None else 0
        if widths != self.widths or not self.columns:
            self.widths = widths
            self.clear(columns=True)
            for col in self.fit_columns:
                if col.key in widths:
                    self.add_column(plain(col.title), width=widths[col.key], key=col.key)
        else:
            self.clear()
        self._cut.clear()
        # What fills the table, at least as far as the cursor was (so it stays on its row); the
        # rest as it comes into view.
        self._add_rows(
            max(self._first_rows(), self._cursor_wants) if self.chunk else len(self._rows)
        )
        if kept is not None:
            self.move_to(kept)

    def _add(self, key: str, cells: Cells) -> None:
        shown: list[object] = []
        height = 1
        for col in self.fit_columns:
            if col.key not in self.widths:
                continue
            value = cells.get(col.key, "")
            if col.flex:
                value, height, cut = wrap_cell(value, self.widths[col.key], self.lines)
                if cut:
                    self._cut.add(key)
            if self.app.no_color and isinstance(value, Text):
                value = _plain_style(value)
            shown.append(value)
        self.add_row(*shown, key=key, height=height)

    def _fit_height(self) -> None:
        if self.grow:
            rows = sum(row.height for row in self.rows.values())
            self.styles.height = self.header_height + max(rows, 1)

    # --- reading back --------------------------------------------------------------------------

    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor is outside the rows
            return None

    def move_to(self, key: str) -> None:
        with contextlib.suppress(Exception):  # that row is gone
            self.move_cursor(row=self.get_row_index(key))

    def cells_of(self, key: str) -> Cells | None:
        return next((cells for k, cells in self._rows if k == key), None)

    def detail(self, key: str | None) -> Text:
        """What the row's hidden columns and cut text say ("" when all of it is on screen)."""
        cells = self.cells_of(key) if key else None
        out = Text()
        if cells is None:
            return out
        parts = [(c.title, cells.get(c.key)) for c in self.hidden]
        if key in self._cut:
            flex = next((c for c in self.fit_columns if c.flex), None)
            if flex is not None:
                parts.append((flex.title, cells.get(flex.key)))
        for title, value in parts:
            if value in (None, ""):
                continue
            if out:
                out.append(" · ")
            if title:
                out.append(f"{title}: ", style="bold")
            out.append_text(plain(value).copy())
        return out
