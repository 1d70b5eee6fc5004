"""Reading CSV as schools export it: BOM or not, CRLF, quoted commas, `;` or tab, blank rows."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from teacherdesk.importing.records import NotARoster

csv.field_size_limit(1_000_000)


def decode(raw: bytes, name: str, warnings: list[str]) -> str:
    """Bytes → text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 with a warning."""
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
