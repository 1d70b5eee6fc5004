"""Rotating backups: the first save of a day copies the file as it was; the last 14 are kept.

Backups live in a private `backups/` folder beside the data file, named after it, so several
data files in one folder keep separate histories.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from pathlib import Path

from teacherdesk.store.files import PRIVATE_FILE, TEMP_SUFFIX, atomic_write, ensure_private_dir

KEEP_DAYS = 14


def backup_folder(data_path: Path) -> Path:
    return Path(data_path).parent / "backups"


def daily_name(data_path: Path, day: dt.date) -> Path:
    return backup_folder(data_path) / f"{Path(data_path).stem}-{day.isoformat()}.json"


def list_daily(data_path: Path) -> list[Path]:
    """This file's daily backups, oldest first (ISO dates sort by name)."""
    folder = backup_folder(data_path)
    if not folder.is_dir():
        return []
    stem = Path(data_path).stem
    return sorted(
        path
        for path in folder.glob(f"{stem}-????-??-??.json")
        if path.name[len(stem) + 1 : -5].replace("-", "").isdigit()
    )


class DailyBackups:
    """Call `before_write(path)` under the store's lock, before each write of the data file."""

    def __init__(self, keep: int = KEEP_DAYS, today=dt.date.today) -> None:
        self.keep = keep
        self.today = today
        self._done_for: dt.date | None = None

    def before_write(self, data_path: Path) -> None:
        day = self.today()
        if self._done_for == day:
            return
        target = daily_name(data_path, day)
        if not target.exists() and Path(data_path).exists():
            ensure_private_dir(backup_folder(data_path), follow_parent=True)
            _remove_stray_copies(data_path)
            atomic_write(target, Path(data_path).read_bytes())
            for old in list_daily(data_path)[: -self.keep]:
                old.unlink(missing_ok=True)
        self._done_for = day


def _remove_stray_copies(data_path: Path, older_than_seconds: float = 60.0) -> None:
    """Half-written backups a crashed process left behind (they are never whole files)."""
    cutoff = time.time() - older_than_seconds
    for stray in backup_folder(data_path).glob(f".{Path(data_path).stem}-*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if stray.stat().st_mtime < cutoff:
                stray.unlink()


def keep_copy(data_path: Path, raw: bytes, label: str, *, private: bool = False) -> Path:
    """A copy outside the daily rotation, e.g. before a migration or before replacing data.

    `private`: 0600 even in a team folder (a copy that may hold restricted notes' text)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_folder(data_path) / f"{Path(data_path).stem}-{label}-{stamp}.json"
    ensure_private_dir(backup_folder(data_path), follow_parent=True)
    atomic_write(target, raw, mode=PRIVATE_FILE if private else None)
    return target


def backup_before_migration(data_path: Path, raw: bytes, from_version: int) -> Path:
    # Files before schema 2 keep restricted notes' text inline: only the migrating user reads it.
    return keep_copy(data_path, raw, f"before-v{from_version}", private=from_version < 2)
