"""The Store: one data file (or memory), its lock, backups, migrations and repositories."""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
import platformdirs

from teacherdesk.store import schema
from teacherdesk.store.backups import DailyBackups, backup_before_migration
from teacherdesk.store.errors import NotADataFileError, StoreError
from teacherdesk.store.repositories import (
    Conferences,
    Contacts,
    Drafts,
    Events,
    Guardians,
    IEPs,
    Interviews,
    RecordsRequests,
    Repository,
    SettingsRepository,
    Students,
)
from teacherdesk.store.restricted import SideFile, side_path, write_pending
from teacherdesk.store.storage import SafeJSONStorage, parse

DATA_ENV = "TEACHERDESK_DATA"


def default_data_path() -> Path:
    """`$TEACHERDESK_DATA`, else teacherdesk.json in the user's data folder."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser()
    return Path(platformdirs.user_data_dir("teacherdesk", appauthor=False)) / "teacherdesk.json"


def login_name() -> str:
    """The account running teacherdesk, from the OS (not $USER: in a team folder the name picks
    the restricted-notes file, so it must not be something a member can set)."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):
        pass
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "teacher"


def check_regular_file(path: Path) -> None:
    """A data file is a regular file or not there yet; anything else is refused before a read.

    A FIFO would hang every command, and a device would be unlinked and replaced on the
    first save.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise NotADataFileError(str(error.strerror or error).lower()) from None
    if stat.S_ISDIR(mode):
        raise NotADataFileError("it is a folder, not a data file")
    if not stat.S_ISREG(mode):
        raise NotADataFileError("it is not a regular file (a device, a pipe or a socket)")


class Store:
    """`Store.open(path)`, or `Store.memory()` in tests; every save is on disk on return."""

    def __init__(
        self,
        storage: SafeJSONStorage,
        *,
        author: str | None = None,
        restricted_texts: SideFile | None = None,
    ) -> None:
        self.storage = storage
        self._backups = False
        self._opening = False
        self._past: dict[Path, Store] = {}  # finished school years, opened when first asked for
        self.author = author or login_name()
        # This account's restricted notes' text (past years share the current file's).
        self.restricted = restricted_texts or SideFile(
            side_path(storage.path, self.author) if storage.path is not None else None,
            self.author,
        )
        self.students = Students(self)
        self.guardians = Guardians(self)
        self.contacts = Contacts(self)
        self.conferences = Conferences(self)
        self.events = Events(self)
        self.ieps = IEPs(self)
        self.interviews = Interviews(self)
        self.drafts = Drafts(self)  # forms cut off before saving (never records)
        self.settings = SettingsRepository(self)
        self.records_requests = RecordsRequests(self)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        author: str | None = None,
        backups: bool = True,
        read_now: bool = True,
    ) -> Store:
        """Open (not yet create) the file; a damaged or newer file raises and stays untouched.

        `read_now=False` (the app): only the cheap checks now; the file is read, migrated and a
        cut-short close or erasure finished by `finish_opening()`, called from a thread, or by
        whatever first reads or writes (so nothing ever sees the file before that is done).
        """
        path = Path(path).expanduser()
        check_regular_file(path)
        storage = SafeJSONStorage(path)
        store = cls(storage, author=author)
        store._backups = backups
        storage.opener = store.finish_opening
        if read_now:
            store.finish_opening()
        return store

    def repositories(self) -> tuple[Repository, ...]:
        """The record kinds whose damaged documents are counted (`skipped`) when read."""
        return (
            self.students,
            self.guardians,
            self.contacts,
            self.conferences,
            self.events,
            self.ieps,
            self.interviews,
            self.settings,
        )

    def skipped_by_table(self) -> dict[str, list[str]]:
        """Damaged records left out by reads so far, by table (for another reader to say)."""
        return {
            repo.table_name: sorted(repo.skipped) for repo in self.repositories() if repo.skipped
        }

    def note_skipped(self, skipped: dict[str, list[str]]) -> None:
        """Damaged records another reader of this same file left out: said like our own."""
        for repo in self.repositories():
            repo.skipped.update(skipped.get(repo.table_name, ()))

    @property
    def is_open(self) -> bool:
        """The file has been read (and migrated): reads from now on are from memory."""
        return self.storage.opener is None

    def finish_opening(self) -> None:
        """Read the file, migrate it, finish what a killed `close-year` or `forget` left; once,
        from any thread (others wait on the storage lock), and again after a failure."""
        with self.storage.lock:
            if self.storage.opener is None or self._opening:
                return
            self._opening = True  # the steps below read and write through the same storage
            try:
                self.storage.refresh()
                self._migrate_if_needed()
                if self._backups:
                    self.storage.before_write = DailyBackups().before_write
                self._finish_cut_short_close()
                self._finish_cut_short_erasure()
                self.storage.opener = None
            finally:
                self._opening = False

    @classmethod
    def open_past_year(
        cls,
        path: Path | str,
        *,
        author: str | None = None,
        restricted_texts: SideFile | None = None,
    ) -> Store:
        """A finished school year's file, read-only (a damaged or newer one raises)."""
        path = Path(path).expanduser()
        check_regular_file(path)
        storage = SafeJSONStorage(path, read_only=True)
        storage.refresh()
        if schema.version_of(storage.read()) != schema.SCHEMA_VERSION:
            storage._data = schema.migrate(storage.read())  # in memory only: the file stays
        return cls(storage, author=author, restricted_texts=restricted_texts)

    def past_years(self) -> list[Store]:
        """Every finished school year beside this file, newest first (opened on first use)."""
        if self.storage.read_only:
            return []
        from teacherdesk.store.years import past_year_files

        years = []
        for _label, path in past_year_files(self.path):
            if path not in self._past:
                self._past[path] = Store.open_past_year(
                    path, author=self.author, restricted_texts=self.restricted
                )
            years.append(self._past[path])
        return years

    @property
    def past_years_open(self) -> int:
        """How many finished years' files have been read so far (they stay in memory)."""
        return len(self._past)

    def past_year_labels(self) -> list[str]:
        """'2024-25', … newest first, without opening the files."""
        from teacherdesk.store.years import past_year_files

        return [label for label, _path in past_year_files(self.path)]

    def forget_past_years(self) -> None:
        self._past.clear()

    def _finish_cut_short_close(self) -> None:
        """A `close-year` killed half-way left a marker: finish that same close now."""
        if self.path is None or not self.path.exists():
            return
        from teacherdesk.store.closing import close_was_cut_short, close_years

        if close_was_cut_short(self.storage.read()):
            close_years(self, dt.date.today())

    def _finish_cut_short_erasure(self) -> None:
        """A `forget` killed half-way left a marker: finish it; drop texts others erased."""
        if self.path is None or not self.path.exists():
            return
        from teacherdesk.store.erasure import drop_erased_texts, erase_student, erasure_cut_short

        student_id = erasure_cut_short(self.storage.read())
        if student_id is not None:
            erase_student(self, student_id, finishing=True)
        drop_erased_texts(self)

    @classmethod
    def memory(cls, *, author: str = "tester") -> Store:
        return cls(SafeJSONStorage(None), author=author)

    @property
    def path(self) -> Path | None:
        return self.storage.path

    @property
    def generation(self) -> int:
        """Changes whenever the data changed, here or in another process (after a `refresh`)."""
        return self.storage.generation

    def refresh(self) -> bool:
        return self.storage.refresh()

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone().replace(microsecond=0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group saves: one lock, one re-read, one write of the file."""
        with self.storage.transaction():
            yield

    def is_empty(self) -> bool:
        return all(
            repo.count() == 0
            for repo in (
                self.students,
                self.guardians,
                self.contacts,
                self.conferences,
                self.events,
            )
        )

    def counts(self) -> dict[str, int]:
        return {
            "students": self.students.count(),
            "guardians": self.guardians.count(),
            "contacts": self.contacts.count(),
            "conferences": self.conferences.count(),
            "events": self.events.count(),
            "ieps": self.ieps.count(),
        }

    def _migrate_if_needed(self) -> None:
        if self.path is None or not self.path.exists():
            return
        data = self.storage.read()
        version = schema.version_of(data)
        if version == schema.SCHEMA_VERSION:
            return
        with self.transaction():
            data = self.storage.read()
            version = schema.version_of(data)
            if version == schema.SCHEMA_VERSION:
                return
            backup_before_migration(self.path, self.path.read_bytes(), version)
            try:
                migrated = schema.migrate(copy.deepcopy(data))
            except Exception as error:  # a migration bug must not touch the file
                raise StoreError(
                    f"could not upgrade the data file from schema {version}: {error}"
                ) from error
            # restricted texts reach their authors' own files before the shared file loses them
            write_pending(migrated, self.path, self.author)
            self.storage.write(migrated)
            self.storage.flush_now()
            migrate_past_year_files(self.path, self.author)


def migrate_past_year_files(current: Path, author: str) -> None:
    """Bring every finished year's file to this schema too (each backed up first); called under
    the current file's lock when the current file itself was migrated."""
    from teacherdesk.store.files import atomic_write
    from teacherdesk.store.years import past_year_files

    for _label, path in past_year_files(current):
        raw = path.read_bytes()
        data = parse(raw)
        version = schema.version_of(data)
        if version >= schema.SCHEMA_VERSION:
            continue
        backup_before_migration(path, raw, version)
        migrated = schema.migrate(data)
        write_pending(migrated, current, author)
        atomic_write(path, orjson.dumps(migrated))
