"""The IEP team packet for one student, as CommonMark (and HTML through `html_page`).

Sections, always in this order and never left out (an empty part says so in words):
`# IEP team packet: <name>`, a confidentiality line with the date and the author, then
`## Student`, `## Family`, `## IEP timeline`, `## Parental input` (five `###` parts),
`## Student input`, `## Conferences`, `## Family contacts`.

Privacy: every piece of text a person typed goes through `markdown_text` (it stays literal);
restricted contact notes and their follow-ups are left out unless `include_restricted`, and then
marked "Restricted"; nothing about another student appears (a guardian's other children are
mentioned only as "a sibling"). `today` and `author` are parameters, so the output is
deterministic. Pure: the store is only read, in `gather`; no textual.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from teacherdesk.domain.dates import due_in_words, exact
from teacherdesk.domain.family import family
from teacherdesk.domain.iep_timeline import MEETING, Deadline, deadlines, writing_date
from teacherdesk.domain.interview import progress, questions_for, review_lines, this_and_last_year
from teacherdesk.exports import markdown_text as md
from teacherdesk.models import (
    IEP,
    Conference,
    ConferenceStatus,
    ContactNote,
    Guardian,
    InputMethod,
    Outcome,
    Purpose,
    Student,
    StudentInterview,
    label,
)
from teacherdesk.store import Store
from teacherdesk.store.repositories import newest_first

SECTIONS = (
    "Student",
    "Family",
    "IEP timeline",
    "Parental input",
    "Student input",
    "Conferences",
    "Family contacts",
)
PARENTAL_PARTS = (
    ("strengths_needs", "Strengths and needs"),
    ("social_behavioral", "Social and behavioral concerns"),
    ("learning_style", "Learning style"),
    ("testing_accommodations", "Testing accommodations"),
    ("classroom_accommodations", "Classroom accommodations"),
)
NOT_RECEIVED = "Not received yet."
NO_CONFERENCES = "No conferences recorded."
NO_CONTACTS = "No family contacts recorded."
RESTRICTED_LEFT_OUT = "Contact notes marked restricted are not included in this packet."

# The positive-to-concern balance, counted as on the Today screen: only contacts that got through.
HEARD = {Outcome.REACHED, Outcome.LEFT_MESSAGE}
POSITIVE = {Purpose.POSITIVE}
CONCERN = {Purpose.CONCERN, Purpose.BEHAVIOR}


@dataclass
class PacketData:
    """Everything the packet shows, read from the store for one student."""

    student: Student
    guardians: list[Guardian] = field(default_factory=list)
    iep: IEP | None = None
    interview: StudentInterview | None = None
    last_interview: StudentInterview | None = None  # last school year's, for its answers
    conferences: list[Conference] = field(default_factory=list)
    contacts: list[ContactNote] = field(default_factory=list)


def gather(store: Store, student: Student, today: dt.date | None = None) -> PacketData:
    """Read one student's records (call from a thread in the app); with `today`, this school
    year's interview and last year's."""
    if today is None:
        interview, last = store.interviews.for_student(student.id), None
    else:
        interview, last = this_and_last_year(store, student.id, today)
    return PacketData(
        student=student,
        guardians=family(store, student.id, by="name"),
        iep=store.ieps.for_student(student.id),
        interview=interview,
        last_interview=last,
        conferences=store.conferences.for_student(student.id),
        contacts=store.contacts.for_student(student.id),
    )


def default_author(store: Store) -> str:
    """Who prepared the packet: the teacher's name from Settings, else the login name."""
    return store.settings.load().teacher_name or store.author


def file_stem(student: Student, today: dt.date, kind: str = "iep-packet") -> str:
    """`iep-packet-zoe-okafor-2026-11-16`: a safe file name (ASCII, no spaces)."""
    from teacherdesk.text import fold

    slug = re.sub(r"[^a-z0-9]+", "-", fold(student.display_name)).strip("-") or "student"
    return f"{kind}-{slug[:40].strip('-')}-{today.isoformat()}"


# --- the Markdown --------------------------------------------------------------------------------


def packet_markdown(
    data: PacketData,
    *,
    today: dt.date,
    author: str,
    include_restricted: bool = False,
) -> str:
    student = data.student
    parts = [
        md.heading(1, f"IEP team packet: {student.display_name}"),
        confidentiality_line(today, author),
        *_student(student),
        *_family(data),
        *_timeline(data, today),
        *_parental_input(data),
        *_student_input(data),
        *_conferences(data, today),
        *_contacts(data, today, include_restricted),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def confidentiality_line(today: dt.date, author: str) -> str:
    who = md.escape(author) if author.strip() else "the teacher"
    return (
        f"**Confidential student record.** Prepared on {exact(today)} by {who} for this "
        "student's IEP team. Do not copy or share it outside the team."
    )


def _yes_no(value: bool | None) -> str:
    """Yes, No, or "Not recorded" (an import whose file did not say)."""
    return "Not recorded" if value is None else "Yes" if value else "No"


def _student(student: Student) -> list[str]:
    plans = [name for name, has in (("IEP", student.has_iep), ("504 plan", student.has_504)) if has]
    fields = [
        md.field("Name", student.legal_name),
        md.field("Preferred name", student.preferred_name, missing="None given"),
        md.field("Grade", student.grade),
        md.field("Class", student.class_name),
        md.field("Pronouns", student.pronouns),
        md.field("Student number", student.student_number),
        md.field("Plan", " and ".join(plans), missing="No IEP or 504 plan"),
    ]
    return [md.heading(2, "Student"), "\n".join(fields)]


def _reach(guardian: Guardian) -> list[str]:
    phones = "; ".join(f"{p.number} ({p.label})" if p.label else p.number for p in guardian.phones)
    channel = label(guardian.preferred_channel) if guardian.preferred_channel else ""
    return [
        md.field("Best way to reach", channel, missing="No preference recorded"),
        md.field("Best time", guardian.best_time, missing="No preference recorded"),
        md.field("Phone", phones, missing="None recorded"),
        md.field("Email", guardian.email, missing="None recorded"),
    ]


def _family(data: PacketData) -> list[str]:
    out = [md.heading(2, "Family")]
    if not data.guardians:
        return [*out, "No guardians recorded."]
    for guardian in data.guardians:
        fields = [
            md.field("Relationship", guardian.relationship_to(data.student.id)),
            *_reach(guardian),
            md.field("Preferred language", guardian.preferred_language),
            md.field("Interpreter needed", _yes_no(guardian.interpreter_needed)),
            md.field("Holds educational rights", _yes_no(guardian.educational_rights)),
            md.field("Lives with the student", _yes_no(guardian.lives_with_student)),
        ]
        if len(set(guardian.student_ids) - {data.student.id}) > 0:
            fields.append(md.field("Also the guardian of", "a sibling"))
        out += [md.heading(3, guardian.name), "\n".join(fields)]
    return out


# --- IEP timeline --------------------------------------------------------------------------------


def deadline_state(deadline: Deadline, today: dt.date) -> str:
    """Whether it was met, in words: 'met (done Thu 3 Dec 2026)', 'not met: 3 days late'."""
    if deadline.key == MEETING:
        return "held" if deadline.done else deadline.words
    if deadline.done:
        if deadline.done_on is None:
            return "met"
        late = (deadline.done_on - deadline.due).days
        when = exact(deadline.done_on)
        if late <= 0:
            return f"met (done {when})"
        return f"met late (done {when}, {late} day{'s' if late != 1 else ''} after the due date)"
    if deadline.due < today:
        return f"not met: {due_in_words(deadline.due, relative_to=today)}"
    return f"not done yet, {deadline.words}"


def _timeline(data: PacketData, today: dt.date) -> list[str]:
    out = [md.heading(2, "IEP timeline")]
    iep = data.iep
    if iep is None:
        if data.student.has_iep:
            return [*out, "No IEP meeting is scheduled yet, so there are no IEP deadlines."]
        plan = " (the student has a 504 plan)" if data.student.has_504 else ""
        return [*out, f"No IEP on record for this student{plan}, so there are no IEP deadlines."]
    fields = [
        md.field("Case manager", iep.case_manager),
        md.field("Team", ", ".join(iep.team), missing="Not recorded"),
        f"- **IEP writing date:** {exact(writing_date(iep))}",
    ]
    for deadline in deadlines(iep, data.interview, today):
        fields.append(
            f"- **{md.escape(deadline.title)}:** {exact(deadline.due)}: "
            f"{md.escape(deadline_state(deadline, today))}"
        )
    if iep.draft_sent_how:
        fields.append(md.field("Draft sent by", label(iep.draft_sent_how)))
    out.append("\n".join(fields))
    if iep.family_comments:
        out += ["**Family comments on the draft**", md.paragraphs(iep.family_comments)]
    return out


# --- parental and student input ------------------------------------------------------------------


def _on(day: dt.date | None, how: InputMethod | None) -> str:
    """'Mon 16 Nov 2026 by paper'; '' when it has not happened."""
    if day is None:
        return ""
    return exact(day) + (f" by {label(how)}" if how else "")


def _parental_input(data: PacketData) -> list[str]:
    out = [md.heading(2, "Parental input")]
    parental = data.iep.parental_input if data.iep else None
    if parental is None:
        out.append("No Parental Input form on record (no IEP).")
    else:
        requested = _on(parental.requested_on, parental.requested_how)
        received = _on(parental.received_on, parental.received_how)
        fields = [
            md.field("Requested", requested, missing="Not requested yet"),
            md.field("Received", received, missing=NOT_RECEIVED),
        ]
        if parental.entered_by:
            fields.append(md.field("Entered by", parental.entered_by))
        out.append("\n".join(fields))
    received = parental is not None and (parental.received_on or parental.has_answers)
    for name, title in PARENTAL_PARTS:
        text = getattr(parental, name) if parental is not None else ""
        empty = "Nothing written for this part." if received else NOT_RECEIVED
        out += [md.heading(3, title), md.paragraphs(text, empty=empty)]
    return out


def _interviewed(interview: StudentInterview | None) -> bool:
    return interview is not None and bool(interview.answers or interview.skipped)


def _student_input(data: PacketData) -> list[str]:
    out = [md.heading(2, "Student input")]
    interview, last = data.interview, data.last_interview
    if not _interviewed(last):
        last = None
    if not _interviewed(interview):
        if last is None:
            return [*out, "Not interviewed yet."]
        out.append("Not interviewed yet this school year. Last year's answers, as typed:")
        items = [
            md.field(line.question.title, line.answer, missing=_unanswered(line.skipped))
            for line in review_lines(last)
        ]
        return [*out, "\n".join(items)]
    when = f", completed on {exact(interview.completed_on)}" if interview.completed_on else ""
    year = f" in {interview.school_year}" if interview.school_year and last else ""
    questions = questions_for(interview)
    # The student's words exactly as typed: no sentence is built around them.
    out.append(
        f"The student's answers as typed during the interview{year} "
        f"({progress(interview.answers, interview.skipped, questions)}{when}):"
    )
    items = []
    for line in review_lines(interview):
        items.append(md.field(line.question.title, line.answer, missing=_unanswered(line.skipped)))
        before = last.answers.get(line.question.id, "") if last else ""
        if before:
            label_words = f"Last year ({last.school_year})" if last.school_year else "Last year"
            items.append(md.list_item(before, label=label_words, indent=2))
    out.append("\n".join(items))
    return out


def _unanswered(skipped: bool) -> str:
    return "Skipped." if skipped else "Not answered yet."


# --- conferences ---------------------------------------------------------------------------------


def action_state(action, today: dt.date) -> str:
    if action.done_on is not None:
        return f"done {exact(action.done_on)}"
    if action.due is None:
        return "not done yet"
    if action.due < today:
        return f"not done: {due_in_words(action.due, relative_to=today)}"
    return f"not done yet, {due_in_words(action.due, relative_to=today)}"


def action_line(action, today: dt.date) -> str:
    who = f"{action.owner}" if action.owner else "no one named"
    by = f", by {exact(action.due)}" if action.due else ""
    return f"- {md.escape(action.what)} ({md.escape(who)}{by}): {action_state(action, today)}"


def _conference_time(conference: Conference) -> str:
    hour = conference.when.hour % 12 or 12
    half = "pm" if conference.when.hour >= 12 else "am"
    return f"{exact(conference.when.date())}, {hour}:{conference.when.minute:02d} {half}"


def _conference(conference: Conference, data: PacketData, today: dt.date) -> list[str]:
    by_id = {g.id: g for g in data.guardians}
    family = [
        _named(by_id[g], conference.student_id) for g in conference.guardian_ids if g in by_id
    ]
    title = (
        f"{_conference_time(conference)}: {label(conference.format)} ({label(conference.status)})"
    )
    fields = [
        md.field("Family", ", ".join(family), missing="No family members recorded"),
        md.field("Staff", ", ".join(conference.staff), missing="None recorded"),
    ]
    if conference.interpreter_needed:
        language = conference.interpreter_language or "language not recorded"
        fields.append(md.field("Interpreter", language))
    out = [md.heading(3, title), "\n".join(fields)]
    nothing = "Not held yet." if conference.status == ConferenceStatus.PLANNED else "None recorded."
    out += ["**Celebrations**", md.paragraphs(conference.celebrations, empty=nothing)]
    out += ["**Concerns**", md.paragraphs(conference.concerns, empty=nothing)]
    if conference.notes:
        out += ["**Notes**", md.paragraphs(conference.notes)]
    out.append("**Agreed actions**")
    if conference.actions:
        out.append("\n".join(action_line(a, today) for a in conference.actions))
    else:
        out.append("None recorded.")
    if conference.next_conference:
        out.append(f"**Next conference:** {exact(conference.next_conference)}")
    return out


def _conferences(data: PacketData, today: dt.date) -> list[str]:
    out = [md.heading(2, "Conferences")]
    if not data.conferences:
        return [*out, NO_CONFERENCES]
    for conference in sorted(data.conferences, key=lambda c: c.when, reverse=True):
        out += _conference(conference, data, today)
    return out


# --- family contacts -----------------------------------------------------------------------------


def _counts(counter: Counter, order) -> str:
    return ", ".join(f"{label(k)} {counter[k]}" for k in order if counter[k]) or "none"


def balance_words(positive: int, concern: int) -> str:
    if positive == 0 and concern == 0:
        return "no positive or concern contacts that got through"
    if concern == 0:
        return f"{positive} positive, no concerns"
    if positive == 0:
        return f"only concerns so far ({concern}); no positive news shared yet"
    return f"{positive} positive to {concern} concern"


def contact_summary(notes: list[ContactNote], today: dt.date) -> list[str]:
    purposes = Counter(note.purpose for note in notes)
    outcomes = Counter(note.outcome for note in notes)
    heard = [note for note in notes if note.outcome in HEARD]
    positive = sum(1 for note in heard if note.purpose in POSITIVE)
    concern = sum(1 for note in heard if note.purpose in CONCERN)
    first, last = min(n.date for n in notes), max(n.date for n in notes)
    count = f"{len(notes)} contact{'s' if len(notes) != 1 else ''}"
    return [
        f"- **Contacts:** {count} from {exact(first)} to {exact(last)}",
        f"- **By purpose:** {_counts(purposes, list(Purpose))}",
        f"- **By outcome:** {_counts(outcomes, list(Outcome))}",
        f"- **Positive to concern:** {balance_words(positive, concern)} "
        "(contacts that reached the family or left a message)",
    ]


def _named(guardian: Guardian, student_id: str) -> str:
    """ "Ann Lee (mother)": the name and who they are to that student."""
    what = guardian.relationship_to(student_id)
    return f"{guardian.name} ({what})" if what else guardian.name


def contact_entry(note: ContactNote, guardians: dict[str, Guardian], today: dt.date) -> str:
    who = guardians.get(note.guardian_id or "")
    with_whom = ""
    if who is not None:
        with_whom = f" · with {md.escape(_named(who, note.student_id))}"
    marker = "**Restricted** · " if note.restricted else ""
    head = (
        f"- {marker}**{exact(note.date)}** · {label(note.channel)} · {label(note.direction)} · "
        f"{label(note.purpose)} · {label(note.outcome)}{with_whom}"
    )
    body = md.paragraph_lines(note.summary) or ["No summary written."]
    lines = [head, ""] + [f"  {line}" if line else "" for line in body]
    if note.follow_up is not None:
        follow = note.follow_up
        what = md.escape(follow.what or "Follow up")
        if follow.done_on:
            state = f"done {exact(follow.done_on)}"
        elif follow.due < today:
            state = f"not done: {due_in_words(follow.due, relative_to=today)}"
        else:
            state = f"not done yet, {due_in_words(follow.due, relative_to=today)}"
        lines += ["", f"  *Follow-up:* {what}, due {exact(follow.due)}: {state}"]
    return "\n".join(lines)


def _contacts(data: PacketData, today: dt.date, include_restricted: bool) -> list[str]:
    out = [md.heading(2, "Family contacts")]
    # another account's restricted note is never in an export, whatever was asked
    notes = [n for n in data.contacts if not n.sealed and (include_restricted or not n.restricted)]
    notes = newest_first(notes)
    privacy = (
        "Your own restricted notes are included and marked **Restricted**; other team "
        "members' restricted notes are not."
        if include_restricted
        else RESTRICTED_LEFT_OUT
    )
    if not notes:
        return [*out, NO_CONTACTS, privacy]
    guardians = {g.id: g for g in data.guardians}
    out += ["\n".join(contact_summary(notes, today)), privacy]
    out += ["**Contacts, newest first**"]
    out.append("\n\n".join(contact_entry(note, guardians, today) for note in notes))
    return out


# --- whole exports -------------------------------------------------------------------------------


def export_packet(
    store: Store,
    student: Student,
    *,
    today: dt.date,
    author: str | None = None,
    fmt: str = "md",
    include_restricted: bool = False,
) -> str:
    """The packet as Markdown (`fmt="md"`) or a whole HTML document (`fmt="html"`)."""
    from teacherdesk.exports.html_page import html_document

    data = gather(store, student, today)
    text = packet_markdown(
        data,
        today=today,
        author=default_author(store) if author is None else author,
        include_restricted=include_restricted,
    )
    if fmt == "html":
        return html_document(
            text,
            title=f"IEP team packet: {student.display_name}",
            banner="Confidential student record: for this student's IEP team only.",
            header=student.display_name,
        )
    return text
