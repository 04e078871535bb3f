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

``run`` blocks: call it from a thread (the route uses Starlette's thread pool).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import subprocess
import sys
import threading
import time
import weakref
from multiprocessing.connection import Connection
from pathlib import Path

from api.sparql.errors import QueryTimeoutError, WorkerCrashedError, WorkersBusyError
from api.sparql.execute import Answer, Job

__all__ = ["QueryPool", "serve_jobs"]

logger = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parent.parent.parent
_BOOT = "from api.sparql.pool import _worker_main; _worker_main()"


def serve_jobs(jobs: Connection, replies: Connection) -> None:
    """A worker's loop: receive ``(build, job)``, send back ``("ok", Answer)`` or ``("error", exc)``."""
    from pyoxigraph import Store

    from api.sparql.execute import run

    opened: tuple[str, Store] | None = None
    while True:
        try:
            build, job = jobs.recv()
        except (EOFError, OSError):
            return  # the server went away
        try:
            if opened is None or opened[0] != build:
                opened = None  # let the old build's store close before opening the new one
                opened = (build, Store.read_only(build))
            reply = ("ok", run(opened[1], job))
        except Exception as exc:  # sent to the server, which maps it to an HTTP status
            reply = ("error", exc)
        try:
            replies.send(reply)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # an unpicklable exception: send its text instead
            replies.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def _worker_main() -> None:
    """Entry point of a worker process: jobs on stdin, replies on stdout (print goes to stderr)."""
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    serve_jobs(Connection(0, writable=False), replies)


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
        self.process.stdin.close()
        self.process.stdout.close()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.send.close()
        self.recv.close()


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
        self._closed = False
        self.killed = 0  # workers killed at the time limit (for tests and logs)
        weakref.finalize(self, _kill_all, self._workers)  # at garbage collection or exit, if not closed

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            return [w.pid for w in self._workers if w.alive()]

    def _take(self, deadline: float) -> _Worker:
        with self._lock:
            if self._closed:
                raise WorkersBusyError("the query workers are shut down")
            if self._idle.empty() and len(self._workers) < self.size:
                worker = _Worker()
                self._workers.append(worker)
                return worker
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise WorkersBusyError(f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                   "try again later") from None

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            if not self._closed:  # start the replacement now, so the next query finds it warm
                fresh = _Worker()
                self._workers.append(fresh)
                self._idle.put(fresh)

    def run(self, build: Path, job: Job) -> Answer:
        """Run ``job`` on the build at ``build`` in a worker; the answer, or the job's own error raised.

        :raises QueryTimeoutError: the time limit passed (the worker was killed and replaced).
        :raises WorkersBusyError: no worker became free within the time limit.
        :raises WorkerCrashedError: the worker died (it is replaced).
        """
        deadline = time.monotonic() + self.timeout
        worker = self._take(deadline)
        try:
            worker.send.send((str(build), job))
            ready = worker.recv.poll(max(0.0, deadline - time.monotonic()))
            outcome = worker.recv.recv() if ready else None
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._replace(worker)
            raise WorkerCrashedError(f"the query worker died while running the query: {exc}") from None
        if outcome is None:
            self.killed += 1
            self._replace(worker)
            logger.warning("a SPARQL query ran past %g s; its worker was killed", self.timeout)
            raise QueryTimeoutError(f"the query ran longer than the limit of {self.timeout:g} s and was stopped "
                                    "(INTERREG_KG_QUERY_TIMEOUT); narrow it down, e.g. with LIMIT or more "
                                    "specific patterns")
        self._idle.put(worker)
        kind, value = outcome
        if kind == "error":
            raise value
        return value

    def close(self) -> None:
        """Stop every worker (the pool then refuses jobs)."""
        with self._lock:
            self._closed = True
            _kill_all(self._workers)
