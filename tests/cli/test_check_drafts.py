"""`teacherdesk check` lists drafts (forms cut off before they were saved); they are not records."""

from __future__ import annotations

import json

from teacherdesk.models import Draft
from teacherdesk.store import Store
from tests.helpers import family_file, run_main


def test_check_lists_drafts_without_counting_them(tmp_path):
    path, kid, _mum, _dad = family_file(tmp_path)
    Store.open(path).drafts.save(
        Draft(kind="contact", student_id=kid.id, fields={"contact-summary": "half a"})
    )
    done = run_main(["--data", path, "check", "--json"])
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True and report["contacts"] == 0
    assert report["drafts"][0].startswith("unfinished note for Amara Quill (cut off ")
    shown = run_main(["--data", path, "check"])
    assert "draft: unfinished note for Amara Quill" in shown.stdout
    roster = json.loads(run_main(["--data", path, "roster", "--json"]).stdout)
    assert [s["id"] for s in roster] == [kid.id]
