"""A short recap of one conference, written for the family (not for the IEP team).

Warm, plain language: thank you for meeting, what we celebrated, what we are working on, who does
what by when, when we meet next. Everything typed is escaped (`markdown_text`); Markdown or HTML
(`html_page`). Nothing from contact notes (restricted or not) goes in, and no other student is
named. Pure: the store is only read in `gather_recap`; `today` is a parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from teacherdesk.domain.dates import exact
from teacherdesk.exports import markdown_text as md
from teacherdesk.models import Conference, ConferenceFormat, Guardian, Settings, Student
from teacherdesk.store import Store

FORMAT_WORDS = {
    ConferenceFormat.ONE_ON_ONE: "meeting with me",
    ConferenceFormat.TEAM: "meeting with the team",
    ConferenceFormat.TELEPHONE: "talking with me on the phone",
    ConferenceFormat.VIDEO: "meeting with me by video",
    ConferenceFormat.EMAIL: "writing back and forth with me by email",
}


@dataclass
class RecapData:
    student: Student
    conference: Conference
    guardians: list[Guardian] = field(default_factory=list)  # the student's guardians
    settings: Settings = field(default_factory=Settings)


def gather_recap(store: Store, conference_id: str) -> RecapData | None:
    conference = store.conferences.get(conference_id)
    if conference is None:
        return None
    student = store.students.get(conference.student_id)
    if student is None:
        return None
    return RecapData(
        student=student,
        conference=conference,
        guardians=store.guardians.for_student(student.id),
        settings=store.settings.load(),
    )


def _greeting(data: RecapData) -> str:
    by_id = {g.id: g for g in data.guardians}
    came = [by_id[g].name for g in data.conference.guardian_ids if g in by_id]
    names = came or [g.name for g in data.guardians]
    if not names:
        return "Dear family,"
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Dear {md.escape(joined)},"


def _owner(owner: str, data: RecapData) -> str:
    words = owner.strip()
    if not words:
        return "Together"
    lowered = words.lower()
    if lowered in {"family", "parent", "parents", "guardian", "home"}:
        return "You (at home)"
    if lowered in {"teacher", "me", "school", "staff"}:
        return "Me"
    if lowered in {"student", "child"}:
        return md.escape(data.student.preferred_name or data.student.first_name)
    return md.escape(words)


def recap_markdown(data: RecapData, *, today: dt.date) -> str:
    student, conference = data.student, data.conference
    name = student.preferred_name or student.first_name
    when = exact(conference.when.date())
    how = FORMAT_WORDS.get(conference.format, "meeting with me")
    parts = [
        md.heading(1, f"Our conference about {name}"),
        _greeting(data),
        f"Thank you for {how} on {when}. Here is a short recap of what we talked about and "
        f"what we agreed, so we all remember the same plan for {md.escape(name)}.",
        md.heading(2, "What we celebrated"),
        md.paragraphs(
            conference.celebrations,
            empty=f"We did not write anything down here, but there is a lot to be proud of in "
            f"{md.escape(name)}.",
        ),
    ]
    if conference.concerns.strip():
        parts += [md.heading(2, "What we are working on"), md.paragraphs(conference.concerns)]
    parts.append(md.heading(2, "What we agreed: who does what, by when"))
    if conference.actions:
        items = []
        for action in conference.actions:
            by = f", by {exact(action.due)}" if action.due else ""
            done = f" (done {exact(action.done_on)})" if action.done_on else ""
            items.append(f"- **{_owner(action.owner, data)}:** {md.escape(action.what)}{by}{done}")
        parts.append("\n".join(items))
    else:
        parts.append("We did not agree on any next steps this time.")
    parts.append(md.heading(2, "Next meeting"))
    if conference.next_conference:
        parts.append(f"We plan to meet again on {exact(conference.next_conference)}.")
    else:
        parts.append(
            "We have not set a date yet; I will be in touch to find a time that suits you."
        )
    parts.append(
        "If anything here does not match what you remember, or you have a question, please "
        "get in touch. Thank you for working with me."
    )
    teacher = data.settings.teacher_name
    school = data.settings.school
    signature = md.escape(teacher) if teacher else "Your child's teacher"
    if school:
        signature += f"\\\n{md.escape(school)}"
    parts.append(signature)
    parts.append(
        f"*Written on {exact(today)} for {md.escape(name)}'s family. Private: please keep it "
        "for yourselves.*"
    )
    return "\n\n".join(parts) + "\n"


def recap_title(data: RecapData) -> str:
    name = data.student.preferred_name or data.student.first_name
    return f"Our conference about {name}"


def export_recap(data: RecapData, *, today: dt.date, fmt: str = "md") -> str:
    text = recap_markdown(data, today=today)
    if fmt == "html":
        from teacherdesk.exports.html_page import html_document

        return html_document(
            text,
            title=recap_title(data),
            banner=f"Private: for {data.student.preferred_name or data.student.first_name}'s "
            "family.",
            header=data.student.display_name,
        )
    return text


def recap_file_stem(data: RecapData) -> str:
    from teacherdesk.exports.packet import file_stem

    return file_stem(data.student, data.conference.when.date(), kind="conference-recap")
