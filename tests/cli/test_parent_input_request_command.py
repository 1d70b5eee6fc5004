"""`teacherdesk parent-input-request` in-process: the letter printed or written (0600), the
request recorded, one-line refusals."""

from __future__ import annotations

import os
import stat

from teacherdesk.models import InputMethod, Student
from teacherdesk.store import Store
from tests.helpers import family_store, run_main


def test_parent_input_request_command(tmp_path, cli_env):
    data = tmp_path / "cli" / "teacherdesk.json"
    store = Store.open(data, author="tester")
    _student, iep = family_store(store)
    nobody = Student(first_name="No", last_name="Plan")
    store.students.save(nobody)
    run = lambda *args: run_main(  # noqa: E731
        ["--data", str(data), "parent-input-request", *args], env=cli_env
    )
    printed = run("Zoë")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("# Your thoughts for Zoë")
    out = tmp_path / "out" / "letter.html"
    written = run("Zoë", "--out", str(out), "--format", "html", "--how", "email")
    assert written.returncode == 0 and stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert "<!doctype html>" in out.read_text().lower()
    recorded = Store.open(data).ieps.get(iep.id).parental_input
    assert recorded.requested_how == InputMethod.EMAIL and recorded.requested_on is not None
    no_iep = run("No Plan")  # any student: two weeks to answer, nothing noted on an IEP
    assert no_iep.returncode == 0, no_iep.stderr
    assert no_iep.stdout.startswith("# Your thoughts about No Plan's year")
    assert run("Nobody at all").returncode == 2
    assert run("Zoë", "--how", "pigeon").returncode == 2
