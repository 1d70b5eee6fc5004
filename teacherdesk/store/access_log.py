"""The access log: who gave what about which student, when (34 CFR 300.614, 99.32).

One JSON object a line in `teacherdesk.access-log.jsonl` beside the data file, appended with
O_APPEND under an exclusive flock and fsynced before the command says it is done. A kill in the
middle of an append leaves at most a torn last line: readers skip it and the next append starts
on a fresh line. Lines name students by id only (a name would outlive an erasure), except the
line that records an erasure itself.

Every account of a team folder appends to the same log (0660 there): it records what the
program did; it is not tamper-proof against a member who edits it by hand (see README).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from teacherdesk.store.files import data_file_mode, fsync_dir

if TYPE_CHECKING:
    from teacherdesk.store.database import Store

# What can be logged, in the words the log shows.
KINDS = {
    "packet": "IEP packet",
    "letter": "letter home",
    "records-request": "records request",
    "handoff": "hand-off card",
    "import": "roster import",
    "close-year": "school year closed",
    "share": "folder shared",
    "erasure": "student erased",
    "retention": "old years removed",
    "calendar": "calendar",
    "parent-input-request": "parental input request",
    "meeting-notice": "meeting notice",
    "meeting-evidence": "meeting evidence",
    "good-news": "good-news note",
    "browser-start": "browser session started",
    "browser-end": "browser session ended",
}


def log_path(data_path: Path) -> Path:
    data_path = Path(data_path)
    return data_path.with_name(f"{data_path.stem}.access-log.jsonl")


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    by: str
    what: str
    students: tuple[str, ...] = ()
    to: str = ""  # "file", "stdout", "screen" … never a path (it often holds a name)
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def what_words(self) -> str:
        return KINDS.get(self.what, self.what)

    def as_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"at": self.at.isoformat(), "by": self.by, "what": self.what}
        if self.students:
            doc["students"] = list(self.students)
        if self.to:
            doc["to"] = self.to
        if self.detail:
            doc["detail"] = self.detail
        return doc


_MEMORY: dict[int, list[Entry]] = {}  # an in-memory store's log (tests), by id of its storage


def record(
    store: Store,
    what: str,
    students: Iterable[str] = (),
    *,
    to: str = "",
    detail: str = "",
) -> Entry:
    """Append one line and make it durable; returns what was logged."""
    entry = Entry(store.now(), store.author, what, tuple(students), to, detail)
    if store.path is None:
        _MEMORY.setdefault(id(store.storage), []).append(entry)
        return entry
    append(log_path(store.path), entry.as_json())
    return entry


def append(path: Path, doc: dict[str, Any]) -> None:
    line = orjson.dumps(doc) + b"\n"
    mode = data_file_mode(path.parent)
    created = False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, mode)
        created = True
    except FileExistsError:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        if created:
            with contextlib.suppress(OSError):
                os.fchmod(fd, mode)  # the umask masked open()'s mode
        fcntl.flock(fd, fcntl.LOCK_EX)  # one appender at a time, across accounts
        size = os.fstat(fd).st_size
        if size and not _ends_with_newline(path, size):
            line = b"\n" + line  # a torn line from a killed writer stays alone on its line
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)  # releases the flock
    if created:
        fsync_dir(path.parent)


def _ends_with_newline(path: Path, size: int) -> bool:
    try:
        with open(path, "rb") as handle:
            handle.seek(size - 1)
            return handle.read(1) == b"\n"
    except OSError:
        return True


def read(store: Store) -> list[Entry]:
    """Every whole line, oldest first (torn or foreign lines are skipped)."""
    if store.path is None:
        return list(_MEMORY.get(id(store.storage), []))
    return read_file(log_path(store.path))


def read_file(path: Path) -> list[Entry]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    entries = []
    for line in raw.splitlines():
        try:
            doc = orjson.loads(line)
            entries.append(
                Entry(
                    at=dt.datetime.fromisoformat(doc["at"]),
                    by=str(doc.get("by", "")),
                    what=str(doc["what"]),
                    students=tuple(str(s) for s in doc.get("students") or ()),
                    to=str(doc.get("to", "")),
                    detail=str(doc.get("detail", "")),
                )
            )
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            continue
    return entries


def about(entries: Iterable[Entry], student_id: str) -> list[Entry]:
    return [entry for entry in entries if student_id in entry.students]
