"""Private, crash-safe files: every write goes to a temp file, is fsynced, then renamed over.

Used for the data file, its backups and every export, so a `kill -9` leaves either the old or
the new bytes on disk and nobody but the owner can read them.

A data folder can be shared with a team (`teacherdesk share --group`): it is then setgid and
group-writable (2770), and the files teacherdesk keeps in it (the data file, past years, backups,
locks, the access log) are 0660 for that group. `data_file_mode`/`data_dir_mode` are the one
place that decides: they look at the folder itself, so every process agrees without a setting.
Exports and each teacher's restricted-notes file stay 0600 whatever the folder.
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
SHARED_FILE = 0o660
SHARED_DIR = 0o2770
TEMP_SUFFIX = ".tmp"


def is_shared_folder(folder: Path) -> bool:
    """A team folder: setgid and fully open to its group (what `share` makes)."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID) and mode & 0o070 == 0o070


def data_file_mode(folder: Path) -> int:
    """The mode of a file teacherdesk keeps in `folder`: 0660 in a team folder, else 0600."""
    return SHARED_FILE if is_shared_folder(folder) else PRIVATE_FILE


def data_dir_mode(parent: Path) -> int:
    """The mode of a folder made inside `parent` for the data (backups/): shared if it is."""
    return SHARED_DIR if is_shared_folder(parent) else PRIVATE_DIR


def ensure_private_dir(folder: Path, *, follow_parent: bool = False) -> None:
    """Create a missing folder, and every missing parent, as 0700 whatever the umask.

    With `follow_parent` (a folder inside the data folder, e.g. backups/), a new folder inside
    a team folder is a team folder too (2770). An existing folder is left as it is.
    """
    folder = Path(folder)
    missing: list[Path] = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        mode = data_dir_mode(new.parent) if follow_parent else PRIVATE_DIR
        try:
            os.mkdir(new, mode & 0o777)
        except FileExistsError:  # made by another process meanwhile: theirs to set
            continue
        os.chmod(new, mode)  # mkdir's mode is masked by the umask


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace `path` with `data` so that readers and crashes see the old or the new file, whole.

    `mode` None: a file of the data folder (0660 in a team folder, else 0600).
    """
    path = Path(path)
    try:
        ensure_private_dir(path.parent)
        if mode is None:
            mode = data_file_mode(path.parent)
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
            atomic_write(Path(os.path.realpath(path)), data, mode=PRIVATE_FILE)
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
