"""Shared fixtures: stores on memory or a temp folder, a demo class on a fixed date, the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.store import Store
from tests.helpers import TODAY, make_app


@pytest.fixture(autouse=True)
def _no_real_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the teacher's real data folder."""
    monkeypatch.setenv("TEACHERDESK_DATA", str(tmp_path / "default" / "teacherdesk.json"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def memory_store() -> Store:
    return Store.memory(author="tester")


@pytest.fixture
def demo_store() -> Store:
    """The default demo class (24 students) laid around TODAY, in memory."""
    store = Store.memory(author="tester")
    build_demo(store, DemoSize(), today=TODAY)
    return store


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "teacherdesk.json"


@pytest.fixture
def demo_file(data_file: Path) -> Path:
    """A demo class written to a real file (0600 in a 0700 folder)."""
    build_demo(Store.open(data_file, author="tester"), DemoSize(), today=TODAY)
    return data_file


@pytest.fixture
def app_factory():
    return make_app


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TEACHERDESK_DATA"] = str(tmp_path / "cli" / "teacherdesk.json")
    return env
