"""Drafts: what a form held when it was cut off (a hang-up, SIGTERM, a crash) is kept apart.

A form that keeps drafts saves what is typed to the drafts table once typing pauses, and at
once on hang-up or quit. The draft is never a record: saving the form (F10) files the record
and deletes the draft in the same queued save; leaving without saving deletes it too. At the
next start the app offers to open or discard every draft (`ui/dialogs/drafts.py`).

The fields are read generically: every Input, TextArea, Select, Checkbox, ChoiceBar and
DateInput of the form, by id (or by class and position for rows without ids), so a form only says
what it is
about (`draft_subject`) and when it holds something worth keeping (`draft_worth_keeping`).
"""

from __future__ import annotations

import contextlib
from abc import abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import ValidationError
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea

from teacherdesk.models import Draft, new_id
from teacherdesk.ui.forms.typing import Debounce
from teacherdesk.ui.widgets.choice_bar import ChoiceBar
from teacherdesk.ui.widgets.date_input import DateInput

FieldValue = str | bool | None


def _inside_date_input(widget: Widget) -> bool:
    return isinstance(widget.parent, DateInput)


def _field_widgets(screen: Widget) -> Iterator[tuple[str, Widget]]:
    """(key, widget) for every field of the form, in layout order."""
    seen: dict[str, int] = defaultdict(int)
    for widget in screen.query("Input, TextArea, Select, Checkbox, ChoiceBar, DateInput"):
        if isinstance(widget, Input) and _inside_date_input(widget):
            continue  # its DateInput speaks for it
        if widget.has_class("-not-saved"):
            continue  # a filter box
        if widget.id:
            yield widget.id, widget
            continue
        names = sorted(c for c in widget.classes if not c.startswith("-"))
        name = names[0] if names else type(widget).__name__
        yield f"{name}#{seen[name]}", widget
        seen[name] += 1


def capture_fields(screen: Widget) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue] = {}
    for key, widget in _field_widgets(screen):
        if isinstance(widget, DateInput):
            fields[key] = widget.text
        elif isinstance(widget, ChoiceBar):  # how, with whom, about, outcome: one key each
            fields[key] = widget.value
        elif isinstance(widget, Checkbox):
            fields[key] = bool(widget.value)
        elif isinstance(widget, Select):
            value = widget.value
            fields[key] = None if value is Select.NULL else str(value)
        elif isinstance(widget, TextArea):
            fields[key] = widget.text
        elif isinstance(widget, Input):
            fields[key] = widget.value
    return fields


def restore_fields(screen: Widget, fields: dict[str, FieldValue]) -> None:
    """Put a draft's fields back (a field the form no longer has is left out)."""
    for key, widget in _field_widgets(screen):
        if key not in fields:
            continue
        value = fields[key]
        with contextlib.suppress(Exception):  # a choice the form no longer offers
            if isinstance(widget, DateInput):
                widget.query_one(Input).value = str(value or "")
            elif isinstance(widget, ChoiceBar):
                widget.value = str(value or "")
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, Select):
                widget.value = Select.NULL if value is None else value
            elif isinstance(widget, TextArea):
                widget.load_text(str(value or ""))
            elif isinstance(widget, Input):
                widget.value = str(value or "")


class KeepsDraft:
    """Mixed into a form screen (before its Textual base). Call `init_draft(draft)` in
    `__init__`, `draft_changed()` when something is typed, `draft_saved_with(work)` around the
    save, `discard_draft()` when the teacher leaves without saving."""

    draft_kind = ""  # "contact", "conference_record", "event", "attendance"

    def init_draft(self, draft: Draft | None) -> None:
        self.resumed_draft = draft  # opened from a draft: its fields go back in on mount
        self._draft_id = draft.id if draft else new_id()
        self._draft_on_disk = draft is not None
        self._draft_closed = False  # saved or discarded: no more drafts from this form
        self._draft_soon = Debounce(self, self.save_draft_now, pause="save")

    # --- what a form says ----------------------------------------------------------------------

    @abstractmethod  # every subclass provides it
    def draft_subject(self) -> tuple[str | None, str | None, str]:
        """(student id, id of the record being changed, words about it for an event)."""
        raise NotImplementedError

    @abstractmethod  # every subclass provides it
    def draft_worth_keeping(self) -> bool:
        """Something typed that is not saved."""
        raise NotImplementedError

    def draft_fields(self) -> dict[str, FieldValue]:
        return capture_fields(self)  # type: ignore[arg-type]

    def restore_draft(self, fields: dict[str, FieldValue]) -> None:
        restore_fields(self, fields)  # type: ignore[arg-type]

    # --- keeping it ----------------------------------------------------------------------------

    def draft_changed(self) -> None:
        if not self._draft_closed:
            self._draft_soon()

    def save_draft_now(self) -> None:
        """Queue the draft's save (typing paused, hang-up, quit); nothing when nothing is typed."""
        self._draft_soon.cancel()
        if self._draft_closed or not self.draft_worth_keeping():
            return
        student_id, record_id, about = self.draft_subject()
        try:
            draft = Draft(
                id=self._draft_id,
                kind=self.draft_kind,
                student_id=student_id,
                record_id=record_id,
                about=about[:200],
                fields=self.draft_fields(),
            )
        except ValidationError:
            return  # e.g. a paste over the size limit: the form itself says so on save
        store = self.desk.store  # type: ignore[attr-defined]
        self._draft_on_disk = True
        self.desk.save(lambda: store.drafts.save(draft), quiet=True, records=False)  # type: ignore[attr-defined]

    def draft_saved_with(self, work: Callable[[], Any]) -> Callable[[], Any]:
        """`work` (the record's save), then the draft deleted: one queued save, in that order."""
        self._close_draft()
        store, draft_id = self.desk.store, self._draft_id  # type: ignore[attr-defined]

        def both() -> Any:
            result = work()
            if not isinstance(result, Exception):
                store.drafts.discard(draft_id)
            return result

        return both

    def discard_draft(self) -> None:
        """The teacher left without saving: the draft goes too."""
        self._close_draft()
        if self._draft_on_disk:
            store, draft_id = self.desk.store, self._draft_id  # type: ignore[attr-defined]
            self.desk.save(lambda: store.drafts.discard(draft_id), quiet=True)  # type: ignore[attr-defined]

    def reopen_draft(self) -> None:
        """A save that failed: the form is open again and keeps drafts again."""
        self._draft_closed = False

    def _close_draft(self) -> None:
        self._draft_closed = True
        self._draft_soon.cancel()
