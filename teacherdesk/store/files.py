"""Private, crash-safe files: every write goes to a temp file, is fsynced, then renamed over.

Used for the data file, its backups and every export, so a `kill -9` leaves either the old or
the new bytes on disk and nobody but the owner can read them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(folder: Path) -> None:
    """Create a missing folder (and parents) as 0700; an existing folder is the owner's choice."""
    if not folder.exists():
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR)


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> None:
    """Replace `path` with `data` so that readers and crashes see the old or the new file, whole."""
    path = Path(path)
    ensure_private_dir(path.parent)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def write_private_text(path: Path, text: str) -> None:
    """An export or a printout: UTF-8, written atomically, readable by the owner only."""
    atomic_write(Path(path), text.encode("utf-8"))


def remove_stray_temp_files(path: Path, older_than_seconds: float = 60.0) -> int:
    """Delete temp files a crashed writer left beside `path`; call only while holding the lock."""
    removed = 0
    cutoff = time.time() - older_than_seconds
    for stray in Path(path).parent.glob(f".{Path(path).name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if stray.stat().st_mtime < cutoff:
                stray.unlink()
                removed += 1
    return removed
