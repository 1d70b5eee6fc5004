"""An Arabic letter printed by headless Chromium reads right to left (issue 19): the Arabic
column sits on the right of its English, its lines start at the right edge, and the page
prints to PDF. Skipped where Chromium is not installed (`apt-get install chromium`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from teacherdesk.exports.parent_request import build_request
from teacherdesk.models import Guardian, Settings, Student
from tests.helpers import TODAY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
    ),
]

# Measures the layout (getBoundingClientRect lays the page out) and writes it into the DOM for
# --dump-dom; it runs at the end of the body, when every row is there.
PROBE = """<script>
(() => {
  const pair = [...document.querySelectorAll(".pair")].find((row) => row.querySelector("p"));
  const ar = pair.querySelector('[lang="ar"]'), en = pair.querySelector('[lang="en"]');
  const line = ar.querySelector("p"), range = document.createRange();
  range.selectNodeContents(line);
  const text = range.getClientRects()[0];
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    direction: getComputedStyle(document.documentElement).direction,
    arabic_left: ar.getBoundingClientRect().left, english_left: en.getBoundingClientRect().left,
    column_right: ar.getBoundingClientRect().right, text_right: text.right,
    column_left: ar.getBoundingClientRect().left, text_left: text.left,
  });
  document.body.append(out);
})();
</script>"""


def _chromium(*args: str, profile) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", *args,
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_arabic_letter_reads_right_to_left_in_chromium(tmp_path):
    kid = Student(first_name="Yusuf", last_name="Marblecloud")
    mum = Guardian(name="Amal Marblecloud", student_ids=[kid.id], preferred_language="Arabic")
    page = build_request(kid, [mum], None, Settings(teacher_name="Ms. T"), TODAY, fmt="html",
                         lang="auto")  # fmt: skip
    letter = tmp_path / "letter.html"
    letter.write_text(page, encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")

    dumped = _chromium("--window-size=1000,1400", "--dump-dom", probed.as_uri(),
                       profile=tmp_path / "profile")  # fmt: skip
    found = re.search(r'<pre id="probe">(.*?)</pre>', dumped.stdout)
    assert found, dumped.stderr[-2000:]
    layout = json.loads(found[1].replace("&quot;", '"'))
    assert layout["direction"] == "rtl"
    assert layout["arabic_left"] > layout["english_left"]  # Arabic on the right, English beside
    # an Arabic line starts at its column's right edge, not its left
    assert abs(layout["column_right"] - layout["text_right"]) < 2
    assert layout["text_left"] - layout["column_left"] > 2

    pdf = tmp_path / "letter.pdf"
    printed = _chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", letter.as_uri(),
                        profile=tmp_path / "profile")  # fmt: skip
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), printed.stderr[-2000:]
