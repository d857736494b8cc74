"""Security headers on every answer of the server; the pages set their own (:mod:`diplograph.web.pages`).

The API docs get a policy that lets their scripts run but lets nothing load from another host:
Swagger UI and ReDoc come from the ``fastapi-offline`` package, and ReDoc's bundle still draws a
logo from a CDN, which the policy blocks (the page is the same without it). JSON answers get a
policy that allows nothing at all, should a browser ever be tricked into rendering one.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_PATHS = ("/api/docs", "/api/redoc")
# Swagger UI starts from an inline script and both inject styles; ReDoc searches in a blob: worker.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
COMMON = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"))


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task): adds the headers a response does not set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = list(COMMON)
        if path.startswith(DOCS_PATHS):
            extra.append((b"content-security-policy", DOCS_POLICY.encode()))
        elif path.startswith("/api/"):
            extra.append((b"content-security-policy", API_POLICY.encode()))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
