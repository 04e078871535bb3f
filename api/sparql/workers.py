"""A query worker process as the server holds it (:class:`WorkerProcess`): the ``python -c`` process,
its two pipes, and the event loop watching its answer pipe; used by :mod:`api.sparql.pool`."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import subprocess
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from api.sparql.errors import WorkerCrashedError
from api.sparql.worker import READY

__all__ = ["WorkerProcess", "BOOT_SECONDS", "ANSWER_PIPE_BYTES", "handed", "kill_all"]

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


class WorkerProcess:
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
        worker died idle, or a thread reads the answer of :meth:`api.sparql.pool.QueryPool.run`), it is left.
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


def handed(worker: WorkerProcess, payload: bytes) -> bool:
    """Send a job to ``worker``; False when its pipe is closed (it died while idle: no reader, EPIPE).

    This stands for asking the process whether it lives before every job, a system call each time.
    """
    try:
        worker.send.send_bytes(payload)
    except OSError:
        return False
    return True


def kill_all(workers: list[WorkerProcess]) -> None:
    while workers:
        workers.pop().kill()
