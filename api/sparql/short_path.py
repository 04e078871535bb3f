"""SPARQL queries answered without the web framework's routing: the endpoint's short path.

A query to ``/sparql`` would otherwise pass the response cache, gzip, the JSON-LD/ETag layer, CORS,
the framework's exception layer and its router (which tries every route of the API before the
SPARQL ones) before its route runs. None of them but CORS, gzip and the exception handlers does
anything for a query, and together they cost more server CPU than the lookup itself
(``bench/endpoint_overhead.py``). :class:`ShortPath` sits outside them (``create_app`` adds it last)
and hands a query request straight to :func:`api.routes.sparql.protocol_response`, the function the
routes call, inside the app's CORS middleware; an exception goes to the app's own handler for it
(the same problem document), and one without a handler on to the server-error layer outside, as
before. Answers of ``gzip_minimum`` bytes or more say ``Vary: Accept-Encoding`` and are gzipped
when the client accepts it, as the app's gzip middleware does, but at level 6 rather than 9 (half
the CPU on a large answer for 3% more bytes) and without that middleware's per-request set-up,
which cost more than the rest of the answer's handling. What it takes:

- ``POST /sparql`` and ``POST /sparql/contacts`` (any body: the route's own checks answer 403, 413,
  415 as they would);
- ``GET`` of the same paths with a ``query`` or ``update`` parameter.

Everything else (the editor page and the service description of a bare ``GET /sparql``, CORS
preflights, ``HEAD``, the rest of the API) goes through the app as before, and the OpenAPI document
still lists the routes.

>>> takes({"type": "http", "method": "POST", "path": "/sparql", "query_string": b""})
'/sparql'
>>> takes({"type": "http", "method": "GET", "path": "/sparql", "query_string": b"query=ASK%7B%7D"})
'/sparql'
>>> takes({"type": "http", "method": "GET", "path": "/sparql", "query_string": b""}) is None
True
>>> takes({"type": "http", "method": "OPTIONS", "path": "/sparql/contacts", "query_string": b""}) is None
True
"""

from __future__ import annotations

import gzip
import inspect
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response

__all__ = ["ShortPath", "takes", "PATHS"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the protocol's paths, and whether each serves the contacts store
PATHS = {"/sparql": False, "/sparql/contacts": True}
_PROTOCOL_PARAMETERS = ("query", "update")
#: gzip level of answers (zlib's default: 9 takes twice the CPU for 3% fewer bytes on SPARQL JSON)
GZIP_LEVEL = 6
#: answers this large are compressed in a thread, not on the event loop
_GZIP_IN_THREAD = 128 * 1024


def takes(scope: Scope) -> str | None:
    """The protocol path a request is a query (or update) to, or None when it is not one.

    :param scope: an ASGI connection scope.
    """
    if scope["type"] != "http":
        return None
    path = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    if path not in PATHS:
        return None
    method = scope["method"]
    if method == "POST":
        return path
    if method != "GET":
        return None
    query_string = scope.get("query_string", b"")
    if not any(name in query_string for name in (b"query", b"update")):  # cheap refusal first
        return None
    names = {name for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)}
    return path if names.intersection(_PROTOCOL_PARAMETERS) else None


def _handler(handlers: dict, exc: Exception):
    """The app's exception handler for ``exc`` (by class, most specific first), or None; the handlers
    of ``Exception`` and 500 belong to the server-error layer, which sees what is re-raised."""
    for cls in type(exc).__mro__:
        if cls is Exception:
            return None
        handler = handlers.get(cls)
        if handler is not None:
            return handler
    return None


class ShortPath:
    """ASGI middleware: protocol queries (:func:`takes`) go straight to the SPARQL routes' function.

    :param app: the rest of the application.
    :param cors: the keyword arguments of the app's ``CORSMiddleware`` (the same headers on answers).
    :param gzip_minimum: the app's ``GZipMiddleware`` minimum size (answers from it on gzipped when accepted).
    """

    def __init__(self, app: App, *, cors: dict[str, Any], gzip_minimum: int) -> None:
        self.app = app
        self.gzip_minimum = gzip_minimum
        self.short = CORSMiddleware(self._endpoint, **cors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if takes(scope) is None:
            await self.app(scope, receive, send)
        else:
            await self.short(scope, receive, send)

    async def _endpoint(self, scope: Scope, receive: Receive, send: Send) -> None:
        from api.routes.sparql import protocol_response  # the routes import this package

        request = Request(scope, receive)
        try:
            response = await protocol_response(request, contacts=PATHS[takes(scope)])
        except Exception as exc:
            handler = _handler(scope["app"].exception_handlers, exc)
            if handler is None:
                raise
            response = handler(request, exc)
            if inspect.isawaitable(response):
                response = await response
        await self._encoded(response, request.headers.get("accept-encoding", ""))
        await response(scope, receive, send)

    async def _encoded(self, response: Response, accept_encoding: str) -> None:
        """Gzip ``response``'s body in place when it is large enough and the client accepts gzip."""
        body = getattr(response, "body", b"")
        if len(body) < self.gzip_minimum or "content-encoding" in response.headers:
            return
        response.headers.add_vary_header("Accept-Encoding")
        if "gzip" not in accept_encoding:
            return
        if len(body) < _GZIP_IN_THREAD:
            body = gzip.compress(body, compresslevel=GZIP_LEVEL)
        else:
            body = await run_in_threadpool(gzip.compress, body, compresslevel=GZIP_LEVEL)
        response.body = body
        response.headers["content-encoding"] = "gzip"
        response.headers["content-length"] = str(len(body))
