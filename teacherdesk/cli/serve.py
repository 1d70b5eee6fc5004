"""`teacherdesk serve [--port N | --socket [PATH]]`: the app in a browser, behind a secret.

Listens on 127.0.0.1 only (or on a 0600 Unix socket), prints one URL carrying a random secret and
refuses every request without it. Each browser tab runs the app on the same data file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import stat
from pathlib import Path

from teacherdesk.cli.problems import UsageProblem, WorkFailed
from teacherdesk.store import Store
from teacherdesk.store.files import ensure_private_dir

DEFAULT_PORT = 8765
SOCKET_NAME = "teacherdesk-serve.sock"
HERE = "HERE"  # `--socket` without a path: beside the data file, in its 0700 folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--port",
        type=int,
        metavar="N",
        help=f"the port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    where.add_argument(
        "--socket",
        nargs="?",
        const=HERE,
        metavar="PATH",
        help=f"listen on a Unix socket instead, for `ssh -L PORT:SOCKET` "
        f"(default {SOCKET_NAME} in the data file's folder)",
    )


def run(args: argparse.Namespace, store: Store) -> int:
    try:
        from teacherdesk.ui.web.gate import TOKEN, Gate, new_secret
        from teacherdesk.ui.web.server import SessionEvents, serve
    except ImportError:
        raise WorkFailed(
            "teacherdesk serve needs textual-serve: install it with "
            "`pip install 'teacherdesk[serve]'`."
        ) from None

    data_path = store.path
    assert data_path is not None  # the command line always opens a file
    secret = new_secret()
    if args.socket is not None:
        path = _socket_path(args.socket, data_path)
        listener = _listen_unix(path)
        port = DEFAULT_PORT
        print(f"teacherdesk is serving {data_path} on the socket {path} (this account only).")
        print(f"From your laptop: ssh -N -L {port}:{path} THIS-SERVER, then open")
    else:
        path = None
        listener = _listen_tcp(DEFAULT_PORT if args.port is None else args.port)
        port = listener.getsockname()[1]
        print(f"teacherdesk is serving {data_path} to a browser on this machine. Open")
    print(f"    http://127.0.0.1:{port}/?{TOKEN}={secret}")
    print(
        "Anyone who has this address can open your students' records: keep it to yourself. "
        "Each tab is its own session; Ctrl+C stops the server.",
        flush=True,
    )
    try:
        serve([listener], data_path, Gate(secret), events=_logged_sessions(SessionEvents, store))
    finally:
        listener.close()
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()
    return 0


def _logged_sessions(base: type, store: Store):
    """Each browser tab's start and end in the access log: who and when (never the secret)."""
    from teacherdesk.store.access_log import record

    class LoggedSessions(base):  # type: ignore[misc, valid-type]
        def started(self, session_id: str) -> None:
            record(store, "browser-start", detail=f"session {session_id}")

        def ended(self, session_id: str) -> None:
            record(store, "browser-end", detail=f"session {session_id}")

    return LoggedSessions()


def _socket_path(given: str, data_path: Path) -> Path:
    if given == HERE:
        ensure_private_dir(data_path.parent)
        return data_path.parent / SOCKET_NAME
    return Path(given).expanduser()


def _listen_tcp(port: int) -> socket.socket:
    if not 0 <= port <= 65535:
        raise UsageProblem(f"--port must be a number from 0 to 65535, not {port}.")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", port))  # never another interface: the tunnel is the way in
        listener.listen(64)
    except OSError as error:
        listener.close()
        raise WorkFailed(
            f"cannot listen on 127.0.0.1 port {port}: {_reason(error)}; "
            "choose another with --port N."
        ) from None
    listener.setblocking(False)
    return listener


def _listen_unix(path: Path) -> socket.socket:
    """A socket only this account can connect to (0600), never replacing a live one or a file."""
    if path.exists() or path.is_symlink():
        if not stat.S_ISSOCK(path.lstat().st_mode):
            raise UsageProblem(f"{path} exists and is not a socket; choose another --socket PATH.")
        if _answers(path):
            raise WorkFailed(f"another server is already listening on {path}.")
        path.unlink()  # left behind by a server that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    mask = os.umask(0o177)  # created 0600, with no moment when others could connect
    try:
        listener.bind(str(path))
        listener.listen(64)
    except OSError as error:
        listener.close()
        raise WorkFailed(f"cannot listen on the socket {path}: {_reason(error)}.") from None
    finally:
        os.umask(mask)
    listener.setblocking(False)
    return listener


def _answers(path: Path) -> bool:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
