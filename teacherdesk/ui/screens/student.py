"""One student: profile, the family as cards, siblings, and a single timeline of everything.

Pushed on top of whatever mode the teacher was in; escape goes back. Other features add their own
keys to BINDINGS (n contact, c conference, i interview, p parental input, x packet): keep it a
plain list, and do not use those letters here.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from teacherdesk.domain.access import student_line
from teacherdesk.domain.contacts import this_year_label
from teacherdesk.domain.dates import exact, humanize
from teacherdesk.domain.engagement import FamilyEngagement, family_engagement
from teacherdesk.domain.family import family, link_guardian, unlink_guardian
from teacherdesk.domain.roster import siblings
from teacherdesk.domain.school_days import born_words
from teacherdesk.domain.timeline import (
    CONFERENCE,
    CONTACT,
    EVENT,
    IEP_STEP,
    TimelineEntry,
    build_timeline,
)
from teacherdesk.models import Guardian, Student
from teacherdesk.store.access_log import read as read_access_log
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.footer import DeskFooter
from teacherdesk.ui.widgets.guardian_card import GuardianCard

KIND_STYLES = {CONTACT: "cyan", CONFERENCE: "magenta", EVENT: "green", IEP_STEP: "yellow"}


@dataclass
class StudentView:
    """Everything the screen shows, loaded in one go off the event loop."""

    student: Student | None
    guardians: list[Guardian] = field(default_factory=list)
    siblings: list[Student] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    other_children: dict[str, list[str]] = field(default_factory=dict)  # guardian id → names
    engagement: FamilyEngagement | None = None
    access: str = ""  # the access log's line: what was last given out about the student
    years: str = ""  # which years the timeline holds: "This year · 2026-27"


def load_view(store, student_id: str, today: dt.date, all_years: bool = False) -> StudentView:
    student = store.students.get(student_id)
    if student is None:
        return StudentView(None)
    guardians = family(store, student_id, by="name")
    names: dict[str, str] = {}
    others: dict[str, list[str]] = {}
    for guardian in guardians:
        for other_id in guardian.student_ids:
            if other_id == student_id:
                continue
            if other_id not in names:
                other = store.students.get(other_id)
                names[other_id] = other.display_name if other else "a removed student"
            others.setdefault(guardian.id, []).append(names[other_id])
    return StudentView(
        student,
        guardians,
        siblings(store, student_id),
        build_timeline(store, student_id, today=today, all_years=all_years),
        others,
        engagement=family_engagement(store.events.all(), student_id, today),
        access=student_line(read_access_log(store), student_id),
        years=years_heading(store, today, all_years),
    )


def years_heading(store, today: dt.date, all_years: bool) -> str:
    """'This year · 2026-27' or 'All years · 2017-18 to 2026-27' (past files are not opened)."""
    this_year = this_year_label(store, today)
    if not all_years:
        return f"This year · {this_year}"
    labels = sorted({*store.past_year_labels(), this_year})
    return f"All years · {labels[0]} to {this_year}" if len(labels) > 1 else "All years"


class StudentScreen(DeskScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # The footer shows the everyday keys (80 columns hold about eight); help lists them all.
    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back",
            show=False,  # the footer keeps room for the everyday keys; help lists escape
            id="student-back",
            tooltip="Back to where you were",
        ),
        Binding("n", "app.log_contact", "Note", id="student-note", tooltip="Log a contact"),
        Binding("c", "plan_conference", "Conference", id="student-conference", tooltip="Plan one"),
        Binding("e", "edit_student", "Edit", id="student-edit", tooltip="Edit the student"),
        Binding(
            "g", "add_guardian", "Guardian", id="student-add-guardian", tooltip="Add a guardian"
        ),
        Binding(
            "p", "parental_input", "Input", id="student-parental", tooltip="Parental input (IEP)"
        ),
        # Quit works as everywhere; not shown here so that f1 Help fits at 80 columns.
        Binding("ctrl+q", "app.quit", "Quit", show=False, id="student-quit", tooltip="Quit"),
        Binding("i", "interview", "Interview", id="student-interview", tooltip="Student input"),
        Binding("x", "app.export_packet", "Packet", id="student-packet", tooltip="IEP packet"),
        # One key, two actions (see check_action). Not in the footer (f1 Help must fit at 80
        # columns): the timeline's title names the key and the years shown.
        Binding(
            "y",
            "years(True)",
            "All years",
            show=False,
            id="student-all-years",
            tooltip="The timeline of every school year (past years are read-only)",
        ),
        Binding(
            "y",
            "years(False)",
            "This year",
            show=False,
            id="student-this-year",
            tooltip="The timeline of this school year",
        ),
        Binding(
            "l",
            "link_guardian",
            "Link",
            show=False,
            id="student-link-guardian",
            tooltip="Link a guardian already in the file (a sibling's parent)",
        ),
        Binding(
            "u",
            "unlink_guardian",
            "Unlink",
            show=False,
            id="student-unlink-guardian",
            tooltip="Unlink the focused guardian from this student",
        ),
        Binding(
            "s", "sibling", "Sibling", show=False, id="student-sibling", tooltip="Open a sibling"
        ),
        Binding(
            "t",
            "copy_phone",
            "Copy phone",
            show=False,
            id="student-copy-phone",
            tooltip="Copy a phone",
        ),
        Binding(
            "m",
            "copy_email",
            "Copy email",
            show=False,
            id="student-copy-email",
            tooltip="Copy an email",
        ),
    ]

    def __init__(self, student_id: str) -> None:
        super().__init__()
        self.student_id = student_id
        self.shown: StudentView | None = None
        self.all_years = False
        self._phone_turn: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="student-body"):
            yield Static("Loading…", id="profile", markup=False)
            yield Static("Family", classes="section-title", markup=False)
            yield Grid(id="family")
            yield Static("", id="siblings", markup=False)
            yield Static("", id="engagement", markup=False)
            yield Static("", id="access-line", markup=False)
            yield Static("Timeline", id="timeline-title", classes="section-title", markup=False)
            yield Static("", id="timeline", markup=False)
        # Every everyday key and f1 Help fit at 80 columns (ctrl+p still opens the palette).
        yield DeskFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#student-body").focus()
        self.load()

    def load(self) -> None:
        self._load(self.all_years)

    # Past years' files are opened here, in the thread, and only for "all years".
    @work(thread=True, exclusive=True, group="student-load")
    def _load(self, all_years: bool) -> None:
        store = self.desk.store
        opened = store.past_years_open
        view = load_view(store, self.student_id, self.desk.today(), all_years)
        if store.past_years_open > opened:
            gc.freeze()  # past years' files just read stay in memory (see the app's on_mount)
        if not get_current_worker().is_cancelled:  # a newer load replaced this one
            self.app.call_from_thread(self._show_if_current, view, all_years)

    async def _show_if_current(self, view: StudentView, all_years: bool) -> None:
        if all_years == self.all_years:  # else `y` was pressed again: that load is coming
            await self._show(view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "years":
            return parameters[0] != self.all_years  # only the other choice is offered
        return True

    def action_years(self, all_years: bool) -> None:
        """The timeline of this year, or of every year (past years' files opened only now)."""
        self.all_years = all_years
        self.query_one("#timeline-title", Static).update(
            "Timeline · loading every year…" if all_years else "Timeline · loading this year…"
        )
        self.refresh_bindings()
        self.load()

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    # --- drawing ---------------------------------------------------------------------------

    async def _show(self, view: StudentView) -> None:
        self.shown = view
        student = view.student
        if student is None:
            self.query_one("#profile", Static).update("This student is no longer in the file.")
            return
        self.sub_title = student.display_name
        self.query_one("#profile", Static).update(_profile(student, self.desk.today()))
        await self._show_family(view)
        self.query_one("#siblings", Static).update(_siblings(view.siblings))
        if view.engagement is not None:
            self.query_one("#engagement", Static).update(_engagement(view.engagement))
        access = self.query_one("#access-line", Static)
        access.update(view.access)
        access.display = bool(view.access)  # nothing given out yet: no line
        other = "this year" if self.all_years else "all years"
        self.query_one("#timeline-title", Static).update(
            f"Timeline · {view.years} · newest first · y {other}"
        )
        self.query_one("#timeline", Static).update(_timeline(view.timeline, self.desk.today()))

    async def _show_family(self, view: StudentView) -> None:
        family = self.query_one("#family", Grid)
        focused = self.focused_guardian
        focus_id = focused.id if focused else None
        await family.remove_children()
        if not view.guardians:
            await family.mount(
                Static(
                    "No guardians yet: g adds one, l links one already in the file.",
                    classes="section-hint",
                    markup=False,
                )
            )
            return
        cards = [
            GuardianCard(
                g,
                shared_with=view.other_children.get(g.id),
                student_id=self.student_id,
                id=f"guardian-{g.id}",
            )
            for g in view.guardians
        ]
        await family.mount_all(cards)
        if focus_id:
            for card in cards:
                if card.guardian.id == focus_id:
                    card.focus()

    # --- which guardian ---------------------------------------------------------------------

    @property
    def focused_guardian(self) -> Guardian | None:
        focused = self.focused
        return focused.guardian if isinstance(focused, GuardianCard) else None

    def _target_guardian(self, doing: str) -> Guardian | None:
        """The focused card's guardian; with one guardian, that one; else ask to pick a card."""
        if (guardian := self.focused_guardian) is not None:
            return guardian
        guardians = self.shown.guardians if self.shown else []
        if len(guardians) == 1:
            return guardians[0]
        if not guardians:
            self.notify("No guardians yet: g adds one.", severity="warning")
            return None
        cards = list(self.query(GuardianCard))
        if cards:
            cards[0].focus()
        self.notify(f"Tab to a guardian's card, then {doing}.", timeout=4)
        return None

    # --- actions ----------------------------------------------------------------------------

    def action_plan_conference(self) -> None:
        from teacherdesk.ui.screens.conferences import open_plan_form

        open_plan_form(self, self.student_id)

    def action_interview(self) -> None:
        from teacherdesk.ui.screens.interview import InterviewScreen

        self.app.push_screen(InterviewScreen(self.student_id))

    def action_parental_input(self) -> None:
        from teacherdesk.ui.forms.iep_record import open_parental_input

        open_parental_input(self, self.student_id)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_edit_student(self) -> None:
        from teacherdesk.ui.forms.student_form import StudentForm

        if self.shown is None or self.shown.student is None:
            return

        def saved(student: Student | None) -> None:
            if student is not None:
                self.notify(f"Saved {student.display_name}.")

        self.app.push_screen(StudentForm(self.shown.student), saved)

    def action_add_guardian(self) -> None:
        self._guardian_form(None)

    @on(GuardianCard.EditRequested)
    def _edit_card(self, event: GuardianCard.EditRequested) -> None:
        self._guardian_form(event.card.guardian)

    def _guardian_form(self, guardian: Guardian | None) -> None:
        from teacherdesk.ui.forms.guardian_form import GuardianForm

        if self.shown is None or self.shown.student is None:
            return
        student = self.shown.student

        def saved(result: Guardian | None) -> None:
            if result is not None:
                verb = "Saved" if guardian else "Added"
                self.notify(f"{verb} {result.name}.")

        form = GuardianForm(guardian, student_id=student.id, student_name=student.display_name)
        self.app.push_screen(form, saved)

    def action_link_guardian(self) -> None:
        self._pick_guardian_to_link()

    @work(thread=False, exclusive=True, group="student-link")
    async def _pick_guardian_to_link(self) -> None:
        from teacherdesk.ui.dialogs.questions import AskScreen, Choice, PickScreen

        if self.shown is None or self.shown.student is None:
            return
        student = self.shown.student
        store = self.desk.store
        guardians, students = await self.app.run_worker(
            lambda: (store.guardians.all(), {s.id: s for s in store.students.all()}),
            thread=True,
        ).wait()
        choices = []
        for guardian in sorted(guardians, key=lambda g: g.name.casefold()):
            if student.id in guardian.student_ids:
                continue
            children = [students[i].display_name for i in guardian.student_ids if i in students]
            what = guardian.relationship or "guardian"
            detail = f"{what} of {', '.join(children)}" if children else "linked to no student"
            choices.append(Choice(guardian.id, guardian.name, detail))
        if not choices:
            self.notify("There is no other guardian in the file to link: g adds one.")
            return
        picked = await self.app.push_screen_wait(
            PickScreen(f"Link a guardian to {student.display_name}", choices)
        )
        if not picked:
            return
        chosen = next(g for g in guardians if g.id == picked)
        relationship = await self.app.push_screen_wait(
            AskScreen(
                f"What is {chosen.name} to {student.display_name}?",
                chosen.relationship,
                placeholder="mother, father, stepfather, grandmother …",
                hint="enter links them · escape cancels",
            )
        )
        if relationship is not None:
            self._link(picked, relationship)

    def _link(self, guardian_id: str, relationship: str = "") -> None:
        store = self.desk.store
        student_id = self.student_id

        def work() -> Guardian | None:
            return link_guardian(store, guardian_id, student_id, relationship)

        def done(guardian: Guardian | None) -> None:
            if guardian is None:
                self.notify("That guardian is no longer in the file.", severity="warning")
            else:
                count = len(guardian.student_ids)
                self.notify(f"Linked {guardian.name}: one record, shared by {count} students.")

        self.desk.save(work, then=done)

    def action_unlink_guardian(self) -> None:
        from teacherdesk.ui.dialogs.questions import ConfirmScreen

        guardian = self._target_guardian("press u")
        if guardian is None or self.shown is None or self.shown.student is None:
            return
        name = self.shown.student.display_name
        others = self.shown.other_children.get(guardian.id, [])
        if others:
            detail = f"{guardian.name} stays linked to {', '.join(others)}."
        else:
            detail = (
                f"{guardian.name} will be linked to no student. The record (and any notes that "
                "name them) stays in the file, so l can link them again."
            )

        def answered(yes: bool | None) -> None:
            if yes:
                self._unlink(guardian.id)

        self.app.push_screen(
            ConfirmScreen(f"Unlink {guardian.name} from {name}?", detail, yes="Unlink"), answered
        )

    def _unlink(self, guardian_id: str) -> None:
        store = self.desk.store
        student_id = self.student_id

        def work() -> Guardian | None:
            return unlink_guardian(store, guardian_id, student_id)

        def done(guardian: Guardian | None) -> None:
            if guardian is not None:
                self.notify(f"Unlinked {guardian.name}.")
                self.query_one("#student-body").focus()

        self.desk.save(work, then=done)

    def action_sibling(self) -> None:
        self._open_sibling()

    @work(thread=False, exclusive=True, group="student-sibling")
    async def _open_sibling(self) -> None:
        from teacherdesk.ui.dialogs.questions import Choice, PickScreen

        found = self.shown.siblings if self.shown else []
        if not found:
            self.notify("No siblings in the file: they share a guardian (l links one).")
            return
        if len(found) == 1:
            self.desk.open_student(found[0].id)
            return
        choices = [
            Choice(s.id, s.display_name, f"grade {s.grade or '?'} · {s.class_name or 'no class'}")
            for s in found
        ]
        picked = await self.app.push_screen_wait(PickScreen("Open a sibling", choices))
        if picked:
            self.desk.open_student(picked)

    def action_copy_phone(self) -> None:
        guardian = self._target_guardian("press t")
        if guardian is None:
            return
        if not guardian.phones:
            self.notify(f"{guardian.name} has no phone number yet.", severity="warning")
            return
        turn = self._phone_turn.get(guardian.id, -1) + 1
        turn %= len(guardian.phones)
        self._phone_turn[guardian.id] = turn
        phone = guardian.phones[turn]
        self.app.copy_to_clipboard(phone.number)
        more = " (t again for the next)" if len(guardian.phones) > 1 else ""
        self.notify(
            f"{guardian.name}'s {phone.label} phone {phone.number} sent to the terminal's "
            f"clipboard (OSC 52; some terminals ignore it){more}"
        )

    def action_copy_email(self) -> None:
        guardian = self._target_guardian("press m")
        if guardian is None:
            return
        if not guardian.email:
            self.notify(f"{guardian.name} has no email yet.", severity="warning")
            return
        self.app.copy_to_clipboard(guardian.email)
        self.notify(
            f"{guardian.name}'s email {guardian.email} sent to the terminal's clipboard "
            "(OSC 52; some terminals ignore it)"
        )


# --- text blocks -----------------------------------------------------------------------------


def _profile(student: Student, today: dt.date) -> Text:
    text = Text()
    text.append(student.display_name, style="bold")
    if student.preferred_name and student.preferred_name != student.first_name:
        text.append(f"  (legal name {student.legal_name})", style="dim")
    if student.pronouns:
        text.append(f" · {student.pronouns}")
    if student.archived:
        text.append("  archived", style="italic red")
    text.append("\n")
    parts = [
        f"Grade {student.grade}" if student.grade else "grade not set",
        student.class_name or "no class",
        f"Student no. {student.student_number}" if student.student_number else "no student number",
    ]
    if student.date_of_birth:
        parts.insert(0, born_words(student.date_of_birth, today))
    text.append(" · ".join(parts))
    plans = [p for p, on in (("IEP", student.has_iep), ("504 plan", student.has_504)) if on]
    if plans:
        text.append(" · ")
        text.append(" · ".join(plans), style="bold yellow")
    if student.notes:
        text.append("\n")
        text.append(student.notes.splitlines()[0], style="italic")
    return text


def _siblings(found: list[Student]) -> Text:
    text = Text()
    if not found:
        text.append("No siblings in the file.", style="dim")
        return text
    text.append("Siblings: ", style="bold")
    text.append(", ".join(s.display_name + (" (archived)" if s.archived else "") for s in found))
    text.append(
        "  · s opens "
        + ("them" if len(found) > 1 else found[0].preferred_name or found[0].first_name),
        style="dim",
    )
    return text


def _timeline(entries: list[TimelineEntry], today: dt.date) -> Table | Text:
    if not entries:
        return Text(
            "Nothing yet: contacts, conferences, events and IEP steps will appear here.",
            style="dim",
        )
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column("when", no_wrap=True, width=16)
    table.add_column("what", ratio=1)
    marked_today = False
    for entry in entries:
        if not marked_today and entry.date <= today:
            marked_today = True
            table.add_row(Text("── today", style="bold"), Text(exact(today), style="dim"))
        when = Text(exact(entry.date), style="bold" if entry.upcoming else "")
        when.append("\n")
        when.append(humanize(entry.date, relative_to=today), style="dim")
        what = Text()
        what.append(entry.kind_words + " ", style=f"bold {KIND_STYLES.get(entry.kind, '')}")
        if entry.upcoming:
            what.append("upcoming ", style="bold")
        what.append(entry.headline)
        for line in entry.details:
            what.append("\n")
            late = entry.late and line.startswith("Follow-up")
            what.append(line, style="red" if late else "dim")
        table.add_row(when, what)
    return table


def _engagement(engagement: FamilyEngagement) -> Text:
    """'Engagement: Came to 3 events · volunteered twice, 1 h 30 min · next: Parent advisory …'."""
    text = Text("Engagement: ", style="bold")
    text.append(engagement.summary)
    if engagement.upcoming:
        text.append(f" · next: {engagement.upcoming[0].title}", style="dim")
    return text
