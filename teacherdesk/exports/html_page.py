"""A whole, printable HTML page from our Markdown (packet, conference recap, input request).

Rendered by markdown-it-py's CommonMark preset with raw HTML turned off, so nothing a person
typed can become a tag (their text is escaped by `markdown_text` before it gets here anyway).
No tables: our exports are plain CommonMark, which has none. The stylesheet is small and made
for paper (A4 and Letter): 18 mm margins, a serif body, headings kept with what follows, and a
contact entry or conference never split across pages. Pure: no I/O, no textual.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

STYLE = """
:root { color-scheme: light; }
body {
  font-family: Georgia, "Times New Roman", "DejaVu Serif", serif;
  font-size: 11.5pt; line-height: 1.45; color: #111; background: #fff;
  max-width: 46em; margin: 1.5em auto; padding: 0 1em;
}
h1 { font-size: 1.6em; margin: 0.6em 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.4em; padding-bottom: 0.15em;
     border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin: 1.1em 0 0.3em; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
             break-after: avoid; page-break-after: avoid; }
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


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def render_fragment(markdown: str) -> str:
    """The HTML body for `markdown` (CommonMark, raw HTML off)."""
    return _renderer().render(markdown)


def html_document(markdown: str, *, title: str, banner: str, lang: str = "en") -> str:
    """A complete HTML document: charset, title, print stylesheet, the banner, the body."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        f'<div class="confidential" role="note">{html.escape(banner)}</div>\n'
        f"<main>\n{render_fragment(markdown)}</main>\n"
        "</body>\n"
        "</html>\n"
    )
