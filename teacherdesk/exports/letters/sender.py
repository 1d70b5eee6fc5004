"""The teacher's signature block every letter home shares: name, room, school, phone, email;
and whether a letter gives families a way to reach the teacher at all."""

from __future__ import annotations

from teacherdesk.exports.letters.translate import Translator
from teacherdesk.exports.markdown_text import escape
from teacherdesk.models import Settings

# Said once (CLI: on stderr; app: above the preview) when a letter has no phone and no email.
NO_CONTACT = (
    "families have no way to reach you in this letter: add your phone or email in Settings "
    "(in the app: ctrl+p, Settings)"
)


def reachable(settings: Settings) -> bool:
    """Does the letter give a phone number or an email address to reach the teacher?"""
    return bool(settings.teacher_phone.strip() or settings.teacher_email.strip())


def sender(settings: Settings, t: Translator) -> list[str]:
    """The teacher's name and how to reach them, one Markdown line each (hard breaks), in the
    letter's language; what the teacher typed (name, school) is escaped, never translated."""
    lines = [escape(settings.teacher_name) if settings.teacher_name else t("letter.teacher")]
    if settings.room:
        lines.append(t("letter.room", room=room_of(settings)))
    if settings.school:
        lines.append(escape(settings.school))
    if settings.teacher_phone:
        lines.append(t("letter.phone", phone=settings.teacher_phone))
    if settings.teacher_email:
        lines.append(t("letter.email", email=settings.teacher_email))
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def room_of(settings: Settings) -> str:
    """The room as typed, without a leading "Room " (the message adds its own word)."""
    room = settings.room.strip()
    return room[5:].strip() if room.lower().startswith("room ") else room
