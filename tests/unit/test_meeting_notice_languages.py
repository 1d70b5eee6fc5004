"""The IEP meeting notice in the family's language (issues 17 and 19): its sentences are catalog
messages every shipped language translates with every placeholder (and `letters --check` checks
them), it renders in each language, the transition paragraph appears in Spanish exactly when
due, Markdown stays escaped in every language, and `--lang auto` follows the family."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_time
from markdown_it import MarkdownIt

from teacherdesk.domain.languages import SHIPPED
from teacherdesk.exports.letters.catalogs import catalogs, placeholders, template
from teacherdesk.exports.letters.choices import menu
from teacherdesk.exports.letters.messages import MESSAGES
from teacherdesk.exports.meeting_notice import build_notice, write_notice
from teacherdesk.models import IEP, Guardian, Settings, Student
from teacherdesk.store import Store
from tests.helpers import TODAY, run_main

MEETING = dt.date(2026, 12, 7)
TRANSLATED = [code for code in SHIPPED if code != "en"]
NOTICE_KEYS = sorted(key for key in MESSAGES if key.startswith("notice."))
TEACHER = Settings(teacher_name="Ms. Rowan", teacher_email="r@example.org", room="12")
HOSTILE = "Zoë *Star* [x](http://e.org) <b>Bold</b>"


def meeting(born=None, *, language="Spanish", name="Luz", **fields):
    student = Student(first_name=name, last_name="Marquez", date_of_birth=born)
    family = [
        Guardian(
            name="Ana Marquez",
            student_ids=[student.id],
            preferred_language=language,
            interpreter_needed=True,
        )
    ]
    iep = IEP(student_id=student.id, meeting_date=MEETING, meeting_time="3:30 pm", **fields)
    return student, family, iep


def test_the_notice_speaks_only_through_the_catalogs():
    assert len(NOTICE_KEYS) >= 40
    placeholders_used = set().union(*(placeholders(MESSAGES[k].english) for k in NOTICE_KEYS))
    assert {"child", "student", "names", "date", "time", "language", "agencies"} <= (
        placeholders_used
    )
    for code, catalog in catalogs().items():
        for key in NOTICE_KEYS:
            assert key in catalog.translations, (code, key)
            translated = catalog.translations[key]
            assert placeholders(translated) == placeholders(MESSAGES[key].english), (code, key)


def test_letters_check_reports_a_broken_notice_message(tmp_path):
    data = tmp_path / "d" / "teacherdesk.json"
    Store.open(data, author="tester")
    folder = data.parent / "letters"
    folder.mkdir(parents=True)
    po = template("es", catalogs()["es"])
    good = "Un intérprete de {language} estará en la reunión"
    assert good in po
    po = po.replace(good, "Un intérprete de {idioma} estará en la reunión")
    po = po.replace("Planificar la vida después de la escuela", "")  # a heading left empty
    (folder / "es.po").write_text(po, encoding="utf-8")
    checked = run_main(["--data", data, "letters", "--check"])
    assert checked.returncode == 1
    assert "notice.interpreter.in has placeholders the English does not: {idioma}" in (
        checked.stdout
    )
    assert "notice.transition.title is not translated." in checked.stdout
    # and a letter never prints the broken one: that sentence falls back to English
    student, family, iep = meeting(dt.date(2010, 9, 14))
    letter = write_notice(student, family, iep, TEACHER, TODAY, lang="es", school=folder)
    text = letter.markdown()
    assert "{idioma}" not in text and "An interpreter in Spanish will be at the meeting" in text
    assert letter.warnings and letter.bilingual


@pytest.mark.parametrize("code", SHIPPED)
def test_the_notice_renders_in_each_shipped_language(code):
    student, family, iep = meeting(dt.date(2010, 9, 14), meeting_place="Room 12")
    letter = write_notice(student, family, iep, TEACHER, TODAY, lang=code)
    text = letter.markdown()
    if code == "en":
        assert text.startswith("# You are invited to Luz Marquez's IEP meeting\n")
        assert not letter.bilingual and "> " not in text
        return
    words = catalogs()[code].translations
    assert letter.code == code and letter.bilingual
    assert text.startswith(f"# {words['notice.title'].replace('{student}', 'Luz Marquez')}\n")
    assert words["letter.unreviewed"] in text  # the interpreter line, in their language
    for key in ("notice.when_where", "notice.who", "notice.slip", "notice.transition.title"):
        assert f"## {words[key]}\n" in text, key
        assert f"> ## {MESSAGES[key].english}\n" in text, key  # English beside it
    assert words["notice.slip.attend"] in text and "Yes, we can attend." in text
    # the typed "3:30 pm" in the language's way (Vietnamese 15:30), the place exactly as typed
    assert format_time(dt.time(15, 30), "short", locale=code) in text and "Room 12" in text
    assert "3:30 pm" not in text
    page = build_notice(student, family, iep, TEACHER, TODAY, fmt="html", lang=code)
    assert f'lang="{code.replace("_", "-")}"' in page


@pytest.mark.parametrize(
    ("born", "shown"),
    [
        (dt.date(2010, 12, 7), True),  # 16 on the meeting day
        (dt.date(2011, 12, 6), True),  # turns 16 the day before the next annual review
        (dt.date(2011, 12, 7), False),  # turns 16 on the next one
        (None, False),
    ],
)
def test_transition_paragraph_in_spanish_exactly_when_due(born, shown):
    student, family, iep = meeting(born)
    text = write_notice(student, family, iep, TEACHER, TODAY, lang="es").markdown()
    assert ("## Planificar la vida después de la escuela" in text) is shown
    assert ("En esta reunión también hablaremos de las metas de Luz" in text) is shown
    assert ("> ## Planning for life after school" in text) is shown
    assert ("- Luz, que está invitado/a" in text) is shown


@pytest.mark.parametrize("code", SHIPPED)
def test_markdown_stays_escaped_in_every_language(code):
    student, family, iep = meeting(
        dt.date(2010, 9, 14),
        name=HOSTILE,
        meeting_place="[Room](http://e.org) *12*",
        team=["<i>Ms.</i> Rowan"],
        agencies=["*Rehab* <b>"],
    )
    family[0].name = "Pat <b>Star</b> [y](z)"
    text = write_notice(student, family, iep, TEACHER, TODAY, lang=code).markdown()
    rendered = MarkdownIt("commonmark", {"html": False}).render(text)
    assert "<b>" not in rendered and "<i>" not in rendered and "<a " not in rendered
    assert "<em>Star</em>" not in rendered and "<em>12</em>" not in rendered
    assert "<em>Rehab</em>" not in rendered
    assert "Zoë *Star* [x](http://e.org) &lt;b&gt;Bold&lt;/b&gt;" in rendered
    assert "Pat &lt;b&gt;Star&lt;/b&gt; [y](z)" in rendered


def test_auto_follows_the_spanish_speaking_guardian(tmp_path):
    data = tmp_path / "d" / "teacherdesk.json"
    store = Store.open(data, author="tester")
    student, family, iep = meeting(dt.date(2010, 9, 14), language="español")
    store.students.save(student.model_copy(update={"student_number": "77", "has_iep": True}))
    store.guardians.save(family[0])
    store.ieps.save(iep)
    auto = run_main(["--data", data, "meeting-notice", "77"])  # --lang auto is the default
    assert auto.returncode == 0, auto.stderr
    assert auto.stdout.startswith("# Le invitamos a la reunión del IEP de Luz Marquez\n")
    assert "Un intérprete de español estará en la reunión" in auto.stdout
    assert "> An interpreter in Spanish will be at the meeting" in auto.stdout
    out = tmp_path / "notice.md"
    wrote = run_main(["--data", data, "meeting-notice", "77", "--lang", "auto", "--out", out])
    assert "in Spanish beside English (not reviewed by a person yet)" in wrote.stderr
    english = run_main(["--data", data, "meeting-notice", "77", "--lang", "en"])
    assert english.stdout.startswith("# You are invited to Luz Marquez's IEP meeting")
    assert "Un intérprete" not in english.stdout
    wrong = run_main(["--data", data, "meeting-notice", "77", "--lang", "tlh"])
    assert wrong.returncode == 2 and "no catalog for 'tlh'" in wrong.stderr


@pytest.mark.parametrize(
    ("language", "family", "label"),
    [
        ("español", "es", "Spanish · español + English — family's"),
        ("Somali", "en", "English, offering an interpreter — family's"),
        ("", "en", "English — family's"),
    ],
)
def test_the_apps_language_menu_marks_the_familys(language, family, label):
    found = catalogs()
    guardian = Guardian(name="Ana", student_ids=["s"], preferred_language=language)
    offered = menu([guardian], found)
    chosen = offered.options[offered.default]
    assert (chosen.lang, chosen.code, chosen.label) == ("auto", family, label)
    codes = [option.code for option in offered.options]
    assert sorted(codes) == sorted(["en", *found])  # English and every shipped language, once
    assert [o.lang for o in offered.options].count("auto") == 1


def test_each_language_keeps_its_digit_whatever_the_family():
    """Arabic was 3 for one family and 1 for an Arabic-speaking one: now one order for all."""
    found = catalogs()
    orders = []
    for language in ("العربية", "Spanish", "Somali", "", "Tiếng Việt"):
        guardian = Guardian(name="Ana", student_ids=["s"], preferred_language=language)
        orders.append([option.code for option in menu([guardian], found).options])
    assert all(order == orders[0] for order in orders)
    assert orders[0][0] == "en"
    arabic = menu([Guardian(name="Ana", student_ids=["s"], preferred_language="Arabic")], found)
    assert arabic.options[arabic.default].code == "ar" and arabic.default == orders[0].index("ar")
