"""Closing school years: move every finished year's records into that year's own file.

What moves: contact notes, conferences, events and IEPs dated before the current school year
began, each into the file of the year it is dated in. What stays: families and settings, a note
with an open follow-up, a conference with an open agreed action, each current student's latest
IEP, the interviews. Students who left (archived) move too, once nothing of theirs stays.

Crash-safe across several files, all under the current file's lock:
  0. a backup of the current file (backups/…-before-close-year-….json);
  1. the current file is rewritten with a `closing` marker naming the cut-off date;
  2. each past year's file is written atomically (merged with what it holds: same ids, ours win);
  3. the current file is rewritten without the moved records and without the marker.
A kill at any moment leaves every file whole and every record in at least one of them; the marker
lets the next `Store.open` finish the same close (each step is idempotent), and readers that
combine years list a record found twice once, as current.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from teacherdesk.store import schema
from teacherdesk.store.backups import keep_copy
from teacherdesk.store.errors import DamagedFileError, StoreError
from teacherdesk.store.files import atomic_write
from teacherdesk.store.storage import parse
from teacherdesk.store.years import (
    DEFAULT_YEAR_STARTS_ON,
    doc_dates,
    label_of,
    new_past_year,
    past_year_path,
    year_label,
    year_start,
)

if TYPE_CHECKING:
    from teacherdesk.store.database import Store

CLOSING_DOC = "closing"  # in the current file's `_meta` while a close is under way
DATED_TABLES = ("contacts", "conferences", "events", "ieps")


@dataclass
class ClosePlan:
    cutoff: dt.date  # the first day of the current school year
    moves: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=dict
    )  # label → table → docs
    left_students: list[str] = field(default_factory=list)  # ids leaving the current file
    kept_open: int = 0  # dated records that stay because something is still open

    @property
    def empty(self) -> bool:
        return not self.moves and not self.left_students

    def moved(self, table: str) -> int:
        return sum(len(tables.get(table, {})) for tables in self.moves.values())


def starts_on(data: schema.Data) -> str:
    settings = data.get("settings", {}).get("settings") or {}
    value = settings.get("year_starts_on")
    return value if isinstance(value, str) and len(value) == 5 else DEFAULT_YEAR_STARTS_ON


def _is_open(table: str, doc: dict[str, Any]) -> bool:
    if table == "contacts":
        follow_up = doc.get("follow_up")
        return isinstance(follow_up, dict) and not follow_up.get("done_on")
    if table == "conferences" and doc.get("status") != "cancelled":
        return any(
            isinstance(action, dict) and not action.get("done_on")
            for action in doc.get("actions") or []
        )
    return False


def _latest_ieps(ieps: dict[str, dict[str, Any]]) -> set[str]:
    latest: dict[str, tuple[str, str]] = {}
    for doc_id, doc in ieps.items():
        student, day = doc.get("student_id"), str(doc.get("meeting_date", ""))
        if day >= latest.get(student, ("", ""))[0]:
            latest[student] = (day, doc_id)
    return {doc_id for _, doc_id in latest.values()}


def plan_close(data: schema.Data, cutoff: dt.date) -> ClosePlan:
    """What a close at `cutoff` moves where; pure (the data is not changed)."""
    plan = ClosePlan(cutoff)
    first_day, begins = cutoff.isoformat(), starts_on(data)
    students = data.get("students", {})
    left = {sid for sid, doc in students.items() if doc.get("archived")}
    stays_for: set[str] = set()  # students that a record staying in the current file names
    latest_ieps = _latest_ieps(data.get("ieps", {}))
    for table in DATED_TABLES:
        for doc_id, doc in data.get(table, {}).items():
            day = doc_dates(table, doc)
            student = doc.get("student_id")
            past = day is not None and day < first_day
            if past and _is_open(table, doc):
                plan.kept_open += 1
                past = False
            if past and table == "ieps" and doc_id in latest_ieps and student not in left:
                past = False  # the IEP timeline works from each student's latest IEP
            if not past:
                if isinstance(student, str):
                    stays_for.add(student)
                continue
            assert day is not None
            label = year_label(year_start(dt.date.fromisoformat(day), begins))
            plan.moves.setdefault(label, {}).setdefault(table, {})[doc_id] = doc
    plan.left_students = sorted(left - stays_for)
    if plan.left_students:
        last_year = year_label(year_start(cutoff - dt.timedelta(days=1), begins))
        tables = plan.moves.setdefault(last_year, {})
        for sid in plan.left_students:
            tables.setdefault("students", {})[sid] = students[sid]
        for doc_id, doc in data.get("interviews", {}).items():
            if doc.get("student_id") in plan.left_students:
                tables.setdefault("interviews", {})[doc_id] = doc
    return plan


def _past_year_data(plan: ClosePlan, data: schema.Data, label: str) -> schema.Data:
    """A past year's whole file: what it held, with this close's records merged in (ours win)."""
    path_data = new_past_year(label, starts_on(data))
    tables = plan.moves[label]
    students = data.get("students", {})
    named: set[str] = set(tables.get("students", {}))
    for table in DATED_TABLES:
        for doc in tables.get(table, {}).values():
            if isinstance(doc.get("student_id"), str):
                named.add(doc["student_id"])
            for seen in doc.get("attendance") or []:
                if isinstance(seen, dict) and isinstance(seen.get("student_id"), str):
                    named.add(seen["student_id"])
    # Copies of the students and families its records name (siblings too), so the file stands
    # on its own.
    path_data["guardians"] = {
        gid: doc
        for gid, doc in data.get("guardians", {}).items()
        if named & set(doc.get("student_ids") or [])
    }
    for doc in path_data["guardians"].values():
        named.update(sid for sid in doc.get("student_ids") or [] if isinstance(sid, str))
    path_data["students"] = {sid: students[sid] for sid in sorted(named) if sid in students}
    if "settings" in data:
        path_data["settings"] = data["settings"]
    for table, docs in tables.items():
        path_data.setdefault(table, {}).update(docs)
    return path_data


def _merge(existing: schema.Data | None, fresh: schema.Data) -> schema.Data:
    if existing is None:
        return fresh
    merged = copy.deepcopy(existing)
    for table, docs in fresh.items():
        if table == schema.META_TABLE:
            continue
        merged.setdefault(table, {}).update(docs)
    return merged


def _remaining(data: schema.Data, plan: ClosePlan) -> schema.Data:
    """The current file once the plan's records are out (and the left students' links)."""
    rest = {name: dict(table) for name, table in data.items()}
    for tables in plan.moves.values():
        for table, docs in tables.items():
            if table == "students":
                continue
            for doc_id in docs:
                rest.get(table, {}).pop(doc_id, None)
    gone = set(plan.left_students)
    for sid in gone:
        rest.get("students", {}).pop(sid, None)
    guardians = rest.get("guardians", {})
    for gid, doc in list(guardians.items()):
        linked = doc.get("student_ids") or []
        if gone & set(linked):
            still = [sid for sid in linked if sid not in gone]
            if still:
                guardians[gid] = doc | {"student_ids": still}
            else:
                del guardians[gid]  # a family with no child here any more: kept in its years
    return rest


@dataclass
class CloseReport:
    cutoff: dt.date
    years: list[str]
    contacts: int
    conferences: int
    events: int
    ieps: int
    students_left: int
    kept_open: int
    backup: Path | None = None
    finished_earlier_close: bool = False


def close_years(store: Store, today: dt.date, *, dry_run: bool = False) -> CloseReport:
    """Move every school year that ended before `today`'s year began into its own file."""
    storage = store.storage
    if storage.path is None:
        raise StoreError("an in-memory store has no school years to close")
    with storage.transaction():
        data = storage.read()
        marker = data.get(schema.META_TABLE, {}).get(CLOSING_DOC)
        if isinstance(marker, dict) and marker.get("cutoff"):
            cutoff = dt.date.fromisoformat(marker["cutoff"])
        else:
            marker, cutoff = None, year_start(today, starts_on(data))
        plan = plan_close(data, cutoff)
        report = CloseReport(
            cutoff=cutoff,
            years=sorted(plan.moves),
            contacts=plan.moved("contacts"),
            conferences=plan.moved("conferences"),
            events=plan.moved("events"),
            ieps=plan.moved("ieps"),
            students_left=len(plan.left_students),
            kept_open=plan.kept_open,
            finished_earlier_close=marker is not None,
        )
        if dry_run or (plan.empty and marker is None):
            return report  # nothing to do: not a byte written
        path = storage.path
        if marker is None:
            report.backup = keep_copy(path, path.read_bytes(), "before-close-year")
            _write_current(store, data, {"cutoff": cutoff.isoformat()})
        for label in sorted(plan.moves):
            target = past_year_path(path, label)
            atomic_write(
                target, orjson.dumps(_merge(_read_past(target), _past_year_data(plan, data, label)))
            )
        _write_current(store, _remaining(storage.read(), plan), None)
        store.forget_past_years()
        return report


def _read_past(path: Path) -> schema.Data | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    data = parse(raw)
    if label_of(data) is None:
        raise DamagedFileError(f"{path.name} is not a past school year's file; move it away first")
    return data


def _write_current(store: Store, data: schema.Data, marker: dict[str, str] | None) -> None:
    """One atomic write of the current file now (still inside the caller's transaction)."""
    meta = dict(data.get(schema.META_TABLE) or schema.new_data()[schema.META_TABLE])
    if marker is None:
        meta.pop(CLOSING_DOC, None)
    else:
        meta[CLOSING_DOC] = marker
    store.storage.write({**data, schema.META_TABLE: meta})
    store.storage.flush_now()


def close_was_cut_short(data: schema.Data) -> bool:
    return isinstance(data.get(schema.META_TABLE, {}).get(CLOSING_DOC), dict)
