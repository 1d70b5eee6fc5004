"""`teacherdesk serve` (issue 18): the app in a browser, behind the secret of the printed URL.

The real command runs as a subprocess on a demo class. Without the secret every route answers 403
with one sentence and nothing of the app; with it the page, its files and the websocket work, and
each websocket is its own `teacherdesk --data FILE` process, hung up when it closes. The browser
test (Debian's chromium driven by Playwright) is in test_serve_browser.py.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import teacherdesk_cmd
from tests.system.serving import Served, start_server, stop_server

pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install .[serve])")
aiohttp = pytest.importorskip("aiohttp")
from teacherdesk.ui.web.gate import REFUSED, Gate  # noqa: E402  (needs aiohttp)

pytestmark = pytest.mark.slow


@pytest.fixture
def served(demo_file: Path, tmp_path: Path) -> Iterator[Served]:
    server = start_server(demo_file, "--port", "0", tmp_path=tmp_path)
    try:
        yield server
    finally:
        stop_server(server)


def session() -> aiohttp.ClientSession:
    # aiohttp keeps no cookie for a bare IP address unless told to (a browser does)
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def assert_refused(status: int, body: str) -> None:
    assert status == 403
    assert body == REFUSED  # one sentence: no page, no script, no name from the class


ROUTES = [
    "/",
    "/?fontsize=20",
    "/static/js/textual.js",
    "/static/css/xterm.css",
    "/static/",
    "/ws",
    "/download/anything",
    "/favicon.ico",
]


async def test_every_route_is_refused_without_the_secret_or_with_a_wrong_one(served: Served):
    wrong = served.secret[:-1] + ("A" if served.secret[-1] != "A" else "B")
    async with session() as client:
        for route in ROUTES:
            for query in ({}, {"token": wrong}, {"token": ""}, {"token": "é" * 43}):
                async with client.get(served.base + route, params=query) as response:
                    assert_refused(response.status, await response.text())
        # a made-up cookie of the right name is no better
        client.cookie_jar.update_cookies({Gate(served.secret).cookie_name: wrong})
        async with client.get(served.base + "/", allow_redirects=False) as response:
            assert_refused(response.status, await response.text())
        async with client.post(served.base + "/", data={"token": served.secret}) as response:
            assert_refused(response.status, await response.text())


async def test_the_secret_opens_the_page_once_and_then_lives_in_a_strict_cookie(served: Served):
    async with session() as client:
        async with client.get(served.url, allow_redirects=False) as response:
            assert response.status == 303
            assert response.headers["Location"] == "/"  # the secret leaves the address bar
            cookie = response.headers["Set-Cookie"]
            assert served.secret in cookie
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with client.get(served.base + "/") as response:
            page = await response.text()
            assert response.status == 200
            assert "/static/js/textual.js" in page
            assert f'data-session-websocket-url="ws://{served.base[7:]}/ws"' in page
            assert "fonts.googleapis.com" in page  # textual-serve's page asks for it, but:
            assert "font-src 'self'" in response.headers["Content-Security-Policy"]
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        async with client.get(served.base + "/static/js/textual.js") as response:
            assert response.status == 200
    # another server's cookie (another secret) opens nothing here
    async with session() as client:
        client.cookie_jar.update_cookies({Gate("another").cookie_name: "another"})
        async with client.get(served.base + "/") as response:
            assert_refused(response.status, await response.text())


async def read_until(websocket, text: bytes, timeout: float = 30) -> bytes:
    seen = b""
    async with asyncio.timeout(timeout):
        async for message in websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
                if text in seen:
                    return seen
    raise AssertionError(f"the app closed before showing {text!r}")


async def test_the_websocket_needs_the_cookie_and_each_one_is_its_own_app(
    served: Served, demo_file: Path
):
    ws_url = served.base + "/ws?width=100&height=30"
    async with aiohttp.ClientSession() as stranger:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await stranger.ws_connect(ws_url)
        assert refused.value.status == 403
    assert served.app_processes() == []  # refused before any app was started

    async with session() as client:
        async with client.get(served.url) as response:
            assert response.status == 200
        # another site's page in the teacher's browser sends the cookie, but its own Origin
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(ws_url, headers={"Origin": "http://evil.example"})
        assert refused.value.status == 403

        first = await client.ws_connect(ws_url, headers={"Origin": served.base})
        second = await client.ws_connect(ws_url)
        for tab in (first, second):
            await read_until(tab, b"Today")  # the real app on the demo class
        served.wait_for_apps(2)  # two tabs, two sessions
        await first.close()  # a closed tab is a hang-up: its app finishes and exits
        served.wait_for_apps(1)
        await second.close()
        served.wait_for_apps(0)
    # each browser session's start and end is in the access log (who and when, never the secret);
    # the server writes the end once the tab's app has finished, so wait for it
    log_file = demo_file.with_name(f"{demo_file.stem}.access-log.jsonl")

    def logged() -> str:
        return log_file.read_text() if log_file.exists() else ""

    deadline = time.monotonic() + 30
    while logged().count('"browser-end"') < 2 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    log = logged()
    whats = [line for line in log.splitlines() if '"browser-' in line]
    assert sum('"browser-start"' in line for line in whats) == 2
    assert sum('"browser-end"' in line for line in whats) == 2
    assert served.secret not in log


def test_the_server_listens_on_loopback_only(served: Served):
    port = int(served.base.rsplit(":", 1)[1])
    ss = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=False)
    if ss.returncode != 0:
        pytest.skip("ss (iproute2) is not available")
    listening = [line.split()[3] for line in ss.stdout.splitlines() if line.split()]
    assert f"127.0.0.1:{port}" in listening
    assert not [a for a in listening if a.endswith(f":{port}") and a != f"127.0.0.1:{port}"]


def test_a_port_in_use_or_out_of_range_is_one_sentence(served: Served, demo_file: Path):
    port = served.base.rsplit(":", 1)[1]
    for args, code, words in [
        (["--port", port], 1, f"cannot listen on 127.0.0.1 port {port}"),
        (["--port", "70000"], 2, "--port must be a number from 0 to 65535"),
    ]:
        done = subprocess.run(
            [*teacherdesk_cmd(), "--data", str(demo_file), "serve", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == code
        assert done.stderr.startswith(f"teacherdesk: {words}")
        assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


# --- a Unix socket, for `ssh -L PORT:SOCKET` --------------------------------------------------


async def test_the_socket_is_private_and_still_needs_the_secret(demo_file: Path, tmp_path: Path):
    server = start_server(demo_file, "--socket", tmp_path=tmp_path)
    path = demo_file.parent / "teacherdesk-serve.sock"
    try:
        assert stat.S_ISSOCK(path.stat().st_mode)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert str(path) in server.output.read_text()
        connector = aiohttp.UnixConnector(path=str(path))
        async with aiohttp.ClientSession(connector=connector) as client:
            async with client.get("http://127.0.0.1:8765/") as response:
                assert_refused(response.status, await response.text())
            url = f"http://127.0.0.1:8765/?token={server.secret}"
            async with client.get(url, allow_redirects=False) as response:
                assert response.status == 303
        # a second server on the same socket is refused, not stealing it
        again = subprocess.run(
            [*teacherdesk_cmd(), "--data", str(demo_file), "serve", "--socket"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert again.returncode == 1
        assert "another server is already listening" in again.stderr
    finally:
        stop_server(server)
    assert not path.exists()  # removed when the server stops


def test_a_socket_path_that_is_a_file_is_left_alone(demo_file: Path, tmp_path: Path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    done = subprocess.run(
        [*teacherdesk_cmd(), "--data", str(demo_file), "serve", "--socket", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "is not a socket" in done.stderr
    assert target.read_text() == "mine"


# --- another account on the same machine ---------------------------------------------------------

OTHER = "tdserve-other"


@pytest.fixture
def other_account() -> Iterator[str]:
    """A second Unix account (root only: useradd), removed afterwards if this test made it."""
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        pytest.skip("needs root with useradd and runuser to make a second account")
    if not shutil.which("curl"):
        pytest.skip("curl is not installed")
    made = subprocess.run(["id", OTHER], capture_output=True, check=False).returncode != 0
    if made:
        subprocess.run(["useradd", "--no-create-home", OTHER], check=True, timeout=30)
    try:
        yield OTHER
    finally:
        if made:
            subprocess.run(["userdel", OTHER], check=False, timeout=30)


def curl_as(user: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", user, "--", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_another_account_cannot_connect_without_the_url(
    other_account: str, served: Served, demo_file: Path, tmp_path: Path
):
    assert curl_as(other_account, served.base + "/").stdout == "403"
    assert curl_as(other_account, served.base + "/static/js/textual.js").stdout == "403"
    assert curl_as(other_account, served.base + "/?token=guess").stdout == "403"
    # the URL itself is the key: whoever has it gets in (what the README warns about)
    assert curl_as(other_account, served.url).stdout == "303"

    # on a socket the other account cannot even connect
    sock_server = start_server(demo_file, "--socket", tmp_path=tmp_path)
    try:
        path = demo_file.parent / "teacherdesk-serve.sock"
        done = curl_as(other_account, "--unix-socket", str(path), sock_server.url)
        assert done.stdout == "000" and done.returncode == 7  # curl: could not connect
        with socket.socket(socket.AF_UNIX) as probe:  # while this account can
            probe.connect(str(path))
    finally:
        stop_server(sock_server)


async def test_a_hang_up_stops_the_server_and_every_tab_ends(served: Served):
    """A dropped SSH session hangs the server up: it closes each tab (each app saves) and exits."""
    async with session() as client:
        async with client.get(served.url) as response:
            assert response.status == 200
        tab = await client.ws_connect(served.base + "/ws")
        await read_until(tab, b"Today")
        served.wait_for_apps(1)
        [app] = served.app_processes()
        served.process.send_signal(signal.SIGHUP)
        async with asyncio.timeout(60):
            async for _message in tab:  # the server closes the tab's connection
                pass
    assert served.process.wait(timeout=60) == 0
    assert not Path(f"/proc/{app}").exists()  # ended with the server, not left running


def ended(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


async def test_a_killed_server_hangs_its_apps_up(served: Served):
    """Even `kill -9` of the server reaches each app as a hang-up (it saves, then exits)."""
    async with session() as client:
        async with client.get(served.url) as response:
            assert response.status == 200
        tab = await client.ws_connect(served.base + "/ws")
        await read_until(tab, b"Today")
        served.wait_for_apps(1)
        [app] = served.app_processes()
        served.process.kill()
        served.process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while not ended(app):
            assert time.monotonic() < deadline, "the app outlived its server"
            time.sleep(0.05)
