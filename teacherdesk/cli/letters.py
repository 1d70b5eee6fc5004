"""`teacherdesk letters`: the languages letters home are written in, and their catalogs.

    teacherdesk letters                    each language: where its catalog comes from, reviewed?
    teacherdesk letters --template LANG    a catalog (.po) to hand a translator (--out FILE)
    teacherdesk letters --check            missing or broken placeholders, per catalog (exit 1)

The school's own catalogs live in `letters/` beside the data file and win over the shipped ones.
Also what every letter command shares: `--out`, `--format` and `--lang`, and writing the letter.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from teacherdesk.cli.output import write_output
from teacherdesk.cli.problems import UsageProblem, WorkFailed
from teacherdesk.domain.languages import ENGLISH, english_name, language_code, own_name
from teacherdesk.exports.letters.catalogs import catalogs, school_folder, template
from teacherdesk.exports.letters.letter import Letter
from teacherdesk.store import Store


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        metavar="CODE|auto",
        default="auto",
        help="the letter's language: a code (es, ar, zh_Hans, vi, pt, ht, en) or a language's "
        "name; auto (default) = the family's preferred language, bilingual with English where "
        "no person has reviewed the translation",
    )


def add_letter_arguments(parser: argparse.ArgumentParser) -> None:
    """`--out`, `--format` and `--lang`, the same for every letter home."""
    parser.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE (0600); - is stdout; a folder: the usual name, with the language",
    )
    parser.add_argument(
        "--format",
        metavar="md|html",
        help="Markdown or HTML (default: from FILE's suffix, else md)",
    )
    add_lang_argument(parser)


def write_letter_out(
    out: str | None,
    letter: Letter,
    fmt: str,
    *,
    header: str,
    what: str,
    name: Callable[[str, str], str] | None = None,
) -> str:
    """Say what the letter lacks (stderr, once each), then write it to `--out` (or stdout);
    `--out` naming a folder writes `name(language, fmt)` in it (e.g.
    meeting-notice-luz-marquez-es.md). Returns the file written, "" for stdout."""
    for warning in letter.warnings:
        print(f"teacherdesk: {warning}.", file=sys.stderr)
    text = letter.html(header=header) if fmt == "html" else letter.markdown()
    if out not in (None, "-") and name is not None and os.path.isdir(os.path.expanduser(out)):
        out = os.path.join(out, name(letter.code, fmt))
    return out if write_output(out, text, what) and out else ""


def school_of(store: Store) -> Path | None:
    return school_folder(store.path)


def language_problem(error: ValueError) -> UsageProblem:
    return UsageProblem(f"--lang: {error}; `teacherdesk letters` lists them.")


def language_words(letter: Letter) -> str:
    """ " in Spanish beside English", for the line saying what was written."""
    if letter.code == ENGLISH:
        return " in English, offering an interpreter" if letter.notice else ""
    beside = " beside English (not reviewed by a person yet)" if letter.bilingual else ""
    return f" in {english_name(letter.code)}{beside}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--template",
        metavar="LANG",
        help="write a catalog for LANG to hand a translator (its translations so far filled in)",
    )
    what.add_argument(
        "--check", action="store_true", help="report missing or broken placeholders (exit 1)"
    )
    parser.add_argument("--out", metavar="FILE", help="with --template: write to FILE (0600)")


def run(args: argparse.Namespace, store: Store) -> int:
    school = school_of(store)
    found = catalogs(school)
    if args.template is not None:
        code = language_code(args.template, found)
        if code is None or code == ENGLISH:
            raise UsageProblem(
                f"--template: '{args.template}' is not a language we can name; try a code "
                "such as fr, so or tl, or a name such as Somali."
            )
        text = template(code, found.get(code))
        if write_output(args.out, text, "the catalog"):
            print(
                f"Wrote a {english_name(code)} catalog to {args.out}: when translated, put it "
                f"in {school} as {code}.po."
            )
        return 0
    if args.check:
        return _check(found)
    print(f"{'en':<8} English: the letters' own language")
    for code, catalog in sorted(found.items()):
        name = f"{english_name(code)} ({own_name(code)})"
        where = "school's" if catalog.source == "school" else "shipped"
        gaps = f"; {len(catalog.missing)} message(s) missing or broken" if catalog.missing else ""
        print(f"{code:<8} {name}: {where}, {catalog.status}{gaps}")
    if school is not None:
        print(f"The school's own catalogs go in {school} (CODE.po); they win over shipped ones.")
    return 0


def _check(found) -> int:
    bad = 0
    for code, catalog in sorted(found.items()):
        if not catalog.problems:
            print(f"{code}: every message translated, every placeholder in place ({catalog.path}).")
            continue
        bad += 1
        print(f"{code}: {len(catalog.problems)} problem(s) in {catalog.path}:")
        for problem in catalog.problems:
            print(f"  {problem}")
    if bad:
        raise WorkFailed(f"{bad} catalog(s) have missing or broken messages (listed above).")
    return 0
