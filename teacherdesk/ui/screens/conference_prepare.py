"""Prepare for a conference: how to reach the family, recent contacts, open promises, last time."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from teacherdesk.domain.conferences import Preparation, format_time
from teacherdesk.domain.dates import due_in_words, exact, humanize
from teacherdesk.models import Conference, label
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.footer import DeskFooter


def _section(title: str, lines: list[Text | str]) -> list[Static]:
    body = Text()
    for i, line in enumerate(lines):
        if i:
            body.append("\n")
        body.append(line if isinstance(line, Text) else Text(line))
    return [Static(title, classes="prep-head", markup=False), Static(body, classes="prep-body")]


def preparation_sections(
    prep: Preparation, conference: Conference, today
) -> list[tuple[str, list[Text | str]]]:
    """The prepare view as (heading, lines): pure, so it is easy to test and to read."""
    when = conference.when
    plan = [
        f"{exact(when.date())} at {format_time(when.time())} "
        f"({humanize(when.date(), relative_to=today)}) · {label(conference.format)}"
    ]
    needed, language = conference.interpreter_needed, conference.interpreter_language
    if needed:
        plan.append(Text(f"Interpreter needed: {language or 'language not recorded'}", "bold"))
    if conference.staff:
        plan.append("Staff: " + ", ".join(conference.staff))
    family: list[Text | str] = []
    for g in prep.guardians:
        coming = " (invited)" if g.id in conference.guardian_ids else ""
        what = g.relationship_to(conference.student_id)
        head = f"{g.name}{' · ' + what if what else ''}{coming}"
        family.append(Text(head, "bold"))
        reach = [f"{p.label} {p.number}" for p in g.phones]
        if g.email:
            reach.append(g.email)
        if reach:
            family.append("  " + " · ".join(reach))
        prefs = []
        if g.preferred_channel:
            prefs.append(f"prefers {label(g.preferred_channel)}")
        if g.best_time:
            prefs.append(f"best {g.best_time}")
        if g.preferred_language:
            prefs.append(g.preferred_language + (" (interpreter)" if g.interpreter_needed else ""))
        if prefs:
            family.append("  " + " · ".join(prefs))
    if not family:
        family = ["No guardians on record."]
    contacts: list[Text | str] = []
    for note in prep.recent_contacts:
        flag = " [restricted]" if note.restricted else ""
        contacts.append(
            Text(
                f"{note.date:%d %b} · {label(note.purpose)} · {label(note.channel)} · "
                f"{label(note.outcome)}{flag}",
                "bold",
            )
        )
        if note.summary:
            contacts.append("  " + " ".join(note.summary.split())[:150])
    if not contacts:
        contacts = ["No contacts logged yet."]
    open_lines: list[Text | str] = []
    for item in prep.open_items:
        due = due_in_words(item.due, relative_to=today) if item.due else "no due date"
        owner = f" · {item.owner}" if item.owner else ""
        style = "bold red" if item.due and item.due < today else ""
        open_lines.append(Text(f"{item.what}{owner} · {due} ({item.source})", style))
    if not open_lines:
        open_lines = ["Nothing open: every follow-up and action is done."]
    last: list[Text | str] = []
    if prep.last_conference is None:
        last = ["No earlier conference recorded."]
    else:
        lc = prep.last_conference
        last.append(Text(f"{exact(lc.when.date())} · {label(lc.format)}", "bold"))
        if lc.celebrations:
            last.append("Celebrations: " + " ".join(lc.celebrations.split()))
        if lc.concerns:
            last.append("Concerns: " + " ".join(lc.concerns.split()))
        for action in lc.actions:
            state = f"done {action.done_on:%d %b}" if action.done_on else "open"
            due = f" · due {action.due:%d %b}" if action.due else ""
            owner = f" · {action.owner}" if action.owner else ""
            last.append(f"  - {action.what}{owner}{due} · {state}")
        if not lc.actions:
            last.append("No actions were agreed.")
    return [
        ("The plan", plan),
        ("Family and how to reach them", family),
        ("Open follow-ups and actions", open_lines),
        ("Last conference's agreed actions", last),
        ("Recent contacts", contacts),
    ]


class ConferencePrepareScreen(DeskScreen[str | None]):
    """Dismisses with 'record' or 'edit' when the teacher asks for them, else None."""

    SUB_TITLE = "Prepare a conference"  # the title bar shows the screen's name

    BINDINGS = [
        Binding("r", "finish('record')", "Record as held", id="prep-record", tooltip="Record it"),
        Binding("e", "finish('edit')", "Change plan", id="prep-edit", tooltip="Change the plan"),
        Binding("escape", "finish('')", "Back", id="prep-back", tooltip="Back to the list"),
    ]

    def __init__(self, prep: Preparation, conference: Conference, today) -> None:
        super().__init__()
        self.prep = prep
        self.conference = conference
        self.today = today

    def compose(self) -> ComposeResult:
        name = self.prep.student.display_name if self.prep.student else "a student"
        yield Header()
        yield Static(f"Prepare · {name}'s family", classes="form-title", markup=False)
        with VerticalScroll(id="prep-scroll"):
            for title, lines in preparation_sections(self.prep, self.conference, self.today):
                yield from _section(title, lines)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#prep-scroll").focus()

    def action_finish(self, what: str) -> None:
        self.dismiss(what or None)
