"""A per-build cache of whole answers to the read-only REST and linked-data GETs, as one ASGI middleware.

A build on disk never changes (:mod:`ontology.storage`), so the answer to a ``GET``/``HEAD`` is a
function of the build, of whether personal data is served, and of the request: method, path, query
string, scheme, root path and the request headers the stack varies on (:data:`KEY_HEADERS`:
``Accept`` for JSON-LD and formats, ``Accept-Encoding`` for gzip, ``Origin`` for CORS, ``Host`` for
the links and ``@context`` an answer writes, ``If-None-Match`` for 304, ``Accept-Language``). The
cache sits outside gzip, so a hit sends the finished bytes and headers again, 304s included.

An answer is kept only when all of these hold:

- the request is a ``GET``/``HEAD`` under :data:`api.http_reads.PREFIXES` (not ``/sparql``, not the
  streamed downloads) and carries no ``Cookie``/``Authorization``/``Range``;
- the app serves a build on disk (a store handed in memory may change under its owner: never cached),
  and the build is the same before and after the answer was made;
- its status is 200 or 304 (errors are never kept: a 404/503 is worked out again each time);
- it came in one body message (streamed answers pass through), is at most ``max_bytes / 8``, and
  has no ``Set-Cookie``, no ``Cache-Control`` with ``no-store`` or ``private``, and no ``Vary``
  naming a header outside :data:`KEY_HEADERS`;
- it is not personal data: with personal data served (``app.state.personal_data``) linked-data
  answers (``/id/...``, which then describe contact points) are not kept; the contacts route answers
  ``private, no-store``.

The cache is a bounded LRU (entries and bytes, :class:`LRU`); it lives on the event loop's thread.
Requests arriving while the same request is being answered wait for that answer and are served
from the cache (one run of the route for a burst of identical requests), or run when it was not kept.

>>> lru = LRU(max_bytes=10, max_entries=2)
>>> lru.put("a", 4, "A"); lru.put("b", 4, "B"); lru.get("a")
'A'
>>> lru.put("c", 4, "C"); lru.get("b") is None, lru.get("a"), len(lru), lru.bytes
(True, 'A', 2, 8)
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, MutableMapping
from typing import Any

from api.http_reads import PREFIXES

__all__ = ["ResponseCache", "LRU", "KEY_HEADERS", "DEFAULT_ENTRIES"]

KEY_HEADERS = (b"accept", b"accept-encoding", b"accept-language", b"origin", b"host", b"if-none-match")
_NO_CACHE_REQUEST = (b"cookie", b"authorization", b"range")
_STREAMED = ("/api/network", "/api/dump", "/dump")
DEFAULT_ENTRIES = 20_000

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class LRU:
    """Least recently used entries, bounded by a byte total and an entry count.

    :param max_bytes: the sum of the sizes given to :meth:`put` never exceeds this.
    :param max_entries: nor the number of entries this.
    """

    def __init__(self, max_bytes: int, max_entries: int = DEFAULT_ENTRIES) -> None:
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self.bytes = self.hits = self.misses = 0
        self._items: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Any:
        """The value kept under ``key`` (now the most recently used), or None."""
        held = self._items.get(key)
        if held is None:
            return None
        self._items.move_to_end(key)
        return held[1]

    def put(self, key: Hashable, size: int, value: Any) -> None:
        """Keep ``value`` (``size`` bytes) under ``key``, evicting the least recently used to fit;
        a value larger than ``max_bytes`` is not kept."""
        if size > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old[0]
        self._items[key] = (size, value)
        self.bytes += size
        while self.bytes > self.max_bytes or len(self._items) > self.max_entries:
            _, (dropped, _) = self._items.popitem(last=False)
            self.bytes -= dropped

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0


def _build_of(app: Any) -> object | None:
    """The current build's path (None: no build on disk, or none could be opened)."""
    handle = getattr(getattr(app, "state", None), "store_handle", None)
    if handle is None or handle.root is None:
        return None
    try:
        return handle.snapshot().build
    except Exception:  # noqa: BLE001 - no build now: the request goes on uncached and the app answers
        return None


def _keepable(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    if status not in (200, 304):
        return False
    for name, value in headers:
        name = name.lower()
        if name == b"set-cookie":
            return False
        if name == b"cache-control" and (b"no-store" in value.lower() or b"private" in value.lower()):
            return False
        if name == b"vary":
            varied = [v.strip().lower() for v in value.split(b",") if v.strip()]
            if any(v not in KEY_HEADERS for v in varied):
                return False
    return True


class ResponseCache:
    """See the module docstring; wraps an ASGI ``app``.

    :param lru: where answers are kept (its ``max_bytes`` 0: no cache, every request passes); it
        counts ``hits`` and ``misses`` (requests that could have been served from it but were not).
    """

    def __init__(self, app: App, lru: LRU) -> None:
        self.app = app
        self.lru = lru
        self._running: dict[tuple, tuple[asyncio.AbstractEventLoop, asyncio.Event]] = {}

    def _key(self, scope: Scope) -> tuple | None:
        path = scope.get("path", "")
        if (
            self.lru.max_bytes <= 0
            or scope["type"] != "http"
            or scope.get("method") not in ("GET", "HEAD")
            or not path.startswith(PREFIXES)
            or path.startswith(_STREAMED)
        ):
            return None
        app = scope.get("app")
        personal = bool(getattr(getattr(app, "state", None), "personal_data", False))
        if personal and path.startswith("/id/"):
            return None  # a description may then carry contact points: personal data is never kept
        wanted: dict[bytes, list[bytes]] = {}
        for name, value in scope.get("headers", []):
            name = name.lower()
            if name in _NO_CACHE_REQUEST:
                return None
            if name in KEY_HEADERS:
                wanted.setdefault(name, []).append(value)
        build = _build_of(app)
        if build is None:
            return None
        return (build, personal, scope["method"], scope.get("scheme"), scope.get("root_path", ""), path,
                scope.get("query_string", b""), tuple(sorted((k, tuple(v)) for k, v in wanted.items())))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        if await self._replay(key, send):
            return
        loop = asyncio.get_running_loop()
        running = self._running.get(key)
        if running is not None and running[0] is loop:  # the same request is being answered: wait for it
            await running[1].wait()
            if await self._replay(key, send):
                return
        elif running is None:
            done = asyncio.Event()
            self._running[key] = (loop, done)
            try:
                await self._answer(key, scope, receive, send)
            finally:
                del self._running[key]
                done.set()
            return
        await self._answer(key, scope, receive, send)

    async def _replay(self, key: tuple, send: Send) -> bool:
        held = self.lru.get(key)
        if held is None:
            return False
        self.lru.hits += 1
        start, body = held
        await send(start)
        await send({"type": "http.response.body", "body": body})
        return True

    async def _answer(self, key: tuple, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app for the request, relaying its answer, and keep the answer when it may be kept."""
        self.lru.misses += 1
        start: Message | None = None
        bodies: list[bytes] = []
        whole = True

        async def relay(message: Message) -> None:
            nonlocal start, whole
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                bodies.append(message.get("body", b""))
                whole = whole and not message.get("more_body", False) and len(bodies) == 1
            await send(message)

        await self.app(scope, receive, relay)
        if start is None or not whole or len(bodies) != 1:
            return
        headers = [(bytes(k), bytes(v)) for k, v in start.get("headers", [])]
        if not _keepable(start["status"], headers) or _build_of(scope.get("app")) != key[0]:
            return
        size = len(bodies[0]) + sum(len(k) + len(v) for k, v in headers) + len(repr(key))
        if size <= self.lru.max_bytes // 8:
            kept = {"type": "http.response.start", "status": start["status"], "headers": headers}
            self.lru.put(key, size, (kept, bytes(bodies[0])))
