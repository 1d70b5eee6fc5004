"""`teacherdesk letters`, `good-news` and `--lang` in-process: languages listed with their review
status, a catalog for a translator, --check on a broken placeholder, the school's folder."""

from __future__ import annotations

import os
import stat

from teacherdesk.models import Guardian, Purpose, Student
from teacherdesk.store import Store
from tests.helpers import run_main


def _class(tmp_path):
    data = tmp_path / "cli" / "teacherdesk.json"
    store = Store.open(data, author="tester")
    kid = Student(first_name="Yusuf", last_name="Marblecloud", student_number="7")
    store.students.save(kid)
    store.guardians.save(
        Guardian(name="Amal Marblecloud", student_ids=[kid.id], preferred_language="العربية")
    )
    return data, kid


def test_letters_lists_languages_and_that_nobody_reviewed_them(tmp_path, cli_env):
    data, _ = _class(tmp_path)
    listed = run_main(["--data", str(data), "letters"], env=cli_env)
    assert listed.returncode == 0, listed.stderr
    for code in ("ar", "es", "ht", "pt", "vi", "zh_Hans"):
        line = next(line for line in listed.stdout.splitlines() if line.startswith(code + " "))
        assert "not reviewed by a person yet" in line
    assert str(data.parent / "letters") in listed.stdout


def test_template_then_check_finds_the_broken_placeholder(tmp_path, cli_env):
    data, _ = _class(tmp_path)
    folder = data.parent / "letters"
    folder.mkdir()
    out = folder / "fr.po"
    made = run_main(["--data", str(data), "letters", "--template", "French", "--out", str(out)])
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    po = out.read_text(encoding="utf-8")
    assert 'msgctxt "news.title"' in po and "# Reviewed-By:\n" in po
    po = po.replace(
        'msgid "Good news about {child}"\nmsgstr ""',
        'msgid "Good news about {child}"\nmsgstr "Bonne nouvelle pour {enfant}"',
    )
    out.write_text(po, encoding="utf-8")
    checked = run_main(["--data", str(data), "letters", "--check"], env=cli_env)
    assert checked.returncode == 1
    assert "news.title has placeholders the English does not: {enfant}" in checked.stdout
    assert "es: every message translated" in checked.stdout


def test_good_news_in_the_guardians_language_logged_as_positive(tmp_path, cli_env):
    data, kid = _class(tmp_path)
    out = tmp_path / "out" / "news.html"
    ran = run_main(
        ["--data", str(data), "good-news", "7", "--text", "Yusuf <b>read</b> aloud", "--out", out]
    )
    assert ran.returncode == 0, ran.stderr
    assert "in Arabic beside English" in ran.stdout
    page = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "أخبار سارة عن Yusuf" in page
    assert "Yusuf &lt;b&gt;read&lt;/b&gt; aloud" in page
    notes = Store.open(data).contacts.for_student(kid.id)
    assert [n.purpose for n in notes] == [Purpose.POSITIVE]
    english = run_main(["--data", str(data), "good-news", "7", "--lang", "en"])
    assert english.stdout.startswith("# Good news about Yusuf")
    wrong = run_main(["--data", str(data), "good-news", "7", "--lang", "tlh"])
    assert wrong.returncode == 2 and "no catalog" in wrong.stderr


def test_parent_input_request_lang(tmp_path, cli_env):
    data, _ = _class(tmp_path)
    spanish = run_main(["--data", str(data), "parent-input-request", "7", "--lang", "español"])
    assert spanish.returncode == 0, spanish.stderr
    assert spanish.stdout.startswith("# Su opinión sobre el año escolar de Yusuf Marblecloud")
