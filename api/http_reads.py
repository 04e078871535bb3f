"""HTTP behaviour of reads, as one ASGI middleware: JSON-LD by Accept, ETag, Cache-Control, 304.

For ``GET``/``HEAD`` requests under :data:`PREFIXES` whose answer is a 200:

- when the path is a JSON route of the REST facade and ``Accept`` prefers ``application/ld+json``,
  the JSON body gets an ``@context`` (:mod:`api.linked_data.context`) and that media type; an
  ``Accept`` that allows neither JSON nor JSON-LD (nor problem+json) is a 406 problem;
- the answer gets a weak ``ETag`` (a digest of its bytes: the same for the same build, query and
  representation), ``Cache-Control: public, max-age=60`` and ``Vary: Accept``;
- a request whose ``If-None-Match`` names that ETag (or ``*``) gets ``304 Not Modified`` with no body;
- ``HEAD`` is answered as the ``GET`` would be, without the body.

Downloads that stream (dumps, network files) pass through untouched. Gzip is Starlette's
``GZipMiddleware``, placed outside this one, so the ETag is computed on the uncompressed bytes
(a weak ETag, valid across content codings).

>>> etag(b"{}")
'W/"44136fa355b3678a1146ad16f7e8649e"'
>>> matches('W/"a", "b"', 'W/"b"'), matches("*", 'W/"x"'), matches('"c"', 'W/"x"')
(True, True, False)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from api.errors import problem
from api.linked_data.context import CONTEXT_PATH, with_context
from api.negotiation import choose

__all__ = ["ReadMiddleware", "PREFIXES", "etag", "matches", "CACHE_CONTROL"]

PREFIXES = ("/api/", "/id/", "/ontology", "/.well-known/", "/health", "/version")
_NO_BUFFER = ("/api/network", "/api/dump")
_JSON_OFFERS = ["application/json", "application/ld+json", "application/problem+json"]
CACHE_CONTROL = "public, max-age=60"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def etag(body: bytes) -> str:
    """The weak entity tag of a representation's bytes."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def matches(if_none_match: str, tag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``tag`` (weak comparison, RFC 9110 13.1.2)."""
    candidates = [t.strip() for t in if_none_match.split(",") if t.strip()]
    return "*" in candidates or any(_opaque(t) == _opaque(tag) for t in candidates)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class ReadMiddleware:
    """See the module docstring; wraps an ASGI ``app``."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if (
            scope["type"] != "http"
            or scope.get("method") not in ("GET", "HEAD")
            or not path.startswith(PREFIXES)
            or path.startswith(_NO_BUFFER)
        ):
            await self.app(scope, receive, send)
            return
        accept = _header(scope, b"accept")
        json_route = path.startswith("/api/") and path != CONTEXT_PATH
        wants_ld = False
        if json_route and accept:
            chosen = choose(accept, _JSON_OFFERS)
            if chosen is None:
                await _send_406(send, path, accept)
                return
            wants_ld = chosen == "application/ld+json"

        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        head = scope.get("method") == "HEAD"
        await self.app(
            {**scope, "method": "GET"} if head else scope, receive, capture
        )  # HEAD is a GET sans body
        assert start is not None
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start.get("headers", [])]
        status = start["status"]
        if status != 200:
            await send(start)
            await send({"type": "http.response.body", "body": b"" if head else body})
            return
        content_type = next((v.decode("latin-1") for k, v in headers if k.lower() == b"content-type"), "")
        if wants_ld and content_type.startswith("application/json"):
            host = _header(scope, b"host") or "localhost"
            base = f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}"
            body = json.dumps(
                with_context(json.loads(body), base + CONTEXT_PATH), ensure_ascii=False, separators=(",", ":")
            ).encode("utf-8")
            headers = [(k, v) for k, v in headers if k.lower() not in (b"content-type", b"content-length")]
            headers += [
                (b"content-type", b"application/ld+json"),
                (b"content-length", str(len(body)).encode()),
            ]
        tag = etag(body)
        names = {k.lower() for k, _ in headers}
        extra = [(b"etag", tag.encode())]
        if b"cache-control" not in names:
            extra.append((b"cache-control", CACHE_CONTROL.encode()))
        extra.append((b"vary", b"Accept"))
        headers = [(k, v) for k, v in headers if k.lower() not in (b"etag", b"vary")] + extra
        if_none_match = _header(scope, b"if-none-match")
        if if_none_match and matches(if_none_match, tag):
            kept = [
                (k, v)
                for k, v in headers
                if k.lower() in (b"etag", b"cache-control", b"vary", b"content-location", b"expires")
            ]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else body})


async def _send_406(send: Send, path: str, accept: str) -> None:
    body = json.dumps(
        problem(
            406, f"cannot answer {accept!r}; this route offers application/json and application/ld+json", path
        )
    ).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 406,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
