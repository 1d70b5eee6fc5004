"""`share --group`: the data folder becomes a team folder for one Unix group.

The folder becomes setgid 2770 (new files get the group), and every file teacherdesk keeps for
this data file — the file, finished years, backups, locks, the access log — becomes 0660 for the
group. Each account's restricted-notes file stays 0600, and so does a backup that still holds
restricted notes' text from before schema 2. Files first, the folder last: a kill leaves every
file whole and a second `share` finishes; a folder that looks shared has everything done.
"""

from __future__ import annotations

import contextlib
import grp
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from teacherdesk.store.backups import backup_folder
from teacherdesk.store.errors import StoreError
from teacherdesk.store.files import SHARED_DIR, SHARED_FILE, fsync_dir
from teacherdesk.store.restricted import PRIVATE_MARK
from teacherdesk.store.years import past_year_files


@dataclass
class ShareReport:
    folder: Path
    group: str
    files: int = 0
    kept_private: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)  # parents the group cannot pass


def group_id(name: str) -> int:
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise StoreError(f"there is no group named {name} on this computer") from None


def team_files(data_path: Path) -> list[Path]:
    """The files kept for this data file (not exports or other data files in the folder)."""
    data_path = Path(data_path)
    stem, folder = data_path.stem, data_path.parent
    found = [data_path, *(path for _label, path in past_year_files(data_path))]
    found += [p for p in folder.glob(f"{stem}*.lock")]
    found += [p for p in folder.glob(f"{data_path.name}.lock")]
    found += [p for p in folder.glob(f"{stem}.access-log.jsonl")]
    backups = backup_folder(data_path)
    if backups.is_dir():
        found += [p for p in backups.glob(f"{stem}*.json") if p.is_file()]
    return sorted({p for p in found if p.exists()})


def holds_restricted_text(path: Path) -> bool:
    """A backup from before schema 2 keeps restricted notes' text inline: it stays 0600."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return True  # cannot tell: keep it private
    contacts = data.get("contacts") if isinstance(data, dict) else None
    return isinstance(contacts, dict) and any(
        isinstance(doc, dict) and doc.get("restricted") and not doc.get(PRIVATE_MARK)
        for doc in contacts.values()
    )


def share(data_path: Path, group: str) -> ShareReport:
    data_path = Path(data_path)
    gid = group_id(group)
    if os.geteuid() != 0 and gid not in os.getgroups() and gid != os.getgid():
        raise StoreError(f"you are not a member of the group {group}; ask to be added first")
    folder = data_path.parent
    report = ShareReport(folder, group)
    for path in team_files(data_path):
        if path.suffix == ".json" and path.parent.name == "backups" and holds_restricted_text(path):
            report.kept_private.append(path.name)
            continue
        os.chown(path, -1, gid)
        os.chmod(path, SHARED_FILE)
        report.files += 1
    backups = backup_folder(data_path)
    if backups.is_dir():
        os.chown(backups, -1, gid)
        os.chmod(backups, SHARED_DIR)
    os.chown(folder, -1, gid)
    os.chmod(folder, SHARED_DIR)  # last: from now on every new file is the team's
    fsync_dir(folder)
    report.unreachable = _closed_parents(folder, gid)
    return report


def _closed_parents(folder: Path, gid: int) -> list[str]:
    """Folders above the team folder that the group's members cannot pass through."""
    closed = []
    for parent in Path(os.path.realpath(folder)).parents:
        with contextlib.suppress(OSError):
            st = os.stat(parent)
            passable = st.st_mode & stat.S_IXOTH or (st.st_gid == gid and st.st_mode & stat.S_IXGRP)
            if not passable:
                closed.append(str(parent))
    return closed
