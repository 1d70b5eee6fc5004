"""Letters home in the family's language (issue 19): every catalog complete and its placeholders
intact, each shipped language writes a letter, unreviewed catalogs print bilingual with the
interpreter line, the school's own catalog wins, free-text languages map to codes, the
teacher's words stay as typed, Arabic is right to left, Markdown stays escaped."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from markdown_it import MarkdownIt

from teacherdesk.domain.languages import SHIPPED, language_code
from teacherdesk.exports.good_news import write_good_news
from teacherdesk.exports.letters.catalogs import catalogs, placeholders, template
from teacherdesk.exports.letters.messages import MESSAGES
from teacherdesk.exports.parent_request import build_request, write_request
from teacherdesk.exports.recap import RecapData, export_recap
from teacherdesk.models import AgreedAction, Conference, Guardian, Settings, Student
from tests.helpers import TODAY

KID = Student(first_name="Marisol", last_name="Duskwood *Star*")
TEACHER = Settings(teacher_name="Ms. Oyelaran", teacher_email="t@example.org", room="14")
TRANSLATED = [code for code in SHIPPED if code != "en"]


def family(language: str, **more) -> Guardian:
    return Guardian(
        name="Rhea <b>Duskwood</b>", student_ids=[KID.id], preferred_language=language, **more
    )


def test_seven_languages_shipped_every_message_with_every_placeholder():
    found = catalogs()
    assert sorted(found) == sorted(TRANSLATED)
    for code, catalog in found.items():
        assert catalog.problems == [], code
        assert set(catalog.translations) == set(MESSAGES), code
        for key, text in catalog.translations.items():
            assert placeholders(text) == placeholders(MESSAGES[key].english), (code, key)
            assert text.count("{") == text.count("}") == len(re.findall(r"\{\w+\}", text))


def test_no_shipped_catalog_claims_a_review():
    for code, catalog in catalogs().items():
        assert not catalog.reviewed and catalog.reviewed_by == "", code


@pytest.mark.parametrize("text", ["Spanish", "español", "ESPAÑOL", "es-MX", "Castellano"])
def test_spanish_however_it_is_written(text):
    assert language_code(text) == "es"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Haitian Creole", "ht"),
        ("Kreyòl ayisyen", "ht"),
        ("العربية", "ar"),
        ("Arabic", "ar"),
        ("Chinese", "zh_Hans"),
        ("中文", "zh_Hans"),
        ("Tiếng Việt", "vi"),
        ("português", "pt"),
        ("Somali", "so"),
        ("not a language", None),
    ],
)
def test_language_names_in_english_and_in_the_language(text, code):
    assert language_code(text) == code


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_language_writes_a_bilingual_letter_with_the_interpreter_line(code):
    letter = write_request(KID, [family("")], None, TEACHER, TODAY, lang=code)
    translated = catalogs()[code].translations
    text = letter.markdown()
    assert letter.bilingual and letter.english is not None
    title = translated["request.title.plan"].replace("{student}", "Marisol Duskwood \\*Star\\*")
    assert text.startswith(f"# {title}\n")
    assert translated["letter.unreviewed"] in text  # the interpreter line, in their language
    assert "> # Your thoughts about Marisol Duskwood \\*Star\\*'s year" in text  # English beside
    assert "Rhea \\<b\\>Duskwood\\</b\\>" in text
    rendered = MarkdownIt("commonmark").render(text)
    assert "<b>" not in rendered and "&lt;b&gt;Duskwood&lt;/b&gt;" in rendered


def test_auto_follows_the_guardians_language_and_dates_are_theirs():
    text = build_request(KID, [family("español")], None, TEACHER, TODAY, lang="auto")
    assert text.startswith("# Su opinión sobre el año escolar de Marisol")
    assert "lunes, 16 de noviembre de 2026" in text and "> Mon 16 Nov 2026" in text
    english = build_request(KID, [family("English")], None, TEACHER, TODAY, lang="auto")
    assert english.startswith("# Your thoughts about") and "interpreter can go" not in english


def test_a_language_without_catalog_is_english_offering_an_interpreter():
    text = build_request(KID, [family("Somali")], None, TEACHER, TODAY, lang="auto")
    assert text.startswith("# Your thoughts about")
    assert "an interpreter can go through this letter with you in your language" in text
    with pytest.raises(ValueError, match="no catalog for 'Klingon'"):
        build_request(KID, [family("")], None, TEACHER, TODAY, lang="Klingon")


def test_the_school_catalog_wins_and_a_reviewed_one_prints_alone(tmp_path):
    school = tmp_path / "letters"
    school.mkdir()
    po = template("es", catalogs()["es"])
    po = po.replace("Buenas noticias sobre {child}", "¡Qué alegría, {child}!")
    po = po.replace("# Reviewed-By:", "# Reviewed-By: Lucía Ferrer, district office")
    po = po.replace("# Reviewed-On:", "# Reviewed-On: 2026-10-01")
    (school / "es.po").write_text(po, encoding="utf-8")
    found = catalogs(school)
    assert found["es"].source == "school" and found["es"].reviewed
    letter = write_good_news(KID, [family("Spanish")], TEACHER, TODAY, lang="auto", school=school)
    text = letter.markdown()
    assert text.startswith("# ¡Qué alegría, Marisol\\!")
    assert not letter.bilingual and "> " not in text and "revisada" not in text


def test_a_broken_placeholder_is_reported_and_falls_back_to_english(tmp_path):
    school = tmp_path / "letters"
    school.mkdir()
    po = template("vi", catalogs()["vi"]).replace("Tin vui về {child}", "Tin vui về {chlid")
    (school / "vi.po").write_text(po, encoding="utf-8")
    found = catalogs(school)["vi"]
    assert any(p.startswith("news.title has a broken placeholder") for p in found.problems)
    letter = write_good_news(KID, [family("")], TEACHER, TODAY, lang="vi", school=school)
    assert letter.markdown().startswith("# Good news about Marisol")  # never "{chlid"
    assert letter.bilingual and letter.warnings


def test_what_the_teacher_typed_stays_as_typed_introduced_in_their_language():
    student = Student(first_name="Ana", last_name="Ruiz")
    mum = Guardian(name="Lucía Ruiz", student_ids=[student.id], preferred_language="Spanish")
    conference = Conference(
        student_id=student.id,
        when=dt.datetime(2026, 11, 2, 15, 30),
        status="held",
        guardian_ids=[mum.id],
        celebrations="Reads *every* night",
        actions=[AgreedAction(what="Reading log daily", owner="family", due=TODAY)],
    )
    data = RecapData(student=student, conference=conference, guardians=[mum], settings=TEACHER)
    text = export_recap(data, today=TODAY, lang="auto")
    assert text.count("Reads \\*every\\* night") == 1  # once, as typed, not translated
    intro = "El maestro o la maestra de su hijo/a escribió, en inglés:"
    assert text.index(intro) < text.index("Reads \\*every\\* night")
    assert "- **Ustedes (en casa):** Reading log daily, para el lunes, 16 de noviembre" in text
    english = export_recap(data, today=TODAY, lang="en")
    assert "wrote, in English" not in english and "Reads \\*every\\* night" in english


def test_arabic_html_is_right_to_left_with_the_english_left_to_right():
    page = build_request(KID, [family("العربية")], None, TEACHER, TODAY, fmt="html", lang="auto")
    assert re.search(r'<html lang="ar" dir="rtl">', page)
    assert '<div class="lang" lang="ar" dir="rtl">' in page
    assert '<div class="lang" lang="en" dir="ltr">' in page
    assert "@top-right" in page  # the running header mirrored
    assert '"Noto Naskh Arabic"' in page and '"Noto Sans CJK SC"' in page  # every script
    assert page.count('class="answer-space"') == 5
    assert "<b>" not in page


@pytest.mark.parametrize("code", ["es", "zh_Hans", "vi", "pt", "ht"])
def test_left_to_right_languages_name_themselves(code):
    page = build_request(KID, [family("")], None, TEACHER, TODAY, fmt="html", lang=code)
    assert f'<html lang="{code.replace("_", "-")}" dir="ltr">' in page


def test_haitian_creole_dates_have_creole_month_names():
    text = build_request(KID, [family("Haitian Creole")], None, TEACHER, TODAY, lang="auto")
    assert "lendi 16 novanm 2026" in text
