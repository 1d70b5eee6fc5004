"""`teacherdesk handoff [STUDENT|--all] [--out FILE]`: what works with each family, for next
year's teacher (no restricted notes, no concerns). Logged in the access log."""

from __future__ import annotations

import argparse
import sys

from teacherdesk.cli.access import log_given
from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.handoff import cards, handoff_markdown
from teacherdesk.exports.packet import default_author
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", nargs="?", help="one student")
    parser.add_argument("--all", action="store_true", help="every student on the roster")
    parser.add_argument("--out", metavar="FILE", help="write to FILE (0600); - is stdout")
    parser.add_argument("--format", metavar="md|html", help="default: from FILE, else md")


def run(args: argparse.Namespace, store: Store) -> int:
    if bool(args.student) == bool(args.all):
        raise UsageProblem("name one student, or give --all for the whole roster.")
    fmt = choose_format(args.format, args.out, ("md", "html"))
    if args.all:
        students = sorted(store.students.active(), key=lambda s: (s.last_name, s.first_name))
    else:
        students = [find_student(args.student, store.students.all())]
    kept = cards(store, students)
    text = handoff_markdown(kept, author=default_author(store))
    if fmt == "html":
        from teacherdesk.exports.html_page import html_document

        text = html_document(
            text,
            title="Hand-off: what works with each family",
            banner="Confidential student record: for next year's teacher.",
            header="Hand-off",
        )
    written = write_output(args.out, text, "the hand-off cards")
    log_given(store, "handoff", [card.student_id for card in kept], args.out, fmt)
    if written:
        print(f"Wrote {len(kept)} hand-off card(s) to {args.out}.", file=sys.stderr)
    return 0
