"""Record a conference as held: celebrations, concerns, agreed actions, the next conference.

Agreed actions are rows (what · owner · due). F8 or the "Add action" button adds a row; F9 or a
row's "Remove" button removes it. F10 (or Save) saves; the store keeps the earlier version.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, Static, TextArea

from teacherdesk.domain.conference_rules import action_problems, held_problems
from teacherdesk.domain.dates import exact_time
from teacherdesk.domain.problems import first_error
from teacherdesk.models import AgreedAction, Conference, ConferenceStatus, Draft, Student, label
from teacherdesk.ui.forms.base import CLOSE_BINDING, SAVE_BINDING, FormScreen
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.footer import DeskFooter


class ActionRow(Vertical):
    """One agreed action: what (first line); who and by when (second line)."""

    def __init__(self, action: AgreedAction | None = None) -> None:
        super().__init__()
        self.action = action

    def compose(self) -> ComposeResult:
        a = self.action
        with Horizontal():
            yield Static("•", classes="action-number", markup=False)
            yield Input(
                a.what if a else "",
                placeholder="what was agreed",
                compact=True,
                classes="action-what",
            )
        with Horizontal():
            yield Input(
                a.owner if a else "",
                placeholder="owner: teacher, family …",
                compact=True,
                classes="action-owner",
            )
            yield DateInput(a.due if a else None, placeholder="due: 3 Dec, fri, in 2 weeks")
            yield Button("Remove", compact=True, classes="action-remove")

    def on_mount(self) -> None:
        self.query_one(DateInput).query_one(Input).compact = True

    def read(self, number: int) -> AgreedAction | str | None:
        """The action typed, None for an empty row, or a sentence saying what is wrong."""
        what = self.query_one(".action-what", Input).value.strip()
        owner = self.query_one(".action-owner", Input).value.strip()
        due_input = self.query_one(DateInput)
        if problems := action_problems(
            number, what=what, owner=owner, due_typed=bool(due_input.text.strip())
        ):
            return f"{problems[0].sentence.rstrip('.')} (or remove the row with F9)."
        if not what:
            return None
        if not due_input.valid:
            return f"Action {number}, due: {due_input.problem}"
        fields = {"what": what, "owner": owner, "due": due_input.date}
        try:
            if self.action is not None:
                return AgreedAction.model_validate(self.action.model_dump() | fields)
            return AgreedAction(**fields)
        except ValueError as error:
            return f"Action {number}: {first_error(error)}"


class ConferenceRecordScreen(FormScreen[Conference]):
    SUB_TITLE = "Record a conference"  # the title bar shows the screen's name
    BINDINGS = [
        SAVE_BINDING,
        Binding("f8", "add_action", "Add action", id="record-add", tooltip="Add an agreed action"),
        Binding(
            "f9",
            "remove_action",
            "Remove",
            id="record-remove",
            tooltip="Remove the agreed action the cursor is in",
        ),
        CLOSE_BINDING,
    ]
    unsaved_words = "This record"
    draft_kind = "conference_record"  # cut off before F10: kept as a draft, never as held

    def __init__(
        self, conference: Conference, student: Student, draft: Draft | None = None
    ) -> None:
        super().__init__(draft)
        self.conference = conference
        self.student = student

    def draft_subject(self) -> tuple[str | None, str | None, str]:
        return self.student.id, self.conference.id, ""

    def _rows_wanted(self) -> int:
        """As many action rows as the conference has, or the draft being restored had."""
        fields = self.resumed_draft.fields if self.resumed_draft else {}
        drafted = sum(1 for key in fields if key.startswith("action-what#"))
        return max(len(self.conference.actions), drafted, 1)

    def compose(self) -> ComposeResult:
        c = self.conference
        when = exact_time(c.when, year=True)
        yield Header()
        yield Static(
            f"Record · {self.student.display_name} · {when} · {label(c.format)}",
            classes="form-title",
            markup=False,
        )
        with VerticalScroll(classes="form"):
            with Horizontal(classes="form-row"):
                yield Label("Celebrations", classes="form-label", markup=False)
                yield TextArea(c.celebrations, id="record-celebrations", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Concerns", classes="form-label", markup=False)
                yield TextArea(c.concerns, id="record-concerns", compact=True)
            yield Static(
                "Agreed actions: what, then owner and due date   (F8 adds one, F9 removes one)",
                classes="actions-head",
                markup=False,
            )
            with Vertical(id="record-actions"):
                actions: list[AgreedAction | None] = list(c.actions)
                actions += [None] * (self._rows_wanted() - len(actions))
                for action in actions:
                    yield ActionRow(action)
            with Horizontal(classes="form-buttons"):
                yield Button("Add action (F8)", id="record-add-action", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Next conf.", classes="form-label", markup=False)
                yield DateInput(
                    c.next_conference,
                    placeholder="next conference: a date, or leave empty",
                    id="record-next",
                    classes="form-field",
                    flag_days_off=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Notes", classes="form-label", markup=False)
                yield TextArea(c.notes, id="record-notes", compact=True)
            with Horizontal(classes="form-buttons"):
                yield Button(
                    "Save as held (F10)",
                    id="record-save",
                    variant="primary",
                    compact=True,
                    classes="-save",
                )
                yield Button("Back", id="record-back", compact=True, classes="-back")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#record-celebrations", TextArea).focus()
        if problem := self._held_problem():
            self.say(problem, bad=True)  # said before anything is typed, not only on save

    def _held_problem(self) -> str | None:
        problems = held_problems(self.conference, self.desk.today())
        return problems[0].sentence if problems else None

    # --- action rows -----------------------------------------------------------------------------

    async def action_add_action(self) -> None:
        row = ActionRow()
        await self.query_one("#record-actions", Vertical).mount(row)
        self.mark_changed(always=True)
        row.query_one(".action-what", Input).focus()

    @on(Button.Pressed, "#record-add-action")
    async def _add_pressed(self) -> None:
        await self.action_add_action()

    def _row_of(self, widget: Widget | None) -> ActionRow | None:
        while widget is not None and not isinstance(widget, ActionRow):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return widget

    async def action_remove_action(self) -> None:
        row = self._row_of(self.focused)
        if row is None:
            self.notify("Move into an agreed action first (tab), then F9 removes it.")
            return
        await self._remove(row)

    @on(Button.Pressed, ".action-remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        row = self._row_of(event.button)
        if row is not None:
            await self._remove(row)

    async def _remove(self, row: ActionRow) -> None:
        rows = list(self.query(ActionRow))
        index = rows.index(row)
        self.mark_changed(always=True)
        await row.remove()
        rest = [r for r in rows if r is not row]
        if rest:
            rest[min(index, len(rest) - 1)].query_one(".action-what", Input).focus()
        else:
            self.query_one("#record-add-action", Button).focus()

    # --- saving ----------------------------------------------------------------------------------

    def build(self) -> Conference | str:
        if problem := self._held_problem():
            return problem
        actions: list[AgreedAction] = []
        for number, row in enumerate(self.query(ActionRow), start=1):
            read = row.read(number)
            if isinstance(read, str):
                return read
            if read is not None:
                actions.append(read)
        next_input = self.query_one("#record-next", DateInput)
        if not next_input.valid:
            return f"Next conference: {next_input.problem}"
        fields = dict(
            status=ConferenceStatus.HELD,
            celebrations=self.query_one("#record-celebrations", TextArea).text,
            concerns=self.query_one("#record-concerns", TextArea).text,
            notes=self.query_one("#record-notes", TextArea).text,
            actions=actions,
            next_conference=next_input.date,
        )
        try:
            return Conference.model_validate(self.conference.model_dump() | fields)
        except ValueError as error:
            return f"Not saved: {first_error(error)}"

    def save_work(self, record: Conference):
        store = self.desk.store
        return lambda: store.conferences.save(record)

    def saved_words(self, saved: Conference) -> str:
        return f"Conference with {self.student.display_name}'s family recorded as held."
