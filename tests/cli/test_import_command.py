"""`teacherdesk import` in-process: a dry run writes nothing, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_main

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def _run(env, *args):
    return run_main(args, env=env)


def test_cli_import_dry_run_exit_codes(cli_env, tmp_path):
    data = Path(cli_env["TEACHERDESK_DATA"])
    dry = _run(cli_env, "import", str(FIXTURES / "sis_guardians.csv"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "added      6 students, 7 guardians" in dry.stdout
    assert "line 6: no last name" in dry.stdout and "Bus Route" in dry.stdout
    assert "nothing was saved" in dry.stdout
    assert not data.exists()  # --dry-run writes nothing

    done = _run(cli_env, "import", str(FIXTURES / "oneroster11.zip"))
    assert done.returncode == 0, done.stderr
    assert "added      3 students, 3 guardians" in done.stdout
    assert "users.csv line 6: no last name" in done.stdout
    before = data.read_bytes()
    dry_again = _run(cli_env, "import", str(FIXTURES / "sis_guardians.csv"), "--dry-run")
    assert dry_again.returncode == 0 and data.read_bytes() == before

    again = _run(cli_env, "import", str(FIXTURES / "oneroster11"))
    assert "added      0 students, 0 guardians" in again.stdout
    assert "updated    0 students, 0 guardians" in again.stdout
    roster = json.loads(_run(cli_env, "roster", "--json").stdout)
    assert len(roster) == 3
    shared = [g["id"] for s in roster for g in s["guardians"] if g["name"] == "Marlow Thistlewood"]
    assert len(shared) == 2 and len(set(shared)) == 1

    (tmp_path / "colours.csv").write_text("Colour,Size\nred,3\n")
    for bad in (tmp_path / "missing.csv", tmp_path / "colours.csv", tmp_path):
        result = _run(cli_env, "import", str(bad))
        assert result.returncode == 2, (bad, result.stderr)
        assert result.stderr.startswith("teacherdesk: ") and "Traceback" not in result.stderr

    damaged = tmp_path / "damaged.json"
    damaged.write_text("{not json")
    result = _run(cli_env, "--data", str(damaged), "import", str(FIXTURES / "sis_semicolon.csv"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert damaged.read_text() == "{not json"
