"""The whole domain as pydantic models: validation lives here, I/O does not.

Every stored record has an app-made id and audit fields. Text is cleaned on the way in (see
`teacherdesk.text`), so nothing a person pastes can smuggle escape sequences onto a screen.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

# Students' records never pass through pydantic plugins installed beside us: a plugin sees every
# validation (telemetry such as Logfire hooks in this way). Looking for them also read every
# installed package's metadata on the first validation of each command.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from teacherdesk.text import clean_block, clean_line

MAX_LINE = 200
DEFAULT_THEME = "textual-dark"
MAX_KEYMAP = 200  # remapped keys kept from settings
MAX_BLOCK = 20_000


def new_id() -> str:
    return uuid.uuid4().hex


def _line(value: str) -> str:
    value = clean_line(value)
    if len(value) > MAX_LINE:
        raise ValueError(f"is too long ({len(value)} characters, at most {MAX_LINE})")
    return value


def _required_line(value: str) -> str:
    value = _line(value)
    if not value:
        raise ValueError("is required")
    return value


def _block(value: str) -> str:
    value = clean_block(value)
    if len(value) > MAX_BLOCK:
        raise ValueError(f"is too long ({len(value):,} characters, at most {MAX_BLOCK:,})")
    return value


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-./ ]+(?:\s*(?:x|ext\.?)\s*\d+)?$", re.IGNORECASE)


def _email(value: str) -> str:
    value = clean_line(value)
    if value and not _EMAIL.match(value):
        raise ValueError("should look like name@example.org")
    return value


def _phone(value: str) -> str:
    value = clean_line(value)
    if not value:
        return value
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE_CHARS.match(value) or not 3 <= digits <= 20:
        raise ValueError("should be a phone number such as 555-0142 or +1 (555) 010-0142")
    return value


# Dates outside this window are typing slips ("9999-01-01", "0202-03-04") that break calendars
# and humanized words; every date and time a record holds must fall inside it.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _sane_day(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be a year between {FIRST_YEAR} and {LAST_YEAR}")
    return value


Line = Annotated[str, AfterValidator(_line)]
Name = Annotated[str, AfterValidator(_required_line)]
Block = Annotated[str, AfterValidator(_block)]
Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, AfterValidator(_phone)]
Day = Annotated[dt.date, AfterValidator(_sane_day)]
Moment = Annotated[dt.datetime, AfterValidator(_sane_day)]


# --- choices -------------------------------------------------------------------------------------


class Channel(StrEnum):
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    IN_PERSON = "in_person"
    VIDEO = "video"
    LETTER = "letter"
    APP = "app"


class Direction(StrEnum):
    WE_REACHED_OUT = "outgoing"
    THEY_REACHED_OUT = "incoming"


class Purpose(StrEnum):
    POSITIVE = "positive"
    CONCERN = "concern"
    INFORMATION = "information"
    ATTENDANCE = "attendance"
    BEHAVIOR = "behavior"
    ACADEMIC = "academic"
    IEP = "iep"


class Outcome(StrEnum):
    REACHED = "reached"
    LEFT_MESSAGE = "left_message"
    NO_ANSWER = "no_answer"
    BOUNCED = "bounced"


class ConferenceFormat(StrEnum):
    ONE_ON_ONE = "one_on_one"
    TEAM = "team"
    TELEPHONE = "telephone"
    VIDEO = "video"
    EMAIL = "email"


class ConferenceStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class EventKind(StrEnum):
    OPEN_HOUSE_FALL = "open_house_fall"
    OPEN_HOUSE_SPRING = "open_house_spring"
    CLASS_MEETING = "class_meeting"
    WORKSHOP = "workshop"
    ADVISORY_GROUP = "advisory_group"
    VOLUNTEER = "volunteer"


class InputMethod(StrEnum):
    """How the parental input was asked for or came back."""

    PAPER = "paper"
    PHONE = "phone"
    MEETING = "meeting"
    EMAIL = "email"


class InterviewWording(StrEnum):
    ELEMENTARY = "elementary"
    SECONDARY = "secondary"


class MeetingPurpose(StrEnum):
    ANNUAL_REVIEW = "annual_review"
    INITIAL = "initial"
    REEVALUATION = "reevaluation"
    AMENDMENT = "amendment"
    TRANSITION = "transition"


class MeetingReply(StrEnum):
    """The family's answer on the notice's tear-off."""

    CAN_ATTEND = "can_attend"
    ANOTHER_TIME = "another_time"
    PHONE_OR_VIDEO = "phone_or_video"


# Words a teacher reads on screen and in exports for each choice.
LABELS: dict[StrEnum, str] = {
    Channel.PHONE: "phone",
    Channel.TEXT: "text message",
    Channel.EMAIL: "email",
    Channel.IN_PERSON: "in person",
    Channel.VIDEO: "video call",
    Channel.LETTER: "letter",
    Channel.APP: "school app",
    Direction.WE_REACHED_OUT: "we reached out",
    Direction.THEY_REACHED_OUT: "family reached out",
    Purpose.POSITIVE: "positive news",
    Purpose.CONCERN: "concern",
    Purpose.INFORMATION: "information",
    Purpose.ATTENDANCE: "attendance",
    Purpose.BEHAVIOR: "behavior",
    Purpose.ACADEMIC: "academic",
    Purpose.IEP: "IEP",
    Outcome.REACHED: "reached",
    Outcome.LEFT_MESSAGE: "left message",
    Outcome.NO_ANSWER: "no answer",
    Outcome.BOUNCED: "bounced",
    ConferenceFormat.ONE_ON_ONE: "one-on-one",
    ConferenceFormat.TEAM: "team",
    ConferenceFormat.TELEPHONE: "telephone",
    ConferenceFormat.VIDEO: "video",
    ConferenceFormat.EMAIL: "email",
    ConferenceStatus.PLANNED: "planned",
    ConferenceStatus.HELD: "held",
    ConferenceStatus.CANCELLED: "cancelled",
    EventKind.OPEN_HOUSE_FALL: "fall open house",
    EventKind.OPEN_HOUSE_SPRING: "spring open house",
    EventKind.CLASS_MEETING: "class meeting",
    EventKind.WORKSHOP: "workshop",
    EventKind.ADVISORY_GROUP: "parent advisory group",
    EventKind.VOLUNTEER: "volunteer opportunity",
    InputMethod.PAPER: "paper",
    InputMethod.PHONE: "phone",
    InputMethod.MEETING: "meeting",
    InputMethod.EMAIL: "email",
    InterviewWording.ELEMENTARY: "elementary",
    InterviewWording.SECONDARY: "secondary",
    MeetingPurpose.ANNUAL_REVIEW: "annual review",
    MeetingPurpose.INITIAL: "initial IEP",
    MeetingPurpose.REEVALUATION: "re-evaluation",
    MeetingPurpose.AMENDMENT: "amendment",
    MeetingPurpose.TRANSITION: "transition planning",
    MeetingReply.CAN_ATTEND: "can attend",
    MeetingReply.ANOTHER_TIME: "needs another time",
    MeetingReply.PHONE_OR_VIDEO: "prefers phone or video",
}


def label(choice: StrEnum) -> str:
    return LABELS.get(choice, str(choice).replace("_", " "))


def parse_choice(kind: type[StrEnum], text: str) -> StrEnum:
    """Read a choice as a person types it: 'in person', 'in-person', 'In_Person', 'left message'."""
    wanted = re.sub(r"[\s\-]+", "_", text.strip().lower())
    for choice in kind:
        if wanted in (choice.value, re.sub(r"[\s\-]+", "_", label(choice).lower())):
            return choice
    options = ", ".join(choice.value for choice in kind)
    raise ValueError(f"'{text}' is not one of: {options}")


# --- records -------------------------------------------------------------------------------------


class Part(BaseModel):
    """A piece of a record (no id of its own in the store)."""

    # defer_build: a validator is built on first use, so a shell command pays only for what it uses.
    model_config = ConfigDict(validate_assignment=True, extra="ignore", defer_build=True)


class Record(Part):
    """Anything stored as its own document: app-made id plus who changed it and when."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)
    created_at: dt.datetime | None = None
    created_by: str = ""
    updated_at: dt.datetime | None = None
    updated_by: str = ""


def display_name_of(first: str, preferred: str, last: str) -> str:
    """What the teacher calls a student (also for stored documents read without validation)."""
    return f"{preferred or first} {last}"


class Student(Record):
    first_name: Name
    last_name: Name
    preferred_name: Line = ""
    pronouns: Line = ""
    grade: Line = ""
    class_name: Line = ""  # homeroom, class or period
    student_number: Line = ""  # the SIS id
    sourced_id: Line = ""  # OneRoster sourcedId
    has_iep: bool = False
    has_504: bool = False
    archived: bool = False
    notes: Block = ""
    date_of_birth: Day | None = None

    @property
    def display_name(self) -> str:
        """What the teacher calls the student: preferred first name, then last name."""
        return display_name_of(self.first_name, self.preferred_name, self.last_name)

    @property
    def legal_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PhoneNumber(Part):
    label: Line = "mobile"  # mobile, home, work …
    number: Phone


class Guardian(Record):
    name: Name
    student_ids: list[str] = Field(default_factory=list)
    relationship: Line = ""  # the default, for every child without an entry below
    relationships: dict[str, Line] = Field(default_factory=dict)  # student id → to that child
    phones: list[PhoneNumber] = Field(default_factory=list)
    email: Email = ""
    preferred_language: Line = ""
    interpreter_needed: bool = False
    preferred_channel: Channel | None = None
    best_time: Line = ""
    # None = "not recorded": an import whose file did not say (shown as such, never as yes).
    educational_rights: bool | None = True
    lives_with_student: bool | None = True
    sourced_id: Line = ""
    notes: Block = ""

    @property
    def main_phone(self) -> str:
        return self.phones[0].number if self.phones else ""

    def relationship_to(self, student_id: str | None) -> str:
        """Who this guardian is to that student ("father"), else the default relationship."""
        return (self.relationships.get(student_id) if student_id else None) or self.relationship

    def with_relationship(self, student_id: str, relationship: str) -> Guardian:
        """A copy saying `relationship` for that student, kept per child only when it differs."""
        per_child = {k: v for k, v in self.relationships.items() if k != student_id}
        others = [i for i in self.student_ids if i != student_id]
        update: dict[str, Any] = {"relationships": per_child}
        if not self.relationship or not others:
            update["relationship"] = relationship  # one child, or no default yet: set the default
        elif relationship != self.relationship:
            per_child[student_id] = relationship
        return type(self).model_validate(self.model_dump() | update)


class FollowUp(Part):
    what: Line = ""
    due: Day
    done_on: Day | None = None


class ContactNote(Record):
    student_id: str
    guardian_id: str | None = None
    date: Day
    channel: Channel = Channel.PHONE
    direction: Direction = Direction.WE_REACHED_OUT
    purpose: Purpose = Purpose.INFORMATION
    outcome: Outcome = Outcome.REACHED
    summary: Block = ""
    follow_up: FollowUp | None = None
    restricted: bool = False
    history: list[dict[str, Any]] = Field(default_factory=list)  # earlier versions, oldest first
    # Someone else's restricted note: its text is in their own file; never saved (exclude).
    sealed: bool = Field(default=False, exclude=True)


class AgreedAction(Part):
    id: str = Field(default_factory=new_id)
    what: Name
    owner: Line = ""
    due: Day | None = None
    done_on: Day | None = None


class Conference(Record):
    student_id: str
    when: Moment
    format: ConferenceFormat = ConferenceFormat.ONE_ON_ONE
    status: ConferenceStatus = ConferenceStatus.PLANNED
    guardian_ids: list[str] = Field(default_factory=list)
    staff: list[Line] = Field(default_factory=list)
    interpreter_needed: bool = False
    interpreter_language: Line = ""
    celebrations: Block = ""
    concerns: Block = ""
    notes: Block = ""
    actions: list[AgreedAction] = Field(default_factory=list)
    next_conference: Day | None = None
    history: list[dict[str, Any]] = Field(default_factory=list)


class Attendance(Part):
    student_id: str  # the family, named by its student
    guardian_id: str | None = None
    volunteered: bool = False
    role: Line = ""
    minutes: int | None = Field(default=None, ge=0, le=24 * 60)


class EngagementEvent(Record):
    kind: EventKind
    title: Name
    date: Day
    description: Block = ""
    attendance: list[Attendance] = Field(default_factory=list)


class ParentalInput(Part):
    strengths_needs: Block = ""
    social_behavioral: Block = ""
    learning_style: Block = ""
    testing_accommodations: Block = ""
    classroom_accommodations: Block = ""
    requested_on: Day | None = None
    requested_how: InputMethod | None = None
    received_on: Day | None = None
    received_how: InputMethod | None = None
    entered_by: Line = ""

    @property
    def has_answers(self) -> bool:
        return any(
            (
                self.strengths_needs,
                self.social_behavioral,
                self.learning_style,
                self.testing_accommodations,
                self.classroom_accommodations,
            )
        )


class IEP(Record):
    student_id: str
    meeting_date: Day
    writing_date: Day | None = None  # None means two weeks before the meeting
    case_manager: Line = ""
    team: list[Line] = Field(default_factory=list)
    parental_input: ParentalInput = Field(default_factory=ParentalInput)
    draft_sent_on: Day | None = None
    draft_sent_how: InputMethod | None = None
    family_comments: Block = ""
    # The meeting itself (34 CFR 300.322): what the notice says and what shows the family was
    # given every chance to take part.
    meeting_purpose: MeetingPurpose | None = None
    meeting_time: Line = ""  # as the teacher writes it: "3:30 pm"
    meeting_place: Line = ""
    meeting_call: Line = ""  # phone number or video link for those joining from afar
    agencies: list[Line] = Field(default_factory=list)  # other agencies invited
    student_invited: bool = False  # always invited when transition is considered
    interpreter_needed: bool | None = None  # None: as the family record says
    interpreter_language: Line = ""  # "": the family's preferred language
    interpreter_booked_on: Day | None = None
    notice_sent_on: Day | None = None
    notice_sent_how: Channel | None = None
    family_reply: MeetingReply | None = None
    family_reply_on: Day | None = None
    iep_copy_given_on: Day | None = None
    history: list[dict[str, Any]] = Field(default_factory=list)


class RecordsRequest(Record):
    """A family asked to inspect the whole record (FERPA: within 45 days)."""

    student_id: str
    requested_on: Day
    given_on: Day | None = None


class StudentInterview(Record):
    """The Student Input interview: one record per student and school year, answers keyed by
    question id."""

    student_id: str
    school_year: Line = ""  # "2026-27"; "" on records from before years were kept
    transition: bool = False  # the transition questions are asked (old enough when it began)
    wording: InterviewWording = InterviewWording.SECONDARY
    answers: dict[str, Block] = Field(default_factory=dict)
    # What was being typed but not yet given (enter): kept so a dropped connection loses nothing.
    drafts: dict[str, Block] = Field(default_factory=dict)
    # Questions the student passed on (enter twice on an empty answer): "Skipped", not "not yet".
    skipped: list[str] = Field(default_factory=list)
    completed_on: Day | None = None

    @field_validator("answers", "drafts")
    @classmethod
    def _drop_blank(cls, answers: dict[str, str]) -> dict[str, str]:
        return {key: text for key, text in answers.items() if text}


class Draft(Record):
    """A form cut off before it was saved (a hang-up, SIGTERM, a crash): kept apart from the
    records, so a draft is never counted as a contact, a conference or an event.

    `fields` is what each field of the form held (widget id -> text, choice or tick); the form
    named by `kind` puts it back when the teacher opens the draft.
    """

    kind: Line  # the form: "contact", "conference_record", "event", "volunteer"
    student_id: str | None = None  # the student it is about, if any
    record_id: str | None = None  # the record being changed (a note, a conference, an event)
    about: Line = ""  # "note for Ravi Honeysett": what the next start says
    fields: dict[str, str | bool | None] = Field(default_factory=dict)

    @field_validator("fields")
    @classmethod
    def _clean_fields(cls, fields: dict[str, Any]) -> dict[str, Any]:
        return {
            clean_line(str(key))[:64]: _block(value) if isinstance(value, str) else value
            for key, value in list(fields.items())[:200]
        }


# kind -> what one unfinished thing of that kind is called ("1 unfinished note")
DRAFT_WORDS = {
    "contact": ("note", "notes"),
    "conference_record": ("conference record", "conference records"),
    "event": ("event", "events"),
    "volunteer": ("volunteer entry", "volunteer entries"),
}


def kind_words(kind: str, count: int) -> str:
    one, many = DRAFT_WORDS.get(kind, ("form", "forms"))
    return one if count == 1 else many


def draft_about(draft: Draft, names: dict[str, str]) -> str:
    """' for Ravi Honeysett' (a student's), ': Family math night' (an event), or nothing."""
    who = names.get(draft.student_id, "") if draft.student_id else ""
    if who:
        return f" for {who}"
    return f": {draft.about}" if draft.about else ""


def draft_line(draft: Draft, names: dict[str, str]) -> str:
    """One draft as `check` lists it: what, about whom, when it was cut off."""
    when = f" (cut off {draft.updated_at:%Y-%m-%d %H:%M})" if draft.updated_at else ""
    return (
        f"unfinished {kind_words(draft.kind, 1)}{draft_about(draft, names)}{when}: "
        "open teacherdesk to finish or discard it"
    )


class Settings(Record):
    id: str = "settings"
    teacher_name: Line = ""
    school: Line = ""
    term_start: Day | None = None
    term_end: Day | None = None
    # The school year begins on this month-day (MM-DD) every year; `close-year` moves the years
    # that ended before it into their own files.
    year_starts_on: Line = "08-01"
    stale_after_days: int = Field(default=30, ge=1, le=365)
    # How families reach the teacher, printed on letters home.
    teacher_phone: Phone = ""
    teacher_email: Email = ""
    room: Line = ""
    reply_how: Line = ""  # how families may reply: "a note in the folder, or text 555-0100"
    # IANA name ("America/Chicago") for calendar times; "" = the computer's own time zone.
    time_zone: Line = ""
    # IEP meetings (34 CFR 300.322): notice at least N school days ahead, and at least A
    # attempts to reach the family by at least M different channels.
    notice_school_days: int = Field(default=10, ge=0, le=60)
    contact_attempts: int = Field(default=3, ge=0, le=20)
    contact_channels: int = Field(default=2, ge=0, le=7)
    # Transition planning is due by 16 "or younger" (34 CFR 300.320(b)): a state may set an
    # earlier age, never a later one, so the settings stop at 16.
    transition_age: int = Field(default=16, ge=10, le=16)  # the notice's transition paragraph
    transition_interview_age: int = Field(default=14, ge=10, le=16)  # interview questions
    holidays: list[Day] = Field(default_factory=list)  # days school is closed
    # How 3/12 reads: "day-first" (3 December), "month-first" (12 March); "" = the computer's
    # locale (en_US month-first, others day-first). 25/12 and 12/25 read the same either way.
    date_order: Literal["", "day-first", "month-first"] = ""
    # Finished school years older than this many years are removed by `retention --apply`.
    retention_years: int | None = Field(default=None, ge=1, le=100)

    @field_validator("year_starts_on")
    @classmethod
    def _month_day(cls, value: str) -> str:
        try:
            dt.date.fromisoformat(f"2001-{value}")
        except ValueError:
            raise ValueError(f"'{value}' is not a month and day such as 08-01") from None
        return value

    @field_validator("holidays")
    @classmethod
    def _holidays_in_order(cls, value: list[dt.date]) -> list[dt.date]:
        return sorted(set(value))

    @field_validator("date_order", mode="before")
    @classmethod
    def _date_order(cls, value: Any) -> str:
        """A hand-edited order that is not one of the two falls back to the locale's."""
        return value if value in ("day-first", "month-first") else ""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value:
            from zoneinfo import ZoneInfo

            try:
                ZoneInfo(value)
            except (ValueError, OSError, LookupError):
                raise ValueError(
                    f"'{value}' is not a time zone name such as America/Chicago"
                ) from None
        return value

    # One of Textual's built-in themes (the app keeps its default for a name it does not know).
    theme: str = DEFAULT_THEME
    # Remapped keys: binding id -> keys, e.g. {"go-contacts": "f4,ctrl+o"} (ids are in help, f1).
    keymap: dict[str, str] = Field(default_factory=dict)

    @field_validator("theme", mode="before")
    @classmethod
    def _theme_name(cls, value: Any) -> str:
        """A hand-edited theme that is not a short name falls back to the default."""
        name = clean_line(value) if isinstance(value, str) else ""
        return name if name and len(name) <= 64 else DEFAULT_THEME

    @field_validator("keymap", mode="before")
    @classmethod
    def _keymap_entries(cls, value: Any) -> dict[str, str]:
        """Entries that are not text -> text are dropped, never refused: settings still load."""
        if not isinstance(value, dict):
            return {}
        keymap: dict[str, str] = {}
        for binding_id, keys in list(value.items())[:MAX_KEYMAP]:
            if isinstance(binding_id, str) and isinstance(keys, str):
                binding_id, keys = clean_line(binding_id), clean_line(keys)
                if binding_id and keys and len(binding_id) <= 64 and len(keys) <= 64:
                    keymap[binding_id] = keys
        return keymap
