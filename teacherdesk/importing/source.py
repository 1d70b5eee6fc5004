"""Which kind of roster a path is, and reading it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from teacherdesk.importing.csvtext import decode, read_rows
from teacherdesk.importing.oneroster import is_bundle, read_oneroster
from teacherdesk.importing.records import ImportedRoster, NotARoster, Progress, Skipped
from teacherdesk.importing.sis import read_sis

MAX_FILE_BYTES = 200_000_000
# A zip or folder bundle: each CSV in it, and all of them together, once unpacked. A district's
# enrollments.csv is tens of megabytes; a "1 MB zip" that unpacks to a gigabyte is a bomb.
MAX_MEMBER_BYTES = 100_000_000
MAX_BUNDLE_BYTES = 300_000_000
MAX_MEMBERS = 1_000
_CHUNK = 1 << 20


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
            _check_folder(path, given)
            read_oneroster(path, given, roster, progress)
            return roster
        if not path.is_file():  # /dev/zero never ends and a FIFO would hang: not a roster
            raise NotARoster(f"{given} is not a regular file, so it is not a roster")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise NotARoster(f"{given} is too large to be a class roster")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # it may have grown since stat
        if len(raw) > MAX_FILE_BYTES:
            raise NotARoster(f"{given} is too large to be a class roster")
        if raw.startswith(b"PK\x03\x04") or (path.suffix.lower() == ".zip"):
            if not is_bundle(path):
                raise NotARoster(f"{given} is not a zip file that can be read")
            _check_zip(path, given)
            read_oneroster(path, given, roster, progress)
            return roster
        text = decode(raw, path.name, roster.warnings, _skipped_into(roster))
        if path.name.lower() == "users.csv" and _looks_like_oneroster(text):
            _check_folder(path.parent, given)
            read_oneroster(path.parent, given, roster, progress)
            return roster
        roster.kind = "SIS export"
        not_utf8 = any("is not UTF-8" in warning for warning in roster.warnings)
        try:
            read_sis(text, given, roster, progress)
        except NotARoster:
            if not_utf8:  # its "columns" would be a line of mojibake: say it in a few words
                raise NotARoster(
                    f"{given} is not a UTF-8 CSV file teacherdesk can read; save it from the "
                    "spreadsheet as CSV UTF-8 and try again"
                ) from None
            raise
    except IsADirectoryError:
        raise NotARoster(f"{given} cannot be read as a file") from None
    except PermissionError:
        raise NotARoster(f"{given} cannot be read (permission denied)") from None
    return roster


def _skipped_into(roster: ImportedRoster):
    def bad_row(line: int, reason: str) -> None:
        roster.skipped.append(Skipped(f"line {line}", reason))

    return bad_row


def _too_big(given: str, name: str, size: int) -> NotARoster:
    return NotARoster(
        f"{name} in {given} unpacks to {size / 1e6:,.0f} MB, more than a roster can be "
        f"({MAX_MEMBER_BYTES / 1e6:,.0f} MB a file, {MAX_BUNDLE_BYTES / 1e6:,.0f} MB in all); "
        "nothing was imported"
    )


def _check_zip(path: Path, given: str) -> None:
    """Refuse a zip whose CSVs unpack too large, before any of it is read into memory.

    The sizes the zip declares are checked first; then each CSV is unpacked in chunks and
    counted (nothing kept), so a member that lies about its size is caught too.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
            if len(archive.infolist()) > MAX_MEMBERS:
                raise NotARoster(f"{given} holds too many files to be a roster bundle")
            total = 0
            for member in members:
                total += member.file_size
                if member.file_size > MAX_MEMBER_BYTES or total > MAX_BUNDLE_BYTES:
                    raise _too_big(given, member.filename, max(member.file_size, total))
            total = 0
            for member in members:
                size = 0
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > MAX_MEMBER_BYTES or total > MAX_BUNDLE_BYTES:
                            raise _too_big(given, member.filename, size)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as error:
        raise NotARoster(f"{given} is not a zip file that can be read ({error})") from None


def _check_folder(path: Path, given: str) -> None:
    total = 0
    for csv_file in path.rglob("*.csv"):
        if csv_file.is_file():
            size = csv_file.stat().st_size
            total += size
            if size > MAX_MEMBER_BYTES or total > MAX_BUNDLE_BYTES:
                raise _too_big(given, csv_file.name, max(size, total))


def _looks_like_oneroster(text: str) -> bool:
    header, _rows = read_rows(text, ",")
    columns = {column.strip().lower() for column in header}
    return {"sourcedid", "givenname", "familyname"} <= columns
