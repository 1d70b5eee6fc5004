"""Nothing below the app imports textual: the core loads, and commands run, without it."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import teacherdesk

UI_ONLY = {"teacherdesk.__main__"}
UI_PACKAGES = ("teacherdesk.ui",)


def core_modules() -> list[str]:
    """Every module of the package except the Textual layer (found, not listed by hand)."""
    found = ["teacherdesk"]
    for info in pkgutil.walk_packages(teacherdesk.__path__, prefix="teacherdesk."):
        name = info.name
        if name in UI_ONLY or any(name == p or name.startswith(p + ".") for p in UI_PACKAGES):
            continue
        found.append(name)
    return sorted(found)


def test_discovery_finds_the_core():
    modules = core_modules()
    for expected in (
        "teacherdesk.models",
        "teacherdesk.store",
        "teacherdesk.store.storage",
        "teacherdesk.cli.main",
        "teacherdesk.cli.note",
        "teacherdesk.cli.check",
        "teacherdesk.domain.demo",
        "teacherdesk.domain.dates",
        "teacherdesk.domain.lookup",
        "teacherdesk.domain.roster",
        "teacherdesk.text",
    ):
        assert expected in modules
    assert not any(m.startswith("teacherdesk.ui") for m in modules)
    assert "teacherdesk.ui.app" not in modules


PROBE = textwrap.dedent(
    """
    import importlib, sys
    for name in sys.argv[1:]:
        importlib.import_module(name)
        if any(m == "textual" or m.startswith("textual.") for m in sys.modules):
            print("TEXTUAL after", name)
            raise SystemExit(1)
    print("CLEAN", len(sys.argv) - 1)
    """
)


def test_core_modules_never_import_textual():
    modules = core_modules()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == f"CLEAN {len(modules)}"


def test_the_probe_can_fail():
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "teacherdesk.models", "teacherdesk.ui.app"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "TEXTUAL after teacherdesk.ui.app" in done.stdout


# Runs the real command line, then reports whether textual was ever imported.
WRAPPER = textwrap.dedent(
    """
    import sys
    from teacherdesk.cli.main import main
    try:
        code = main(sys.argv[1:])
    except SystemExit as stop:
        code = stop.code
    finally:
        pulled = any(m == "textual" or m.startswith("textual.") for m in sys.modules)
        print("TEXTUAL" if pulled else "CLEAN", file=sys.stderr)
    sys.exit(code)
    """
)


@pytest.mark.slow
def test_commands_never_import_textual(tmp_path):
    data = tmp_path / "class" / "teacherdesk.json"
    env = {**os.environ, "TEACHERDESK_DATA": str(data)}
    runs = [
        ["--version"],
        ["demo", "--no-open", "--students", "24", "--notes", "40"],
        ["roster"],
        ["roster", "--json"],
        ["note", "Applewhistle", "Called home"],  # ambiguous or not, textual stays out
        ["note", "nobody at all", "x"],
        ["check"],
        ["check", "--json"],
        ["note", "--help"],
    ]
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.stderr.strip().splitlines()[-1] == "CLEAN", (args, done.stderr)
        assert "Traceback" not in done.stderr, (args, done.stderr)
    assert data.exists()
    assert Path(data).stat().st_size > 0
