"""Private, crash-safe files: every write goes to a temp file, is fsynced, then renamed over.

Used for the data file, its backups and every export, so a `kill -9` leaves either the old or
the new bytes on disk and nobody but the owner can read them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(folder: Path) -> None:
    """Create a missing folder, and every missing parent, as 0700 whatever the umask.

    An existing folder is the owner's choice and is left as it is.
    """
    folder = Path(folder)
    missing: list[Path] = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            os.mkdir(new, PRIVATE_DIR)
        except FileExistsError:  # made by another process meanwhile: theirs to set
            continue
        os.chmod(new, PRIVATE_DIR)  # mkdir's mode is masked by the umask


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
    try:
        ensure_private_dir(path.parent)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as error:
        raise named(error, path) from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError):  # the temp file's name means nothing to the teacher
            raise named(error, path) from None
        raise
    fsync_dir(path.parent)


def write_private_text(path: Path, text: str) -> None:
    """An export or a printout: UTF-8, readable by the owner only.

    A regular file (or a new one) is replaced atomically; through a symlink, its target is. A
    device, a FIFO or a terminal is written into, never replaced (`--out /dev/stdout` must not
    unlink a /dev entry); a folder is refused. Errors name `path` as given, never a temp file.
    """
    try:
        try:
            mode = os.stat(path).st_mode  # the kernel follows links, /proc/self/fd/1 too
        except FileNotFoundError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder")
        data = text.encode("utf-8")
        if mode is not None and not stat.S_ISREG(mode):
            write_through(Path(path), data)
        else:
            atomic_write(Path(os.path.realpath(path)), data)
    except OSError as error:
        raise named(error, path) from None


def write_through(path: Path, data: bytes) -> None:
    """Write into an existing non-regular file (a device, a FIFO) as a shell redirection would."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def named(error: OSError, path: Path | str) -> OSError:
    """The same error, naming `path` (what the person gave) instead of an internal temp file."""
    return type(error)(error.errno, error.strerror or str(error), str(path))


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
