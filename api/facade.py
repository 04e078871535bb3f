"""Everything of the REST facade and the linked-data side that ``create_app`` installs in one call.

``install(app)`` adds the routes (stats, documents, named queries, linked data, dumps, VoID) and the
HTTP behaviour of reads: JSON-LD on ``Accept: application/ld+json``, ETag / Cache-Control / 304
(:mod:`api.http_reads`), gzip for answers over 1 kB, and outside them all the per-build response cache
(:mod:`api.response_cache`, ``app.state.response_cache``, sized by ``INTERREG_KG_RESPONSE_CACHE_MB``). ``app.state.personal_data`` (from
``INTERREG_KG_PERSONAL_DATA``, off by default, see :mod:`api.privacy`) says whether the contacts
graphs may leave the service through linked data and dumps.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from api.http_reads import ReadMiddleware
from api.privacy import personal_data_allowed
from api.response_cache import LRU, ResponseCache
from api.routes import documents, linked_data, named_queries, stats

__all__ = ["install", "GZIP_MINIMUM"]

GZIP_MINIMUM = 1024


def install(app: FastAPI) -> None:
    """Add the facade's routes and middleware to ``app`` (call after the other routers)."""
    app.state.personal_data = personal_data_allowed()
    for module in (stats, documents, named_queries, linked_data):
        app.include_router(module.router)
    app.add_middleware(ReadMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM)
    settings = getattr(app.state, "settings", None)
    megabytes = 64 if settings is None else settings.response_cache_mb
    app.state.response_cache = LRU(megabytes * 2**20)
    app.add_middleware(ResponseCache, lru=app.state.response_cache)  # outermost: keeps the gzipped bytes
