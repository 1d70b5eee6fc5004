"""Retention: finished school years older than the setting are removed, backups included.

A finished year's file is removed whole; each backup loses the dated records of those years
(a backup taken before the year was closed still holds them). Under the data file's lock; each
file is replaced atomically or unlinked, so a kill leaves every file whole and a second run
finishes the job. Restricted notes of removed years go into `_meta`'s `erased` list so every
account drops their texts (store/erasure.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from teacherdesk.store import schema
from teacherdesk.store.backups import backup_folder
from teacherdesk.store.closing import DATED_TABLES
from teacherdesk.store.erasure import ERASED_DOC
from teacherdesk.store.errors import StoreError
from teacherdesk.store.files import atomic_write
from teacherdesk.store.restricted import is_private
from teacherdesk.store.storage import parse
from teacherdesk.store.years import doc_dates, past_year_files, year_of_label

if TYPE_CHECKING:
    from teacherdesk.store.database import Store


@dataclass
class RetentionReport:
    keep_years: int
    expired: list[str] = field(default_factory=list)  # labels, oldest first
    backups_rewritten: int = 0
    applied: bool = False


def year_end(label: str, starts_on: str) -> dt.date:
    month, day = (int(part) for part in starts_on.split("-"))
    return dt.date(year_of_label(label) + 1, month, day) - dt.timedelta(days=1)


def expired_years(store: Store, today: dt.date, keep_years: int) -> list[tuple[str, Path]]:
    """Finished years that ended more than `keep_years` years before `today`, oldest first."""
    from teacherdesk.store.closing import starts_on

    begins = starts_on(store.storage.read())
    found = []
    for label, path in past_year_files(store.path):
        end = year_end(label, begins)
        with contextlib.suppress(ValueError):  # 29 Feb + years: the day before is fine
            if end.replace(year=end.year + keep_years) < today:
                found.append((label, path))
                continue
        if end.month == 2 and end.day == 29 and dt.date(end.year + keep_years, 2, 28) < today:
            found.append((label, path))
    return sorted(found)


def apply_retention(
    store: Store, today: dt.date, keep_years: int, *, dry_run: bool = True
) -> RetentionReport:
    if store.path is None:
        raise StoreError("an in-memory store has no finished years")
    report = RetentionReport(keep_years)
    with store.transaction():
        expired = expired_years(store, today, keep_years)
        report.expired = [label for label, _path in expired]
        if dry_run or not expired:
            return report
        from teacherdesk.store.closing import starts_on

        last_day = max(year_end(label, starts_on(store.storage.read())) for label in report.expired)
        private: set[str] = set()
        for _label, path in expired:
            with contextlib.suppress(FileNotFoundError):
                data = parse(path.read_bytes())
                private |= {k for k, doc in data.get("contacts", {}).items() if is_private(doc)}
        folder = backup_folder(store.path)
        if folder.is_dir():
            for backup in sorted(folder.glob(f"{store.path.stem}*.json")):
                if any(f"-{label}" in backup.name for label in report.expired):
                    backup.unlink(missing_ok=True)  # a backup of a removed year's own file
                    continue
                if _drop_dated(backup, last_day):
                    report.backups_rewritten += 1
        for _label, path in expired:
            path.unlink(missing_ok=True)
        if private:
            store.restricted.remove(private)
            data = store.storage.read()
            meta = dict(data.get(schema.META_TABLE) or {})
            known = set((meta.get(ERASED_DOC) or {}).get("notes") or [])
            meta[ERASED_DOC] = {"notes": sorted(known | private)}
            store.storage.write({**data, schema.META_TABLE: meta})
        store.forget_past_years()
        report.applied = True
    return report


def _drop_dated(path: Path, last_day: dt.date) -> bool:
    """Rewrite a backup without the records dated on or before `last_day`; True if changed."""
    data = parse(path.read_bytes())
    cut = last_day.isoformat()
    changed = False
    for table in DATED_TABLES:
        docs = data.get(table) or {}
        for doc_id in [k for k, doc in docs.items() if (doc_dates(table, doc) or "9999") <= cut]:
            del docs[doc_id]
            changed = True
    if changed:
        atomic_write(path, orjson.dumps(data), mode=path.stat().st_mode & 0o777)
    return changed
