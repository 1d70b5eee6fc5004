"""Typed repositories: each one stores one kind of record and hands back pydantic models.

Documents are keyed by the record's own id (TinyDB's counter is never used), saves stamp who and
when, and records that are a legal trail (contact notes, conferences, IEPs) keep every earlier
version in their `history`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import Query
from tinydb.table import Document, Table

from teacherdesk.models import (
    IEP,
    Conference,
    ContactNote,
    Draft,
    EngagementEvent,
    Guardian,
    Record,
    RecordsRequest,
    Settings,
    Student,
    StudentInterview,
)
from teacherdesk.store import restricted
from teacherdesk.store.errors import RestrictedNoteError

if TYPE_CHECKING:
    from teacherdesk.store.database import Store

R = TypeVar("R", bound=Record)
AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by", "history")


class RecordTable(Table):
    """A TinyDB table whose document ids are our string ids."""

    document_id_class = str


class Repository(Generic[R]):
    model: type[R]
    table_name: str
    keeps_history = False
    # Saves by one author this close together count as one edit in the history (autosaved forms).
    edit_session: dt.timedelta | None = None

    def __init__(self, store: Store) -> None:
        self.store = store
        self.problems: list[str] = []  # documents that failed validation on the last full read
        self.skipped: set[str] = set()  # every document left out so far because it is damaged

    @property
    def table(self) -> Table:
        # cache_size=0: another process may change the file under us, so no query cache.
        return RecordTable(self.store.storage, self.table_name, cache_size=0)

    # --- reading ---------------------------------------------------------------------------------

    def _load(self, doc: dict[str, Any], doc_id: str) -> R | None:
        try:
            return self.model.model_validate(doc)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            self.problems.append(f"{self.table_name} record {doc_id}: {where} {message}")
            self.skipped.add(str(doc_id))
            return None

    def all(self) -> list[R]:
        with self.store.storage.lock:
            self.problems = []
            docs = self.table.all()
            loaded = (self._load(doc, doc.doc_id) for doc in docs)
            return [record for record in loaded if record is not None]

    def get(self, record_id: str) -> R | None:
        with self.store.storage.lock:
            doc = self.table.get(doc_id=record_id)
            return self._load(doc, record_id) if doc is not None else None

    def where(self, **fields: Any) -> list[R]:
        """Records whose fields equal the given values (e.g. `student_id=...`)."""
        # A plain test, not a TinyDB Query: a Query walks a chain of closures per document.
        wanted = list(fields.items())

        def matches(doc: dict[str, Any]) -> bool:
            return all(doc.get(name, _MISSING) == value for name, value in wanted)

        return self._search(_Test(matches))

    def filter(self, keep: Callable[[dict[str, Any]], bool]) -> list[R]:
        """Records whose stored document passes `keep` (cheap: only matches are validated)."""
        return self._search(_Test(keep))

    def _search(self, query: Any) -> list[R]:
        with self.store.storage.lock:
            docs = self.table.search(query)
            loaded = (self._load(doc, doc.doc_id) for doc in docs)
            return [record for record in loaded if record is not None]

    def count(self) -> int:
        with self.store.storage.lock:
            return len(self.table)

    def documents(self) -> list[dict[str, Any]]:
        """Every stored document, not validated: display-only reads of our own checked file
        (a long list validates a row when it builds it). Shared with the store: never change
        one."""
        with self.store.storage.lock:
            return list(self.store.storage.read().get(self.table_name, {}).values())

    # --- writing ---------------------------------------------------------------------------------

    def save(self, record: R) -> R:
        """Insert or replace `record`, stamping author and time; returns the stored version."""
        with self.store.transaction():
            table = self.table
            previous = self._previous(table, record.id)
            now = self.store.now()
            author = self.store.author
            changes: dict[str, Any] = {"updated_at": now, "updated_by": author}
            if previous is None:
                changes |= {"created_at": now, "created_by": author}
            else:
                created = previous.get("created_at")
                changes |= {
                    "created_at": dt.datetime.fromisoformat(created) if created else now,
                    "created_by": previous.get("created_by") or author,
                }
                if self.keeps_history:
                    changes["history"] = _with_earlier_version(
                        previous, record, self._same_editing_session(previous, author, now)
                    )
            stored = record.model_copy(update=changes)
            self._put(table, stored, previous is not None)
            return stored

    def _previous(self, table: Table, record_id: str) -> dict[str, Any] | None:
        return table.get(doc_id=record_id)

    def _put(self, table: Table, stored: R, replacing: bool) -> None:
        document = Document(stored.model_dump(mode="json"), doc_id=stored.id)
        if replacing:
            table.update(dict(document), doc_ids=[stored.id])
        else:
            table.insert(document)

    def _same_editing_session(
        self, previous: dict[str, Any], author: str, now: dt.datetime
    ) -> bool:
        """Was the stored version itself an edit by `author`, made moments ago (autosaved forms)?"""
        window = self.edit_session
        if window is None or previous.get("updated_by") != author:
            return False
        created, updated = previous.get("created_at"), previous.get("updated_at")
        if not updated or updated == created:
            return False
        return now - dt.datetime.fromisoformat(updated) < window

    def add_many(self, records: Iterable[R]) -> list[R]:
        """Insert new records in one table write (imports, demo data); ids must be new."""
        now, author = self.store.now(), self.store.author
        stamp = {"created_at": now, "created_by": author, "updated_at": now, "updated_by": author}
        stored = [record.model_copy(update=stamp) for record in records]
        with self.store.transaction():
            self.table.insert_multiple(
                Document(record.model_dump(mode="json"), doc_id=record.id) for record in stored
            )
        return stored

    def delete(self, record_id: str) -> bool:
        with self.store.transaction():
            return bool(self.table.remove(doc_ids=[record_id]))


_MISSING = object()


class _Test:
    """Adapter so a plain function can be used as a TinyDB query."""

    def __init__(self, keep: Callable[[dict[str, Any]], bool]) -> None:
        self.keep = keep

    def __call__(self, doc: dict[str, Any]) -> bool:
        return self.keep(doc)

    def is_cacheable(self) -> bool:
        return False


def _with_earlier_version(
    previous: dict[str, Any], record: BaseModel, same_session: bool
) -> list[dict[str, Any]]:
    """The history to store: the earlier history plus the earlier version when content changed.

    Within one editing session (`same_session`), the in-between states of a save-as-you-type form
    are not kept: the history already holds the version from before the session began.
    """
    history = list(previous.get("history") or [])
    before = {k: v for k, v in previous.items() if k not in AUDIT_FIELDS}
    after = {k: v for k, v in record.model_dump(mode="json").items() if k not in AUDIT_FIELDS}
    if before != after and not (same_session and history):
        history.append(
            before
            | {"changed_at": previous.get("updated_at"), "changed_by": previous.get("updated_by")}
        )
    return history


class Students(Repository[Student]):
    model = Student
    table_name = "students"

    def active(self) -> list[Student]:
        return [student for student in self.all() if not student.archived]


class Guardians(Repository[Guardian]):
    model = Guardian
    table_name = "guardians"

    def for_student(self, student_id: str) -> list[Guardian]:
        def linked(doc: dict[str, Any]) -> bool:
            ids = doc.get("student_ids")
            return isinstance(ids, list) and student_id in ids

        return self._search(_Test(linked))


class Contacts(Repository[ContactNote]):
    """Contact notes; a restricted note's text goes to its author's own file (store/restricted).

    Someone else's restricted note loads "sealed": that it exists, its date and author, never
    its text; saving a sealed note is refused."""

    model = ContactNote
    table_name = "contacts"
    keeps_history = True

    def _load(self, doc: dict[str, Any], doc_id: str) -> ContactNote | None:
        if restricted.is_private(doc):
            doc = self._readable(doc, str(doc_id))
        return super()._load(doc, doc_id)

    def _readable(self, shared: dict[str, Any], note_id: str) -> dict[str, Any]:
        """The whole note for its author, the sealed note for everyone else."""
        if shared.get("created_by") == self.store.author:
            secret = self.store.restricted.get(note_id)
            if secret is None:  # a migration's text not yet in the side file (a past year)
                pending = self.store.storage.read().get(restricted.PENDING_TABLE) or {}
                secret = pending.get(note_id)
            if secret is not None:
                return restricted.join(shared, secret)
        return restricted.sealed(shared)

    def documents(self) -> list[dict[str, Any]]:
        """Every note's document as its reader may see it (a restricted note whole for its
        author, sealed for others), not validated: for the Contacts list (see Repository)."""
        with self.store.storage.lock:
            return [
                self._readable(doc, str(doc_id)) if restricted.is_private(doc) else doc
                for doc_id, doc in self.store.storage.read().get(self.table_name, {}).items()
            ]

    def filter(self, keep: Callable[[dict[str, Any]], bool]) -> list[ContactNote]:
        """`keep` sees a restricted note as its reader may: whole for its author (an open
        follow-up of an old restricted note still counts on their Today), sealed for others."""

        def readable(doc: dict[str, Any]) -> bool:
            if restricted.is_private(doc):
                doc = self._readable(doc, str(getattr(doc, "doc_id", doc.get("id", ""))))
            return keep(doc)

        return super().filter(readable)

    def _previous(self, table: Table, record_id: str) -> dict[str, Any] | None:
        previous = table.get(doc_id=record_id)
        if previous is None or not restricted.is_private(previous):
            return previous
        readable = self._readable(dict(previous), record_id)
        if readable.get("sealed"):
            raise RestrictedNoteError(
                f"only {previous.get('created_by') or 'its author'} can change their "
                "restricted note"
            )
        return readable

    def _put(self, table: Table, stored: ContactNote, replacing: bool) -> None:
        if stored.sealed:
            raise RestrictedNoteError("a restricted note can be changed only by its author")
        doc = stored.model_dump(mode="json")
        if stored.restricted:
            shared, secret = restricted.split(doc)
            self.store.restricted.put({stored.id: secret})  # before the shared file: kill-safe
            doc = shared
        if replacing:
            table.remove(doc_ids=[stored.id])  # a full replace: no text left behind
        table.insert(Document(doc, doc_id=stored.id))
        if not stored.restricted and stored.id in self.store.restricted.notes():
            self.store.storage.flush_now()  # the text is in the shared file now: then drop it
            self.store.restricted.remove([stored.id])

    def add_many(self, records: Iterable[ContactNote]) -> list[ContactNote]:
        now, author = self.store.now(), self.store.author
        stamp = {"created_at": now, "created_by": author, "updated_at": now, "updated_by": author}
        stored = [record.model_copy(update=stamp) for record in records]
        docs, secrets = [], {}
        for record in stored:
            doc = record.model_dump(mode="json")
            if record.restricted:
                doc, secrets[record.id] = restricted.split(doc)
            docs.append(Document(doc, doc_id=record.id))
        with self.store.transaction():
            if secrets:
                self.store.restricted.put(secrets)
            self.table.insert_multiple(docs)
        return stored

    def delete(self, record_id: str) -> bool:
        with self.store.transaction():
            previous = self.table.get(doc_id=record_id)
            if (
                previous is not None
                and restricted.is_private(previous)
                and previous.get("created_by") != self.store.author
            ):
                raise RestrictedNoteError("only its author can delete a restricted note")
            gone = bool(self.table.remove(doc_ids=[record_id]))
            if gone and record_id in self.store.restricted.notes():
                self.store.storage.flush_now()
                self.store.restricted.remove([record_id])
            return gone

    def for_student(self, student_id: str) -> list[ContactNote]:
        return newest_first(self.where(student_id=student_id))

    def readable_documents(self, keep: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
        """Stored notes passing `keep`, as their reader may see them, NOT validated: for counts
        over our own checked file (Today's balance), where building thousands of notes is waste.
        The documents are the store's own: read them, never change them."""
        found = []
        with self.store.storage.lock:
            for doc_id, doc in self.store.storage.read().get(self.table_name, {}).items():
                if restricted.is_private(doc):
                    doc = self._readable(doc, str(doc_id))
                if keep(doc):
                    found.append(doc)
        return found

    def last_contact_dates(self) -> dict[str, dt.date]:
        """Each student's latest contact date, read from the raw documents (no validation: fast).

        A date that does not parse (a damaged note) is left out and counted as skipped.
        """
        latest: dict[str, str] = {}
        found: dict[str, dt.date] = {}
        with self.store.storage.lock:
            for doc_id, doc in self.store.storage.read().get(self.table_name, {}).items():
                student_id, day = doc.get("student_id"), doc.get("date")
                if isinstance(day, str) and day > latest.get(student_id, ""):
                    try:
                        found[student_id] = dt.date.fromisoformat(day)
                    except ValueError:
                        self.skipped.add(str(doc_id))
                        continue
                    latest[student_id] = day
        return found


def newest_first(notes: Iterable[ContactNote]) -> list[ContactNote]:
    """Contact notes by date, then by when they were written, newest first."""
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(notes, key=lambda note: (note.date, note.created_at or oldest), reverse=True)


class Conferences(Repository[Conference]):
    model = Conference
    table_name = "conferences"
    keeps_history = True

    def for_student(self, student_id: str) -> list[Conference]:
        return sorted(self.where(student_id=student_id), key=lambda c: c.when, reverse=True)


class Events(Repository[EngagementEvent]):
    model = EngagementEvent
    table_name = "events"

    def for_student(self, student_id: str) -> list[EngagementEvent]:
        return self._search(Query().attendance.any(Query().student_id == student_id))


class IEPs(Repository[IEP]):
    model = IEP
    table_name = "ieps"
    keeps_history = True
    edit_session = dt.timedelta(minutes=10)  # the IEP record and Parental Input save as you type

    def for_student(self, student_id: str) -> IEP | None:
        found = self.where(student_id=student_id)
        return max(found, key=lambda iep: iep.meeting_date) if found else None


class Interviews(Repository[StudentInterview]):
    model = StudentInterview
    table_name = "interviews"

    def for_student(self, student_id: str) -> StudentInterview | None:
        """The newest: one record per school year (`domain.interview` picks a given year)."""
        found = self.where(student_id=student_id)
        stamp = dt.datetime.min.replace(tzinfo=dt.UTC)
        return max(found, key=lambda iv: (iv.school_year, iv.updated_at or stamp), default=None)


class Drafts(Repository[Draft]):
    """Forms cut off before they were saved; never read as contacts, conferences or events."""

    model = Draft
    table_name = "drafts"

    def newest_first(self) -> list[Draft]:
        stamp = dt.datetime.min.replace(tzinfo=dt.UTC)
        return sorted(self.all(), key=lambda d: d.updated_at or stamp, reverse=True)

    def discard(self, draft_id: str) -> bool:
        """Delete the draft if it is there (no write when it is not)."""
        with self.store.transaction():
            if self.table.get(doc_id=draft_id) is None:
                return False
            return bool(self.table.remove(doc_ids=[draft_id]))


class SettingsRepository(Repository[Settings]):
    model = Settings
    table_name = "settings"

    def load(self) -> Settings:
        return self.get("settings") or Settings()


class RecordsRequests(Repository[RecordsRequest]):
    model = RecordsRequest
    table_name = "records_requests"

    def open_ones(self) -> list[RecordsRequest]:
        return sorted((r for r in self.all() if r.given_on is None), key=lambda r: r.requested_on)
