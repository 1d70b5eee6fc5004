"""The record of the school's attempts to bring the family to an IEP meeting (34 CFR 300.322(d)):
detailed records of calls made or attempted and their results, copies of correspondence sent and
any replies received, and visits — each attempt with its date, channel, who was tried, who made
it and the result; the letters sent (the meeting notice, the parental-input request, the draft
IEP, the copy of the IEP); the family's replies; and where the evidence stands (ready, or what
is still needed). Restricted notes are listed (the attempt happened) with their text withheld
unless asked. Person text escaped (`markdown_text`); HTML through `html_page`. Pure.
"""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.dates import exact
from teacherdesk.domain.meetings import MeetingEvidence
from teacherdesk.exports.markdown_text import bold, escape, heading
from teacherdesk.models import Settings, label


def _letters(evidence: MeetingEvidence) -> list[str]:
    iep = evidence.iep
    found: list[tuple[dt.date, str]] = []
    if iep.notice_sent_on:
        how = f" by {label(iep.notice_sent_how)}" if iep.notice_sent_how else ""
        found.append((iep.notice_sent_on, f"Notice of the IEP meeting{how}"))
    parental = iep.parental_input
    if parental.requested_on:
        how = f" ({label(parental.requested_how)})" if parental.requested_how else ""
        found.append((parental.requested_on, f"Request for the family's input{how}"))
    if iep.draft_sent_on:
        how = f" ({label(iep.draft_sent_how)})" if iep.draft_sent_how else ""
        found.append((iep.draft_sent_on, f"Draft IEP sent to the family{how}"))
    if iep.iep_copy_given_on:
        found.append((iep.iep_copy_given_on, "Copy of the IEP given to the family"))
    for attempt in evidence.outgoing:
        if attempt.channel.value in ("letter", "email"):
            found.append((attempt.date, f"{label(attempt.channel).capitalize()} (see attempts)"))
    return [f"- {escape(exact(day))}: {escape(words)}" for day, words in sorted(found)]


def _text(attempt, include_restricted: bool) -> str:
    if attempt.restricted and not include_restricted:
        return "(restricted note: its text is left out)"
    return attempt.summary


def _replies(evidence: MeetingEvidence, include_restricted: bool) -> list[str]:
    iep = evidence.iep
    out = []
    if iep.family_reply is not None:
        when = exact(iep.family_reply_on) if iep.family_reply_on else "date not recorded"
        out.append(f"- {escape(when)}: reply to the notice — {escape(label(iep.family_reply))}")
    for attempt in evidence.attempts:
        if attempt.incoming:
            who = f" from {attempt.guardian}" if attempt.guardian else ""
            summary = _text(attempt, include_restricted)
            text = f" — {summary}" if summary else ""
            out.append(
                f"- {escape(exact(attempt.date))}: {escape(label(attempt.channel))}{escape(who)}"
                f"{escape(text)}"
            )
    return out


def build_evidence_markdown(
    evidence: MeetingEvidence,
    settings: Settings,
    today: dt.date,
    *,
    include_restricted: bool = False,
) -> str:
    iep, student = evidence.iep, evidence.student
    when = f"{exact(iep.meeting_date)}" + (f", {iep.meeting_time}" if iep.meeting_time else "")
    purpose = label(iep.meeting_purpose) if iep.meeting_purpose else "not recorded"
    state = "Ready" if evidence.ready else "Needs something"
    out = [
        heading(1, f"IEP meeting participation record: {student.display_name}"),
        "",
        f"**Confidential student record.** Prepared on {escape(exact(today))} by "
        f"{escape(settings.teacher_name or 'the teacher')}: the school's attempts to arrange "
        "the parents' participation (34 CFR 300.322(d)).",
        "",
        heading(2, "The meeting"),
        "",
        f"- {bold('Purpose:')} {escape(purpose)}",
        f"- {bold('When:')} {escape(when)}",
        f"- {bold('Where:')} {escape(iep.meeting_place or 'not recorded')}",
    ]
    if iep.meeting_call:
        out.append(f"- {bold('Phone or video:')} {escape(iep.meeting_call)}")
    interpreter = "not needed"
    if evidence.interpreter:
        booked = exact(iep.interpreter_booked_on) if iep.interpreter_booked_on else "not yet"
        spoken = f" ({evidence.language})" if evidence.language else ""
        interpreter = f"needed{spoken}; booked {booked}"
    out += [
        f"- {bold('Interpreter:')} {escape(interpreter)}",
        f"- {bold('Transition considered:')} {'yes' if evidence.transition else 'no'}",
        "",
        heading(2, f"Where it stands: {state}"),
        "",
        *[f"- {'Done' if c.ok else 'Needed'}: {escape(c.words)}" for c in evidence.checks],
        "",
        heading(2, "Attempts to reach the family"),
        "",
    ]
    outgoing = evidence.outgoing
    if not outgoing:
        since = f" since the notice ({exact(iep.notice_sent_on)})" if iep.notice_sent_on else ""
        out.append(f"No attempts recorded{escape(since)}.")
    for number, attempt in enumerate(outgoing, start=1):
        who = attempt.guardian or "the family"
        by = f", by {attempt.by}" if attempt.by else ""
        line = (
            f"{number}. {escape(exact(attempt.date))} · {escape(label(attempt.channel))} · "
            f"to {escape(who)}{escape(by)} · result: {escape(attempt.result)}"
        )
        summary = _text(attempt, include_restricted)
        out.append(f"{line}\\\n   {escape(summary)}" if summary else line)
    out += [
        "",
        heading(2, "Letters and correspondence sent"),
        "",
        *(_letters(evidence) or ["None recorded."]),
        "",
        heading(2, "Replies from the family"),
        "",
        *(_replies(evidence, include_restricted) or ["None recorded."]),
        "",
    ]
    return "\n".join(out)


def build_evidence(
    evidence: MeetingEvidence,
    settings: Settings,
    today: dt.date,
    *,
    fmt: str = "md",
    include_restricted: bool = False,
) -> str:
    markdown = build_evidence_markdown(
        evidence, settings, today, include_restricted=include_restricted
    )
    if fmt == "html":
        from teacherdesk.exports.html_page import html_document

        student = evidence.student.display_name
        return html_document(
            markdown,
            title=f"IEP meeting participation record: {student}",
            banner="Confidential student record",
            header=student,
        )
    return markdown


def evidence_filename(name: str, fmt: str = "md") -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
    return f"iep-meeting-evidence-{safe or 'student'}.{fmt}"
