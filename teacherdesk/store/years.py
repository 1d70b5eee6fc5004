"""Years as files: this school year in the data file, every finished year in a file beside it.

    teacherdesk.json            this year: roster, families, settings, this year's notes, …
    teacherdesk-2024-25.json    a finished school year, read-only, opened only when asked for

A past year's file is a whole data file of its own (it carries copies of the students and
guardians its records name), so `check` can verify it alone and a reader needs nothing else.
The current file wins over a past year for a record found in both (see `across_years`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from teacherdesk.store import schema

if TYPE_CHECKING:
    from teacherdesk.store.database import Store

DEFAULT_YEAR_STARTS_ON = "08-01"
YEAR_DOC = "year"  # in a past year's `_meta`: {"label", "start", "end"}
T = TypeVar("T")


def year_start(day: dt.date, starts_on: str = DEFAULT_YEAR_STARTS_ON) -> dt.date:
    """The first day of the school year that `day` falls in (years start on `starts_on`, MM-DD)."""
    month, mday = (int(part) for part in starts_on.split("-"))
    this_year = _month_day(day.year, month, mday)
    return this_year if day >= this_year else _month_day(day.year - 1, month, mday)


def _month_day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 02-29 in a common year
        return dt.date(year, month, day - 1)


def year_label(start: dt.date) -> str:
    """'2025-26' for the school year that starts in 2025."""
    return f"{start.year}-{(start.year + 1) % 100:02d}"


def year_of_label(label: str) -> int:
    return int(label[:4])


def past_year_path(current: Path, label: str) -> Path:
    current = Path(current)
    return current.with_name(f"{current.stem}-{label}{current.suffix or '.json'}")


def past_year_files(current: Path | None) -> list[tuple[str, Path]]:
    """The finished years beside `current`, newest first, as (label, path)."""
    if current is None:
        return []
    current = Path(current)
    pattern = re.compile(
        rf"^{re.escape(current.stem)}-(\d{{4}})-(\d{{2}}){re.escape(current.suffix)}$"
    )
    found = []
    if current.parent.is_dir():
        for path in current.parent.iterdir():
            match = pattern.match(path.name)
            if match and (int(match[1]) + 1) % 100 == int(match[2]) and path.is_file():
                found.append((f"{match[1]}-{match[2]}", path))
    return sorted(found, reverse=True)


def label_of(data: schema.Data) -> str | None:
    """The school year a past year's file holds, or None for the current file."""
    doc = data.get(schema.META_TABLE, {}).get(YEAR_DOC)
    return doc.get("label") if isinstance(doc, dict) else None


def across_years(
    store: Store, read: Callable[[Store], Iterable[T]], *, key: Callable[[T], str] | None = None
) -> list[T]:
    """`read` applied to this year and to every finished year, newest first; a record kept in
    the current file (an open follow-up, a close that was cut short) is listed once, as current."""
    key = key or (lambda record: record.id)  # type: ignore[attr-defined]
    seen: set[str] = set()
    found: list[T] = []
    for year in (store, *store.past_years()):
        for record in read(year):
            ident = key(record)
            if ident not in seen:
                seen.add(ident)
                found.append(record)
    return found


def new_past_year(label: str, starts_on: str) -> schema.Data:
    start = year_start(dt.date(year_of_label(label), 12, 31), starts_on)
    end = year_start(start + dt.timedelta(days=400), starts_on) - dt.timedelta(days=1)
    data = schema.new_data()
    data[schema.META_TABLE][YEAR_DOC] = {
        "label": label,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    return data


def doc_dates(table: str, doc: dict[str, Any]) -> str | None:
    """The ISO date a record belongs to (which school year it is in), or None: stays current."""
    if table in ("contacts", "events"):
        value = doc.get("date")
    elif table == "conferences":
        value = doc.get("when")
    elif table == "ieps":
        value = doc.get("meeting_date")
    else:
        return None
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def past_year_labels_for(current: Path) -> list[str]:
    return [label for label, _path in past_year_files(current)]
