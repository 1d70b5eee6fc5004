"""Preview the notice of a student's IEP meeting as the family will read it, then save it (`s`:
`.md`, or `.html` to print). `f7` on the IEP record, `m` on the IEP list."""

from __future__ import annotations

from textual.widgets import Static

from teacherdesk.exports.meeting_notice import build_notice, notice_filename
from teacherdesk.ui.screens.packet_preview import DocumentPreview


class MeetingNoticePreview(DocumentPreview):
    what = "the meeting notice"
    access_kind = "meeting-notice"

    def __init__(self, student_id: str) -> None:
        super().__init__()
        self.student_id = student_id
        self.markdown = ""

    def build(self, fmt: str) -> str:
        store = self.desk.store
        student = store.students.get(self.student_id)
        if student is None:
            raise LookupError("this student is no longer in the roster")
        iep = store.ieps.for_student(student.id)
        if iep is None:
            raise LookupError("no IEP meeting on record yet: set the meeting date first")
        guardians = store.guardians.for_student(student.id)
        return build_notice(
            student, guardians, iep, store.settings.load(), self.desk.today(), fmt=fmt
        )

    def default_stem(self) -> str:
        student = self.desk.store.students.get(self.student_id)
        return notice_filename(student).removesuffix(".md") if student else "iep-meeting-notice"

    def state_line(self) -> str:
        return (
            "For the family · s: save (.html to print) · escape: back · record the day it goes "
            "out under 'Notice sent' on the IEP record"
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "IEP meeting notice: preview"
        self.query_one("#preview-state", Static).update(self.state_line())
