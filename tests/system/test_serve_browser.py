"""`teacherdesk serve` in a real headless browser (issue 18): Debian's chromium, driven by
Playwright's Python package with `executable_path` (never `playwright install`).

The page shows Today, a contact note typed in the browser is in the data file afterwards, and so is
one typed but not saved when the tab was closed (a closed tab is a hang-up).
The terminal in the page draws on a canvas, so what the app sent is read where it arrives: the
page's websocket, recorded by a script added before the page's own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import teacherdesk_cmd
from tests.system.serving import Served, start_server, stop_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]
playwright = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright's Python package is not installed (pip install .[test])",
)

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

# Everything the app sends, as text (escape sequences and all): enough to find words in.
RECORD_SCREEN = """
window.__screen = "";
const PageSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new PageSocket(...args);
  const decoder = new TextDecoder();
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") window.__screen += decoder.decode(event.data);
  });
  return socket;
};
window.WebSocket.prototype = PageSocket.prototype;
"""


class Tab:
    """One browser tab on the app."""

    def __init__(self, page) -> None:
        self.page = page

    def wait_for(self, text: str, timeout: float = 30) -> None:
        try:
            self.page.wait_for_function(
                "(text) => window.__screen.includes(text)", arg=text, timeout=timeout * 1000
            )
        except playwright.TimeoutError:
            pytest.fail(f"the browser never showed {text!r}")

    def forget_screen(self) -> None:
        """Wait for what comes next, not for what was already shown."""
        self.page.evaluate("() => { window.__screen = ''; }")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


@pytest.fixture
def browser() -> Iterator:
    with playwright.sync_playwright() as driver:
        try:
            chromium = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        except playwright.Error as error:
            pytest.skip(f"chromium did not start under Playwright: {error.message.splitlines()[0]}")
        try:
            yield chromium
        finally:
            chromium.close()


def pick_student(data: Path) -> dict:
    """A student with a family and a surname no one else has, so filtering leaves one row."""
    done = subprocess.run(
        [*teacherdesk_cmd(), "--data", str(data), "roster", "--json"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    students = [s for s in json.loads(done.stdout) if not s["archived"] and s["guardians"]]
    surnames = Counter(s["last_name"].casefold() for s in students)
    return next(s for s in students if surnames[s["last_name"].casefold()] == 1)


def test_a_note_typed_in_the_browser_is_in_the_file(
    browser, demo_file: Path, tmp_path: Path
) -> None:
    student = pick_student(demo_file)
    summary = f"Browser called home about the reading log {uuid.uuid4().hex[:6]}"
    unsaved = f"Browser tab closed while typing this {uuid.uuid4().hex[:6]}"
    server: Served = start_server(demo_file, "--port", "0", tmp_path=tmp_path)
    try:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.add_init_script(RECORD_SCREEN)
        page.goto(server.url)
        assert page.url == server.base + "/"  # the secret left the address bar
        tab = Tab(page)
        tab.wait_for("Today")
        tab.wait_for("Follow-ups overdue")
        page.focus("textarea.xterm-helper-textarea")  # keys go to the terminal

        tab.forget_screen()
        tab.press("F3")
        tab.wait_for("students")
        tab.type(student["last_name"])
        tab.wait_for("1 of ")
        tab.forget_screen()
        tab.press("ArrowDown", "Enter")
        tab.wait_for(f"Student no. {student['student_number']}")
        tab.forget_screen()
        tab.press("n")
        tab.wait_for("Log a contact")
        # the form opens on How; tab, tab keep the family's usual channel and the first guardian
        # (tab is a priority key: focus moves before the next key is read)
        # Known race, reported: a tab that arrives before the form is ready can be undone when
        # it focuses its first field; give the form a moment (a person reads the form first).
        page.wait_for_timeout(1000)
        tab.press("Tab", "Tab")
        tab.type(summary)
        tab.wait_for(summary[-20:])  # every key arrived
        tab.forget_screen()
        tab.press("F10")
        tab.wait_for("Saved the contact")  # said once the note is on disk
        tab.wait_for("Student no.")  # the form has closed: the student's screen is back

        # A second note typed but not saved: closing the tab is a hang-up, which keeps it as a
        # draft (never filed as a contact; the next start offers it).
        tab.forget_screen()
        tab.press("n")
        tab.wait_for("Log a contact")
        # Known race, reported: a tab that arrives before the form is ready can be undone when
        # it focuses its first field; give the form a moment (a person reads the form first).
        page.wait_for_timeout(1000)
        tab.press("Tab", "Tab")
        # The form counts as changed only against what it held after its first refresh (keys
        # typed before that count as the starting text: a contact_form.py matter, reported).
        first, rest = unsaved.split(" ", 1)
        tab.forget_screen()
        tab.type(first)
        tab.wait_for(first)
        tab.type(" " + rest)
        tab.wait_for(unsaved[-20:])
        page.close()
        server.wait_for_apps(0)
    finally:
        stop_server(server)

    saved = json.loads(demo_file.read_text(encoding="utf-8"))
    notes = [
        n.get("summary") for n in saved["contacts"].values() if n["student_id"] == student["id"]
    ]
    assert notes.count(summary) == 1, "the contact typed in the browser is not in the data file"
    assert unsaved not in notes, "a half-typed note was filed as a contact"
    drafts = [d["fields"].get("contact-summary") for d in saved.get("drafts", {}).values()]
    assert drafts.count(unsaved) == 1, "the note typed before the tab closed was lost"
    check = subprocess.run(
        [*teacherdesk_cmd(), "--data", str(demo_file), "check", "--json"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert json.loads(check.stdout)["ok"] is True
