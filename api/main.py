"""The read-side web application: REST facade, SPARQL endpoint, network exports.

``create_app()`` builds the FastAPI app; its lifespan opens the store root's current build read-only
(:class:`api.store.StoreHandle`), and every request takes the snapshot of whatever build is current
then. Tests and embedders pass a ``store`` (e.g. an in-memory ``pyoxigraph.Store``: a public one,
without ``graph:contacts/*`` graphs) and, optionally, its ``contacts`` store instead.
OpenAPI documentation is at ``/docs``. CORS is open: the data is public and nothing is written.

>>> from pyoxigraph import Store
>>> app = create_app(store=Store())
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api/projects"))
['/api/projects', '/api/projects/{project_id}', '/api/projects/{project_id}/contacts']
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import metadata

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from pyoxigraph import Store

from api import errors, facade
from api.errors import StoreUnavailableError
from api.routes import network, partners, projects, service, sparql, ui, vocabularies
from api.sparql.pool import QueryPool
from api.sparql.short_path import ShortPath
from api.store import StoreHandle
from ontology.settings import Settings

__all__ = ["create_app"]

logger = logging.getLogger(__name__)

#: CORS is open: the data is public and nothing is written
CORS = {"allow_origins": ["*"], "allow_methods": ["GET", "POST", "OPTIONS"], "allow_headers": ["*"],
        "expose_headers": ["Content-Disposition", "Interreg-KG-Truncated"]}


def _version() -> str:
    try:
        return metadata.version("interreg-kg")
    except metadata.PackageNotFoundError:
        return "unknown"


def create_app(settings: Settings | None = None, store: Store | None = None,
               contacts: Store | None = None) -> FastAPI:
    """The application serving ``store``, or else the current build under ``settings.store``.

    :param settings: where the store root is (default: :meth:`Settings.from_env`).
    :param store: a public store to serve as it is; when given, ``settings.store`` is not opened.
    :param contacts: the contacts store served beside ``store`` (personal data, only when allowed).
    :raises api.store.MixedStoreError: ``store`` holds ``graph:contacts/*`` graphs.
    :returns: the FastAPI app. The store is opened when the app starts (its lifespan) or, at the
        latest, on the first request; without a published build requests answer 503.
    """
    settings = settings or Settings.from_env()

    handle = (StoreHandle(store=store, contacts=contacts) if store is not None
              else StoreHandle(root=settings.store, on_open=projects.read_listing_soon))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:  # open the current build now rather than on the first request
            handle.snapshot()
        except StoreUnavailableError as exc:
            logger.warning("%s; answering 503 until a build is published", exc)
        yield
        app.state.query_pool.close()  # stop the SPARQL query workers

    app = FastAPI(title="Interreg social-inclusion knowledge graph", version=_version(), lifespan=lifespan,
                  description="Projects, partners, programmes, target groups and themes of Interreg "
                              "cross-border social-inclusion projects; a SPARQL endpoint at /sparql.")
    app.state.settings = settings
    app.state.store_handle = handle
    app.state.query_pool = QueryPool(settings.query_workers, settings.query_timeout)  # started at the first query
    app.add_middleware(CORSMiddleware, **CORS)
    errors.install(app)
    for module in (service, projects, partners, vocabularies, network, ui, sparql):  # ui: /sparql in a browser
        app.include_router(module.router)
    facade.install(app)  # stats, documents, named queries, linked data, dumps; JSON-LD, ETag, gzip
    # outermost: SPARQL queries skip the REST layers and the router (same CORS, gzip, error handlers)
    app.add_middleware(ShortPath, cors=CORS, gzip_minimum=facade.GZIP_MINIMUM)
    return app
