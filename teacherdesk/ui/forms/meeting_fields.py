"""The meeting part of the IEP record (34 CFR 300.322): purpose, time, place or phone/video,
other agencies, the student, the interpreter, the notice, the family's reply and the copy of the
IEP; and how the deadlines and the participation evidence read on screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Input, Label, Select

from teacherdesk.domain.iep_timeline import MEETING, State
from teacherdesk.models import IEP, Channel, MeetingPurpose, MeetingReply, label
from teacherdesk.ui.widgets.date_input import DateInput

PURPOSES = [(label(p), p.value) for p in MeetingPurpose]
CHANNELS = [(label(c), c.value) for c in Channel]
REPLIES = [(label(r), r.value) for r in MeetingReply]
INTERPRETER = [("as the family record says", "family"), ("needed", "yes"), ("not needed", "no")]
STUDENT = [("not invited", "no"), ("invited", "yes")]


def _choice(kind, value):
    return None if value in (None, Select.NULL) else kind(value)


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


STATE_STYLE = {
    State.LATE: "bold $error",
    State.TODAY: "bold $warning",
    State.SOON: "$warning",
    State.DONE: "$success",
    State.LATER: "",
}


def deadline_markup(found, *, width: int = 22, day_off: str = "") -> str:
    """The deadlines as lines of Textual markup: title, words (coloured by state), exact date;
    `day_off` ("a Saturday") is said after the meeting's date, as under its field."""
    lines = []
    for deadline in found:
        style = STATE_STYLE[deadline.state]
        words = escape(deadline.words)
        words = f"[{style}]{words}[/]" if style else words
        line = f"{escape(deadline.title):<{width}} {words} · {escape(deadline.exact)}"
        if day_off and deadline.key == MEETING and not deadline.done:
            line += f" [$warning]— {escape(day_off)}[/]"
        lines.append(line)
    return "\n".join(lines)


def _meeting(evidence) -> str:
    """'Meeting', or 'Meeting on a Saturday' (a weekend or a school holiday: flagged in words)."""
    return f"Meeting on {evidence.day_off}" if evidence.day_off else "Meeting"


def evidence_markup(evidence) -> str:
    """'Meeting: ready' or 'Meeting: needs something', then each check (✓ done, • needed)."""
    meeting = escape(_meeting(evidence))
    if evidence.ready:
        head = f"[bold $success]{meeting}: ready[/]"
    else:
        head = f"[bold $warning]{meeting}: needs something[/]"
    lines = [head]
    for check in evidence.checks:
        mark = "[$success]✓[/]" if check.ok else "[$warning]•[/]"
        lines.append(f"{mark} {escape(check.words)}")
    return "\n".join(lines)


def evidence_line(evidence) -> str:
    """One line for the IEP list: 'Meeting: ready', or the first need and how many more;
    'Meeting on a Saturday needs: …' when it is set on a weekend or a school holiday."""
    needs = evidence.needs
    meeting = escape(_meeting(evidence))
    if not needs:
        style = "$warning" if evidence.day_off else "$success"
        return f"[{style}]{meeting}: ready[/]"
    more = f" (+{len(needs) - 1} more)" if len(needs) > 1 else ""
    return f"[$warning]{meeting} needs:[/] {escape(needs[0].words)}{more}"


def meeting_rows() -> ComposeResult:
    with Horizontal(classes="iep-row"):
        yield Label("Time", classes="iep-label", markup=False)
        yield Input(id="ir-time", placeholder="3:30 pm")
        yield Select(PURPOSES, prompt="purpose", id="ir-purpose", classes="iep-choice")
    with Horizontal(classes="iep-row"):
        yield Label("Place", classes="iep-label", markup=False)
        yield Input(id="ir-place", placeholder="room, building")
    with Horizontal(classes="iep-row"):
        yield Label("Phone/video", classes="iep-label", markup=False)
        yield Input(id="ir-call", placeholder="number or link to join from afar")
    with Horizontal(classes="iep-row"):
        yield Label("Agencies", classes="iep-label", markup=False)
        yield Input(id="ir-agencies", placeholder="other agencies invited, by commas")
    with Horizontal(classes="iep-row"):
        yield Label("Student", classes="iep-label", markup=False)
        yield Select(STUDENT, allow_blank=False, id="ir-student", classes="iep-choice")
    with Horizontal(classes="iep-row"):
        yield Label("Interpreter", classes="iep-label", markup=False)
        yield Select(INTERPRETER, allow_blank=False, id="ir-interpreter", classes="iep-choice")
        yield Input(id="ir-language", placeholder="language")
    with Horizontal(classes="iep-row"):
        yield Label("Booked on", classes="iep-label", markup=False)
        yield DateInput(id="ir-booked-on", placeholder="when the interpreter was booked", past=True)
    with Horizontal(classes="iep-row"):
        yield Label("Notice sent", classes="iep-label", markup=False)
        yield DateInput(id="ir-notice-on", placeholder="when the notice went out", past=True)
        yield Select(CHANNELS, prompt="how", id="ir-notice-how", classes="iep-how")
    with Horizontal(classes="iep-row"):
        yield Label("Reply", classes="iep-label", markup=False)
        yield Select(REPLIES, prompt="family's reply", id="ir-reply", classes="iep-choice")
        yield DateInput(id="ir-reply-on", placeholder="on", past=True)


def fill_meeting(screen: Screen, iep: IEP) -> None:
    """Show a stored meeting record in the fields."""

    def choose(widget_id: str, value) -> None:
        screen.query_one(widget_id, Select).value = value.value if value else Select.NULL

    screen.query_one("#ir-time", Input).value = iep.meeting_time
    choose("#ir-purpose", iep.meeting_purpose)
    screen.query_one("#ir-place", Input).value = iep.meeting_place
    screen.query_one("#ir-call", Input).value = iep.meeting_call
    screen.query_one("#ir-agencies", Input).value = ", ".join(iep.agencies)
    screen.query_one("#ir-student", Select).value = "yes" if iep.student_invited else "no"
    needed = {None: "family", True: "yes", False: "no"}[iep.interpreter_needed]
    screen.query_one("#ir-interpreter", Select).value = needed
    screen.query_one("#ir-language", Input).value = iep.interpreter_language
    screen.query_one("#ir-booked-on", DateInput).set_date(iep.interpreter_booked_on)
    screen.query_one("#ir-notice-on", DateInput).set_date(iep.notice_sent_on)
    choose("#ir-notice-how", iep.notice_sent_how)
    choose("#ir-reply", iep.family_reply)
    screen.query_one("#ir-reply-on", DateInput).set_date(iep.family_reply_on)
    screen.query_one("#ir-copy-on", DateInput).set_date(iep.iep_copy_given_on)


def meeting_values(screen: Screen) -> dict:
    """The meeting fields as IEP values (the dates are read with the form's other dates)."""
    return {
        "meeting_time": screen.query_one("#ir-time", Input).value,
        "meeting_purpose": _choice(MeetingPurpose, screen.query_one("#ir-purpose", Select).value),
        "meeting_place": screen.query_one("#ir-place", Input).value,
        "meeting_call": screen.query_one("#ir-call", Input).value,
        "agencies": _names(screen.query_one("#ir-agencies", Input).value),
        "student_invited": screen.query_one("#ir-student", Select).value == "yes",
        "interpreter_needed": {"yes": True, "no": False}.get(
            screen.query_one("#ir-interpreter", Select).value  # type: ignore[arg-type]
        ),
        "interpreter_language": screen.query_one("#ir-language", Input).value,
        "notice_sent_how": _choice(Channel, screen.query_one("#ir-notice-how", Select).value),
        "family_reply": _choice(MeetingReply, screen.query_one("#ir-reply", Select).value),
    }
