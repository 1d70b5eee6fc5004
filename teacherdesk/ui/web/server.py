"""textual-serve, wrapped: each browser tab runs `teacherdesk --data FILE` as its own process.

The app process is the same as in a terminal (the same file, locks and saves); only its driver
differs. Closing a tab is a hang-up: the process gets SIGHUP and finishes saving, as over SSH.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from teacherdesk.ui.web.gate import Gate

log = logging.getLogger("teacherdesk.serve")

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def app_command(data_path: Path) -> list[str]:
    """The app for one tab: this Python, this package, this data file."""
    return [sys.executable, "-m", "teacherdesk", "--data", str(data_path)]


class SessionEvents:
    """Where a browser session's start and end are told (the access log hooks in here)."""

    def started(self, session_id: str) -> None:
        """A tab connected and its app process started."""

    def ended(self, session_id: str) -> None:
        """The tab closed (or the server stopped) and its app process has finished."""


class DeskAppService(AppService):
    """One tab's app process, started without a shell and hung up (not quit) at the end."""

    def __init__(self, argv: list[str], **options: Any) -> None:
        super().__init__(" ".join(argv), **options)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            # Ctrl+C on the server's terminal must not reach the apps (Textual would quit at
            # once); the server hangs each one up in turn instead.
            start_new_session=True,
            preexec_fn=_hang_up_with_parent,
        )
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """A closed tab is a hang-up: SIGHUP makes the app save what is typed, then exit."""
        if self._task is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGHUP)
        await self._task  # ends when the app's output ends
        self._task = None
        if process is not None:
            await process.wait()


def _hang_up_with_parent() -> None:
    """In the child, before exec: if the server dies (even by kill -9), the app gets SIGHUP."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGHUP)


class DeskServer(Server):
    """textual-serve's routes and page, with the app started our way and URLs from the request."""

    def __init__(self, data_path: Path, events: SessionEvents | None = None) -> None:
        self.argv = app_command(data_path)
        super().__init__(" ".join(self.argv), host="127.0.0.1", port=0, title="teacherdesk")
        self.events = events or SessionEvents()
        self.sockets: set[web.WebSocketResponse] = set()

    async def on_startup(self, app: web.Application) -> None:
        """The command line says what to open; textual-serve's banner would print no secret."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket, so each app is hung up and saves before the server ends."""
        for websocket in list(self.sockets):
            await websocket.close()

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        # The address the browser used (an SSH tunnel may map any local port to this server).
        host = request.host
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: start its app, pass keys and screen both ways, hang it up at the end."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: DeskAppService | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            service = DeskAppService(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            await service.start(width, height)
            self.events.started(service.app_service_id)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's failure must not stop the server
            log.warning("a browser session failed: %s", error)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await service.stop()
                self.events.ended(service.app_service_id)
        return websocket


def serve(
    sockets: list[socket.socket],
    data_path: Path,
    gate: Gate,
    *,
    events: SessionEvents | None = None,
) -> None:
    """Serve on listening sockets until SIGINT, SIGTERM or SIGHUP (its SSH session dropped)."""
    asyncio.run(_serve(sockets, data_path, gate, events))


async def _serve(
    sockets: list[socket.socket],
    data_path: Path,
    gate: Gate,
    events: SessionEvents | None,
) -> None:
    server = DeskServer(data_path, events)
    app = await server._make_app()
    app.middlewares.insert(0, gate.middleware)  # before every route, the 404s included
    app.on_response_prepare.append(gate.add_headers)
    # No access log: the first request's line would carry the secret.
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=15)
    await runner.setup()
    try:
        for sock in sockets:
            await web.SockSite(runner, sock).start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()
