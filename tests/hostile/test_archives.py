"""Item 3: a zip is checked by what its CSVs unpack to and read with a cap: a bomb gets one
sentence and nothing is applied; a member that lies about its size is caught too."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from teacherdesk.importing import NotARoster, read_roster
from teacherdesk.importing import source as source_module
from tests.hostile.conftest import digest

USERS = (
    "sourcedId,status,role,givenName,familyName,identifier\n"
    "s1,active,student,Ana,Bell,1\ns2,active,student,Bo,Cruz,2\n"
)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def small_caps(monkeypatch):
    """Caps of a few kB, so the bombs stay small and fast."""
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 50_000)
    monkeypatch.setattr(source_module, "MAX_BUNDLE_BYTES", 80_000)


def test_a_member_that_unpacks_too_large_is_refused(tmp_path, small_caps):
    bomb = _zip(tmp_path / "bomb.zip", {"users.csv": USERS.encode() + b"\x00" * 200_000})
    assert bomb.stat().st_size < 2_000
    with pytest.raises(NotARoster, match="unpacks to"):
        read_roster(bomb)


def test_members_too_large_together_are_refused(tmp_path, small_caps):
    filler = b"x,y\n" * 10_000  # 40 kB each: fine alone, not three together
    bundle = {"users.csv": USERS.encode(), "a.csv": filler, "b.csv": filler, "c.csv": filler}
    with pytest.raises(NotARoster, match="unpacks to"):
        read_roster(_zip(tmp_path / "many.zip", bundle))


def test_a_member_lying_about_its_size_is_caught(tmp_path):
    path = _zip(tmp_path / "liar.zip", {"users.csv": USERS.encode() + b"z" * 100_000})
    raw = bytearray(path.read_bytes())
    # shrink the declared size in the local header and the central directory to 10 bytes
    local = raw.find(b"PK\x03\x04")
    struct.pack_into("<I", raw, local + 22, 10)
    central = raw.find(b"PK\x01\x02")
    struct.pack_into("<I", raw, central + 24, 10)
    path.write_bytes(bytes(raw))
    with pytest.raises(NotARoster):
        read_roster(path)


def test_the_command_refuses_a_bomb_with_one_sentence_and_applies_nothing(
    td, small_file, tmp_path, small_caps
):
    before = digest(small_file)
    bomb = _zip(tmp_path / "bomb.zip", {"users.csv": USERS.encode() + b"A" * 300_000})
    ran = td("--data", small_file, "import", bomb)
    assert ran.code == 2 and "unpacks to" in ran.sentence
    assert digest(small_file) == before


@pytest.mark.slow
def test_a_real_sized_bomb_is_refused_quickly_and_small(tmp_path):
    import resource

    bomb = tmp_path / "users.zip"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("users.csv", "w", force_zip64=True) as member,
    ):
        member.write(USERS.encode())
        block = b"\x00" * (1 << 20)
        for _ in range(150):  # 150 MB of NULs, past the 100 MB cap
            member.write(block)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(NotARoster, match="unpacks to"):
        read_roster(bomb)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000  # never read whole into memory


def test_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(source_module, "MAX_MEMBERS", 20)
    members = {"users.csv": USERS.encode(), **{f"x{n}.txt": b"" for n in range(30)}}
    with pytest.raises(NotARoster, match="too many files"):
        read_roster(_zip(tmp_path / "crowd.zip", members))


@pytest.mark.parametrize(
    "content", [b"PK\x03\x04garbage", b"not a zip at all", b""], ids=["torn", "text", "empty"]
)
def test_a_broken_zip_is_one_sentence(td, small_file, tmp_path, content):
    path = tmp_path / "roster.zip"
    path.write_bytes(content)
    ran = td("--data", small_file, "import", path)
    assert ran.code == 2 and "zip" in ran.sentence


def test_a_good_zip_still_imports(tmp_path):
    roster = read_roster(_zip(tmp_path / "ok.zip", {"users.csv": USERS.encode()}))
    assert len(roster.students) == 2 and not roster.skipped
