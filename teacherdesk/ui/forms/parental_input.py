"""The Parental Input form: the family's five answers, and when and how they were asked and given.

Saved as you type (after half a second of quiet; on leaving, quitting and hang-up at once), so
there is no "save" to forget. A date that cannot be read is not saved (the rest is) and its line
says what was expected; nothing typed is thrown away. `f8` writes the letter that asks the family.
"""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from teacherdesk.domain.iep_timeline import PARENTAL_INPUT, deadlines
from teacherdesk.models import IEP, InputMethod, Student, label
from teacherdesk.ui.forms.base import AutosaveForm, Debounce
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.footer import DeskFooter

PARTS: tuple[tuple[str, str], ...] = (
    ("strengths_needs", "(a) Strengths and needs"),
    ("social_behavioral", "(b) Social and behavioral concerns"),
    ("learning_style", "(c) Learning style"),
    ("testing_accommodations", "(d) Testing accommodations"),
    ("classroom_accommodations", "(e) Classroom accommodations"),
)

METHODS = [(label(method), method.value) for method in InputMethod]


def method_or_none(value: object) -> InputMethod | None:
    return InputMethod(value) if isinstance(value, str) and value else None


class ParentalInputScreen(AutosaveForm):
    SUB_TITLE = "Parental input"  # the title bar shows the screen's name
    holds_keys_until_loaded = True  # typing before (a) has focus waits for it, never lost
    BINDINGS = [
        Binding("f8", "request", "Ask family", id="parental-request", tooltip="Write the letter"),
    ]

    def __init__(self, iep_id: str) -> None:
        super().__init__()
        self.iep_id = iep_id
        self.iep: IEP | None = None
        self.student: Student | None = None
        self._save_soon = Debounce(self, self._save, pause="save")
        self._dirty = False
        self._filling = True
        self._saved_values: dict = {}  # what the form held when last loaded or saved

    def compose(self) -> ComposeResult:
        yield Static("Parental input", id="pi-title", classes="iep-title", markup=False)
        # Not a tab stop itself: every stop is a field you can see.
        with VerticalScroll(id="pi-form", classes="iep-form", can_focus=False):
            yield Static("", id="pi-due", classes="iep-line", markup=False)
            with Horizontal(classes="iep-row"):
                yield Label("Requested", classes="iep-label", markup=False)
                yield DateInput(id="pi-requested-on", classes="iep-date", past=True)
                yield Select(METHODS, prompt="how", id="pi-requested-how", classes="iep-how")
            with Horizontal(classes="iep-row"):
                yield Label("Received", classes="iep-label", markup=False)
                yield DateInput(id="pi-received-on", classes="iep-date", past=True)
                yield Select(METHODS, prompt="how", id="pi-received-how", classes="iep-how")
            with Horizontal(classes="iep-row"):
                yield Label("Entered by", classes="iep-label", markup=False)
                yield Input(id="pi-entered-by", placeholder="who typed it in")
            for key, title in PARTS:
                yield Label(title, id=f"pi-{key}-prompt", classes="iep-part", markup=False)
                box = TextArea(id=f"pi-{key}", classes="iep-text", soft_wrap=True)
                box.border_title = title  # the prompt stays on the box itself
                yield box
        yield Static("", id="pi-status", classes="status-line", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="parental-load")
    def load(self) -> None:
        store = self.desk.store
        iep = store.ieps.get(self.iep_id)
        student = store.students.get(iep.student_id) if iep else None
        interview = store.interviews.for_student(iep.student_id) if iep else None
        teacher = store.settings.load().teacher_name or store.author
        self.app.call_from_thread(self._loaded, iep, student, interview, teacher)

    def _loaded(self, iep, student, interview, teacher: str) -> None:
        if iep is None or student is None:
            self.notify("That IEP record is gone (deleted in another window?).", severity="error")
            self.ready_for_keys()
            self.app.pop_screen()
            return
        first = self.iep is None
        self.iep, self.student = iep, student
        self.query_one("#pi-title", Static).update(f"Parental input · {student.display_name}")
        due = next(
            d for d in deadlines(iep, interview, self.desk.today()) if d.key == PARENTAL_INPUT
        )
        self.query_one("#pi-due", Static).update(
            f"Best returned by {due.exact} ({due.words}), one month before the IEP is written."
        )
        if not first:
            return
        parental = iep.parental_input
        self._filling = True
        self.query_one("#pi-requested-on", DateInput).set_date(parental.requested_on)
        self.query_one("#pi-received-on", DateInput).set_date(parental.received_on)
        for select_id, method in (
            ("#pi-requested-how", parental.requested_how),
            ("#pi-received-how", parental.received_how),
        ):
            self.query_one(select_id, Select).value = method.value if method else Select.NULL
        self.query_one("#pi-entered-by", Input).value = parental.entered_by or teacher
        for key, _title in PARTS:
            self.query_one(f"#pi-{key}", TextArea).load_text(getattr(parental, key))
        self.call_after_refresh(self._ready)
        self.query_one("#pi-strengths_needs", TextArea).focus()
        self.call_after_refresh(self.ready_for_keys)

    @on(events.DescendantFocus)
    def _show_prompt(self, event: events.DescendantFocus) -> None:
        """A section's box has focus: its prompt and the box come into view together."""
        widget = event.widget
        if isinstance(widget, TextArea) and widget.id and widget.id.startswith("pi-"):
            prompt = self.query_one(f"#{widget.id}-prompt", Label)
            self.call_after_refresh(self._reveal, prompt, widget)

    def _reveal(self, prompt: Label, box: TextArea) -> None:
        # The prompt first, then the box (just under it): both end up in view.
        prompt.scroll_visible(animate=False, immediate=True)
        box.scroll_visible(animate=False, immediate=True)

    def _ready(self) -> None:
        self._filling = False
        self._saved_values = self._values()[0]
        self._status("Everything you type here is saved as you go.")

    def _status(self, text: str) -> None:
        self.query_one("#pi-status", Static).update(text)

    # --- saving as you type --------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed, "#pi-entered-by")
    @on(Select.Changed)
    @on(DateInput.Changed)
    def _changed(self) -> None:
        if self._filling or self.iep is None:
            return
        self._dirty = True
        self._save_soon()

    def _values(self) -> tuple[dict, list[str]]:
        """What the form says now, and the dates that cannot be read (left as saved)."""
        values: dict = {"entered_by": self.query_one("#pi-entered-by", Input).value}
        for key, _title in PARTS:
            values[key] = self.query_one(f"#pi-{key}", TextArea).text
        problems = []
        for key, words in (("requested_on", "requested"), ("received_on", "received")):
            field = self.query_one(f"#pi-{key.replace('_', '-')}", DateInput)
            if field.valid:
                values[key] = field.date
            else:
                problems.append(words)
        for key in ("requested_how", "received_how"):
            values[key] = method_or_none(self.query_one(f"#pi-{key.replace('_', '-')}").value)
        return values, problems

    def _save(self) -> None:
        self._save_soon.cancel()
        if not self._dirty or self.iep is None:
            return
        self._dirty = False
        values, problems = self._values()
        if values == self._saved_values and not problems:
            return  # e.g. a change event from filling the form, arriving late: nothing to say
        store, iep_id = self.desk.store, self.iep_id

        def work() -> IEP:
            with store.transaction():
                current = store.ieps.get(iep_id)
                if current is None:
                    raise LookupError("the IEP record is gone (deleted in another window?)")
                parental = current.parental_input.model_copy(update=values)
                parental = type(parental).model_validate(parental.model_dump())
                if parental == current.parental_input:
                    return current
                return store.ieps.save(current.model_copy(update={"parental_input": parental}))

        def done(saved: IEP) -> None:
            self.iep = saved
            self._saved_values = values
            if problems:
                self._status(f"Saved, except the {' and '.join(problems)} date (see above).")
            else:
                self._status("Saved.")

        self.desk.save(work, then=done)

    def on_data_changed(self, _message: DataChanged) -> None:
        pass  # our own saves come back here; the form keeps what is typed

    # --- keys ----------------------------------------------------------------------------------

    def action_request(self) -> None:
        if self.iep is None or self.student is None:
            return
        self._save()
        from teacherdesk.ui.dialogs.letter_prompt import ask_for_letter

        ask_for_letter(self, self.student, self.iep_id, then=self._requested)

    def _requested(self, iep: IEP) -> None:
        """The letter was written: show the request date and how, as recorded."""
        self.iep = iep
        self._filling = True
        self.query_one("#pi-requested-on", DateInput).set_date(iep.parental_input.requested_on)
        how = iep.parental_input.requested_how
        self.query_one("#pi-requested-how", Select).value = how.value if how else Select.NULL
        self.call_after_refresh(self._ready)
