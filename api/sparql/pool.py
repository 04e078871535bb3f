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
descriptor stays registered with the loop between queries (:meth:`_Worker.watch`), and a worker that
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
import contextlib
import fcntl
import logging
import os
import queue
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from api.sparql.errors import QueryTimeoutError, WorkerCrashedError, WorkersBusyError
from api.sparql.execute import Answer, Job, RowsJob
from api.sparql.replies import ReplyReader as _ReplyReader
from api.sparql.worker import READY, decode_answer, decode_rows, encode_job
from queries import Rows

__all__ = ["QueryPool", "BOOT_SECONDS"]

logger = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parent.parent.parent
_BOOT = "from api.sparql.worker import main; main()"
#: how long a new worker may take to start (not counted in the query's time limit)
BOOT_SECONDS = 60.0


#: the answer pipe's buffer, widened from Linux's 64 kB: a long answer then crosses in 16 times fewer
#: wake-ups of the server and the worker (the kernel caps it at /proc/sys/fs/pipe-max-size, 1 MB by default)
ANSWER_PIPE_BYTES = 1 << 20


def _widen_pipe(fd: int) -> None:
    """Ask for :data:`ANSWER_PIPE_BYTES` of buffer on pipe ``fd`` (left as it is where that is refused)."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or over the limit for this user
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, ANSWER_PIPE_BYTES)


class _Worker:
    """One worker: ``python -c 'serve_jobs over stdin/stdout'``, talked to through two pipe connections."""

    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH", "")) if p)
        self.process = subprocess.Popen([sys.executable, "-c", _BOOT], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env, close_fds=True)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.send = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.recv = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        _widen_pipe(self.recv.fileno())
        self.process.stdin.close()
        self.process.stdout.close()

        self.booted = False
        self.blocking = True  # the answer descriptor's mode: blocking for run, non-blocking for run_async
        self.loop: asyncio.AbstractEventLoop | None = None  # the event loop watching the answer descriptor
        self.on_reply: Callable[[], None] | None = None  # what the loop calls when an awaited answer comes

    def watch(self, loop: asyncio.AbstractEventLoop, on_reply: Callable[[], None]) -> None:
        """Have ``loop`` call ``on_reply`` when the answer descriptor is readable (on ``loop``'s thread).

        The descriptor stays registered between jobs, so that a query costs no registration and
        removal (six ``epoll_ctl`` calls under uvloop); readable while no one awaits an answer (the
        worker died idle, or a thread reads the answer of :meth:`QueryPool.run`), it is left.
        """
        if self.loop is not loop:
            self.unwatch()
            loop.add_reader(self.recv.fileno(), self._readable)
            self.loop = loop
        self.on_reply = on_reply

    def _readable(self) -> None:
        if self.on_reply is None:
            self.unwatch()  # no one awaits an answer here: stop watching, or the loop would spin on it
        else:
            self.on_reply()

    def unwatch(self) -> None:
        """Stop watching the answer descriptor (on the watching loop's thread)."""
        loop, self.loop, self.on_reply = self.loop, None, None
        if loop is not None and not loop.is_closed():
            loop.remove_reader(self.recv.fileno())

    def blocking_answers(self, blocking: bool) -> None:
        """Put the answer descriptor in the mode a caller reads it in (a system call only on a change)."""
        if self.blocking != blocking:
            os.set_blocking(self.recv.fileno(), blocking)
            self.blocking = blocking

    @property
    def pid(self) -> int:
        return self.process.pid

    def boot(self) -> None:
        """Wait for the worker's ready message (once); raise WorkerCrashedError if it does not come."""
        if self.booted:
            return
        try:
            ready = self.recv.poll(BOOT_SECONDS) and self.recv.recv()[0] == READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            raise WorkerCrashedError("a query worker did not start")
        self.booted = True

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Kill the worker and close its pipes (the answer descriptor once no loop watches it)."""
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.send.close()
        loop = self.loop
        if loop is not None and not loop.is_closed() and not _running(loop):
            with contextlib.suppress(RuntimeError):  # closed meanwhile: nothing watches any more
                loop.call_soon_threadsafe(self._close_answers)  # only the loop's thread may unwatch
                return
        self._close_answers()

    def _close_answers(self) -> None:
        with contextlib.suppress(RuntimeError):  # a loop closed meanwhile
            self.unwatch()
        self.recv.close()


def _running(loop: asyncio.AbstractEventLoop) -> bool:
    """Whether ``loop`` is the event loop running in this thread."""
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def _handed(worker: _Worker, payload: bytes) -> bool:
    """Send a job to ``worker``; False when its pipe is closed (it died while idle: no reader, EPIPE).

    This stands for asking the process whether it lives before every job, a system call each time.
    """
    try:
        worker.send.send_bytes(payload)
    except OSError:
        return False
    return True


def _kill_all(workers: list[_Worker]) -> None:
    while workers:
        workers.pop().kill()


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
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._waiters: collections.deque[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = collections.deque()
        self._closed = False
        self.killed = 0  # workers killed at the time limit (for tests and logs)
        self.cancelled = 0  # workers killed because their caller went away (a client disconnected)
        weakref.finalize(self, _kill_all, self._workers)  # at garbage collection or exit, if not closed

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
                    worker = _Worker()
                    self._workers.append(worker)
                    self._idle.put(worker)

    def _release(self, worker: _Worker) -> None:
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

    def _deliver(self, waiter: asyncio.Future, worker: _Worker) -> None:
        if waiter.done():  # the waiter gave up between the hand-over and now: pass the worker on
            self._release(worker)
        else:
            waiter.set_result(worker)

    def _take(self, deadline: float) -> _Worker:
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

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            if self._closed:
                return
            fresh = _Worker()  # started now, so that the next query finds it warm
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
        if not _handed(worker, payload):  # died while idle (e.g. the OOM killer): its replacement takes it
            self._replace(worker)
            worker = self._take(waited_until)
            payload = payload if _handed(worker, payload) else None
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

    async def _take_async(self, deadline: float) -> _Worker:
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
                self.cancelled += 1
                self._replace(worker)
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
        if not _handed(worker, payload):  # died while idle: its replacement takes the job
            worker.unwatch()
            await loop.run_in_executor(None, self._replace, worker)
            worker = await self._take_async(waited_until)
            worker.blocking_answers(False)
            payload = payload if _handed(worker, payload) else None
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
            self.cancelled += 1
            worker.unwatch()
            self._replace(worker)
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
            _kill_all(self._workers)
