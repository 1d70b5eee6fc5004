"""The door of `teacherdesk serve`: nothing of the app without the secret in the printed URL.

Anything listening on 127.0.0.1 can be reached by every account on a shared school server, and the
app runs as the teacher who started it, with their files. So every request (the page, the static
files, the websocket that starts the app, downloads, any other path) needs the secret, as Jupyter
does: `?token=` on the first request, then an HttpOnly SameSite=Strict cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from aiohttp import web
from aiohttp.typedefs import Handler
from yarl import URL

TOKEN = "token"  # the query parameter of the printed URL

REFUSED = "403 Forbidden: open the address that `teacherdesk serve` printed, with its token.\n"

# The page loads only what this server sends: textual-serve's page asks Google for a font, and
# the browser should tell no one that a teacher opened it. Frames are refused (clickjacking).
CONTENT_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws://{host}; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def new_secret() -> str:
    """256 random bits, URL-safe (Jupyter's recipe)."""
    return secrets.token_urlsafe(32)


class Gate:
    """Admits a request that carries the secret, refuses any other with a bare 403."""

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()
        # Cookies are shared by every port of a host: each server names its own, so two servers
        # on one machine (two teachers, two ports) never overwrite each other's.
        self.cookie_name = "teacherdesk-" + hashlib.sha256(self._secret).hexdigest()[:12]

    def admits(self, offered: str | None) -> bool:
        if not offered:
            return False
        return hmac.compare_digest(offered.encode("utf-8", "replace"), self._secret)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        by_query = self.admits(request.query.get(TOKEN))
        if not by_query and not self.admits(request.cookies.get(self.cookie_name)):
            return refused()
        if _is_websocket(request) and not _same_origin(request):
            return refused()  # another site's page in the teacher's browser (CSWSH)
        if by_query and request.method == "GET" and request.path == "/":
            # The secret leaves the address bar at once; the cookie carries it from now on.
            kept = [(key, value) for key, value in request.query.items() if key != TOKEN]
            response = web.Response(
                status=303, headers={"Location": str(URL("/").with_query(kept))}
            )
            self._set_cookie(response)
            return response
        return await handler(request)

    def _set_cookie(self, response: web.StreamResponse) -> None:
        response.set_cookie(
            self.cookie_name,
            self._secret.decode(),
            path="/",
            httponly=True,
            samesite="Strict",
        )

    @staticmethod
    async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
        """On every response, refused ones too (an aiohttp on_response_prepare signal)."""
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy", CONTENT_POLICY.format(host=request.host)
        )


def refused() -> web.Response:
    """403 with one sentence: no page, no script, no name of anything in the app."""
    return web.Response(status=403, text=REFUSED, content_type="text/plain")


def _is_websocket(request: web.Request) -> bool:
    return request.headers.get("Upgrade", "").lower() == "websocket"


def _same_origin(request: web.Request) -> bool:
    """A browser always sends Origin on a websocket; a script without one has the secret anyway."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    scheme, _, authority = origin.partition("://")
    return scheme in ("http", "https") and authority.lower() == request.host.lower()
