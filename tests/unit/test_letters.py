"""Letters home and printed exports that hold up (issue 12): the parent-input request for any
student, dated and signed with how to reach the teacher, ruled space on paper; Markdown that
reads the same on GitHub; HTML with a running header, headings kept with what follows, and
dir="auto" on what people typed."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import subprocess

from markdown_it import MarkdownIt

from teacherdesk.exports.html_page import css_string, html_document
from teacherdesk.exports.markdown_text import escape, paragraphs
from teacherdesk.exports.packet import export_packet
from teacherdesk.exports.parent_request import build_request, build_request_markdown
from teacherdesk.models import IEP, ContactNote, Guardian, Settings, Student
from teacherdesk.store import Store
from tests.helpers import TODAY, teacherdesk_cmd

TEACHER = Settings(
    teacher_name="Ms. Oyelaran",
    school="Larkspur Elementary",
    room="14",
    teacher_phone="555-0190",
    teacher_email="t.oyelaran@example.org",
    reply_how="Text the class line, 555-0191",
)
KID = Student(first_name="Marisol", last_name="Duskwood")
MUM = Guardian(name="Rhea Duskwood", student_ids=[KID.id])


def test_letter_is_dated_and_says_how_to_reach_the_teacher():
    letter = build_request_markdown(KID, [MUM], None, TEACHER, TODAY)
    top = letter.split("Dear", 1)[0]
    assert "Mon 16 Nov 2026" in top  # the date, before the greeting
    for detail in ("Room 14", "555-0190", r"t.oyelaran\@example.org", "Larkspur Elementary"):
        assert detail in top
    ways = letter.split("## How to send it back", 1)[1]
    assert r"Reply by email to t.oyelaran\@example.org" in ways
    assert "Call 555-0190" in ways and "Text the class line, 555-0191" in ways
    rendered = MarkdownIt("commonmark").render(letter)
    assert "t.oyelaran@example.org" in rendered and "\\@" not in rendered


def test_letter_offers_only_the_ways_it_gives_the_means_for():
    letter = build_request_markdown(KID, [MUM], None, Settings(teacher_name="T"), TODAY)
    assert "email" not in letter.lower().split("## how to send it back", 1)[1]
    assert "call" not in letter.lower().split("## how to send it back", 1)[1]


def test_any_student_two_weeks_or_the_date_given_or_the_iep_timeline():
    no_iep = build_request_markdown(KID, [MUM], None, TEACHER, TODAY)
    assert no_iep.startswith("# Your thoughts about Marisol Duskwood's year")
    assert "**Mon 30 Nov 2026**" in no_iep  # two weeks from Mon 16 Nov
    given = build_request_markdown(KID, [MUM], None, TEACHER, TODAY, return_by=dt.date(2026, 12, 5))
    assert "**Fri 4 Dec 2026**" in given  # a Saturday becomes the Friday before
    iep = IEP(student_id=KID.id, meeting_date=dt.date(2027, 1, 21))
    with_iep = build_request_markdown(KID, [MUM], iep, TEACHER, TODAY)
    assert with_iep.startswith("# Your thoughts for Marisol Duskwood's IEP")
    assert "**Mon 7 Dec 2026**" in with_iep


def test_printed_letter_leaves_ruled_space_under_each_question():
    page = build_request(KID, [MUM], None, TEACHER, TODAY, fmt="html")
    assert page.count('class="answer-space"') == 5
    # Each space comes right after its question, before the next heading.
    sections = re.split(r"<h2[^>]*>", page)[1:]
    numbered = [s for s in sections if re.match(r"\d\.", s)]
    assert len(numbered) == 5 and all('class="answer-space"' in s for s in numbered)
    assert 'class="answer-space"' not in page.split("How to send it back", 1)[1]
    assert css_string("Marisol Duskwood · Confidential") in page.split("@top-left", 1)[1]


def test_parent_input_request_command_any_student_format_from_suffix(tmp_path, cli_env):
    data = tmp_path / "d" / "teacherdesk.json"
    store = Store.open(data, author="tester")
    store.students.save(KID)
    store.settings.save(TEACHER)
    run = lambda *args: subprocess.run(  # noqa: E731
        [*teacherdesk_cmd(), "--data", str(data), "parent-input-request", *args],
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=60,
    )
    out = tmp_path / "letter.html"
    done = run("Marisol", "--out", str(out), "--return-by", "2026-12-31")
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "Thu 31 Dec 2026" in page
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    bad = run("Marisol", "--return-by", "someday")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--return-by" in bad.stderr
    assert "Traceback" not in bad.stderr


# --- Markdown -----------------------------------------------------------------------------------


def test_gfm_autolinks_are_defused_and_commonmark_reads_the_same():
    typed = "See https://evil.example/x, www.example.org or write to pat@example.org <http://y>"
    line = escape(typed)
    assert r"https\://" in line and r"www\.example" in line and r"pat\@example.org" in line
    for preset in ("commonmark", "gfm-like"):
        renderer = MarkdownIt(preset, {"html": False, "linkify": True}).enable("linkify")
        rendered = renderer.render(line)
        assert "<a " not in rendered, (preset, rendered)
    plain = MarkdownIt("commonmark").render(line)
    assert "See https://evil.example/x, www.example.org or write to pat@example.org" in plain


def test_every_export_ends_with_one_newline(memory_store):
    student = memory_store.students.save(KID)
    memory_store.contacts.save(
        ContactNote(student_id=student.id, date=TODAY, summary="Visit www.example.org")
    )
    packet = export_packet(memory_store, student, today=TODAY, author="T")
    letter = build_request_markdown(student, [MUM], None, TEACHER, TODAY)
    for text in (packet, letter, paragraphs("a\nb") + "\n"):
        assert text.endswith("\n") and not text.endswith("\n\n")
    assert r"www\.example.org" in packet


# --- HTML for print -----------------------------------------------------------------------------


def test_packet_html_running_header_keep_with_next_and_rtl(memory_store):
    student = memory_store.students.save(Student(first_name="Yara", last_name="حداد"))
    memory_store.guardians.save(Guardian(name="ليلى حداد", student_ids=[student.id]))
    memory_store.contacts.save(
        ContactNote(student_id=student.id, date=TODAY, summary="שלום, talked about reading")
    )
    page = export_packet(memory_store, student, today=TODAY, author="T", fmt="html")
    page_rules = page.split("@page {", 2)[2]
    assert "@top-left" in page_rules and css_string("Yara حداد · Confidential") in page_rules
    assert "counter(page)" in page_rules
    assert "p:has(> strong:only-child) { break-after: avoid" in page
    assert "<strong>Contacts, newest first</strong>" in page
    assert '<h3 dir="auto"><span dir="auto">ليلى حداد</span></h3>' in page
    assert '<span dir="auto">שלום, talked about reading</span>' in page
    assert '<p dir="auto">' in page and '<li dir="auto">' in page


def test_css_string_cannot_be_broken_out_of():
    text = css_string('Zoë "}</style><script>')
    assert text.startswith('"') and text.endswith('"') and text.count('"') == 2
    assert "<" not in text and "}" not in text
    page = html_document("x", title="t", banner="b", header='A "} b')
    assert '"} b' not in page
