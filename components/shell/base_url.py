"""The app's server is at the site root: a script in each page's HTML head tells Streamlit so.

Opened at a deep link (/targets?period=…), Streamlit's page otherwise probes
/targets/_stcore/health and /targets/_stcore/host-config first (two 404s in the browser
console) before it finds its server at /. `make run` / `make start` serve the app through
`BaseUrlAtRoot` (server.py); `make serve`'s nginx inserts the same script (deploy/nginx.conf.in),
whose Content-Security-Policy allows it by hash.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

BASE_SCRIPT = ('window.__streamlit=Object.assign(window.__streamlit||{},'
               '{BACKEND_BASE_URL:location.origin+"/"});')
HEAD = b"<head>"
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def with_base_script(html: bytes) -> bytes:
    """The page's HTML with `BASE_SCRIPT` first in its head (unchanged without a head)."""
    return html.replace(HEAD, HEAD + f"<script>{BASE_SCRIPT}</script>".encode(), 1)


class BaseUrlAtRoot:
    """ASGI middleware: an HTML answer to a GET gets `BASE_SCRIPT` in its head (the page is
    asked for uncompressed, so it can be read; it is small). Everything else passes as is."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or "/_stcore/" in scope["path"]:
            await self.app(scope, receive, send)
            return
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"]
                                      if k.lower() != b"accept-encoding"]}
        start: Message | None = None
        body: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    await send(message)
                    return
                start = message
                return
            if start is None:  # not HTML: passed through
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = with_base_script(b"".join(body))
            headers = [(k, v) for k, v in start.get("headers", [])
                       if k.lower() not in (b"content-length", b"etag")]
            await send({**start, "headers": [*headers, (b"content-length",
                                                        str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, capture)
