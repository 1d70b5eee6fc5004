"""The Contacts list as the teacher reads it: rows, filters, and a note's earlier versions.

Pure (no Textual). Ten years of notes are too many to validate and build at once, so
`list_contacts` (in a thread) lists the stored documents newest first with the names they are
found by (`ContactEntries`: an entry is made only when asked for); `ContactFilter` filters them
as stored; `build_row` validates one when the screen shows it. `history_entries` gives a note's
earlier versions.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from teacherdesk.models import (
    Channel,
    ContactNote,
    Direction,
    Outcome,
    Purpose,
    Student,
    display_name_of,
    label,
)
from teacherdesk.store import Store
from teacherdesk.store.years import label_of, year_label, year_start
from teacherdesk.text import fold


@dataclass(frozen=True, slots=True)
class ContactEntry:
    """One note in the list before its row is built: the stored document as its reader may see
    it (not validated: building the row does that), the names it is found by, and its year
    ("" this year's file; "2019-20" a finished year's, read-only)."""

    doc: Mapping[str, Any]
    student_name: str
    search_key: str  # folded student and family names
    year: str = ""

    @property
    def id(self) -> str:
        return str(self.doc.get("id", ""))

    @property
    def student_id(self) -> str:
        return str(self.doc.get("student_id", ""))

    @property
    def past(self) -> bool:
        return bool(self.year)


@dataclass(frozen=True)
class ContactRow:
    """A note as the list shows it, validated; `note` is None when the stored note is damaged."""

    entry: ContactEntry
    note: ContactNote | None

    @property
    def student_name(self) -> str:
        return self.entry.student_name

    @property
    def first_line(self) -> str:
        return " ".join(self.note.summary.split()) if self.note else ""


def build_row(entry: ContactEntry) -> ContactRow:
    try:
        return ContactRow(entry, ContactNote.model_validate(entry.doc))
    except ValidationError:
        return ContactRow(entry, None)  # listed all the same: `teacherdesk check` names it


_DEFAULTS = {
    name: ContactNote.model_fields[name].default for name in ("purpose", "channel", "outcome")
}


def _choice(doc: Mapping[str, Any], name: str) -> Any:
    value = doc.get(name, _DEFAULTS[name])
    return getattr(value, "value", value)


@dataclass(frozen=True)
class ContactFilter:
    text: str = ""
    purpose: Purpose | None = None
    channel: Channel | None = None
    outcome: Outcome | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def active(self) -> bool:
        return self != ContactFilter()

    @cached_property
    def words(self) -> list[str]:
        return fold(self.text).split()

    def keep(self, entry: ContactEntry) -> bool:
        """Read from the stored document: filtering never builds a row."""
        return self.keeps(entry.doc, entry.search_key)

    def keeps(self, doc: Mapping[str, Any], search_key: str) -> bool:
        """`keep` for a stored document and its student's search key (no entry made)."""
        return self.keeps_fields(doc) and all(word in search_key for word in self.words)

    @property
    def only_names(self) -> bool:
        """Only the name is filtered (no choice and no dates to read from the notes)."""
        return self.purpose is self.channel is self.outcome is self.since is self.until is None

    def keeps_fields(self, doc: Mapping[str, Any]) -> bool:
        """The choices and dates of `keep` (not the name)."""
        for name in ("purpose", "channel", "outcome"):
            wanted = getattr(self, name)
            if wanted is not None and _choice(doc, name) != wanted.value:
                return False
        day = str(doc.get("date") or "")[:10]  # ISO dates compare as text
        if self.since is not None and day < self.since.isoformat():
            return False
        return self.until is None or day <= self.until.isoformat()


UNKNOWN_STUDENT = "(unknown student)"


class ContactEntries(Sequence[ContactEntry]):
    """Notes newest first as stored documents, each `ContactEntry` made only when asked for.

    Ten years of notes as 10,000 entry objects made every full pass of the garbage collector
    ~25 ms longer (pauses on screen); a list of the stored documents is one object. `years`
    runs beside `docs` (None: all this year's); `names` and `keys` are by student id.
    """

    __slots__ = ("_choices", "_docs", "_keys", "_names", "_student_ids", "_years")

    def __init__(
        self,
        docs: list[Mapping[str, Any]],
        names: Mapping[str, str],
        keys: Mapping[str, str],
        years: list[str] | None = None,
        student_ids: list[str] | None = None,
    ) -> None:
        self._docs = docs
        self._names = names
        self._keys = keys
        self._years = years
        # Each note's student, beside `docs`: a name filter picks students (a few hundred
        # keys) and keeps their notes, instead of reading 10,000 documents a keystroke.
        self._student_ids = (
            student_ids
            if student_ids is not None
            else [str(doc.get("student_id", "")) for doc in docs]
        )
        self._choices: set[tuple[Any, Any, Any]] | None = None

    def __len__(self) -> int:
        return len(self._docs)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return self.pick(range(len(self._docs))[index])
        doc = self._docs[index]
        student_id = self._student_ids[index]
        return ContactEntry(
            doc=doc,
            student_name=self._names.get(student_id, UNKNOWN_STUDENT),
            search_key=self._keys.get(student_id, ""),
            year=self._years[index] if self._years is not None else "",
        )

    def __iter__(self) -> Iterator[ContactEntry]:
        return (self[index] for index in range(len(self._docs)))

    def __eq__(self, other: object) -> bool:
        """Entry by entry, as a list of them would compare."""
        if not isinstance(other, ContactEntries | list | tuple):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def pick(self, indices: Sequence[int]) -> ContactEntries:
        """These entries (by index), in the order given."""
        docs = self._docs
        years = self._years
        ids = self._student_ids
        return ContactEntries(
            [docs[i] for i in indices],
            self._names,
            self._keys,
            [years[i] for i in indices] if years is not None else None,
            [ids[i] for i in indices],
        )

    def matching(
        self, wanted: ContactFilter, each: Callable[[list[int]], bool] | None = None
    ) -> list[int]:
        """The indices `wanted` keeps; `each(found so far)` is called every 1,000 notes and
        stops the search when it returns False (a newer filter replaced this one).

        The name filter is decided once per student, so a typed name costs a pass over the
        student ids (~0.5 ms for 10,000 notes, not ~30 ms): a search in a thread that keeps
        the interpreter busy slows the screen's drawing on the event loop too."""
        keys = self._keys
        words = wanted.words
        found_in = {
            student_id: all(word in keys.get(student_id, "") for word in words)
            for student_id in set(self._student_ids)
        }
        by_name = wanted.only_names
        out: list[int] = []
        for index, student_id in enumerate(self._student_ids):
            if index % 1000 == 0 and each is not None and not each(out):
                break
            if found_in[student_id] and (by_name or wanted.keeps_fields(self._docs[index])):
                out.append(index)
        return out

    def choices(self) -> set[tuple[Any, Any, Any]]:
        """Every (purpose, channel, outcome) in the list, as stored (worked out once)."""
        if self._choices is None:
            self._choices = {
                (_choice(doc, "purpose"), _choice(doc, "channel"), _choice(doc, "outcome"))
                for doc in self._docs
            }
        return self._choices

    def longest_name(self, measure: Callable[[str], int]) -> int:
        """The widest student name in the list (by `measure`)."""
        names = self._names
        return max(
            (measure(names.get(i, UNKNOWN_STUDENT)) for i in set(self._student_ids)), default=0
        )


@dataclass(frozen=True)
class ContactListing:
    """The notes of this year, or of every year, newest first; `years` oldest first."""

    entries: ContactEntries
    this_year: str  # "2026-27"
    years: list[str]
    all_years: bool = False

    @property
    def heading(self) -> str:
        """'This year · 2026-27' or 'All years · 2017-18 to 2026-27'."""
        if not self.all_years:
            return f"This year · {self.this_year}"
        first, last = self.years[0], self.years[-1]
        return f"All years · {first} to {last}" if first != last else f"All years · {last}"


def this_year_label(store: Store, today: dt.date) -> str:
    return year_label(year_start(today, store.settings.load().year_starts_on))


def list_contacts(store: Store, today: dt.date, *, all_years: bool = False) -> ContactListing:
    """Every note of this year (with `all_years`, of every finished year too: their files are
    opened only then, read-only), newest first, without validating them (see `build_row`)."""
    this_year = this_year_label(store, today)
    years: list[tuple[str, Store]] = [("", store)]
    if all_years:
        years += [(label_of(past.storage.read()) or "?", past) for past in store.past_years()]
    names: dict[str, str] = {}
    keys: dict[str, str] = {}
    for _label, year in years:  # newest first: the newest name of a student wins
        _names_of(year, names, keys)
    seen: set[str] = set()
    found: list[tuple[tuple[str, str], Mapping[str, Any], str]] = []
    for year_name, year in years:
        for doc in year.contacts.documents():
            note_id = str(doc.get("id", ""))
            if note_id in seen:  # kept in the current file too (an open follow-up)
                continue
            seen.add(note_id)
            found.append((_newest(doc), doc, year_name))
    found.sort(key=_first, reverse=True)
    docs = [doc for _, doc, _ in found]
    in_years = [name for _, _, name in found] if all_years else None
    labels = sorted({name for name, _ in years if name} | {this_year})
    entries = ContactEntries(docs, names, keys, in_years)
    entries.choices()  # here, in the reader's thread, not when the first page is wanted
    return ContactListing(entries, this_year, labels, all_years)


def _first(item: tuple) -> Any:
    return item[0]


def _newest(doc: Mapping[str, Any]) -> tuple[str, str]:
    """By date, then by when it was written (as `newest_first`), from the stored text: the
    moment as UTC text that sorts as time does ("2026-11-03T14:05:09.000000")."""
    written = doc.get("created_at")
    day = doc.get("date")
    day = day[:10] if isinstance(day, str) else str(day or "")[:10]
    # What the store writes (pydantic's UTC "…Z", with or without microseconds) is read as
    # text: parsing 10,000 of them was most of the listing's time.
    if isinstance(written, str) and written[-1:] == "Z":
        if len(written) == 20:
            return day, written[:19] + ".000000"
        if len(written) == 27:
            return day, written[:26]
    return day, _utc_text(written)


def _utc_text(written: Any) -> str:
    try:
        moment = dt.datetime.fromisoformat(written) if isinstance(written, str) else None
    except ValueError:
        moment = None
    if moment is None:
        return ""  # sorts before any moment
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


def _names_of(year: Store, names: dict[str, str], keys: dict[str, str]) -> None:
    """Each student's name and search key (student and family names), from stored documents."""
    family: dict[str, list[str]] = {}
    for guardian in year.guardians.documents():
        for student_id in guardian.get("student_ids") or ():
            family.setdefault(student_id, []).append(str(guardian.get("name") or ""))
    for student in year.students.documents():
        student_id = str(student.get("id", ""))
        if student_id in names:
            continue
        first, preferred, last = (
            str(student.get(part) or "") for part in ("first_name", "preferred_name", "last_name")
        )
        names[student_id] = display_name_of(first, preferred, last)
        keys[student_id] = fold(" ".join([first, preferred, last, *family.get(student_id, [])]))


def note_and_student(
    store: Store, note_id: str, year: str = ""
) -> tuple[ContactNote | None, Student | None, dict[str, str]]:
    """A note from this year's file or from the finished year `year`, its student and the
    family's names (guardian id → name), for showing it in full."""
    source = store
    if year:
        source = next(
            (past for past in store.past_years() if label_of(past.storage.read()) == year), None
        )
        if source is None:
            return None, None, {}
    note = source.contacts.get(note_id)
    if note is None:
        return None, None, {}
    student = source.students.get(note.student_id) or store.students.get(note.student_id)
    guardians = {g.id: g.name for g in source.guardians.for_student(note.student_id)}
    return note, student, guardians


# --- history --------------------------------------------------------------------------------------

FIELD_WORDS = {
    "guardian_id": "guardian",
    "date": "date",
    "channel": "channel",
    "direction": "direction",
    "purpose": "purpose",
    "outcome": "outcome",
    "summary": "summary",
    "follow_up": "follow-up",
    "restricted": "restricted",
}
_KINDS = {"channel": Channel, "direction": Direction, "purpose": Purpose, "outcome": Outcome}


@dataclass(frozen=True)
class HistoryEntry:
    """One earlier version: who wrote it and when, and what it said where it differs."""

    written_at: str  # "2026-11-16 14:03" ("" when not known)
    written_by: str
    changes: list[tuple[str, str]]  # (field in words, what the earlier version said)


def _shown(field: str, value: Any, guardians: dict[str, str]) -> str:
    if value is None or value == "":
        return "(none)" if field != "guardian_id" else "the family"
    if field == "guardian_id":
        return guardians.get(value, "a guardian no longer on file")
    if field in _KINDS:
        try:
            return label(_KINDS[field](value))
        except ValueError:
            return str(value)
    if field == "follow_up" and isinstance(value, dict):
        done = f", done {value.get('done_on')}" if value.get("done_on") else ""
        return f"{value.get('what') or 'follow up'} by {value.get('due')}{done}"
    if field == "restricted":
        return "yes" if value else "no"
    return str(value)


def _when(stamp: Any) -> str:
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def history_entries(
    note: ContactNote, guardians: dict[str, str] | None = None
) -> list[HistoryEntry]:
    """The note's earlier versions, newest first, each with the fields that differ from the next."""
    guardians = guardians or {}
    current = note.model_dump(mode="json")
    versions = [*note.history, current]
    entries = []
    for earlier, later in itertools.pairwise(versions):
        changes = [
            (words, _shown(field, earlier.get(field), guardians))
            for field, words in FIELD_WORDS.items()
            if earlier.get(field) != later.get(field)
        ]
        entries.append(
            HistoryEntry(
                written_at=_when(earlier.get("changed_at")),
                written_by=str(earlier.get("changed_by") or ""),
                changes=changes,
            )
        )
    return list(reversed(entries))
