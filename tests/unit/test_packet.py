"""The IEP team packet: structure, escaping, privacy, HTML, and `teacherdesk export`."""

from __future__ import annotations

import datetime as dt
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from teacherdesk.cli.main import main
from teacherdesk.exports import markdown_text as md
from teacherdesk.exports.html_page import html_document
from teacherdesk.exports.packet import (
    PARENTAL_PARTS,
    SECTIONS,
    export_packet,
    file_stem,
    gather,
    packet_markdown,
)
from teacherdesk.models import (
    IEP,
    AgreedAction,
    Channel,
    Conference,
    ConferenceFormat,
    ConferenceStatus,
    ContactNote,
    FollowUp,
    Guardian,
    InputMethod,
    ParentalInput,
    PhoneNumber,
    Purpose,
    Settings,
    Student,
    StudentInterview,
)
from teacherdesk.store import Store, login_name
from teacherdesk.text import strip_unsafe
from tests.helpers import TODAY

PARSER = MarkdownIt("commonmark", {"html": False})

NAME_FIRST = "Zoë *Star*"
NAME_LAST = "<b>Bright</b>"
GUARDIAN = "Ana [link](http://x.example) `Ruiz`"
TRICKY = [
    "# not a heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
    "| a | b |",
    "&amp; stays &amp;",
    "<http://autolink.example>",
    "ends with a backslash\\",
    "    four spaces are not code",
    "_under_ ~~strike~~ **bold**",
    "![img](x.png)",
]
SECRET = "SECRET restricted words"
SECRET_FOLLOW_UP = "SECRET follow-up"
SIBLING = "Quillon Secretsibling"

# Tokens that would mean someone's text turned into markup.
FORBIDDEN = {
    "html_inline",
    "html_block",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "blockquote_open",
    "ordered_list_open",
    "hr",
    "s_open",
}


def tokens(text: str):
    for token in PARSER.parse(text):
        yield token
        yield from token.children or ()


def text_content(text: str) -> list[str]:
    return [t.content for t in tokens(text) if t.type == "text"]


def headings(text: str) -> list[tuple[int, str]]:
    found, level = [], 0
    for token in PARSER.parse(text):
        if token.type == "heading_open":
            level = int(token.tag[1])
        elif token.type == "inline" and level:
            found.append((level, "".join(c.content for c in token.children or ())))
            level = 0
    return found


def appears_literally(needle: str, text: str) -> bool:
    return any(needle in content for content in text_content(text))


@pytest.fixture
def tricky_store() -> Store:
    store = Store.memory(author="tester")
    store.settings.save(Settings(teacher_name="Ms. *Teacher* <i>Name</i>"))
    student = Student(
        first_name=NAME_FIRST,
        last_name=NAME_LAST,
        grade="4",
        class_name="Room `7`",
        pronouns="she/her",
        has_iep=True,
        student_number="9001",
    )
    sibling = Student(first_name="Quillon", last_name="Secretsibling", grade="2")
    store.students.add_many([student, sibling])
    mother = Guardian(
        name=GUARDIAN,
        student_ids=[student.id, sibling.id],
        relationship="mother",
        phones=[PhoneNumber(number="555-0142")],
        email="ana@example.org",
        preferred_language="Español",
        interpreter_needed=True,
        preferred_channel=Channel.TEXT,
        best_time="after 6 <pm>",
    )
    store.guardians.save(mother)
    store.ieps.save(
        IEP(
            student_id=student.id,
            meeting_date=TODAY + dt.timedelta(days=20),
            case_manager="Mr. _Case_",
            parental_input=ParentalInput(
                strengths_needs="\n".join(TRICKY),
                social_behavioral="Line one\n\nSecond paragraph *still literal*",
                learning_style="",
                testing_accommodations="Extra time | quiet room",
                classroom_accommodations="Seat near the front & <script>alert(1)</script>",
                requested_on=TODAY - dt.timedelta(days=30),
                requested_how=InputMethod.PAPER,
                received_on=TODAY - dt.timedelta(days=3),
                received_how=InputMethod.MEETING,
            ),
        )
    )
    store.interviews.save(
        StudentInterview(
            student_id=student.id,
            answers={
                "strengths": "drawing *comics* and [maps](x)",
                "needs": "reading <long> chapters",
                "team_should_know": "I try hard",
            },
            skipped=["proud_of"],
        )
    )
    store.conferences.save(
        Conference(
            student_id=student.id,
            when=dt.datetime(2026, 11, 2, 15, 30),
            format=ConferenceFormat.ONE_ON_ONE,
            status=ConferenceStatus.HELD,
            guardian_ids=[mother.id],
            staff=["Ms. Teacher"],
            celebrations="Reads **every** night",
            concerns="# Homework",
            actions=[
                AgreedAction(what="Reading log `daily`", owner="family", due=TODAY),
                AgreedAction(what="Send word list", owner="teacher", due=TODAY, done_on=TODAY),
            ],
        )
    )
    store.contacts.add_many(
        [
            ContactNote(
                student_id=student.id,
                guardian_id=mother.id,
                date=TODAY - dt.timedelta(days=1),
                purpose=Purpose.POSITIVE,
                summary="Great *week*!\nShe helped <em>everyone</em>.",
            ),
            ContactNote(
                student_id=student.id,
                guardian_id=mother.id,
                date=TODAY - dt.timedelta(days=10),
                purpose=Purpose.CONCERN,
                summary="Older concern",
            ),
            ContactNote(
                student_id=student.id,
                guardian_id=mother.id,
                date=TODAY - dt.timedelta(days=5),
                purpose=Purpose.BEHAVIOR,
                summary=SECRET,
                restricted=True,
                follow_up=FollowUp(what=SECRET_FOLLOW_UP, due=TODAY),
            ),
            ContactNote(
                student_id=sibling.id,
                guardian_id=mother.id,
                date=TODAY,
                summary="About the sibling only",
            ),
        ]
    )
    return store


def the_student(store: Store) -> Student:
    return next(s for s in store.students.all() if s.first_name == NAME_FIRST)


def packet(store: Store, **options) -> str:
    options.setdefault("author", "Ms. Author")
    return packet_markdown(gather(store, the_student(store)), today=TODAY, **options)


# --- structure -----------------------------------------------------------------------------------


def test_sections_are_all_there_in_order(tricky_store: Store) -> None:
    text = packet(tricky_store)
    found = headings(text)
    assert found[0] == (1, f"IEP team packet: {NAME_FIRST} {NAME_LAST}")
    assert [title for level, title in found if level == 2] == list(SECTIONS)
    parental = [t for _, t in found[found.index((2, "Parental input")) + 1 :]][:5]
    assert parental == [title for _, title in PARENTAL_PARTS]
    assert all(level == 3 for level, t in found if t in parental)


def test_confidentiality_line_names_the_date_and_author(tricky_store: Store) -> None:
    text = packet(tricky_store, author="Ms. *Author*")
    second = PARSER.parse(text)[4]  # h1 open, inline, close, then the first paragraph
    assert second.type == "inline"
    plain = "".join(c.content for c in second.children)
    assert "Confidential" in plain and "Mon 16 Nov 2026" in plain and "Ms. *Author*" in plain


def test_every_parental_input_part_and_the_dates(tricky_store: Store) -> None:
    text = packet(tricky_store)
    for line in TRICKY:
        assert appears_literally(line.strip(), text), line
    assert appears_literally("Second paragraph *still literal*", text)
    assert appears_literally("Seat near the front & <script>alert(1)</script>", text)
    assert appears_literally("Extra time | quiet room", text)
    assert appears_literally("Nothing written for this part.", text)  # learning style empty
    assert appears_literally("Mon 16 Nov 2026", text) or "Fri 13 Nov 2026" in text
    assert "Fri 13 Nov 2026 by meeting" in " ".join(text_content(text))


def test_student_answers_exactly_as_typed(tricky_store: Store) -> None:
    """The packet is a legal record: the student's words, with nothing written around them."""
    plain = " ".join(" ".join(text_content(packet(tricky_store))).split())
    assert "Strengths: drawing *comics* and [maps](x)" in plain
    assert "Needs: reading <long> chapters" in plain
    assert "What I want my team to know: I try hard" in plain
    for invented in ("I am good at", "I need help with", "own words", "chapters."):
        assert invented not in plain, invented
    assert "Proud of: Skipped." in plain
    assert "My learning goal: Not answered yet." in plain


def test_conference_and_actions(tricky_store: Store) -> None:
    plain = " ".join(text_content(packet(tricky_store)))
    assert "Reads **every** night" in plain
    assert "# Homework" in plain
    assert "Reading log `daily`" in plain
    assert "not done yet, due today" in plain
    assert "done Mon 16 Nov 2026" in plain


def test_nothing_typed_becomes_markup(tricky_store: Store) -> None:
    text = packet(tricky_store, include_restricted=True)
    kinds = {token.type for token in tokens(text)}
    assert not kinds & FORBIDDEN, kinds & FORBIDDEN
    # bold and italic only ever wrap our own labels, never a person's words
    inside, strong = False, set()
    for token in tokens(text):
        if token.type in ("strong_open", "em_open"):
            inside = True
        elif token.type in ("strong_close", "em_close"):
            inside = False
        elif inside and token.type == "text":
            strong.add(token.content)
    for typed in ("Star", "every", "bold", "week", "still literal", "Author", "Teacher"):
        assert not any(typed in label for label in strong), (typed, strong)


def test_empty_parts_say_so_in_words() -> None:
    store = Store.memory(author="login-name")
    student = Student(first_name="Ola", last_name="Nobody", grade="1")
    store.students.save(student)
    text = export_packet(store, student, today=TODAY)
    plain = " ".join(text_content(text))
    assert [t for lvl, t in headings(text) if lvl == 2] == list(SECTIONS)
    for words in (
        "No guardians recorded.",
        "No IEP on record for this student",
        "Not received yet.",
        "Not interviewed yet.",
        "No conferences recorded.",
        "No family contacts recorded.",
        "No IEP or 504 plan",
    ):
        assert words in plain, words
    assert "by login-name" in plain  # no teacher name in Settings: the login name


def test_iep_timeline_deadlines_met_or_not(tricky_store: Store) -> None:
    plain = " ".join(" ".join(text_content(packet(tricky_store))).split())
    assert "Parental input: Thu 22 Oct 2026: met late (done Fri 13 Nov 2026, 22 days after" in plain
    assert "Student input: Sun 22 Nov 2026: not done yet, in 6 days" in plain
    assert "Draft IEP to family: Sun 29 Nov 2026: not done yet" in plain
    assert "IEP meeting: Sun 6 Dec 2026: in 2 weeks" in plain
    assert "IEP writing date: Sun 22 Nov 2026" in plain


# --- privacy -------------------------------------------------------------------------------------


def test_restricted_notes_left_out_by_default(tricky_store: Store) -> None:
    text = packet(tricky_store)
    assert SECRET not in text and SECRET_FOLLOW_UP not in text
    assert "not included" in text
    assert "behavior" not in " ".join(text_content(text)).split("By purpose:")[1][:80]


def test_restricted_notes_present_and_marked_when_asked(tricky_store: Store) -> None:
    text = packet(tricky_store, include_restricted=True)
    assert appears_literally(SECRET, text)
    assert appears_literally(SECRET_FOLLOW_UP, text)
    assert "**Restricted**" in text


def test_siblings_are_never_named(tricky_store: Store) -> None:
    text = packet(tricky_store, include_restricted=True)
    assert "Quillon" not in text and "Secretsibling" not in text
    assert "About the sibling only" not in text
    assert appears_literally("a sibling", text)


def test_contacts_newest_first_with_summary(tricky_store: Store) -> None:
    plain = " ".join(text_content(packet(tricky_store, include_restricted=True)))
    assert plain.index("Great *week*!") < plain.index(SECRET) < plain.index("Older concern")
    assert "positive news 1" in plain
    assert "1 positive to 2 concern" in plain


def test_file_stem_is_safe() -> None:
    student = Student(first_name="Zoë *Star*", last_name="<b>Bright</b>/..")
    assert file_stem(student, TODAY) == "iep-packet-zoe-star-b-bright-b-2026-11-16"


# --- HTML ----------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)


def test_html_has_no_raw_tag_from_user_text(tricky_store: Store) -> None:
    page = export_packet(
        tricky_store, the_student(tricky_store), today=TODAY, fmt="html", include_restricted=True
    )
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>IEP team packet: Zoë *Star* &lt;b&gt;Bright&lt;/b&gt;</title>" in page
    assert "<b>" not in page and "<script>" not in page and "<em>everyone" not in page
    assert "&lt;b&gt;Bright&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp; stays &amp;amp;" in page
    parser = _Tags()
    parser.feed(page)
    allowed = {"html", "head", "meta", "title", "style", "body", "div", "main"}
    allowed |= {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "br"}
    assert parser.tags <= allowed, parser.tags - allowed
    assert "Confidential" in page and "@page { margin: 18mm; }" in page


def test_html_document_escapes_title_and_banner() -> None:
    page = html_document("text", title="<x>", banner="<y>")
    assert "<title>&lt;x&gt;</title>" in page and "&lt;y&gt;" in page


# --- escaping, for any text ----------------------------------------------------------------------

ONE_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\r\n"),
    min_size=1,
)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1)
SPECIALS = st.text(alphabet=st.sampled_from(list("\\`*_[]<>()#!|~&;:.+-=1 \tabc\n")), min_size=1)
PLAIN_INLINE = {"text"}


def inline_tokens(source: str):
    return [c for token in PARSER.parse(source) if token.type == "inline" for c in token.children]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(ONE_LINE, SPECIALS.map(lambda t: t.replace("\n", " "))))
def test_escaped_line_renders_back_exactly(text: str) -> None:
    source = md.escape(text)
    blocks = [t.type for t in PARSER.parse(source)]
    assert blocks == ["paragraph_open", "inline", "paragraph_close"], (text, source)
    children = inline_tokens(source)
    assert {c.type for c in children} <= PLAIN_INLINE, (text, source)
    assert "".join(c.content for c in children) == text


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(ANY_TEXT, SPECIALS))
def test_escaped_paragraphs_keep_every_line(text: str) -> None:
    source = md.paragraphs(text)
    paragraphs = []
    for token in PARSER.parse(source):
        assert token.type in ("paragraph_open", "inline", "paragraph_close"), (text, source)
        if token.type == "inline":
            assert {c.type for c in token.children} <= {"text", "hardbreak"}, (text, source)
            paragraphs.append(
                "".join("\n" if c.type == "hardbreak" else c.content for c in token.children)
            )
    expected = ["\n".join(lines) for lines in md.lines(text)]
    assert paragraphs == expected
    # and lines() loses nothing but blank lines and control characters
    kept = [line for line in strip_unsafe(text).split("\n") if line.strip()]
    assert "\n".join(paragraphs).split("\n") == kept or not kept


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(ANY_TEXT, SPECIALS))
def test_list_items_and_headings_stay_literal(text: str) -> None:
    for source in (md.list_item(text, label="Label"), md.heading(2, text)):
        for token in tokens(source):
            assert token.type not in FORBIDDEN, (text, source)
    html = PARSER.render(md.list_item(text, label="x") + "\n\n" + md.heading(3, text))
    assert "<" not in html.replace("<ul>", "").replace("</ul>", "").replace("<li>", "").replace(
        "</li>", ""
    ).replace("<strong>", "").replace("</strong>", "").replace("<h3>", "").replace(
        "</h3>", ""
    ).replace("<br />", "").replace("<p>", "").replace("</p>", "")


def test_escape_examples() -> None:
    for text in ("Zoë *Star* <b>Bright</b>", "`x`", "# h", "[a](b)", "a|b", "&amp;", "1) x"):
        rendered = PARSER.render(md.escape(text))
        assert rendered.startswith("<p>") and "<b>" not in rendered and "<a" not in rendered
    assert md.escape("Tom & Jerry: 50% off, (really).") == "Tom & Jerry: 50% off, (really)."


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture
def export_file(tmp_path: Path, tricky_store: Store) -> Path:
    path = tmp_path / "data" / "teacherdesk.json"
    # the command runs as this login: --include-restricted shows only that account's own notes
    store = Store.open(path, author=login_name())
    for repo in ("settings", "students", "guardians", "ieps", "interviews", "conferences"):
        getattr(store, repo).add_many(getattr(tricky_store, repo).all())
    store.contacts.add_many(tricky_store.contacts.all())
    return path


def test_cli_prints_markdown_to_stdout(export_file: Path, capsys) -> None:
    assert main(["--data", str(export_file), "export", "9001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# IEP team packet: Zoë \\*Star\\* \\<b\\>Bright\\</b\\>")
    assert SECRET not in out


def test_cli_writes_html_0600_by_suffix(export_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out" / "packet.html"
    code = main(["--data", str(export_file), "export", "9001", "--out", str(out)])
    assert code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<b>" not in page and SECRET not in page
    assert str(out) in capsys.readouterr().err


def test_cli_include_restricted_and_format_override(export_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "packet.txt"  # a suffix that says no format: --format decides
    args = ["--data", str(export_file), "export", "9001", "--out", str(out)]
    assert main([*args, "--format", "md", "--include-restricted"]) == 0
    text = out.read_text()
    assert text.startswith("# IEP team packet") and SECRET in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_cli_errors_are_one_sentence(export_file: Path, tmp_path: Path, capsys) -> None:
    data = ["--data", str(export_file), "export"]
    assert main([*data, "nobody-at-all"]) == 2
    assert main([*data, "9001", "--format", "pdf"]) == 2
    assert main([*data, "9001", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "teacherdesk: no student matches 'nobody-at-all'."
    assert err[1] == "teacherdesk: --format must be md or html, not 'pdf'."
    assert err[2].startswith("teacherdesk: Could not write the packet to")
    assert all("Traceback" not in line for line in err)


def test_cli_unwritable_path_exits_1(export_file: Path, capsys) -> None:
    assert main(["--data", str(export_file), "export", "9001", "--out", "/proc/nope/p.md"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("teacherdesk: Could not write the packet to /proc/nope/p.md")
    assert err.count("\n") == 1
