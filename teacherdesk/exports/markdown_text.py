r"""Writing a person's text into CommonMark so that it stays literal text after rendering.

Everything a teacher typed or a file brought in goes through `escape` (one line) or `paragraphs`
/ `list_item` (several lines) before it is put into an export. After rendering, `Zoë *Star*
<b>Bright</b>`, backticks, `[link](x)`, `&amp;`, `<http://…>`, a `#` or `1.` at the start of a
line all read exactly as typed: no emphasis, no links, no raw HTML, no headings or lists.

GitHub-flavoured autolinks are defused too (`http\://`, `www\.`, `\@`), so a note holding an
address reads the same on GitHub, GitLab and in VS Code as in any CommonMark renderer. Every
export ends with a newline.

How: backslash-escape the ASCII punctuation that can start markup anywhere in a line, escape the
characters that only matter at the start of a line there, and write leading and trailing
whitespace as numeric character references (a renderer would otherwise drop it, or read four
leading spaces as code). Control characters and terminal escape sequences are dropped first, as
the models do (`teacherdesk.text.strip_unsafe`). Multi-line text keeps its lines: lines end in a
hard break (a backslash before the newline) and blank lines separate paragraphs.

Pure: no I/O, no textual. Used by the IEP packet, the conference recap and the parent-input
request.
"""

from __future__ import annotations

import re

from teacherdesk.text import strip_unsafe

# Punctuation that can open or close markup wherever it stands in a line. `&` is escaped only
# where it could begin a character reference (`&amp;`, `&#38;`), so "Tom & Jerry" stays readable.
_ANYWHERE = re.compile(r"[\\`*_\[\]<>|~#!]|&(?=[#A-Za-z0-9])")
# At the start of a line: list bullets, setext underlines, ordered-list markers ("1." "12)").
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")
_LINE_START = frozenset("-+=")
# What GitHub-flavoured Markdown (GitHub, GitLab, VS Code) turns into links even without `<…>`:
# `http://…`, `www.…` and e-mail addresses. Escaping the `:`, the `.` and the `@` keeps them
# literal there, and CommonMark renders the escaped text exactly as typed.
_GFM_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp)(?=:)")
_GFM_WWW = re.compile(r"(?i)\bwww\.")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def _protect_edges(line: str, escaped_core: str, core: str) -> str:
    lead = line[: len(line) - len(line.lstrip())]
    trail = line[len(line.rstrip()) :] if core else ""
    return (
        "".join(_reference(ch) for ch in lead)
        + escaped_core
        + "".join(_reference(ch) for ch in trail)
    )


def _escape_line(line: str) -> str:
    """One physical line (no line breaks in it)."""
    core = line.strip()
    escaped = _ANYWHERE.sub(lambda m: "\\" + m.group(0), core)
    escaped = _GFM_SCHEME.sub(lambda m: m.group(0) + "\\", escaped)  # "http\://"
    escaped = _GFM_WWW.sub(lambda m: m.group(0)[:3] + "\\.", escaped)  # "www\."
    escaped = escaped.replace("@", "\\@")
    if number := _LIST_NUMBER.match(escaped):
        escaped = f"{number[1]}\\{number[2]}{escaped[number.end() :]}"
    elif escaped[:1] in _LINE_START:
        escaped = "\\" + escaped
    return _protect_edges(line, escaped, core)


def escape(text: str) -> str:
    """One line of literal text for a heading, a list item or the middle of a sentence.

    Line breaks in `text` become single spaces (use `paragraphs` to keep them).
    """
    return _escape_line(" ".join(_LINE_BREAK.split(strip_unsafe(text))))


def lines(text: str) -> list[list[str]]:
    """`text` as paragraphs of lines: blank (or whitespace-only) lines separate paragraphs."""
    found: list[list[str]] = [[]]
    for line in _LINE_BREAK.split(strip_unsafe(text)):
        if line.strip():
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [paragraph for paragraph in found if paragraph]


def paragraph_lines(text: str) -> list[str]:
    """Escaped Markdown paragraphs for `text`, as source lines ('' between paragraphs)."""
    out: list[str] = []
    for paragraph in lines(text):
        if out:
            out.append("")
        escaped = [_escape_line(line) for line in paragraph]
        out.extend(line + "\\" for line in escaped[:-1])  # hard line break
        out.append(escaped[-1])
    return out


def paragraphs(text: str, *, empty: str = "") -> str:
    """Escaped Markdown for multi-line text; `empty` (already Markdown) when there is none."""
    body = "\n".join(paragraph_lines(text))
    return body if body else empty


def heading(level: int, text: str) -> str:
    """`## text` with the text escaped."""
    return f"{'#' * level} {escape(text)}"


def list_item(text: str, *, label: str = "", indent: int = 0) -> str:
    """`- **label:** text`, continuation lines and paragraphs indented under the bullet.

    `label` is our own wording (escaped too, so it is safe to pass anything).
    """
    pad = " " * indent
    body = paragraph_lines(text)
    first = body[0] if body else ""
    lead = f"{pad}- **{escape(label)}:** " if label else f"{pad}- "
    out = [(lead + first).rstrip()]
    out += [f"{pad}  {line}" if line else "" for line in body[1:]]
    return "\n".join(out)


def field(label: str, text: str, *, missing: str = "Not recorded") -> str:
    """A `- **Label:** value` bullet; `missing` (plain words, escaped) when the value is blank."""
    return list_item(text if text.strip() else missing, label=label)


def bold(text: str) -> str:
    return f"**{escape(text)}**"


def emphasis(text: str) -> str:
    return f"*{escape(text)}*"
