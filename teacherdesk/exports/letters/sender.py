"""The teacher's signature block every letter home shares: name, room, school, phone, email."""

from __future__ import annotations

from teacherdesk.exports.letters.translate import Translator
from teacherdesk.exports.markdown_text import escape
from teacherdesk.models import Settings


def sender(settings: Settings, t: Translator) -> list[str]:
    """The teacher's name and how to reach them, one Markdown line each (hard breaks), in the
    letter's language; what the teacher typed (name, school) is escaped, never translated."""
    lines = [escape(settings.teacher_name) if settings.teacher_name else t("letter.teacher")]
    if settings.room:
        room = settings.room.strip()
        room = room[5:].strip() if room.lower().startswith("room ") else room
        lines.append(t("letter.room", room=room))
    if settings.school:
        lines.append(escape(settings.school))
    if settings.teacher_phone:
        lines.append(t("letter.phone", phone=settings.teacher_phone))
    if settings.teacher_email:
        lines.append(t("letter.email", email=settings.teacher_email))
    return [line + "\\" for line in lines[:-1]] + lines[-1:]
