"""The app asks which language before it writes a letter home (Pilot): the family's own first
and chosen by enter, English and every shipped language by digit, at 60×20 too; the choice
reaches the same letter functions the command line uses (unreviewed → bilingual with the
interpreter line)."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

from textual.containers import Vertical
from textual.geometry import Region
from textual.widgets import Input, OptionList

from teacherdesk.models import IEP, Conference, Guardian, Settings, Student
from teacherdesk.ui.dialogs.language_prompt import LanguagePrompt
from teacherdesk.ui.dialogs.letter_prompt import RequestPreview
from teacherdesk.ui.forms.iep_record import IEPRecordScreen
from teacherdesk.ui.forms.parental_input import ParentalInputScreen
from teacherdesk.ui.screens.meeting_notice import MeetingNoticePreview
from teacherdesk.ui.screens.packet_preview import RecapPreviewScreen
from tests.helpers import make_app, saves_done, settle

UNREVIEWED_ES = "Esta carta todavía no ha sido revisada por una persona que domine este idioma"


def spanish_family(store, language: str = "Spanish"):
    student = store.students.save(
        Student(first_name="Luz", last_name="Marquez", has_iep=True, date_of_birth=None)
    )
    store.settings.save(Settings(teacher_name="Ms. Rowan", room="12"))
    guardian = store.guardians.save(
        Guardian(name="Ana Marquez", student_ids=[student.id], preferred_language=language)
    )
    iep = store.ieps.save(
        IEP(student_id=student.id, meeting_date=dt.date(2026, 12, 7), meeting_time="3:30 pm")
    )
    return student, guardian, iep


def offered(app) -> list[str]:
    prompt = app.screen
    assert isinstance(prompt, LanguagePrompt)
    return [option.label for option in prompt.menu.options]


def digit_for(app, code: str) -> str:
    prompt = app.screen
    index = next(n for n, o in enumerate(prompt.menu.options) if o.code == code)
    return str(index + 1)


async def test_request_letter_in_the_familys_language_by_default(memory_store, tmp_path):
    """f8 previews the letter like the notice and recap: `l` changes the language (it is never
    typed into the file name), `s` asks where, with the language in the default name."""
    _student, _guardian, iep = spanish_family(memory_store)
    out = tmp_path / "letters" / "request.md"
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParentalInputScreen(iep.id))
        await settle(app, pilot)
        await pilot.press("f8")
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        labels = offered(app)
        assert labels[0] == "English"  # the same order for every family
        assert "Spanish · español + English — family's" in labels and len(labels) == 7
        family = labels.index("Spanish · español + English — family's")
        assert app.screen.query_one(OptionList).highlighted == family
        await pilot.press("enter")  # the default: the family's language
        await settle(app, pilot, until=lambda: isinstance(app.screen, RequestPreview))
        preview = app.screen
        assert preview.markdown.startswith("# Su opinión para el IEP de Luz Marquez\n")
        state = str(preview.query_one("#preview-state").render())
        assert "In Spanish beside English (not reviewed by a person yet)" in state

        await pilot.press("l")  # a key of the preview, not a letter in a file name
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        await pilot.press(digit_for(app, "en"))
        await settle(app, pilot)
        assert app.screen is preview
        assert preview.markdown.startswith("# Your thoughts for Luz Marquez's IEP")
        await pilot.press("l")
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        await pilot.press("enter")
        await settle(app, pilot)

        await pilot.press("s")
        await settle(app, pilot)
        path = app.screen.query_one("#letter-path", Input)
        assert path.value == str(Path.cwd() / "parent-input-request-luz-marquez-es.md")
        dialog = " ".join(str(w.render()) for w in app.screen.query(".letter-hint"))
        assert "In Spanish beside English (not reviewed by a person yet)" in dialog
        assert "folder teacherdesk was started from" in dialog
        path.value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
        await saves_done(app, pilot)
        text = out.read_text(encoding="utf-8")
        assert text.startswith("# Su opinión para el IEP de Luz Marquez\n")
        assert "> # Your thoughts for Luz Marquez's IEP" in text  # English beside it
        assert UNREVIEWED_ES in text  # the interpreter line, in Spanish
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert memory_store.ieps.get(iep.id).parental_input.requested_on is not None


async def test_meeting_notice_language_chosen_then_changed_and_saved(memory_store, tmp_path):
    student, _guardian, iep = spanish_family(memory_store)
    out = tmp_path / "notice.md"
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(IEPRecordScreen(student.id, iep.id))
        await settle(app, pilot)
        await pilot.press("f12")
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        await pilot.press(digit_for(app, "en"))  # English this time
        await settle(app, pilot)
        preview = app.screen
        assert isinstance(preview, MeetingNoticePreview)
        assert preview.markdown.startswith("# You are invited to Luz Marquez's IEP meeting")
        assert "Le invitamos" not in preview.markdown

        await pilot.press("l")  # another language: the family's, highlighted
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is preview
        assert preview.markdown.startswith("# Le invitamos a la reunión del IEP de Luz Marquez")
        state = str(preview.query_one("#preview-state").render())
        assert "In Spanish beside English" in state

        await pilot.press("s")
        await settle(app, pilot)
        default = app.screen.query_one("#save-path", Input).value
        assert default == str(Path.cwd() / "iep-meeting-notice-luz-marquez-es.md")
        app.screen.query_one("#save-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
        text = out.read_text(encoding="utf-8")
        assert text.startswith("# Le invitamos a la reunión del IEP de Luz Marquez\n")
        assert "> # You are invited to Luz Marquez's IEP meeting" in text
        assert UNREVIEWED_ES in text


async def test_choosing_spanish_for_a_recap_and_escape_writes_nothing(memory_store):
    student, guardian, _iep = spanish_family(memory_store, language="")
    conference = memory_store.conferences.save(
        Conference(
            student_id=student.id,
            when=dt.datetime(2026, 11, 2, 15, 30),
            status="held",
            guardian_ids=[guardian.id],
            celebrations="Reads every night",
        )
    )
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(RecapPreviewScreen(conference.id))
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        assert offered(app)[0] == "English — family's"  # nothing recorded: English, digit 1
        await pilot.press(digit_for(app, "es"))
        await settle(app, pilot)
        preview = app.screen
        assert isinstance(preview, RecapPreviewScreen)
        assert preview.markdown.startswith("# Nuestra reunión sobre Luz")
        assert "> # Our conference about Luz" in preview.markdown
        assert "Reads every night" in preview.markdown  # as typed, once
        assert preview.markdown.count("Reads every night") == 1

        await pilot.press("escape")
        await settle(app, pilot)
        app.push_screen(RecapPreviewScreen(conference.id))
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        await pilot.press("escape")  # no language: no letter, back where we were
        await settle(app, pilot)
        assert not isinstance(app.screen, RecapPreviewScreen | LanguagePrompt)


async def test_the_language_dialog_fits_at_60x20(memory_store):
    student, _guardian, _iep = spanish_family(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(60, 20)) as pilot:
        app.push_screen(MeetingNoticePreview(student.id))
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        box = app.screen.query_one(Vertical).region
        assert Region(0, 0, 60, 20).contains_region(box)
        choices = app.screen.query_one(OptionList)
        assert choices.max_scroll_y == 0  # every language in view, no scrolling
        assert choices.option_count == 7


async def test_a_digit_that_is_not_one_to_nine_is_ignored(memory_store):
    """ "²" (its own key on an AZERTY keyboard) is a digit to Python but no choice: no crash."""
    student, _guardian, iep = spanish_family(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(IEPRecordScreen(student.id, iep.id))
        await settle(app, pilot)
        await pilot.press("f12")
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        for key in ("²", "①", "0"):
            await pilot.press(key)
            await settle(app, pilot)
        assert isinstance(app.screen, LanguagePrompt) and app.is_running
        await pilot.press("1")
        await settle(app, pilot, until=lambda: isinstance(app.screen, MeetingNoticePreview))


async def test_notice_from_the_iep_list_names_the_student_and_says_families_cannot_reach(
    memory_store,
):
    """`m` on the IEP list: the title bar names the student as the other previews do, and with
    no phone and no email one sentence above the letter says so and where to add them."""
    from teacherdesk.ui.screens.iep import IEPScreen

    spanish_family(memory_store)  # settings: a name and a room, no phone, no email
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        iep_list = IEPScreen()
        iep_list.sub_title = "IEP"
        app.push_screen(iep_list)
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot, until=lambda: isinstance(app.screen, LanguagePrompt))
        await pilot.press("enter")
        await settle(app, pilot, until=lambda: isinstance(app.screen, MeetingNoticePreview))
        await settle(app, pilot)
        assert app.breadcrumb().endswith("IEP › Luz Marquez › IEP meeting notice: preview")
        warning = str(app.screen.query_one("#preview-warning").render())
        assert warning == (
            "Families have no way to reach you in this letter: add your phone or email in "
            "Settings (in the app: ctrl+p, Settings)."
        )
        assert "llamándonos" not in app.screen.markdown  # no call promised without a number
        assert "15:30" in app.screen.markdown  # "3:30 pm" the Spanish way

        memory_store.settings.save(Settings(teacher_name="Ms. Rowan", teacher_phone="555-0190"))
        app.screen.reload()
        await settle(app, pilot)
        assert not app.screen.query_one("#preview-warning").display


async def test_settings_placeholders_never_look_like_saved_values(memory_store):
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        for name in ("teacher_phone", "teacher_email", "room", "reply_how"):
            field = app.screen.query_one(f"#settings-{name}", Input)
            assert field.value == ""
            hint = field.placeholder
            assert not any(ch.isdigit() for ch in hint) and "@" not in hint, hint
