"""The models keep what a teacher typed and refuse what would hurt: escapes, blanks, junk."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from teacherdesk.models import (
    Channel,
    ContactNote,
    Direction,
    EngagementEvent,
    EventKind,
    FollowUp,
    Guardian,
    Outcome,
    PhoneNumber,
    Purpose,
    Student,
    StudentInterview,
    label,
    parse_choice,
)
from teacherdesk.text import clean_block, clean_line

ESCAPES = [
    "\x1b[31m",  # colour
    "\x1b[0m",
    "\x1b[2J",  # clear screen
    "\x1b]0;title\x07",  # set window title (OSC, BEL)
    "\x1b]8;;http://evil.example\x1b\\",  # hyperlink (OSC, ST)
    "\x1bPq#0;2;0;0;0\x1b\\",  # DCS (sixel)
    "\x9b31m",  # 8-bit CSI
    "\x9d0;title\x9c",  # 8-bit OSC
    "\x1bc",  # reset
    "\x07",
    "\x00",
    "\x08",
    "\x7f",
    "\x85",
    "\x90",
    "\x9f",
]

UNSAFE = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7F, 0xA0)}


def unsafe_chars(text: str) -> set[str]:
    return {ch for ch in text if ch in UNSAFE or 0xD800 <= ord(ch) <= 0xDFFF}


# Text that a person may legitimately type: letters and marks of every script, digits,
# punctuation, symbols, ordinary spaces.
safe_text = st.text(
    alphabet=st.characters(
        categories=("L", "M", "N", "P", "S", "Zs"),
    ),
    max_size=40,
)
hostile = st.sampled_from(ESCAPES)


@st.composite
def name_with_escapes(draw):
    parts = draw(st.lists(st.one_of(safe_text, hostile), min_size=1, max_size=6))
    return "".join(parts)


# --- names ---------------------------------------------------------------------------------------


@given(name_with_escapes())
@settings(max_examples=300)
def test_no_control_character_survives_a_name(raw):
    try:
        student = Student(first_name=raw, last_name="Ng")
    except ValidationError:
        assert clean_line(raw) == ""  # refused only because nothing is left
        return
    assert not unsafe_chars(student.first_name)
    assert "\x1b" not in student.first_name
    assert "\n" not in student.first_name
    assert student.first_name == student.first_name.strip()


@given(name_with_escapes())
def test_no_control_character_survives_a_note(raw):
    note = ContactNote(student_id="s", date=dt.date(2026, 11, 16), summary=raw + "\nline two")
    assert not unsafe_chars(note.summary.replace("\n", ""))
    assert note.summary.endswith("line two")


@pytest.mark.parametrize("escape", ESCAPES)
def test_each_escape_is_stripped_and_the_name_kept(escape):
    student = Student(first_name=f"Zo{escape}ë", last_name=f"{escape}Okafor{escape}")
    assert student.first_name == "Zoë"
    assert student.last_name == "Okafor"


def test_title_and_colour_escapes_leave_only_the_text():
    assert clean_line("\x1b[31mRed\x1b[0m Riding\x1b]0;pwned\x07Hood") == "Red RidingHood"
    assert clean_block("a\x1b[2J\r\nb\x1b]0;t\x1b\\c") == "a\nbc"


@given(safe_text.filter(lambda t: t.strip()))
@settings(max_examples=300)
def test_accents_and_every_script_survive_as_nfc(raw):
    expected = re.sub(" +", " ", unicodedata.normalize("NFC", raw)).strip()
    if not expected:
        return
    student = Student(first_name=raw, last_name="X")
    assert student.first_name == expected
    assert unicodedata.is_normalized("NFC", student.first_name)


@pytest.mark.parametrize(
    "name",
    [
        "Zoë",
        "Björn",
        "Inès",
        "Joaquín",
        "Nguyễn",
        "김민준",
        "محمد",
        "Δημήτρης",
        "Саша",
        "O'Brien-Núñez",
    ],
)
def test_real_names_are_kept_exactly(name):
    assert Student(first_name=name, last_name=name).last_name == name


def test_decomposed_accents_become_composed():
    student = Student(first_name="Zoe\u0308", last_name="Ng")
    assert student.first_name == "Zoë"
    assert len(student.first_name) == 3


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\x1b[31m", "\x1b]0;t\x07", "\x00\x07"])
def test_required_names_reject_blank(blank):
    with pytest.raises(ValidationError, match="is required"):
        Student(first_name=blank, last_name="Ng")
    with pytest.raises(ValidationError, match="is required"):
        Guardian(name=blank)
    with pytest.raises(ValidationError, match="is required"):
        EngagementEvent(kind=EventKind.WORKSHOP, title=blank, date=dt.date(2026, 1, 1))


def test_names_are_trimmed_and_single_spaced():
    student = Student(first_name="  Mary \t  Ann  ", last_name="\nNg\n")
    assert student.first_name == "Mary Ann"
    assert student.last_name == "Ng"


def test_overlong_name_is_refused_with_its_length():
    with pytest.raises(ValidationError, match="too long"):
        Student(first_name="x" * 201, last_name="Ng")


def test_big_paste_in_a_note_is_refused_not_truncated():
    with pytest.raises(ValidationError, match="too long"):
        ContactNote(student_id="s", date=dt.date(2026, 1, 1), summary="x" * 100_000)


def test_lone_surrogates_never_reach_the_file():
    # A shell argument with invalid UTF-8 arrives in Python as lone surrogates.
    student = Student(first_name="Zo\udcffë", last_name="Ng")
    assert student.first_name == "Zoë"
    student.model_dump_json()  # encodable


# --- emails and phones ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["", "amara.q@example.org", "a+b@school.k12.us", "ZOE@EXAMPLE.ORG", "élodie@exemple.fr"],
)
def test_sane_emails_are_accepted(email):
    assert Guardian(name="G", email=email).email == email


@pytest.mark.parametrize(
    "junk",
    [
        "no at sign",
        "a@b",
        "@example.org",
        "a@",
        "a b@example.org",
        "a@exa mple.org",
        "a@@b.org",
        "a@example.",
        "a@example.c",
        "call me",
    ],
)
def test_junk_emails_are_refused(junk):
    with pytest.raises(ValidationError, match=r"name@example\.org"):
        Guardian(name="G", email=junk)


@pytest.mark.parametrize(
    "phone", ["555-0142", "+1 (555) 010-0142", "555.010.0142", "555-0142 x12", "555 0142 ext. 7"]
)
def test_sane_phones_are_accepted(phone):
    assert PhoneNumber(number=phone).number == phone


@pytest.mark.parametrize("junk", ["call me", "555-CALL", "12", "+", "1" * 25, "555-0142; rm -rf"])
def test_junk_phones_are_refused(junk):
    with pytest.raises(ValidationError, match="phone number"):
        PhoneNumber(number=junk)


def test_escapes_are_stripped_before_email_and_phone_checks():
    guardian = Guardian(
        name="G", email="\x1b[31mg@example.org", phones=[PhoneNumber(number="555-0142\x07")]
    )
    assert guardian.email == "g@example.org"
    assert guardian.main_phone == "555-0142"


# --- dates and choices ---------------------------------------------------------------------------


def test_dates_are_dates():
    note = ContactNote(student_id="s", date="2026-12-03", follow_up={"due": "2026-12-10"})
    assert note.date == dt.date(2026, 12, 3)
    assert isinstance(note.follow_up, FollowUp)
    assert note.follow_up.due == dt.date(2026, 12, 10)
    with pytest.raises(ValidationError):
        ContactNote(student_id="s", date="not a date")
    with pytest.raises(ValidationError):
        ContactNote(student_id="s", date="2026-02-30")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_date_round_trips_through_json(day):
    note = ContactNote(student_id="s", date=day)
    again = ContactNote.model_validate_json(note.model_dump_json())
    assert again.date == day


def test_records_get_unique_app_made_ids():
    ids = {Student(first_name="A", last_name="B").id for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 32 for i in ids)


def test_interview_drops_blank_answers_and_cleans_the_rest():
    interview = StudentInterview(student_id="s", answers={"a": "  ", "b": "I like \x1b[1mmaths"})
    assert interview.answers == {"b": "I like maths"}


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        (Channel, "in person", Channel.IN_PERSON),
        (Channel, "In-Person", Channel.IN_PERSON),
        (Channel, "IN_PERSON", Channel.IN_PERSON),
        (Channel, " phone ", Channel.PHONE),
        (Channel, "text message", Channel.TEXT),
        (Channel, "school app", Channel.APP),
        (Outcome, "left message", Outcome.LEFT_MESSAGE),
        (Outcome, "no-answer", Outcome.NO_ANSWER),
        (Purpose, "positive news", Purpose.POSITIVE),
        (Purpose, "IEP", Purpose.IEP),
        (Direction, "we reached out", Direction.WE_REACHED_OUT),
        (Direction, "incoming", Direction.THEY_REACHED_OUT),
    ],
)
def test_parse_choice_reads_what_people_type(kind, typed, expected):
    assert parse_choice(kind, typed) is expected


@pytest.mark.parametrize("junk", ["", "carrier pigeon", "phon", "in  person  x"])
def test_parse_choice_refuses_junk_and_lists_the_options(junk):
    with pytest.raises(ValueError, match="phone, text, email, in_person, video, letter, app"):
        parse_choice(Channel, junk)


@pytest.mark.parametrize("kind", [Channel, Direction, Purpose, Outcome, EventKind])
def test_every_choice_has_words_that_parse_back(kind):
    for choice in kind:
        assert label(choice)
        assert parse_choice(kind, label(choice)) is choice
        assert parse_choice(kind, choice.value) is choice


def test_an_unterminated_sequence_never_swallows_the_text_after_it():
    # A stray 8-bit byte (0x9e is "ž" in Windows-1252, misread as Latin-1) must not eat the note.
    kept = clean_block("Called Mrs Ivan\x9eic about the trip.\nShe will sign the form.")
    assert kept == "Called Mrs Ivanic about the trip.\nShe will sign the form."
    assert clean_line("\x1b]0;no end here") == "0;no end here"
    assert clean_block("a\x1b]0;t\nb\x07c") == "a0;t\nbc"


def test_no_pydantic_plugin_sees_a_record(monkeypatch):
    """A plugin installed beside us (telemetry hooks into every validation) is never looked for
    nor loaded: records go to pydantic's validator alone."""
    from pydantic.plugin import _loader

    import teacherdesk.models as models

    looked = []
    monkeypatch.setattr(_loader, "entry_points", lambda **kw: looked.append(kw) or [])
    monkeypatch.setattr(_loader, "_plugins", None)
    models.Student.model_rebuild(force=True)
    models.Student(first_name="Ada", last_name="Plain")
    assert looked == []
    assert list(_loader.get_plugins()) == []
