"""Reading CSV as schools export it: BOM or not, CRLF, quoted commas, `;` or tab, blank rows."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator

from teacherdesk.importing.records import NotARoster

csv.field_size_limit(1_000_000)
# A roster row is a few hundred characters; one far longer is damage, not a student.
MAX_ROW_CHARS = 100_000
# A quoted field may run over a few lines (an address); a quote still open after this many
# lines is a stray one that would swallow the rows after it.
MAX_ROW_LINES = 10
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")

# report(line, reason): a row that could not be read and was left out
BadRow = Callable[[int, str], None]


def decode(raw: bytes, name: str, warnings: list[str], bad_row: BadRow | None = None) -> str:
    """Bytes → CSV text whose every row can be read (see `drop_bad_rows`).

    UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 with a warning. Rows that cannot
    be read are blanked (line numbers stay true) and reported to `bad_row`, else as warnings.
    """
    text = _decode(raw, name, warnings)

    def warn(line: int, reason: str) -> None:
        warnings.append(f"{name} line {line} was skipped: {reason}.")

    return drop_bad_rows(text, bad_row or warn)


def _decode(raw: bytes, name: str, warnings: list[str]) -> str:
    if b"\x00" in raw[:4096] and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotARoster(f"{name} is not a CSV file (it holds binary data)")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise NotARoster(f"{name} is not a readable text file") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{name} is not UTF-8; it was read as Windows-1252 — check accented names.")
        return raw.decode("cp1252", errors="replace")


def drop_bad_rows(text: str, bad_row: BadRow, delimiter: str | None = None) -> str:
    """Blank the rows csv cannot read, or would read wrongly, and report each by line number.

    - a row longer than MAX_ROW_CHARS (csv would abort the whole file on its field limit);
    - a row holding a NUL character (csv aborts on it too);
    - a quote left open: csv would swallow every following row into one field. The row with the
      quote is skipped and reading starts again on the next line, so the rows after it go in.
      A quoted field over several lines is kept only when it closes within MAX_ROW_LINES
      lines and the row then has as many fields as the header.
    """
    if '"' not in text and "\x00" not in text and len(text) < MAX_ROW_CHARS:
        return text  # nothing that could go wrong: the everyday file costs nothing
    delimiter = delimiter or sniff_delimiter(text)
    lines = _LINE.findall(text)
    width: int | None = None  # fields in the header row
    i = 0
    while i < len(lines):
        end, problem = _record_end(lines, i, delimiter, width)
        if problem is not None:
            bad_row(i + 1, problem)
            lines[i] = _ending(lines[i])
            i += 1  # start again on the next line: what the quote swallowed is read again
            continue
        record = "".join(lines[i:end])
        if width is None and record.strip():
            width = _field_count(record, delimiter)
        i = end
    return "".join(lines)


def _record_end(lines: list[str], start: int, delimiter: str, width: int | None):
    """(index after the row that starts at `start`, None) or (start, why it cannot be read)."""
    quoted = False
    size = 0
    for end in range(start, min(len(lines), start + MAX_ROW_LINES)):
        line = lines[end]
        size += len(line)
        if size > MAX_ROW_CHARS:
            return start, f"the row is too long ({size:,}+ characters)"
        if "\x00" in line:
            return start, "the row holds binary data"
        if quoted or '"' in line:
            quoted = _still_quoted(line, quoted, delimiter)
        if quoted:
            continue
        if end > start and width is not None:
            record = "".join(lines[start : end + 1])
            if _field_count(record, delimiter) != width:
                return start, "a stray quote (it would have swallowed the rows after it)"
        return end + 1, None
    return start, "a quote that is never closed (it would have swallowed the rows after it)"


def _still_quoted(line: str, quoted: bool, delimiter: str) -> bool:
    """Is a quoted field still open at the end of `line`? (csv's rules, not strict)."""
    state = "quoted" if quoted else "start"
    for ch in line:
        if state == "start":
            state = "quoted" if ch == '"' else "start" if ch == delimiter else "field"
        elif state == "field":
            if ch == delimiter:
                state = "start"
        elif state == "quoted":
            if ch == '"':
                state = "quote"
        elif ch == '"':  # state "quote": a doubled quote is a literal one
            state = "quoted"
        else:
            state = "start" if ch == delimiter else "field"
    return state == "quoted"


def _field_count(record: str, delimiter: str) -> int:
    try:
        rows = list(csv.reader(io.StringIO(record, newline=""), delimiter=delimiter))
    except csv.Error:
        return -1
    return len(rows[0]) if len(rows) == 1 else -1


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line (outside quotes) has most of."""
    header = text.split("\n", 1)[0]
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_rows(
    text: str, delimiter: str | None = None
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and each non-blank data row with the line number where it starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text))
    header: list[str] = []
    for row in reader:
        if any(cell.strip() for cell in row):
            header = [cell.strip() for cell in row]
            break

    def rows() -> Iterator[tuple[int, list[str]]]:
        last = reader.line_num
        try:
            for row in reader:
                start, last = last + 1, reader.line_num
                if any(cell.strip() for cell in row):
                    yield start, row
        except csv.Error as error:
            raise NotARoster(f"line {last + 1} cannot be read as CSV ({error})") from None

    return header, rows()
