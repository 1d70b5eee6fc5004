"""Which kind of roster a path is, and reading it."""

from __future__ import annotations

from pathlib import Path

from teacherdesk.importing.csvtext import decode, read_rows
from teacherdesk.importing.oneroster import is_bundle, read_oneroster
from teacherdesk.importing.records import ImportedRoster, NotARoster, Progress
from teacherdesk.importing.sis import read_sis

MAX_FILE_BYTES = 200_000_000


def read_roster(path: Path | str, progress: Progress | None = None) -> ImportedRoster:
    """Read a SIS CSV export, a OneRoster folder or zip (or its users.csv), else NotARoster."""
    given = str(path)
    path = Path(path).expanduser()
    if not path.exists():
        raise NotARoster(f"{given} does not exist")
    roster = ImportedRoster(source=given, kind="")
    try:
        if path.is_dir():
            if not is_bundle(path):
                raise NotARoster(
                    f"{given} is a folder without users.csv, so it is not a OneRoster bundle"
                )
            read_oneroster(path, given, roster, progress)
            return roster
        if path.stat().st_size > MAX_FILE_BYTES:
            raise NotARoster(f"{given} is too large to be a class roster")
        raw = path.read_bytes()
        if raw.startswith(b"PK\x03\x04") or (path.suffix.lower() == ".zip"):
            if not is_bundle(path):
                raise NotARoster(f"{given} is not a zip file that can be read")
            read_oneroster(path, given, roster, progress)
            return roster
        text = decode(raw, path.name, roster.warnings)
        if path.name.lower() == "users.csv" and _looks_like_oneroster(text):
            read_oneroster(path.parent, given, roster, progress)
            return roster
        roster.kind = "SIS export"
        read_sis(text, given, roster, progress)
    except IsADirectoryError:
        raise NotARoster(f"{given} cannot be read as a file") from None
    except PermissionError:
        raise NotARoster(f"{given} cannot be read (permission denied)") from None
    return roster


def _looks_like_oneroster(text: str) -> bool:
    header, _rows = read_rows(text, ",")
    columns = {column.strip().lower() for column in header}
    return {"sourcedid", "givenname", "familyname"} <= columns
