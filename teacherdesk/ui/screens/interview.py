"""The Student Input interview: one calm question at a time, every answer saved as it is given.

The teacher sits beside the student, reads the question, types what the student says. `enter`
gives the answer (saved at once) and goes on; `pageup` goes back a question, `pagedown` skips one;
`escape` pauses (everything given is on disk; what is being typed is kept as a draft). What is being
typed is also saved as a draft after half a second of quiet, so a dropped connection loses nothing.
Enter on an empty answer asks first; enter again skips the question on purpose ("Skipped" in the
packet). Reopening starts at the first question neither answered nor skipped. After the last
question a review page shows every answer exactly as typed; `enter` on one edits it.
"""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from teacherdesk.domain.interview import (
    QUESTIONS,
    position,
    progress,
    questions_for,
    resume_index,
    review_lines,
    save_answer,
    save_draft,
    save_skip,
    save_wording,
    with_answer,
    with_draft,
    with_skip,
)
from teacherdesk.models import InterviewWording, Student, StudentInterview, label
from teacherdesk.ui.forms.base import Debounce
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.footer import DeskFooter


class AnswerBox(TextArea):
    """A wrapping answer box where `enter` gives the answer instead of starting a new line."""

    BINDINGS = [
        Binding("enter", "submit", "Next", id="interview-next", tooltip="Save this answer, go on"),
        Binding("pageup", "back", "Back", id="interview-back", tooltip="The previous question"),
        Binding("pagedown", "skip", "Skip", id="interview-skip", tooltip="Skip for now"),
    ]

    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

        @property
        def control(self) -> AnswerBox:
            return self.box

    class Move(Message):
        def __init__(self, box: AnswerBox, step: int) -> None:
            super().__init__()
            self.box = box
            self.step = step

        @property
        def control(self) -> AnswerBox:
            return self.box

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        await super()._on_key(event)

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.text))

    def action_back(self) -> None:
        self.post_message(self.Move(self, -1))

    def action_skip(self) -> None:
        self.post_message(self.Move(self, +1))


class InterviewScreen(DeskScreen):
    SUB_TITLE = "Student interview"  # the title bar shows the screen's name
    BINDINGS = [
        Binding("escape", "pause", "Pause", id="interview-pause", tooltip="Pause: all is saved"),
        Binding("w", "toggle_wording", "Wording", id="interview-wording", tooltip="Switch wording"),
    ]

    def __init__(self, student_id: str, *, standalone: bool = False) -> None:
        super().__init__()
        self.student_id = student_id
        self.standalone = standalone
        self.student: Student | None = None
        self.interview: StudentInterview | None = None
        self.index: int | None = None  # None: the review page
        self.back_to_review = False
        self._draft_soon = Debounce(self, self._save_draft, pause="save")
        self._draft_pending = False
        self._filling = False
        self._skip_asked = False  # enter on an empty answer asked 'Skip this question?'

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Student input", id="iv-title", markup=False)
        with Vertical(id="iv-ask"):
            yield Static("", id="iv-position", markup=False)
            yield Static("Loading…", id="iv-question", markup=False)
            yield Static("", id="iv-examples", markup=False)
            yield AnswerBox(id="iv-answer", soft_wrap=True, tab_behavior="focus")
            yield Static("", id="iv-status", markup=False)
        with Vertical(id="iv-review"):
            yield Static("", id="iv-review-title", markup=False)
            yield OptionList(id="iv-review-list")
            yield Static(
                "enter: change an answer · w: wording · escape: done",
                id="iv-review-hint",
                markup=False,
            )
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#iv-review").display = False
        self.query_one(AnswerBox).disabled = True
        self.load()

    @work(thread=True, exclusive=True, group="interview-load")
    def load(self) -> None:
        from teacherdesk.domain.interview import load_or_new

        store = self.desk.store
        student = store.students.get(self.student_id)
        interview = load_or_new(store, student, self.desk.today()) if student else None
        self.app.call_from_thread(self._loaded, student, interview)

    def _loaded(self, student: Student | None, interview: StudentInterview | None) -> None:
        if student is None or interview is None:
            self.notify("That student is no longer on the roster.", severity="error")
            self.action_pause()
            return
        first_time = self.interview is None
        self.student, self.interview = student, interview
        if first_time:
            self.query_one(AnswerBox).disabled = False
            start = resume_index(interview.answers, interview.skipped, self.questions)
            if start is None:
                self.show_review()
            else:
                self.show_question(start)

    def on_data_changed(self, _message: DataChanged) -> None:
        """Another window changed the record: keep our typing, refresh the rest."""
        if self.index is None and self.interview is not None:
            self.reload_review()

    @work(thread=True, exclusive=True, group="interview-load")
    def reload_review(self) -> None:
        from teacherdesk.domain.interview import this_and_last_year

        found, _last = this_and_last_year(self.desk.store, self.student_id, self.desk.today())
        if found is not None:
            self.app.call_from_thread(self._review_reloaded, found)

    def _review_reloaded(self, interview: StudentInterview) -> None:
        if self.index is None:
            self.interview = interview
            self._fill_review()

    # --- asking ----------------------------------------------------------------------------------

    @property
    def questions(self):
        """This interview's questions (with the transition ones from the setting's age)."""
        return questions_for(self.interview) if self.interview else QUESTIONS

    @property
    def wording(self) -> InterviewWording:
        return self.interview.wording if self.interview else InterviewWording.SECONDARY

    def show_question(self, index: int) -> None:
        assert self.interview is not None and self.student is not None
        self.index = index
        question = self.questions[index]
        self.query_one("#iv-review").display = False
        self.query_one("#iv-ask").display = True
        name = self.student.preferred_name or self.student.first_name
        self.query_one("#iv-title", Static).update(
            f"Student input · {self.student.display_name} · {self._progress()}"
        )
        self.query_one("#iv-position", Static).update(f"Question {position(index, self.questions)}")
        self.query_one("#iv-question", Static).update(question.text(self.wording))
        examples = question.examples(self.wording)
        self.query_one("#iv-examples", Static).update(
            "For example: " + "; ".join(f"“{example}”" for example in examples)
        )
        box = self.query_one(AnswerBox)
        draft = self.interview.drafts.get(question.id)
        text = draft or self.interview.answers.get(question.id, "")
        self._filling = True
        box.load_text(text)
        box.move_cursor(box.document.end)
        self._filling = False
        self._skip_asked = False
        box.focus()
        if question.id in self.interview.answers:
            saved = "answered"
        elif question.id in self.interview.skipped:
            saved = "skipped"
        else:
            saved = "not answered yet"
        restored = "Draft restored: what was being typed is back. " if draft else ""
        self._status(
            f"{restored}{name}'s answer ({saved}). enter: next · pageup: back · escape: pause"
        )

    def _progress(self) -> str:
        assert self.interview is not None
        return progress(self.interview.answers, self.interview.skipped, self.questions)

    def _status(self, text: str) -> None:
        self.query_one("#iv-status", Static).update(text)

    @on(TextArea.Changed, "#iv-answer")
    def _typed(self) -> None:
        if self._filling or self.index is None:
            return
        self._skip_asked = False
        self._draft_pending = True
        self._draft_soon()

    def _save_draft(self) -> None:
        """Queue what is typed as a draft (after a pause, on leaving, on quit and on hang-up)."""
        self._draft_soon.cancel()
        if not self._draft_pending or self.index is None or self.interview is None:
            return
        self._draft_pending = False
        question_id = self.questions[self.index].id
        text = self.query_one(AnswerBox).text
        changed = with_draft(self.interview, question_id, text)
        if changed.drafts == self.interview.drafts:
            return
        self.interview = changed
        store, student = self.desk.store, self.student
        day = self.desk.today()
        self.desk.save(lambda: save_draft(store, student, question_id, text, day), quiet=True)

    def flush_pending_edits(self) -> None:
        self._save_draft()

    @on(AnswerBox.Submitted, "#iv-answer")
    def _answered(self, event: AnswerBox.Submitted) -> None:
        if self.index is None or self.interview is None:
            return
        self._draft_soon.cancel()
        self._draft_pending = False
        question_id = self.questions[self.index].id
        text = event.text
        today = self.desk.today()
        store, student = self.desk.store, self.student
        if not text.strip():
            if question_id in self.interview.answers or question_id in self.interview.skipped:
                self._go(+1)  # already answered or skipped: enter just goes on
            elif not self._skip_asked:
                self._skip_asked = True
                self._status("Skip this question? (enter again to skip, or type the answer)")
            else:
                self.interview = with_skip(self.interview, question_id, today)
                self.desk.save(lambda: save_skip(store, student, question_id, today))
                self._go(+1)
            return
        changed = with_answer(self.interview, question_id, text, today)
        if changed != self.interview:
            self.interview = changed
            self.desk.save(lambda: save_answer(store, student, question_id, text, today))
        self._go(+1)

    @on(AnswerBox.Move, "#iv-answer")
    def _moved(self, event: AnswerBox.Move) -> None:
        self._save_draft()
        self._go(event.step)

    def _go(self, step: int) -> None:
        assert self.index is not None
        if self.back_to_review:
            self.back_to_review = False
            self.show_review()
            return
        target = self.index + step
        if target < 0:
            self._status("This is the first question.")
        elif target >= len(self.questions):
            self.show_review()
        else:
            self.show_question(target)

    # --- review ----------------------------------------------------------------------------------

    def show_review(self) -> None:
        self.index = None
        self.query_one("#iv-ask").display = False
        self.query_one("#iv-review").display = True
        self._fill_review()
        self.query_one("#iv-review-list", OptionList).focus()

    def _fill_review(self) -> None:
        assert self.interview is not None and self.student is not None
        name = self.student.preferred_name or self.student.first_name
        self.query_one("#iv-title", Static).update(
            f"Student input · {self.student.display_name} · {self._progress()}"
        )
        self.query_one("#iv-review-title", Static).update(
            f"Read it back to {name} ({label(self.wording)} wording):"
        )
        options = self.query_one("#iv-review-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for number, line in enumerate(review_lines(self.interview), start=1):
            if line.answer:
                said = escape(line.answer)  # exactly as typed
            else:
                said = "[dim](skipped)[/]" if line.skipped else "[dim](not answered yet)[/]"
            title = escape(line.question.title)
            prompt = Content.from_markup(f"[b]{number}. {title}[/b]\n{said}")
            options.add_option(Option(prompt, id=line.question.id))
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    @on(OptionList.OptionSelected, "#iv-review-list")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        index = next(i for i, q in enumerate(self.questions) if q.id == event.option.id)
        self.back_to_review = True
        self.show_question(index)
        self._status("Change the answer, then enter to go back to the review. escape: pause")

    # --- keys ------------------------------------------------------------------------------------

    def action_toggle_wording(self) -> None:
        if self.interview is None or self.index is not None:
            return
        wording = (
            InterviewWording.SECONDARY
            if self.wording == InterviewWording.ELEMENTARY
            else InterviewWording.ELEMENTARY
        )
        self.interview = self.interview.model_copy(update={"wording": wording})
        store, student = self.desk.store, self.student
        day = self.desk.today()
        self.desk.save(lambda: save_wording(store, student, wording, day))
        self._fill_review()
        self.notify(f"Questions now use the {label(wording)} wording.")

    def action_pause(self) -> None:
        self._save_draft()
        if self.index is not None and self.interview is not None:
            self.notify(
                f"Paused: {self._progress()}, all saved.",
                timeout=3,
            )
        self.dismiss_interview()

    def dismiss_interview(self) -> None:
        app = self.app
        if len(app.screen_stack) > 1:
            app.pop_screen()
        if self.standalone:
            app.open_student(self.student_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_wording":
            return self.index is None
        return True
