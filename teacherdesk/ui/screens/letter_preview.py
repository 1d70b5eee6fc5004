"""A letter home previewed in the language the teacher picks first: the family's own by default
(as `--lang auto` picks it), or English or any language we have a catalog for; `l` picks again.
The preview and the saved file come from the same letter functions as the command line."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from pathlib import Path

from textual.binding import Binding
from textual.widgets import Static

from teacherdesk.exports.letters.catalogs import school_folder
from teacherdesk.exports.letters.choices import LanguageOption, describe
from teacherdesk.exports.letters.letter import Letter
from teacherdesk.models import Guardian
from teacherdesk.ui.dialogs.language_prompt import ask_language
from teacherdesk.ui.screens.document_preview import DocumentPreview


class LetterPreview(DocumentPreview):
    BINDINGS = [
        Binding("l", "language", "Language", id="letter-language", tooltip="Another language")
    ]
    holds_keys_until_loaded = True  # keys typed while opening are for the language dialog
    lang = ""  # what the letter functions take (a code or "auto"); "" until chosen
    language_words = ""  # "Spanish beside English (…)", once written
    letter_code = "en"  # the language the letter was written in (for the file name)
    letter_warnings: tuple[str, ...] = ()  # what the letter lacks, said above the preview

    # subclasses: who the letter is for, and the letter itself (both run in a thread)
    @abstractmethod  # every subclass provides it
    def addressed(self) -> Sequence[Guardian]:
        raise NotImplementedError

    @abstractmethod  # every subclass provides it
    def write_letter(self, lang: str, school: Path | None) -> Letter:
        raise NotImplementedError

    @abstractmethod  # every subclass provides it
    def header(self) -> str:
        raise NotImplementedError

    def start(self) -> None:
        self.query_one("#preview-state", Static).update("Choose the letter's language…")
        ask_language(self, self.what, self._addressed_or_none, self._first_choice)

    def _addressed_or_none(self) -> Sequence[Guardian]:
        try:
            return self.addressed()
        except LookupError:
            return []  # the preview then says what is missing

    def _first_choice(self, option: LanguageOption | None) -> None:
        self.ready_for_keys()
        if option is None:
            self.dismiss()  # nothing written
            return
        self._chosen(option)

    def _chosen(self, option: LanguageOption | None) -> None:
        if option is not None:
            self.lang = option.lang
            self.load()

    def action_language(self) -> None:
        if self.lang:
            ask_language(self, self.what, self._addressed_or_none, self._chosen)

    def reload(self) -> None:
        if self.lang:
            self.load()

    def build(self, fmt: str) -> str:
        try:
            letter = self.write_letter(self.lang, school_folder(self.desk.store.path))
        except ValueError as error:  # a school catalog went away since the menu was read
            raise LookupError(str(error)) from None
        self.language_words = describe(letter)
        self.letter_code = letter.code
        self.letter_warnings = tuple(letter.warnings)
        return letter.html(header=self.header()) if fmt == "html" else letter.markdown()

    def warning_line(self) -> str:
        return " ".join(w[:1].upper() + w[1:] + "." for w in self.letter_warnings)

    def language_line(self) -> str:
        return f"In {self.language_words} · l: language" if self.language_words else ""
