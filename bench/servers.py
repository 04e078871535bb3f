"""Servers the benchmark starts on 127.0.0.1 (ours, Oxigraph's, rdflib-endpoint, a constant-JSON app),
pinned to a core with ``taskset`` when there is one, and the load generator that measures them.

Every server is a subprocess started by :func:`serve` and stopped (by its own process id) when its
``with`` block ends. :func:`load` runs ``wrk`` (Debian's package) when installed, else a bounded
Python load generator of threads over kept-alive connections, and says which in its result.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Server", "serve", "free_port", "LoadResult", "load", "pin_prefix", "rss_mb", "cpu_ns", "SERVER_CORE",
           "CLIENT_CORE"]

SERVER_CORE, CLIENT_CORE = "0", "1"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pin_prefix(core: str) -> list[str]:
    """``taskset -c CORE`` when taskset exists and the machine has two cores or more, else nothing."""
    if shutil.which("taskset") and (os.cpu_count() or 1) >= 2:
        return ["taskset", "-c", core]
    return []


@dataclass
class Server:
    """A running server: its process and base URL."""

    process: subprocess.Popen
    url: str

    def rss_mb(self) -> float:
        """Resident memory of the server process and its children, in MB."""
        return rss_mb(self.process.pid)

    def cpu_ns(self) -> tuple[int, int]:
        """CPU time so far of the server's main thread and of its child processes' main threads (ns)."""
        return cpu_ns(self.process.pid)

    def largest_rss_mb(self) -> float:
        """Resident memory of the largest of the server's processes (itself or a query worker), in MB."""
        return largest_rss_mb(self.process.pid)

    def wait_idle(self, timeout: float = 120.0, window: float = 0.5, busy: float = 0.05) -> float:
        """Wait until the server and its workers use under ``busy`` of a core over ``window`` seconds
        (requests a load left running, e.g. slow pages wrk gave up on, finish first), at most
        ``timeout`` seconds.

        :returns: the seconds waited.
        """
        start = time.monotonic()
        before = cpu_seconds(self.process.pid)
        while time.monotonic() - start < timeout:
            time.sleep(window)
            after = cpu_seconds(self.process.pid)
            if after - before < busy * window:
                break
            before = after
        return time.monotonic() - start


def cpu_ns(pid: int) -> tuple[int, int]:
    """CPU time in nanoseconds of process ``pid``'s main thread, and the sum over its descendants'
    main threads (``/proc/PID/task/PID/schedstat``: exact, where ``getrusage`` counts 10 ms ticks).

    Differences of two readings over a load run, divided by the requests served, give the CPU a
    request costs the server and its query workers: a figure that holds on a machine shared with
    other work, where requests per second do not. Threads other than the main ones are not counted
    (an event-loop server and its workers do their work there). (0, 0) when the process is gone.
    """
    import psutil

    def main_thread(p: int) -> int:
        try:
            with open(f"/proc/{p}/task/{p}/schedstat") as f:
                return int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return 0

    try:
        children = [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return 0, 0
    return main_thread(pid), sum(main_thread(c) for c in children)


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system, every thread) so far of process ``pid`` and its descendants: REST
    queries run in the server's thread pool, SPARQL queries in its worker processes (0 when gone)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        total = 0.0
        for p in [proc] + proc.children(recursive=True):
            times = p.cpu_times()
            total += times.user + times.system
        return total
    except psutil.Error:
        return 0.0


def largest_rss_mb(pid: int) -> float:
    """Resident memory of the largest of process ``pid`` and its descendants, in MB (0 when gone)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        return max(p.memory_info().rss for p in [proc] + proc.children(recursive=True)) / 2**20
    except psutil.Error:
        return 0.0


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` and its descendants, in MB (0 when it is gone)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc] + proc.children(recursive=True)
        return sum(p.memory_info().rss for p in procs) / 2**20
    except psutil.Error:
        return 0.0


@contextlib.contextmanager
def serve(argv: list[str], port: int, ready_path: str = "/", timeout: float = 120.0,
          env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start ``argv`` (pinned to :data:`SERVER_CORE`), wait until ``ready_path`` answers, stop it after.

    :raises RuntimeError: when the server exits or does not answer within ``timeout`` seconds.
    """
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(pin_prefix(SERVER_CORE) + argv, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})}, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"{argv[0]} exited: {log.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(url + ready_path, timeout=5) as answer:
                    answer.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{' '.join(argv)} did not answer {ready_path} in {timeout} s") from None
                time.sleep(0.2)
        yield Server(process, url)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        log.close()


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Throughput and latency of one load run: successful (status < 400) requests/s, median and p99
    latency in ms of all requests, errors (connection, timeout or status >= 400), tool."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str


_WRK_LUA = """
wrk.method = "{method}"
wrk.body = {body}
{headers}
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %d %d\\n",
           (summary.requests - summary.errors.status) / (summary.duration / 1e6),
           latency:percentile(50) / 1000, latency:percentile(99) / 1000,
           summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
           summary.errors.status))
end
"""


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# wrk's threads each walk their own share of ``paths`` in turn (thread k takes k, k + T, k + 2T, ...),
# so no two threads ask for the same path at the same time
_WRK_PATHS = """
paths = {{{paths}}}
threads_made = 0
setup = function(thread)
  thread:set("first", threads_made)
  threads_made = threads_made + 1
end
step = 0
request = function()
  local i = (first + step * {threads}) % #paths + 1
  step = step + 1
  return wrk.format(nil, paths[i])
end
"""
WRK_THREADS = 2


def load(url: str, *, connections: int = 16, seconds: float = 5.0, body: str | None = None,
         paths: list[str] | None = None) -> LoadResult:
    """Hit ``url`` from ``connections`` concurrent kept-alive clients for ``seconds`` (pinned to
    :data:`CLIENT_CORE`); a ``body`` makes the requests form-encoded POSTs. With ``paths`` (each a path
    and query string on ``url``'s server), the requests cycle over them instead of repeating ``url``'s."""
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            # SPARQL form posts ask for JSON results; a REST GET keeps wrk's default Accept (a SPARQL
            # media type there is answered 406, which counted every REST request as an error)
            headers = ('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                       'wrk.headers["Accept"] = "application/sparql-results+json"') if body else ""
            f.write(_WRK_LUA.format(method="POST" if body else "GET", body=_lua_string(body) if body else "nil",
                                    headers=headers))
            if paths:
                f.write(_WRK_PATHS.format(paths=", ".join(_lua_string(p) for p in paths), threads=WRK_THREADS))
            script = f.name
        try:
            out = subprocess.run(pin_prefix(CLIENT_CORE) + ["wrk", "-t", str(WRK_THREADS), "-c", str(connections), "-d",
                                                            f"{seconds:g}s", "--timeout", "10s", "-s", script, url],
                                 capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
        finally:
            Path(script).unlink()
        m = re.search(r"RESULT (\S+) (\S+) (\S+) (\d+) (\d+)", out)
        if not m:
            raise RuntimeError(f"wrk gave no result: {out[-500:]}")
        return LoadResult(float(m[1]), float(m[2]), float(m[3]), int(m[4]) + int(m[5]), "wrk")
    return _python_load(url, connections, seconds, body, paths)


def _python_load(url: str, connections: int, seconds: float, body: str | None,
                 paths: list[str] | None = None) -> LoadResult:
    """A bounded load generator: ``connections`` threads over kept-alive http.client connections
    (cycling over ``paths`` when given: the threads share one walk over them)."""
    import http.client
    import itertools
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    own = [parts.path + (f"?{parts.query}" if parts.query else "")]
    cycle = itertools.count()
    latencies: list[float] = []
    errors, successes = [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine = []
        while time.monotonic() < stop:
            path = paths[next(cycle) % len(paths)] if paths else own[0]
            t = time.perf_counter()
            try:
                if body:
                    conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
                else:
                    conn.request("GET", path)
                answer = conn.getresponse()
                answer.read()
                ok = answer.status < 400
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                ok = False
            mine.append(time.perf_counter() - t)
            if ok:
                with lock:
                    successes[0] += 1
            else:
                with lock:
                    errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0
    return LoadResult(successes[0] / elapsed, statistics.median(latencies or [0]) * 1000, p99 * 1000,
                      errors[0], "python threads")


def python() -> str:
    """The interpreter the benchmark runs under (the project's virtualenv)."""
    return sys.executable
