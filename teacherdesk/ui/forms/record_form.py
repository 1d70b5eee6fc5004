"""A form over one pydantic record that validates as you type.

Every change re-validates the whole record with the model (once typing pauses), and each
problem is shown as one sentence under its own field; Save is disabled while anything is wrong,
and nothing typed is ever cleared. It follows the form rule of `FormScreen`: F10 or ctrl+s saves
(so does enter in a text field, when valid); escape leaves, asking first if anything was
changed. Subclasses list their fields, turn the typed values into a record (`build`) and say how
to store it (`store_work`, run on the app's saver thread).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from teacherdesk.domain.problems import field_sentence
from teacherdesk.ui.forms.base import Debounce, FormScreen
from teacherdesk.ui.widgets.tick_box import TickBox


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text, check, select
    placeholder: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)  # select: (words, value)


class RecordForm(FormScreen[Any], ModalScreen[Any]):
    BINDINGS = [
        Binding("down", "app.focus_next", "Next field", show=False, id="form-next"),
        Binding("up", "app.focus_previous", "Previous field", show=False, id="form-previous"),
    ]

    title_text = "Record"
    fields: list[Field] = []
    extra_after = ""  # the field after which `compose_extra` rows go (default: at the end)

    # Yes/no fields whose record may say "not recorded" (None), e.g. a guardian's rights.
    may_be_unrecorded: frozenset[str] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self.problems: dict[str, str] = {}
        self.tried_to_save = False
        self._initial: dict[str, Any] = {}
        self._saving = False
        self._check_soon = Debounce(self, self.validate)
        # Yes/no fields an import left "not recorded" (None): they stay None until ticked.
        self._not_recorded: set[str] = set()

    # --- to override -----------------------------------------------------------------------

    def initial_values(self) -> dict[str, Any]:
        return {}

    @abstractmethod  # every subclass provides it
    def build(self, values: dict[str, Any]) -> BaseModel:
        raise NotImplementedError

    @abstractmethod  # every subclass provides it
    def store_work(self, record: BaseModel) -> Callable[[], Any]:
        raise NotImplementedError

    def compose_extra(self) -> ComposeResult:
        """More rows after the plain fields (e.g. phone numbers)."""
        yield from ()

    def error_target(self, loc: tuple) -> str:
        """Which problem line shows an error at `loc` (default: the top-level field)."""
        return str(loc[0]) if loc else ""

    def label_for(self, loc: tuple) -> str:
        names = {f.name: f.label for f in self.fields}
        return names.get(str(loc[0]) if loc else "", str(loc[0]).replace("_", " ").capitalize())

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        values = self.initial_values()
        with Vertical():
            yield Static(self.title_text, classes="form-title", markup=False)
            with VerticalScroll(id="form-body"):
                for spec in self.fields:
                    yield from self._row(spec, values.get(spec.name))
                    if spec.name == self.extra_after:
                        yield from self.compose_extra()
                if not self.extra_after:
                    yield from self.compose_extra()
                yield Static(
                    "F10 or enter saves · tab/↑↓ move · escape cancels",
                    classes="form-hint",
                    markup=False,
                )
                with Horizontal(classes="form-buttons"):
                    yield Button("Save", id="form-save", variant="primary")
                    yield Button("Cancel", id="form-cancel")

    def _row(self, spec: Field, value: Any) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(spec.label, classes="form-label", markup=False)
            if spec.kind == "check":
                unrecorded = value is None and spec.name in self.may_be_unrecorded
                if unrecorded:
                    self._not_recorded.add(spec.name)
                words = "not recorded" if unrecorded else "yes" if value else "no"
                yield TickBox(words, bool(value), id=f"f-{spec.name}", compact=True)
            elif spec.kind == "select":
                yield Select(
                    spec.options,
                    value=value if value else Select.NULL,
                    prompt="no preference",
                    id=f"f-{spec.name}",
                    compact=True,
                )
            else:
                yield Input(
                    str(value or ""),
                    placeholder=spec.placeholder,
                    id=f"f-{spec.name}",
                    compact=True,
                )
        yield Static("", id=f"e-{spec.name}", classes="form-problem -ok", markup=False)

    def on_mount(self) -> None:
        self._initial = self.values()
        self.validate()
        first = self.query(Input).first()
        first.focus()

    # --- values and validation -------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#f-{spec.name}")
            if isinstance(widget, Select):
                values[spec.name] = None if widget.value is Select.NULL else widget.value
            elif spec.name in self._not_recorded:
                values[spec.name] = None
            else:
                values[spec.name] = widget.value  # type: ignore[attr-defined]
        return values | self.extra_values()

    def extra_values(self) -> dict[str, Any]:
        return {}

    def extra_problems(self) -> dict[str, str]:
        """Problems the model cannot see (a phone type with no number): target → sentence."""
        return {}

    def field_hints(self) -> dict[str, str]:
        """What a field understood, said back under it when it has no problem (a date of
        birth: "Wed 2 Aug 2017 · age 9"): field name → words."""
        return {}

    def edited_names(self) -> set[str]:
        """Fields whose value differs from when the form opened (problems show only there)."""
        values = self.values()
        edited = set()
        for name, value in values.items():
            before = self._initial.get(name)
            if isinstance(value, list):
                before = before or []
                for n, item in enumerate(value):
                    if n >= len(before) or before[n] != item:
                        edited.add(f"{name}-{n}")
            elif value != before:
                edited.add(name)
        return edited

    @property
    def changed(self) -> bool:
        return self.values() != self._initial

    def validate(self) -> BaseModel | None:
        """Check everything typed; show one sentence under each field with a problem."""
        problems: dict[str, str] = {}
        record = None
        try:
            record = self.build(self.values())
        except ValidationError as error:
            for problem in error.errors():
                loc = tuple(problem["loc"])
                target = self.error_target(loc)
                problems.setdefault(target, field_sentence(self.label_for(loc), problem["msg"]))
        except ValueError as error:
            problems[""] = str(error)
        for target, sentence in self.extra_problems().items():
            problems.setdefault(target, sentence)
            record = None
        self.problems = problems
        edited = self.edited_names()
        hints = self.field_hints()
        for line in self.query(".form-problem").results(Static):
            name = (line.id or "").removeprefix("e-")
            shown = self.tried_to_save or name in edited
            message = problems.get(name, "") if shown else ""
            said_back = "" if message or name in problems else hints.get(name, "")
            line.update(message or said_back)
            line.set_class(not (message or said_back), "-ok")
            line.set_class(bool(said_back), "-hint")
        self.query_one("#form-save", Button).disabled = bool(problems)
        return record

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _edited(self, event) -> None:
        control = event.control
        if isinstance(control, Checkbox):
            self._not_recorded.discard((control.id or "").removeprefix("f-"))
            control.label = "yes" if control.value else "no"
        self._check_soon()  # once typing pauses: a long paste stays quick

    # --- saving ----------------------------------------------------------------------------

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_close()

    def action_save(self) -> None:
        if self._saving:
            return
        self.tried_to_save = True
        self._check_soon.cancel()
        record = self.validate()
        if record is None:
            first = next(iter(self.problems.values()), "Something is not right yet.")
            self.notify(first, title="Not saved yet", severity="warning", timeout=4)
            self._focus_problem()
            return
        self._saving = True

        def saved(result: Any) -> None:
            self._saving = False
            self.dismiss(result)

        work = self.store_work(record)

        def guarded() -> Any:
            try:
                return work()
            finally:
                self.app.call_from_thread(setattr, self, "_saving", False)

        self.desk.save(guarded, then=saved)

    def _focus_problem(self) -> None:
        for name in self.problems:
            for widget in self.query(f"#f-{name}, #f-{name}-number"):
                widget.focus()
                return

    def flush_pending_edits(self) -> None:
        """Quitting or hanging up with a changed, valid record: save it quietly."""
        if self._saving or not self.changed:
            return
        record = self.validate()
        if record is not None:
            self._saving = True
            self.desk.save(self.store_work(record), quiet=True)

    def action_close(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        from teacherdesk.ui.dialogs.questions import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Close without saving?",
                "What you typed in this form will be thrown away.",
                yes="Discard",
            ),
            answered,
        )
