"""Dependencies the routes declare: the snapshot of the store a request reads, the settings, and the
runner of its named queries.

:class:`Queries` runs the named queries of one request on its snapshot. On a build on disk each
request's queries go to the query worker processes (:meth:`api.sparql.pool.QueryPool.run_rows`) with
the endpoint's time limit (``INTERREG_KG_QUERY_TIMEOUT``): a query past it is stopped (its worker is
killed) and the request answers 503 with a message saying so, while the server goes on answering
others; a client that disconnects meanwhile has its query stopped the same way. A store given in memory (tests, embedding) is queried in-process without the limit, as
``/sparql`` does.

>>> from typing import get_args
>>> get_args(StoreDep)[0].__name__, get_args(QueriesDep)[0].__name__
('Snapshot', 'Queries')
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

import anyio.from_thread
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

import queries
from api.errors import ApiError
from api.sparql.execute import NamedRun, RowsJob
from api.sparql.pool import QueryPool
from api.store import Snapshot
from ontology.settings import Settings
from ontology.storage import contacts_store_path, public_store_path

__all__ = ["get_snapshot", "get_settings", "get_queries", "Queries", "ClientGoneError", "StoreDep", "SettingsDep",
           "QueriesDep"]


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


class ClientGoneError(ApiError):
    """The client closed the connection while its request's queries ran: they were stopped (the
    answer, 499 as nginx logs it, reaches no one)."""

    status = 499


class Queries:
    """The named queries of one request, run on ``snapshot`` (see the module docstring).

    :param snapshot: the build the request reads.
    :param pool: the query workers (used when the snapshot is a build on disk); None: every query
        in-process, without the time limit (scripts, tests).
    :param receive: the request's ASGI ``receive``: while a query runs in a worker, a disconnect of
        the client (``http.disconnect``) stops it (the worker is killed) and raises
        :class:`ClientGoneError`. None: nothing is watched (the routes always give it).
    """

    __slots__ = ("snapshot", "pool", "receive")

    def __init__(self, snapshot: Snapshot, pool: QueryPool | None = None, receive=None) -> None:
        self.snapshot = snapshot
        self.pool = pool
        self.receive = receive

    def run(self, query: str | Path | queries.NamedQuery, params: Mapping[str, str] | None = None, *,
            limit: int | None = None, offset: int = 0, contacts: bool = False) -> queries.Rows:
        """One named query, as :func:`queries.run` answers it on the snapshot's public store (or its
        contacts store when ``contacts``: personal data, only where :mod:`api.privacy` allows).
        Call it from a thread (a route declared with ``def``); :meth:`run_many_async` on the event loop.

        :raises api.sparql.errors.QueryTimeoutError: it ran past the time limit (503).
        :raises api.sparql.errors.WorkersBusyError: no worker became free within the limit (503).
        :raises ClientGoneError: the client went away meanwhile (the query was stopped).
        :raises queries.UnknownQueryError: no such query. queries.ParameterError: an ill-typed value.
        """
        return self.run_many([(query, params, limit, offset)], contacts=contacts)[0]

    def run_many(self, runs: Sequence[tuple], contacts: bool = False) -> tuple[queries.Rows, ...]:
        """Several named queries in one job (one worker, one time limit for all of them together).

        :param runs: ``(query, params, limit, offset)`` each, as :meth:`run` takes them.
        :returns: one :class:`queries.Rows` per run, in order.
        :raises: as :meth:`run`.
        """
        job, path = self._job(runs, contacts)
        if path is None:
            return self._in_process(job, contacts)
        if self.receive is None:
            return self.pool.run_rows(path, RowsJob(job))
        return anyio.from_thread.run(self._exchange, path, RowsJob(job))  # on the loop, watching the client

    async def run_many_async(self, runs: Sequence[tuple], contacts: bool = False) -> tuple[queries.Rows, ...]:
        """:meth:`run_many` for a route declared with ``async def`` (no thread; a store in memory is
        read in one).

        :raises: as :meth:`run`.
        """
        job, path = self._job(runs, contacts)
        if path is None:
            return await run_in_threadpool(self._in_process, job, contacts)
        return await self._exchange(path, RowsJob(job))

    def _job(self, runs: Sequence[tuple], contacts: bool) -> tuple[tuple[NamedRun, ...], Path | None]:
        """The runs checked (an unknown query or parameter, an ill-typed value fail here, not in a
        worker), and the store directory of the workers (None: read in-process)."""
        job = []
        for query, params, limit, offset in runs:
            named = query if isinstance(query, queries.NamedQuery) else _named(query)
            if limit is not None and limit < 0 or offset < 0:
                raise queries.ParameterError("limit and offset must not be negative")
            named.bindings(params)
            given = tuple((k, v) for k, v in (params or {}).items() if v is not None)
            job.append(NamedRun(named, given, limit, offset))
        build = self.snapshot.build
        path = None if build is None or self.pool is None else _store_dir(build, contacts)
        if path is not None:  # a packaged query goes as its file's path (each worker reads it once)
            job = [NamedRun(str(r.query.path), r.params, r.limit, r.offset) if _packaged(r.query) else r
                   for r in job]
        return tuple(job), path

    def _in_process(self, job: tuple[NamedRun, ...], contacts: bool) -> tuple[queries.Rows, ...]:
        store = self.snapshot.contacts_store() if contacts else self.snapshot.store
        return tuple(queries.run(store, r.query, dict(r.params), limit=r.limit, offset=r.offset) for r in job)

    async def _exchange(self, path: Path, job: RowsJob) -> tuple[queries.Rows, ...]:
        """``job`` in a worker, on the event loop; stopped when the client disconnects first."""
        assert self.pool is not None
        if self.receive is None:
            return await self.pool.run_rows_async(path, job)
        answer = asyncio.ensure_future(self.pool.run_rows_async(path, job))
        gone = asyncio.ensure_future(_disconnected(self.receive))
        try:
            await asyncio.wait((answer, gone), return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            if not answer.done():  # the client went away (or this request was cancelled): stop the query
                answer.cancel()
                with contextlib.suppress(BaseException):
                    await answer
        if answer.cancelled():
            raise ClientGoneError("the client closed the connection; its query was stopped")
        return answer.result()


async def _disconnected(receive) -> None:
    """Return when ``receive`` says the client disconnected (the request's body, if any, is read)."""
    while (await receive())["type"] != "http.disconnect":
        pass


async def get_queries(request: Request) -> Queries:
    """The request's :class:`Queries` (taken on the event loop: no thread for it)."""
    return Queries(get_snapshot(request), request.app.state.query_pool, request.receive)


StoreDep = Annotated[Snapshot, Depends(get_snapshot)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
QueriesDep = Annotated[Queries, Depends(get_queries)]
