"""Erasing a student: from the data file, every finished year's file, every backup and this
account's restricted-notes file. A guardian shared with a sibling stays (only the link goes).

Crash-safe across files, under the data file's lock and with no daily backup taken meanwhile:
  1. the data file gets an `erasing` marker naming the student's id (nothing else changes);
  2. each backup, past year and the side file is rewritten atomically without the student;
  3. the data file is rewritten without the student and without the marker.
A kill at any moment leaves every file whole; the marker makes the next `Store.open` finish the
same erasure (each step is idempotent). Other accounts' restricted texts about the student are
in files this account cannot open: the note ids go in `_meta`'s `erased` list and each account's
own teacherdesk drops them the next time it opens the file.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from teacherdesk.store import schema
from teacherdesk.store.access_log import record
from teacherdesk.store.backups import backup_folder
from teacherdesk.store.errors import StoreError
from teacherdesk.store.files import TEMP_SUFFIX, atomic_write
from teacherdesk.store.restricted import is_private
from teacherdesk.store.storage import parse
from teacherdesk.store.years import label_of, past_year_files

if TYPE_CHECKING:
    from teacherdesk.store.database import Store

ERASING_DOC = "erasing"  # in the data file's `_meta` while an erasure is under way
ERASED_DOC = "erased"  # {"notes": [ids]}: restricted notes gone, for every account's side file
PLACEHOLDER = "another student"
STUDENT_TABLES = ("contacts", "conferences", "ieps", "interviews", "records_requests", "drafts")


@dataclass
class EraseReport:
    student_id: str
    name: str
    files: int = 0  # files rewritten
    records: int = 0  # records removed from the data file
    not_cleaned: list[str] = field(default_factory=list)  # files this account could not rewrite


def names_to_scrub(data: schema.Data, student_id: str) -> list[str]:
    """The student's names (and their own guardians'), as they could appear in others' text;
    a first name another student also has is left alone (it is theirs too)."""
    students = data.get("students", {})
    me = students.get(student_id) or {}
    first, last = me.get("first_name") or "", me.get("last_name") or ""
    preferred = me.get("preferred_name") or ""
    names = {f"{first} {last}".strip(), f"{preferred} {last}".strip()}
    others = [doc for sid, doc in students.items() if sid != student_id]
    taken = {
        str(doc.get(key) or "").casefold()
        for doc in others
        for key in ("first_name", "preferred_name")
    }
    names.update(name for name in (first, preferred) if name and name.casefold() not in taken)
    for guardian in data.get("guardians", {}).values():
        if (guardian.get("student_ids") or []) == [student_id] and guardian.get("name"):
            names.add(guardian["name"])
    return sorted((name for name in names if len(name) >= 2), key=len, reverse=True)


def _scrubber(names: list[str]):
    if not names:
        return lambda value: value
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)", re.IGNORECASE
    )

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(PLACEHOLDER, value)
        if isinstance(value, list):
            return [scrub(item) for item in value]
        if isinstance(value, dict):
            return {key: scrub(item) for key, item in value.items()}
        return value

    return scrub


def erase_from(
    data: schema.Data, student_id: str, names: list[str]
) -> tuple[schema.Data, int, set[str]]:
    """`data` without the student: (new data, records removed, private note ids removed)."""
    out: schema.Data = {name: dict(table) for name, table in data.items()}
    removed = 0
    private: set[str] = set()
    if out.get("students", {}).pop(student_id, None) is not None:
        removed += 1
    gone_guardians: set[str] = set()
    for gid, doc in list(out.get("guardians", {}).items()):
        linked = doc.get("student_ids") or []
        if student_id not in linked:
            continue
        still = [sid for sid in linked if sid != student_id]
        if still:
            relationships = {
                k: v for k, v in (doc.get("relationships") or {}).items() if k != student_id
            }
            out["guardians"][gid] = doc | {"student_ids": still, "relationships": relationships}
        else:
            del out["guardians"][gid]
            gone_guardians.add(gid)
            removed += 1
    for table in STUDENT_TABLES:
        for doc_id, doc in list(out.get(table, {}).items()):
            if doc.get("student_id") == student_id:
                if table == "contacts" and is_private(doc):
                    private.add(doc_id)
                del out[table][doc_id]
                removed += 1
    for doc_id, doc in list(out.get("events", {}).items()):
        attendance = doc.get("attendance") or []
        kept = [
            a for a in attendance if not (isinstance(a, dict) and a.get("student_id") == student_id)
        ]
        if len(kept) != len(attendance):
            out["events"][doc_id] = doc | {"attendance": kept}
    for doc_id, doc in list(out.get("conferences", {}).items()):
        if gone_guardians & set(doc.get("guardian_ids") or []):
            ids = [g for g in doc["guardian_ids"] if g not in gone_guardians]
            out["conferences"][doc_id] = doc | {"guardian_ids": ids}
    for doc_id, doc in list(out.get("contacts", {}).items()):
        if doc.get("guardian_id") in gone_guardians:
            out["contacts"][doc_id] = doc | {"guardian_id": None}
    scrub = _scrubber(names)
    for name, table in out.items():
        if name != schema.META_TABLE:
            out[name] = {doc_id: scrub(doc) for doc_id, doc in table.items()}
    meta = dict(out.get(schema.META_TABLE) or {})
    if private:
        erased = set((meta.get(ERASED_DOC) or {}).get("notes") or [])
        meta[ERASED_DOC] = {"notes": sorted(erased | private)}
    out[schema.META_TABLE] = meta
    return out, removed, private


def other_files(data_path: Path) -> list[Path]:
    """Every file under the data folder that can hold this data file's records: past years and
    every backup of them (this file's stem), in no particular order."""
    data_path = Path(data_path)
    files = [path for _label, path in past_year_files(data_path)]
    folder = backup_folder(data_path)
    if folder.is_dir():
        files += [p for p in folder.glob(f"{data_path.stem}*.json") if p.is_file()]
    return files


def remove_temp_files(data_path: Path) -> None:
    """Half-written copies a killed writer left (they may hold the name); under the lock."""
    for folder in (Path(data_path).parent, backup_folder(data_path)):
        if folder.is_dir():
            for stray in folder.glob(f".*{TEMP_SUFFIX}"):
                with contextlib.suppress(OSError):
                    stray.unlink()


def erase_student(store: Store, student_id: str, *, finishing: bool = False) -> EraseReport:
    """Erase the student everywhere (see the module's docstring); returns what was done."""
    storage = store.storage
    if storage.path is None:
        raise StoreError("an in-memory store has no files to erase from")
    path = storage.path
    saved_hook, storage.before_write = storage.before_write, None  # no fresh backup with them
    try:
        with storage.transaction():
            data = storage.read()
            student = data.get("students", {}).get(student_id) or {}
            name = f"{student.get('first_name', '')} {student.get('last_name', '')}".strip()
            names = names_to_scrub(data, student_id)
            report = EraseReport(student_id, name or student_id)
            if not finishing:
                meta = dict(data.get(schema.META_TABLE) or {})
                meta[ERASING_DOC] = {"student_id": student_id}
                storage.write({**data, schema.META_TABLE: meta})
                storage.flush_now()
                # the fact, not the content: the only line that may name the student
                number = student.get("student_number")
                record(
                    store,
                    "erasure",
                    [student_id],
                    detail=f"erased {name}"
                    + (f" (student number {number})" if number else "")
                    + " and everything only theirs",
                )
            theirs = _their_notes(store, student_id)  # before the past years lose them
            private: set[str] = set()
            for other in other_files(path):
                try:
                    if _rewrite_without(other, student_id, names, private):
                        report.files += 1
                except (OSError, StoreError) as error:
                    report.not_cleaned.append(f"{other} ({getattr(error, 'strerror', error)})")
            _clean_side_file(store, theirs, names)
            remove_temp_files(path)
            fresh, report.records, mine = erase_from(storage.read(), student_id, names)
            meta = fresh[schema.META_TABLE]
            meta.pop(ERASING_DOC, None)
            if private - mine:  # restricted notes of past years: every account drops its texts
                known = set((meta.get(ERASED_DOC) or {}).get("notes") or [])
                meta[ERASED_DOC] = {"notes": sorted(known | private)}
            storage.write(fresh)
            report.files += 1
        store.forget_past_years()
        return report
    finally:
        storage.before_write = saved_hook


def _rewrite_without(path: Path, student_id: str, names: list[str], private: set[str]) -> bool:
    raw = path.read_bytes()
    if student_id.encode() not in raw and not any(n.encode() in raw for n in names):
        return False
    data = parse(raw)
    fresh, _removed, gone = erase_from(data, student_id, names)
    if label_of(data) is not None:
        private |= gone
    mode = path.stat().st_mode & 0o777  # a private copy stays private
    atomic_write(path, orjson.dumps(fresh), mode=mode)
    return True


def _their_notes(store: Store, student_id: str) -> set[str]:
    return {
        doc_id
        for year in (store, *store.past_years())
        for doc_id, doc in year.storage.read().get("contacts", {}).items()
        if doc.get("student_id") == student_id
    }


def _clean_side_file(store: Store, theirs: set[str], names: list[str]) -> None:
    """This account's restricted texts: the student's notes go, names in the rest are scrubbed."""
    notes = store.restricted.notes()
    if not notes:
        return
    scrub = _scrubber(names)
    kept = {doc_id: scrub(doc) for doc_id, doc in notes.items() if doc_id not in theirs}
    if kept != notes:
        store.restricted.replace_all(kept)


def drop_erased_texts(store: Store) -> None:
    """Another account erased a student: drop this account's texts of those notes (cheap when
    there are none: a set intersection)."""
    erased = (store.storage.read().get(schema.META_TABLE, {}).get(ERASED_DOC) or {}).get("notes")
    if not erased or not store.restricted.path or not store.restricted.path.exists():
        return
    if set(erased) & set(store.restricted.notes()):
        with store.transaction():
            store.restricted.remove(set(erased))


def erasure_cut_short(data: schema.Data) -> str | None:
    doc = data.get(schema.META_TABLE, {}).get(ERASING_DOC)
    return doc.get("student_id") if isinstance(doc, dict) else None
