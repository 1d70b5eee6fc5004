"""A whole, printable HTML page from our Markdown (packet, conference recap, input request).

Rendered by markdown-it-py's CommonMark preset with raw HTML turned off, so nothing a person
typed can become a tag (their text is escaped by `markdown_text` before it gets here anyway).
No tables: our exports are plain CommonMark, which has none. The stylesheet is small and made
for paper (A4 and Letter): 18 mm margins, a serif body, and

- a running header and footer on every printed page (CSS page-margin boxes) with the student's
  name and "Confidential", and the page number;
- headings, and a bold line standing alone as a heading ("Contacts, newest first"), kept with
  what follows; a contact entry or conference never split across pages;
- `dir="auto"` on every block and on each run of text holding right-to-left letters, so a name
  or note typed in Arabic or Hebrew reads in its own direction inside an English page.

Pure: no I/O, no textual.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

# Every script a letter home is written in has a face here: Latin with Vietnamese marks, Arabic,
# Simplified Chinese; the page's language (lang="…") puts its own script's faces first.
SERIF = (
    'Georgia, "Times New Roman", "Noto Serif", "DejaVu Serif", "Noto Naskh Arabic", '
    '"Noto Sans Arabic", "Amiri", "Arial", "Noto Serif CJK SC", "Noto Sans CJK SC", '
    '"Source Han Serif SC", "PingFang SC", "Microsoft YaHei", "SimSun", serif'
)
ARABIC = (
    '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Traditional Arabic", '
    '"Arial", "DejaVu Sans", sans-serif'
)
CHINESE = (
    '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC", '
    '"PingFang SC", "Microsoft YaHei", "SimSun", "WenQuanYi Micro Hei", sans-serif'
)
VIETNAMESE = '"Noto Serif", "Times New Roman", "Arial", "DejaVu Serif", serif'

STYLE = (
    """
:root { color-scheme: light; }
body {
  font-family: """
    + SERIF
    + """;
  font-size: 11.5pt; line-height: 1.45; color: #111; background: #fff;
  max-width: 46em; margin: 1.5em auto; padding: 0 1em;
}
h1 { font-size: 1.6em; margin: 0.6em 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.4em; padding-bottom: 0.15em;
     border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin: 1.1em 0 0.3em; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
             break-after: avoid; page-break-after: avoid; break-inside: avoid; }
p:has(> strong:only-child) { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; overflow-wrap: anywhere; }
ul { padding-left: 1.4em; }
li { margin: 0.15em 0; break-inside: avoid; page-break-inside: avoid; }
li > p { margin: 0.2em 0; }
.confidential {
  border: 2px solid #7a1f1f; color: #7a1f1f; padding: 0.4em 0.7em; margin-bottom: 1em;
  font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; font-weight: bold;
}
@page { margin: 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  .confidential { position: static; }
}
"""
)

LETTER_STYLE = """
.answer-space {
  height: 9.5em; margin: 0.3em 0 1.2em;
  background-image: repeating-linear-gradient(to bottom, transparent 0, transparent 1.85em,
                                              #888 1.85em, #888 1.9em);
  break-inside: avoid; page-break-inside: avoid;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
h2 + p { break-after: avoid; page-break-after: avoid; }
"""

# Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, and their forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|[\U00010800-\U00010fff]")
_BLOCKS = {"paragraph_open", "list_item_open", "heading_open", "blockquote_open"}


def _renderer(auto_dir: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    if not auto_dir:
        return md

    def text(self, tokens, index, options, env) -> str:
        content = escapeHtml(tokens[index].content)
        return f'<span dir="auto">{content}</span>' if _RTL.search(content) else content

    md.add_render_rule("text", text)
    return md


def _tokens(md: MarkdownIt, markdown: str, auto_dir: bool = True) -> list[Token]:
    tokens = md.parse(markdown)
    for token in tokens if auto_dir else ():
        if token.type in _BLOCKS:
            token.attrSet("dir", "auto")
    return tokens


def render_fragment(markdown: str, *, auto_dir: bool = True) -> str:
    """The HTML body for `markdown` (CommonMark, raw HTML off, dir="auto" on person text).

    `auto_dir=False` for a letter's own sentences in a block whose direction is set: there an
    isolating dir="auto" around each run of text would break the sentence's bidi order."""
    md = _renderer(auto_dir)
    return md.renderer.render(_tokens(md, markdown, auto_dir), md.options, {})


def css_string(text: str) -> str:
    """`text` as a CSS string literal: everything but letters, digits and spaces as an escape,
    so no name can end the string or the rule it stands in."""
    return (
        '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}" for ch in text) + '"'
    )


def running_style(header: str, *, rtl: bool = False) -> str:
    """A header (the student, "Confidential") and footer (page n of m) on every printed page;
    mirrored for a right-to-left letter."""
    top = css_string(f"{header} · Confidential" if header else "Confidential")
    start, end = ("right", "left") if rtl else ("left", "right")
    return f"""
@page {{
  @top-{start} {{ content: {top}; font: 9pt "Helvetica Neue", Arial, sans-serif; color: #7a1f1f; }}
  @bottom-{end} {{ content: "Page " counter(page) " of " counter(pages);
                  font: 9pt "Helvetica Neue", Arial, sans-serif; color: #555; }}
  @bottom-{start} {{ content: {top}; font: 9pt "Helvetica Neue", Arial, sans-serif; color: #555; }}
}}
"""


def _page(body: str, *, title: str, banner: str, lang: str, style: str, direction: str = "") -> str:
    banner_html = (
        f'<div class="confidential" role="note" dir="auto">{html.escape(banner)}</div>\n'
        if banner
        else ""
    )
    dir_attribute = f' dir="{direction}"' if direction else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}"{dir_attribute}>\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{style}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{banner_html}"
        f"<main>\n{body}</main>\n"
        "</body>\n"
        "</html>\n"
    )


def html_document(
    markdown: str, *, title: str, banner: str, lang: str = "en", header: str = ""
) -> str:
    """A complete HTML document: charset, title, print stylesheet with a running header naming
    `header` (the student) and "Confidential" on every page, the banner, the body."""
    return _page(
        render_fragment(markdown),
        title=title,
        banner=banner,
        lang=lang,
        style=STYLE + running_style(header),
    )


def letter_document(markdown: str, *, title: str, header: str, lang: str = "en") -> str:
    """A letter to print: ruled space to write on after each numbered question ("## 1. …")."""
    md = _renderer()
    tokens = _tokens(md, markdown)
    out: list[Token] = []
    question = False
    for index, token in enumerate(tokens):
        out.append(token)
        if token.type == "heading_open" and token.tag == "h2":
            question = bool(re.match(r"\d+\\?[.)]", tokens[index + 1].content))
        elif token.type == "paragraph_close" and question:
            space = Token("html_block", "", 0)
            space.content = '<div class="answer-space" aria-hidden="true"></div>\n'
            out.append(space)
            question = False
    body = md.renderer.render(out, md.options, {})
    return _page(
        body,
        title=title,
        banner="",
        lang=lang,
        style=STYLE + LETTER_STYLE + running_style(header),
    )


# Letters home in any language (exports/letters): logical properties, so a right-to-left page
# is the mirror of a left-to-right one; a bilingual letter sets each paragraph beside its English.
LANGUAGE_STYLE = (
    """
ul { padding-left: 0; padding-inline-start: 1.4em; }
:lang(ar) { font-family: """
    + ARABIC
    + """; line-height: 1.7; }
:lang(zh) { font-family: """
    + CHINESE
    + """; }
:lang(vi) { font-family: """
    + VIETNAMESE
    + """; }
.row { break-inside: avoid; page-break-inside: avoid; }
.pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.6em; }
.pair > .lang[lang="en"] { color: #333; font-size: 0.92em; }
.pair > .lang { min-width: 0; }
.notice { border-inline-start: 3px solid #555; padding-inline-start: 0.7em; margin: 0.8em 0; }
.bilingual body, body.bilingual { max-width: 60em; }
"""
)


def letter_page(
    body: str,
    *,
    title: str,
    header: str,
    lang: str,
    rtl: bool = False,
    banner: str = "",
    bilingual: bool = False,
) -> str:
    """A letter home already rendered to HTML `body` (rows of paragraphs, ruled spaces): the
    language and direction on the html element, the font stack for every script."""
    page = _page(
        body,
        title=title,
        banner=banner,
        lang=lang,
        direction="rtl" if rtl else "ltr",
        style=STYLE + LETTER_STYLE + LANGUAGE_STYLE + running_style(header, rtl=rtl),
    )
    return page.replace("<body>", '<body class="bilingual">', 1) if bilingual else page
