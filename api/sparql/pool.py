"""Query worker processes: SPARQL queries that can be stopped.

pyoxigraph cannot cancel a running query, so the endpoint runs each query in a worker process
holding the build read-only (``Store.read_only``, re-opened when a job names another build). A
:class:`QueryPool` keeps up to ``size`` workers; :meth:`QueryPool.run` hands a job to an idle one
and waits at most ``timeout`` seconds in all (waiting for a free worker included). When the time
is up the worker is killed (SIGKILL: the query's work really stops, memory included) and a fresh
one is started in its place; the caller gets :class:`QueryTimeoutError`. Other requests meanwhile
go to the other workers. Workers are fresh interpreters (``python -c``: never a fork of a threaded
server, and no re-import of the server's main module) started at the first query; they exit when
the server does (their stdin closes).

:meth:`QueryPool.run_rows` runs the named queries of a REST request the same way (one job for all
the queries of a request, their :class:`queries.Rows` pickled back), with the same time limit.

``run`` blocks: call it from a thread. :meth:`QueryPool.run_async` is the same on an asyncio event
loop without a thread (the route uses it): it waits for a free worker on a future and reads the answer
from the pipe's file descriptor as it arrives (``loop.add_reader``, :class:`_ReplyReader`), so a request
costs the server no thread switch and a long answer never holds up the event loop. A worker's answer
descriptor stays registered with the loop between queries (:meth:`api.sparql.workers.WorkerProcess.watch`), and a worker that
died while idle is found by the job it refuses (a closed pipe), not by asking the system before each
job: a query costs the server four system calls on the pipes (write, wait, read, and none to register).
Both may be used on one pool. The time limit counts from the moment a ready worker has the job;
waiting for a free worker is bounded by the same limit (:class:`WorkersBusyError`), and a worker's
start-up (a second or so) by :data:`BOOT_SECONDS`.

On the pipes a job goes as a pickled tuple of plain values and an answer as raw bytes
(:func:`api.sparql.worker.encode_answer`): no pickling of the body, one copy less.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import queue
import threading
import time
import weakref
from pathlib import Path

from api.sparql.errors import QueryTimeoutError, WorkerCrashedError, WorkersBusyError
from api.sparql.execute import Answer, Job, RowsJob
from api.sparql.replies import ReplyReader as _ReplyReader
from api.sparql.worker import decode_answer, decode_rows, encode_job
from api.sparql.workers import BOOT_SECONDS, WorkerProcess, handed, kill_all
from queries import Rows

__all__ = ["QueryPool", "BOOT_SECONDS"]

logger = logging.getLogger(__name__)


class QueryPool:
    """Up to ``size`` worker processes running queries with a time limit of ``timeout`` seconds.

    :param size: how many queries may run at once.
    :param timeout: seconds a query may take, from the moment :meth:`run` is called.
    """

    def __init__(self, size: int = 2, timeout: float = 30.0) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.size = size
        self.timeout = timeout
        self._idle: queue.LifoQueue[WorkerProcess] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._workers: list[WorkerProcess] = []
        self._waiters: collections.deque[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = collections.deque()
        self._closed = False
        self.killed = 0  # workers killed at the time limit (for tests and logs)
        self.cancelled = 0  # workers killed because their caller went away (a client disconnected)
        weakref.finalize(self, kill_all, self._workers)  # at garbage collection or exit, if not closed

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            return [w.pid for w in self._workers if w.alive()]

    def _start(self) -> None:
        if self._workers and not self._closed:  # started already (the lock is for the first query)
            return
        with self._lock:
            if self._closed:
                raise WorkersBusyError("the query workers are shut down")
            if not self._workers:  # the first query starts them all, so that the next ones find them warm
                for _ in range(self.size):
                    worker = WorkerProcess()
                    self._workers.append(worker)
                    self._idle.put(worker)

    def _release(self, worker: WorkerProcess) -> None:
        """Give an idle ``worker`` to the longest-waiting :meth:`run_async` caller, else to the idle queue."""
        with self._lock:
            while self._waiters:
                loop, waiter = self._waiters.popleft()
                if waiter.done() or loop.is_closed():  # timed out meanwhile
                    continue
                try:
                    running = asyncio.get_running_loop()
                except RuntimeError:
                    running = None
                if running is loop:
                    loop.call_soon(self._deliver, waiter, worker)
                else:
                    loop.call_soon_threadsafe(self._deliver, waiter, worker)
                return
            self._idle.put(worker)

    def _deliver(self, waiter: asyncio.Future, worker: WorkerProcess) -> None:
        if waiter.done():  # the waiter gave up between the hand-over and now: pass the worker on
            self._release(worker)
        else:
            waiter.set_result(worker)

    def _take(self, deadline: float) -> WorkerProcess:
        self._start()
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise WorkersBusyError(f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                   "try again later") from None
        try:
            worker.boot()
        except WorkerCrashedError:
            self._replace(worker)
            raise
        return worker

    def _replace(self, worker: WorkerProcess) -> None:
        worker.kill()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            if self._closed:
                return
            fresh = WorkerProcess()  # started now, so that the next query finds it warm
            self._workers.append(fresh)
        self._release(fresh)

    def run(self, build: Path, job: Job) -> Answer:
        """Run ``job`` on the store at ``build`` (a build's public store, or its contacts store) in a
        worker; the answer, or the job's own error raised.

        :raises QueryTimeoutError: the query ran past the time limit (the worker was killed and replaced).
        :raises WorkersBusyError: no worker became free within the time limit.
        :raises WorkerCrashedError: the worker died (it is replaced).
        """
        return decode_answer(self._exchange(build, job))

    def run_rows(self, store: Path, job: RowsJob) -> tuple[Rows, ...]:
        """The named queries of a REST request (``job``) run on the store at ``store`` in a worker,
        with the same time limit as :meth:`run` for all of them together: one :class:`queries.Rows`
        per run, or the first run's error raised (e.g. :class:`queries.ParameterError`).

        :raises QueryTimeoutError: past the time limit (the worker was killed and replaced).
        :raises WorkersBusyError: no worker became free within the time limit.
        :raises WorkerCrashedError: the worker died (it is replaced).
        """
        return decode_rows(self._exchange(store, job))

    def _exchange(self, build: Path, job: Job | RowsJob) -> bytes:
        """Send ``job`` to a free worker and wait for its reply (bytes), within the time limit."""
        waited_until = time.monotonic() + self.timeout
        payload = encode_job(str(build), job)
        worker = self._take(waited_until)
        if not handed(worker, payload):  # died while idle (e.g. the OOM killer): its replacement takes it
            self._replace(worker)
            worker = self._take(waited_until)
            payload = payload if handed(worker, payload) else None
        deadline = time.monotonic() + self.timeout  # the query's own time starts when a worker has it
        try:
            worker.blocking_answers(True)
            if payload is None:
                raise BrokenPipeError("the query worker's pipe is closed")
            ready = worker.recv.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.recv.recv_bytes() if ready else None
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._replace(worker)
            raise WorkerCrashedError(f"the query worker died while running the query: {exc}") from None
        if reply is None:
            self._replace(worker)
            raise self._timeout_error(job)
        self._release(worker)
        return reply

    def _timeout_error(self, job: Job | RowsJob) -> QueryTimeoutError:
        """Count a worker killed at the time limit; the error to raise (its advice fits the job's kind)."""
        self.killed += 1
        if isinstance(job, RowsJob):
            logger.warning("a REST request's query ran past %g s; its worker was killed", self.timeout)
            return QueryTimeoutError(f"the query behind this request ran longer than the limit of {self.timeout:g} s "
                                     "and was stopped (INTERREG_KG_QUERY_TIMEOUT); narrow it down, e.g. with "
                                     "more filters or a smaller page")
        logger.warning("a SPARQL query ran past %g s; its worker was killed", self.timeout)
        return QueryTimeoutError(f"the query ran longer than the limit of {self.timeout:g} s and was stopped "
                                "(INTERREG_KG_QUERY_TIMEOUT); narrow it down, e.g. with LIMIT or more "
                                "specific patterns")

    async def _take_async(self, deadline: float) -> WorkerProcess:
        self._start()
        loop = asyncio.get_running_loop()
        with self._lock:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                waiter = loop.create_future()
                self._waiters.append((loop, waiter))
                worker = None
        if worker is None:
            try:
                worker = await asyncio.wait_for(waiter, max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise WorkersBusyError(f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                       "try again later") from None
        if not worker.booted:
            try:
                await loop.run_in_executor(None, worker.boot)
            except WorkerCrashedError:
                await loop.run_in_executor(None, self._replace, worker)
                raise
            except BaseException:  # cancelled while its thread still reads the pipe: no one else may
                self._replace(worker)
                self.cancelled += 1  # counted once replaced: whoever reads it sees the new worker
                raise
        return worker

    async def run_async(self, build: Path, job: Job) -> Answer:
        """:meth:`run` on the running event loop: the same answers, errors and time limit, no thread.

        :raises QueryTimeoutError: the query ran past the time limit (the worker was killed and replaced).
        :raises WorkersBusyError: no worker became free within the time limit.
        :raises WorkerCrashedError: the worker died (it is replaced).
        """
        return decode_answer(await self._exchange_async(build, job))

    async def run_rows_async(self, store: Path, job: RowsJob) -> tuple[Rows, ...]:
        """:meth:`run_rows` on the running event loop (cancelling it, e.g. when the client went away,
        kills the worker: the query stops).

        :raises QueryTimeoutError: past the time limit (the worker was killed and replaced).
        :raises WorkersBusyError: no worker became free within the time limit.
        :raises WorkerCrashedError: the worker died (it is replaced).
        """
        return decode_rows(await self._exchange_async(store, job))

    async def _exchange_async(self, build: Path, job: Job | RowsJob) -> memoryview:
        loop = asyncio.get_running_loop()
        waited_until = time.monotonic() + self.timeout
        payload = encode_job(str(build), job)
        worker = await self._take_async(waited_until)
        worker.blocking_answers(False)  # read as it comes, never waiting on the event loop
        if not handed(worker, payload):  # died while idle: its replacement takes the job
            worker.unwatch()
            await loop.run_in_executor(None, self._replace, worker)
            worker = await self._take_async(waited_until)
            worker.blocking_answers(False)
            payload = payload if handed(worker, payload) else None
        deadline = time.monotonic() + self.timeout
        reply = _ReplyReader(worker.recv.fileno())
        answered = loop.create_future()  # True when the answer is read whole, False at the time limit

        def readable() -> None:
            if answered.done():
                return
            try:
                if reply.read():
                    answered.set_result(True)
            except (EOFError, OSError) as exc:
                answered.set_exception(exc)

        try:
            if payload is None:
                raise BrokenPipeError("the query worker's pipe is closed")
            worker.watch(loop, readable)
            timer = loop.call_at(loop.time() + max(0.0, deadline - time.monotonic()),
                                 lambda: answered.done() or answered.set_result(False))
            try:
                ready = await answered
            finally:
                timer.cancel()
                worker.on_reply = None
        except (EOFError, OSError, BrokenPipeError) as exc:
            worker.unwatch()
            await loop.run_in_executor(None, self._replace, worker)
            raise WorkerCrashedError(f"the query worker died while running the query: {exc}") from None
        except BaseException:  # cancelled (the client went away): the worker's answer would be read by no one
            worker.unwatch()
            self._replace(worker)
            self.cancelled += 1  # counted once replaced, as ``killed`` is
            raise
        if not ready:
            worker.unwatch()
            await loop.run_in_executor(None, self._replace, worker)
            raise self._timeout_error(job)
        self._release(worker)
        return reply.message()

    def close(self) -> None:
        """Stop every worker (the pool then refuses jobs)."""
        with self._lock:
            self._closed = True
            kill_all(self._workers)
