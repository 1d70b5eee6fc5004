"""`teacherdesk export STUDENT`: the IEP team packet as Markdown or HTML.

Printed on stdout without `--out`; with `--out FILE` written 0600 (atomically). The format
comes from `--format`, else from FILE's suffix (`.html`/`.htm` → HTML), else Markdown.
Restricted contact notes stay out unless `--include-restricted`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from teacherdesk.cli.problems import UsageProblem, WorkFailed
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.packet import export_packet
from teacherdesk.store import Store
from teacherdesk.store.files import write_private_text

FORMATS = ("md", "html")
HTML_SUFFIXES = (".html", ".htm")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument(
        "--out", metavar="FILE", type=Path, help="write to FILE (0600) instead of stdout"
    )
    parser.add_argument(
        "--format",
        metavar="md|html",
        help="Markdown or HTML (default: from FILE's suffix, else md)",
    )
    parser.add_argument(
        "--include-restricted",
        action="store_true",
        help="include contact notes marked restricted (they are left out by default)",
    )


def format_for(requested: str | None, out: Path | None) -> str:
    """The export format: as asked, else by the file's suffix, else Markdown."""
    if requested is not None:
        wanted = requested.strip().lower().lstrip(".")
        wanted = {"markdown": "md", "htm": "html"}.get(wanted, wanted)
        if wanted not in FORMATS:
            raise UsageProblem(f"--format must be md or html, not '{requested}'.")
        return wanted
    if out is not None and out.suffix.lower() in HTML_SUFFIXES:
        return "html"
    return "md"


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = format_for(args.format, args.out)
    student = find_student(args.student, store.students.all())
    text = export_packet(
        store,
        student,
        today=dt.date.today(),
        fmt=fmt,
        include_restricted=args.include_restricted,
    )
    if args.out is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `teacherdesk export x | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    out = args.out.expanduser()
    if out.is_dir():
        raise WorkFailed(f"Could not write the packet to {out}: it is a folder.")
    try:
        write_private_text(out, text)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise WorkFailed(f"Could not write the packet to {out}: {reason}.") from None
    restricted = " (restricted notes included)" if args.include_restricted else ""
    print(f"Wrote the IEP packet for {student.display_name} to {out}{restricted}.", file=sys.stderr)
    return 0
