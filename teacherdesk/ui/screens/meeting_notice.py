"""Preview the notice of a student's IEP meeting as the family will read it, in the language
the teacher picks first (the family's by default), then save it (`s`: `.md`, or `.html` to
print). `f12` on the IEP record, `m` on the IEP list."""

from __future__ import annotations

from pathlib import Path

from teacherdesk.exports.letters.letter import Letter
from teacherdesk.exports.meeting_notice import addressed, notice_filename, write_notice
from teacherdesk.ui.screens.letter_preview import LetterPreview


class MeetingNoticePreview(LetterPreview):
    what = "the meeting notice"
    access_kind = "meeting-notice"

    def __init__(self, student_id: str) -> None:
        super().__init__()
        self.student_id = student_id
        self.markdown = ""

    def _meeting(self):
        store = self.desk.store
        student = store.students.get(self.student_id)
        if student is None:
            raise LookupError("this student is no longer in the roster")
        iep = store.ieps.for_student(student.id)
        if iep is None:
            raise LookupError("no IEP meeting on record yet: set the meeting date first")
        return student, iep, store.guardians.for_student(student.id)

    def addressed(self):
        return addressed(self._meeting()[2])

    def write_letter(self, lang: str, school: Path | None) -> Letter:
        student, iep, guardians = self._meeting()
        settings = self.desk.store.settings.load()
        return write_notice(
            student, guardians, iep, settings, self.desk.today(), lang=lang, school=school
        )

    def header(self) -> str:
        return self._meeting()[0].display_name

    def default_stem(self) -> str:
        student = self.desk.store.students.get(self.student_id)
        if student is None:
            return "iep-meeting-notice"
        return notice_filename(student, self.letter_code).removesuffix(".md")

    def shown_student(self):
        return self.desk.store.students.get(self.student_id)

    def state_line(self) -> str:
        return f"{self.language_line()} · s: save · note the day it goes out on the IEP record"

    def on_mount(self) -> None:
        self.sub_title = "IEP meeting notice: preview"
