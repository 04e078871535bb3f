"""Dependencies the routes declare: the snapshot of the store a request reads, the settings, and the
runner of its named queries.

:class:`Queries` runs the named queries of one request on its snapshot. On a build on disk each
request's queries go to the query worker processes (:meth:`api.sparql.pool.QueryPool.run_rows`) with
the endpoint's time limit (``INTERREG_KG_QUERY_TIMEOUT``): a query past it is stopped (its worker is
killed) and the request answers 503 with a message saying so, while the server goes on answering
others. A store given in memory (tests, embedding) is queried in-process without the limit, as
``/sparql`` does.

>>> from typing import get_args
>>> get_args(StoreDep)[0].__name__, get_args(QueriesDep)[0].__name__
('Snapshot', 'Queries')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

import queries
from api.sparql.execute import NamedRun, RowsJob
from api.sparql.pool import QueryPool
from api.store import Snapshot
from ontology.settings import Settings
from ontology.storage import contacts_store_path, public_store_path

__all__ = ["get_snapshot", "get_settings", "get_queries", "Queries", "StoreDep", "SettingsDep", "QueriesDep"]


def get_snapshot(request: Request) -> Snapshot:
    """The current build's snapshot, taken once per request (the request keeps it to the end)."""
    return request.app.state.store_handle.snapshot()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


@functools.lru_cache(maxsize=256)
def _named(query: str | Path) -> queries.NamedQuery:
    """A packaged query by name or path, read once per server (the files do not change under it)."""
    return queries.load(query)


@functools.lru_cache(maxsize=16)
def _store_dir(build: Path, contacts: bool) -> Path | None:
    """The build's contacts store (``contacts``) or public store, None when the build has none (a
    published build never changes, so this is looked up once per build)."""
    path = contacts_store_path(build) if contacts else public_store_path(build)
    return path if path.is_dir() else None


def _packaged(named: queries.NamedQuery) -> bool:
    """Whether ``named`` is the text of its ``.rq`` file under :data:`queries.QUERY_DIR` (loaded by
    name or path, not parsed from another text)."""
    return named.path is not None and named.path.is_relative_to(queries.QUERY_DIR) and _named(named.path) == named


class Queries:
    """The named queries of one request, run on ``snapshot`` (see the module docstring).

    :param snapshot: the build the request reads.
    :param pool: the query workers (used when the snapshot is a build on disk); None: every query
        in-process, without the time limit (scripts, tests).
    """

    __slots__ = ("snapshot", "pool")

    def __init__(self, snapshot: Snapshot, pool: QueryPool | None = None) -> None:
        self.snapshot = snapshot
        self.pool = pool

    def run(self, query: str | Path | queries.NamedQuery, params: Mapping[str, str] | None = None, *,
            limit: int | None = None, offset: int = 0, contacts: bool = False) -> queries.Rows:
        """One named query, as :func:`queries.run` answers it on the snapshot's public store (or its
        contacts store when ``contacts``: personal data, only where :mod:`api.privacy` allows).

        :raises api.sparql.errors.QueryTimeoutError: it ran past the time limit (503).
        :raises api.sparql.errors.WorkersBusyError: no worker became free within the limit (503).
        :raises queries.UnknownQueryError: no such query. queries.ParameterError: an ill-typed value.
        """
        return self.run_many([(query, params, limit, offset)], contacts=contacts)[0]

    def run_many(self, runs: Sequence[tuple], contacts: bool = False) -> tuple[queries.Rows, ...]:
        """Several named queries in one job (one worker, one time limit for all of them together).

        :param runs: ``(query, params, limit, offset)`` each, as :meth:`run` takes them.
        :returns: one :class:`queries.Rows` per run, in order.
        :raises: as :meth:`run`.
        """
        job = []
        for query, params, limit, offset in runs:
            named = query if isinstance(query, queries.NamedQuery) else _named(query)
            if limit is not None and limit < 0 or offset < 0:
                raise queries.ParameterError("limit and offset must not be negative")
            named.bindings(params)  # an unknown parameter or an ill-typed value fails here, not in a worker
            given = tuple((k, v) for k, v in (params or {}).items() if v is not None)
            job.append(NamedRun(named, given, limit, offset))
        return self._run(job, contacts)

    def _run(self, job: list[NamedRun], contacts: bool) -> tuple[queries.Rows, ...]:
        build = self.snapshot.build
        path = None if build is None or self.pool is None else _store_dir(build, contacts)
        if path is None:  # a store given in memory (or a build without contacts store): in-process
            store = self.snapshot.contacts_store() if contacts else self.snapshot.store
            return tuple(queries.run(store, r.query, dict(r.params), limit=r.limit, offset=r.offset) for r in job)
        # a packaged query goes as its file's path (each worker reads it once), another one whole
        sent = tuple(NamedRun(str(r.query.path), r.params, r.limit, r.offset) if _packaged(r.query) else r
                     for r in job)
        return self.pool.run_rows(path, RowsJob(sent))


async def get_queries(request: Request) -> Queries:
    """The request's :class:`Queries` (taken on the event loop: no thread for it)."""
    return Queries(get_snapshot(request), request.app.state.query_pool)


StoreDep = Annotated[Snapshot, Depends(get_snapshot)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
QueriesDep = Annotated[Queries, Depends(get_queries)]
