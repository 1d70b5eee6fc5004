"""The notice of an IEP meeting, as Markdown or HTML to print or email (34 CFR 300.322(b)).

In plain, warm words it says why the team meets (the purpose), when (date and time), where (or
how to join by phone or video), who will be there (staff by role, the family, the student, other
agencies), that the family may bring anyone with knowledge or special expertise about their
child, and — when the meeting has to consider transition (the student is 16, or turns 16 while
this IEP is in effect; the age is a setting) — that post-secondary goals and transition services
will be considered and that the student is invited. It offers an interpreter when the family
needs one, ends with a tear-off reply (can attend / need another time / prefer phone or video)
and the teacher's contact details (the sender block of the parent-input request). Every piece of
person text is escaped (`markdown_text`); the HTML comes from `html_page`. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from teacherdesk.domain.dates import exact
from teacherdesk.domain.family import in_order
from teacherdesk.domain.languages import ENGLISH
from teacherdesk.domain.meetings import (
    considers_transition,
    interpreter_language,
    interpreter_needed,
    invited_family,
)
from teacherdesk.exports.letters.translate import Translator
from teacherdesk.exports.markdown_text import bold, escape, heading
from teacherdesk.exports.parent_request import _sender
from teacherdesk.models import IEP, Guardian, MeetingPurpose, Settings, Student

PURPOSE_WORDS = {
    MeetingPurpose.ANNUAL_REVIEW: (
        "to review {name}'s IEP together: how the year has gone, and the plan for the next one"
    ),
    MeetingPurpose.INITIAL: "to write {name}'s first Individualized Education Program (IEP)",
    MeetingPurpose.REEVALUATION: (
        "to go over {name}'s re-evaluation and what it means for {name}'s IEP"
    ),
    MeetingPurpose.AMENDMENT: "to talk about changes to {name}'s current IEP",
    MeetingPurpose.TRANSITION: (
        "to plan {name}'s transition: life after high school, and how school can prepare for it"
    ),
}
DEFAULT_PURPOSE = "to talk about {name}'s Individualized Education Program (IEP)"
CHECKBOX = "☐"

# The notice is English only until its sentences join the letter catalogs (exports/letters).
ENGLISH_LETTER = Translator(ENGLISH)


def _names(family: list) -> str:
    """ "Ana, Luis and Rosa", escaped for Markdown ('' for no one)."""
    return ENGLISH_LETTER.names([guardian.name for guardian in family])


def _when(iep: IEP) -> str:
    day = f"{iep.meeting_date:%A} {iep.meeting_date.day} {iep.meeting_date:%B %Y}"
    return f"{day}, {iep.meeting_time}" if iep.meeting_time else f"{day} (time to be confirmed)"


def _who(iep: IEP, student: Student, family: Sequence[Guardian], invite_student: bool):
    """The attendance list, one Markdown bullet each."""
    staff = [f"- {escape(person)}" for person in iep.team]
    if iep.case_manager and not any(iep.case_manager in person for person in iep.team):
        staff.insert(0, f"- {escape(iep.case_manager)} (case manager)")
    if not staff:
        staff = ["- Staff from the school who work with your child (we will tell you who)"]
    people = [*staff]
    if family:
        people.append(f"- You: {_names(list(family))}")
    else:
        people.append("- You, the family")
    if invite_student:
        people.append(f"- {escape(student.preferred_name or student.first_name)}, who is invited")
    people += [f"- {escape(agency)} (invited, with your consent)" for agency in iep.agencies]
    return people


def build_notice_markdown(
    student: Student,
    guardians: Sequence[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
) -> str:
    """The notice as CommonMark (every piece of user text escaped)."""
    family = invited_family(in_order(guardians, by="rights"))
    first = student.preferred_name or student.first_name
    name = escape(first)
    transition = considers_transition(iep, student, settings)
    invite_student = transition or iep.student_invited
    purpose = PURPOSE_WORDS.get(iep.meeting_purpose, DEFAULT_PURPOSE) if iep.meeting_purpose else ""
    purpose = (purpose or DEFAULT_PURPOSE).format(name=name)
    out = [
        heading(1, f"You are invited to {student.display_name}'s IEP meeting"),
        "",
        escape(exact(today)),
        "",
        *_sender(settings, ENGLISH_LETTER),
        "",
        f"Dear {_names(family) or 'Family'},",
        "",
        f"You are an important member of {name}'s IEP team, and we would like you to be there. "
        f"We are meeting {purpose}.",
        "",
        "## When and where",
        "",
        f"- {bold('When:')} {escape(_when(iep))}",
    ]
    if iep.meeting_place:
        out.append(f"- {bold('Where:')} {escape(iep.meeting_place)}")
    if iep.meeting_call:
        out.append(f"- {bold('To join by phone or video:')} {escape(iep.meeting_call)}")
    if not (iep.meeting_place or iep.meeting_call):
        out.append(f"- {bold('Where:')} at school (we will confirm the room)")
    out += [
        "",
        "If this time does not work for you, please tell us: we will find a time and place that "
        "suits us both, or you can join by phone or video.",
        "",
        "## Who will be there",
        "",
        *_who(iep, student, family, invite_student),
        "",
        f"You are welcome to bring anyone who knows {name} well or has knowledge or special "
        "expertise about your child — a relative, a friend, a doctor, an advocate. Please let "
        "us know who is coming so we can plan the room.",
        "",
    ]
    if transition:
        out += [
            "## Planning for life after school",
            "",
            f"At this meeting we will also talk about {name}'s goals for after high school — "
            "further education or training, work, and living on their own — and the transition "
            f"services that will help {name} get there. {name} is invited to the meeting: this "
            f"is {name}'s plan, and {name}'s own ideas matter most.",
            "",
        ]
        if iep.agencies:
            agencies = escape(", ".join(iep.agencies))
            out += [
                f"With your consent we are also inviting {agencies}, who may provide or pay "
                "for transition services.",
                "",
            ]
    if interpreter_needed(iep, guardians):
        language = interpreter_language(iep, guardians)
        spoken = f" in {escape(language)}" if language else ""
        out += [
            f"An interpreter{spoken} will be at the meeting for you, free of charge.",
            "",
        ]
    out += [
        "Please let us know whether you can come by returning the slip below, or by calling or "
        "emailing us. We look forward to seeing you.",
        "",
        "With warm regards,",
        "",
        *_sender(settings, ENGLISH_LETTER),
        "",
        "---",
        "",
        "## Reply slip",
        "",
        f"Please cut off and return to school in {name}'s folder, or tell us by phone or email.",
        "",
        f"{bold('Student:')} {escape(student.display_name)} · {bold('Meeting:')} "
        f"{escape(_when(iep))}",
        "",
        f"- {CHECKBOX} Yes, we can attend.",
        f"- {CHECKBOX} We need another time. Times that suit us: "
        "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_",
        f"- {CHECKBOX} We would prefer to join by phone or video. Best number or email: "
        "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_",
        "",
        "Name: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ Signature: "
        "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_",
        "",
        f"*Confidential: prepared for {_names(family) or 'the family'} on {escape(exact(today))}.*",
        "",
    ]
    return "\n".join(out)


def build_notice(
    student: Student,
    guardians: Sequence[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
    *,
    fmt: str = "md",
) -> str:
    markdown = build_notice_markdown(student, guardians, iep, settings, today)
    if fmt == "html":
        from teacherdesk.exports.html_page import letter_document

        title = f"You are invited to {student.display_name}'s IEP meeting"
        return letter_document(markdown, title=title, header=student.display_name)
    return markdown


def notice_filename(student: Student, fmt: str = "md") -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in student.display_name.lower()).strip("-")
    return f"iep-meeting-notice-{safe or 'student'}.{fmt}"
