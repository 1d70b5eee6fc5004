"""Restricted notes: their text lives in the author's own 0600 file, never in the shared file.

    teacherdesk.json                         that the note exists: id, student, date, author
    teacherdesk.restricted-ms.rowan.json     ms.rowan's restricted notes' text (0600, hers)

The operating system keeps every other account out of the side file, even in a team folder
(root can read it: the README says so). The side file is written atomically *before* the data
file, under the data file's lock; a kill between the two leaves a side entry without its main
record, which readers ignore and `check` removes. Past school years' files share the side file
of the current data file (notes keep their ids when a year is closed).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

import orjson

from teacherdesk.store.files import PRIVATE_FILE, atomic_write

# What only the author may read; the shared file keeps the rest (see KEPT).
SECRET_FIELDS = (
    "guardian_id",
    "channel",
    "direction",
    "purpose",
    "outcome",
    "summary",
    "follow_up",
    "history",
)
KEPT = (
    "id",
    "student_id",
    "date",
    "restricted",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
)
PRIVATE_MARK = "private_text"  # in the shared file: this note's text is in its author's file
PENDING_TABLE = "_restricted_pending"  # a migration's texts on their way to the side files


def safe_login(login: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", login) or "teacher"


def side_path(data_path: Path, login: str) -> Path:
    data_path = Path(data_path)
    return data_path.with_name(f"{data_path.stem}.restricted-{safe_login(login)}.json")


def side_files(data_path: Path) -> list[Path]:
    """Every account's side file beside `data_path` (readable or not)."""
    data_path = Path(data_path)
    if not data_path.parent.is_dir():
        return []
    return sorted(data_path.parent.glob(f"{data_path.stem}.restricted-*.json"))


def is_private(doc: dict[str, Any]) -> bool:
    return bool(doc.get("restricted")) and bool(doc.get(PRIVATE_MARK))


def split(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A restricted note's document → (what the shared file keeps, what only the author reads)."""
    shared = {key: doc[key] for key in KEPT if key in doc}
    shared["restricted"] = True
    shared[PRIVATE_MARK] = True
    return shared, {key: doc[key] for key in SECRET_FIELDS if key in doc}


def join(shared: dict[str, Any], secret: dict[str, Any]) -> dict[str, Any]:
    doc = {key: value for key, value in shared.items() if key != PRIVATE_MARK}
    return doc | secret


def sealed(shared: dict[str, Any]) -> dict[str, Any]:
    """What someone other than the author gets: that it exists, by whom, never its text."""
    author = shared.get("created_by") or "its author"
    doc = {key: value for key, value in shared.items() if key != PRIVATE_MARK}
    return doc | {
        "summary": f"Restricted note by {author}: only {author} can read it.",
        "sealed": True,
    }


class SideFile:
    """One account's restricted texts: {note id: secret fields}; in memory when `path` is None."""

    def __init__(self, path: Path | None, author: str) -> None:
        self.path = path
        self.author = author
        self._notes: dict[str, dict[str, Any]] = {}
        self._stamp: tuple[int, int, int] | None = None
        self.unreadable = False  # another account's file, or a damaged one: nothing is shown

    def notes(self) -> dict[str, dict[str, Any]]:
        if self.path is None:
            return self._notes
        try:
            st = os.stat(self.path)
        except OSError:
            self._notes, self._stamp = {}, None
            return self._notes
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
        if stamp != self._stamp:
            self._notes, self.unreadable = {}, False
            try:
                data = orjson.loads(self.path.read_bytes())
                notes = data.get("notes") if isinstance(data, dict) else None
                if isinstance(notes, dict):
                    self._notes = {k: v for k, v in notes.items() if isinstance(v, dict)}
            except (OSError, orjson.JSONDecodeError):
                self.unreadable = True
            self._stamp = stamp
        return self._notes

    def get(self, note_id: str) -> dict[str, Any] | None:
        return self.notes().get(note_id)

    def put(self, entries: dict[str, dict[str, Any]]) -> None:
        self._write(self.notes() | entries)

    def remove(self, note_ids: set[str] | list[str]) -> int:
        notes = self.notes()
        gone = [note_id for note_id in note_ids if note_id in notes]
        if gone:
            self._write({k: v for k, v in notes.items() if k not in set(gone)})
        return len(gone)

    def replace_all(self, notes: dict[str, dict[str, Any]]) -> None:
        self._write(notes)

    def _write(self, notes: dict[str, dict[str, Any]]) -> None:
        if self.path is None:
            self._notes = dict(notes)
            return
        if self.unreadable and self.path.exists():
            raise PermissionError(13, "it is not readable by this account", str(self.path))
        raw = orjson.dumps({"author": self.author, "notes": notes})
        atomic_write(self.path, raw, mode=PRIVATE_FILE)  # 0600 even in a team folder
        self._stamp = None
        self._notes = dict(notes)


def write_pending(data: dict[str, Any], data_path: Path, running_as: str) -> None:
    """Move a migration's pending texts into each author's side file (then drop the table).

    The running account writes every file; run as root, each is handed to its author when the
    account exists (otherwise the README says: migrate as the file's owner before sharing).
    """
    pending = data.pop(PENDING_TABLE, None) or {}
    by_author: dict[str, dict[str, dict[str, Any]]] = {}
    for note_id, entry in pending.items():
        entry = dict(entry)
        author = entry.pop("author", "") or running_as
        by_author.setdefault(author, {})[note_id] = entry
    for author, entries in by_author.items():
        side = SideFile(side_path(data_path, author), author)
        side.put(entries)
        _give_to(side.path, author, running_as)


def _give_to(path: Path | None, author: str, running_as: str) -> None:
    if path is None or author == running_as or os.geteuid() != 0:
        return
    import pwd

    with contextlib.suppress(KeyError, OSError):
        account = pwd.getpwnam(author)
        os.chown(path, account.pw_uid, -1)
