"""Follow-ups: what was promised after a contact or agreed at a conference, as one list.

A contact note's `follow_up` and each of a conference's agreed `actions` become a `FollowUpItem`
that knows who it is for, who owns it, when it is due, whether it is done, and where it came from.
States, for a given day:

- overdue: open, and the due date has passed;
- due: open, due today or later;
- no date: open, without a due date (only conference actions can have none);
- done: `done_on` is set.

`sort_items` puts overdue first (the latest first), then due (soonest first), then no date, then
done (most recently done first). `mark_done` returns the record with the item done (or reopened),
ready to save. Actions of cancelled conferences are left out: nothing was agreed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from teacherdesk.domain.dates import short
from teacherdesk.models import Conference, ConferenceStatus, ContactNote, label

T = TypeVar("T", ContactNote, Conference)
DUE_SOON_DAYS = 7  # "due this week": due today or in the next six days


class FollowUpState(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    NO_DATE = "no date"
    DONE = "done"


class Source(StrEnum):
    CONTACT = "contact"
    CONFERENCE = "conference"


@dataclass(frozen=True)
class FollowUpItem:
    source: Source
    record_id: str  # the contact note or the conference
    action_id: str | None  # the agreed action's id (conferences only)
    student_id: str
    what: str
    owner: str  # "" for a contact's follow-up: the teacher's own
    due: dt.date | None
    done_on: dt.date | None
    origin: str  # where it came from, in words: "phone on Thu 12 Nov"
    origin_date: dt.date

    @property
    def key(self) -> str:
        """Unique across the whole list (used as a table row key)."""
        return f"{self.source}:{self.record_id}:{self.action_id or ''}"

    def state(self, today: dt.date) -> FollowUpState:
        if self.done_on is not None:
            return FollowUpState.DONE
        if self.due is None:
            return FollowUpState.NO_DATE
        return FollowUpState.OVERDUE if self.due < today else FollowUpState.DUE


def from_note(note: ContactNote) -> FollowUpItem | None:
    if note.follow_up is None:
        return None
    follow_up = note.follow_up
    return FollowUpItem(
        source=Source.CONTACT,
        record_id=note.id,
        action_id=None,
        student_id=note.student_id,
        what=follow_up.what or f"Follow up on the {label(note.purpose)} contact",
        owner="",
        due=follow_up.due,
        done_on=follow_up.done_on,
        origin=f"{label(note.channel)} on {short(note.date)}",
        origin_date=note.date,
    )


def from_conference(conference: Conference) -> list[FollowUpItem]:
    if conference.status == ConferenceStatus.CANCELLED:
        return []
    day = conference.when.date()
    return [
        FollowUpItem(
            source=Source.CONFERENCE,
            record_id=conference.id,
            action_id=action.id,
            student_id=conference.student_id,
            what=action.what,
            owner=action.owner,
            due=action.due,
            done_on=action.done_on,
            origin=f"{label(conference.format)} conference on {short(day)}",
            origin_date=day,
        )
        for action in conference.actions
    ]


def collect(
    notes: Iterable[ContactNote], conferences: Iterable[Conference] = ()
) -> list[FollowUpItem]:
    """Every follow-up of these notes and conferences (unsorted)."""
    items = [item for note in notes if (item := from_note(note)) is not None]
    for conference in conferences:
        items.extend(from_conference(conference))
    return items


_ORDER = {
    FollowUpState.OVERDUE: 0,
    FollowUpState.DUE: 1,
    FollowUpState.NO_DATE: 2,
    FollowUpState.DONE: 3,
}


def sort_items(items: Iterable[FollowUpItem], today: dt.date) -> list[FollowUpItem]:
    """Overdue first (most late first), then due (soonest), no date, done (latest done first)."""

    def key(item: FollowUpItem) -> tuple:
        state = item.state(today)
        if state == FollowUpState.DONE:
            assert item.done_on is not None
            when = -item.done_on.toordinal()
        elif item.due is not None:
            when = item.due.toordinal()
        else:
            when = -item.origin_date.toordinal()
        return (_ORDER[state], when, item.origin_date, item.what.lower(), item.key)

    return sorted(items, key=key)


def overdue(items: Iterable[FollowUpItem], today: dt.date) -> list[FollowUpItem]:
    return sort_items((i for i in items if i.state(today) == FollowUpState.OVERDUE), today)


def week_ends(today: dt.date, days: int = DUE_SOON_DAYS) -> dt.date:
    """The last day of "due this week": today and the next `days - 1` days."""
    return today + dt.timedelta(days=days - 1)


def due_soon(
    items: Iterable[FollowUpItem], today: dt.date, days: int = DUE_SOON_DAYS
) -> list[FollowUpItem]:
    """Open items due from today up to `days - 1` days ahead ("due this week")."""
    last = week_ends(today, days)
    return sort_items(
        (i for i in items if i.state(today) == FollowUpState.DUE and i.due and i.due <= last),
        today,
    )


def mark_done(record: T, item: FollowUpItem, on: dt.date | None) -> T:
    """The record with `item` done on `on` (None reopens it); raises KeyError if it is gone."""
    if isinstance(record, ContactNote):
        if record.follow_up is None:
            raise KeyError("This contact has no follow-up any more.")
        follow_up = record.follow_up.model_copy(update={"done_on": on})
        return record.model_copy(update={"follow_up": follow_up})
    actions = []
    found = False
    for action in record.actions:
        if action.id == item.action_id:
            action = action.model_copy(update={"done_on": on})
            found = True
        actions.append(action)
    if not found:
        raise KeyError("This agreed action is no longer on the conference.")
    return record.model_copy(update={"actions": actions})
