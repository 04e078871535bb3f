"""The measures of ``interreg-kg bench run``: each takes what it measures and returns figures.

Rebuilds and exports run the product's console script in subprocesses; extraction and in-process
queries import ``loader`` and ``queries``; HTTP figures come from ``bench.servers``.
"""

from __future__ import annotations

import atexit
import http.client
import io
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

__all__ = ["cli", "bounded", "Rebuild", "rebuild", "BulkLoad", "bulk_load", "extraction_rates", "Timing", "time_calls", "time_pairs", "time_in_turn",
           "query_params", "values_form", "http_query", "close_connections", "run_peak", "QUERY_KINDS", "query_kind"]

#: The target each named query is held to (issue 6): dashboard figures read from the build's statistics
#: graph and lookups of one item, p99 <= 100 ms; everything else is research, p99 <= 2 s. The listings
#: ``projects_by_*`` and ``budget_by_programme`` return one row per project and dimension value (tens
#: of thousands at 35,000 documents) and no dashboard of ours reads them (``/api/stats`` reads
#: ``queries/statistics/read_*.rq``), so they are research queries, timed unbound like the others.
QUERY_KINDS = {
    "dashboard": ("counts", "programmes", "themes", "target_groups"),
    "lookup": ("project", "project_details", "project_partners", "partner", "fact_provenance",
               "organisations_of_city"),
}


def query_kind(name: str) -> str:
    """``dashboard``, ``lookup`` or ``research`` (the target a query is held to)."""
    return next((kind for kind, names in QUERY_KINDS.items() if name in names), "research")


def cli() -> list[str]:
    """The ``interreg-kg`` console script beside this interpreter (else ``python -m interreg_kg``)."""
    script = Path(sys.executable).with_name("interreg-kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "interreg_kg"]


@dataclass(frozen=True, slots=True)
class Rebuild:
    """One full rebuild: wall seconds, CPU seconds (all processes), quads in the store."""

    seconds: float
    cpu_seconds: float
    quads: int
    build: Path


def rebuild(store: Path, data: Path) -> Rebuild:
    """``interreg-kg build --store STORE --data DATA`` once, timed (wall and CPU of the children).

    :raises RuntimeError: when the build fails to publish.
    """
    from pyoxigraph import Store

    from ontology.storage import contacts_store_path, current_build

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cli() + ["build", "--store", str(store), "--data", str(data), "--no-progress"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    build = current_build(store)
    if build is None or "published" not in done.stdout:
        raise RuntimeError(f"build failed ({done.returncode}): {done.stdout[-800:]} {done.stderr[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    quads = len(Store.read_only(str(build)))
    if contacts_store_path(build).is_dir():  # the personal data, in the build's second store
        quads += len(Store.read_only(str(contacts_store_path(build))))
    return Rebuild(seconds, cpu, quads, build)


@dataclass(frozen=True, slots=True)
class BulkLoad:
    """pyoxigraph's own bulk load of a build's quads: wall ``seconds``, ``cpu_seconds`` of this process
    (the loader's threads included) and the ``quads`` loaded."""

    seconds: float
    cpu_seconds: float
    quads: int


def bulk_load(build: Path, workdir: Path) -> BulkLoad:
    """Dump ``build`` (both its stores) to N-Quads and time pyoxigraph's own bulk load of it into a
    fresh store (wall and CPU: the CPU says how much of a rebuild's CPU loading alone would take).

    :returns: the :class:`BulkLoad` timing.
    """
    from pyoxigraph import RdfFormat, Store

    from ontology.storage import contacts_store_path

    dump = workdir / "dump.nq"
    with open(dump, "wb") as out:
        Store.read_only(str(build)).dump(output=out, format=RdfFormat.N_QUADS)
        if contacts_store_path(build).is_dir():
            Store.read_only(str(contacts_store_path(build))).dump(output=out, format=RdfFormat.N_QUADS)
    target = workdir / "bulk-store"
    shutil.rmtree(target, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    store = Store(str(target))
    store.bulk_load(path=str(dump), format=RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    quads = len(store)
    del store
    shutil.rmtree(target, ignore_errors=True)
    dump.unlink()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BulkLoad(seconds, cpu, quads)


def extraction_rates(docs: Path, data: Path, per_format: int = 150) -> dict[str, tuple[float, int]]:
    """Documents per second of read + extract in this one process (one core, CPU time by
    ``time.process_time``: other processes on the machine do not count), per file format.

    :returns: ``{suffix: (docs per second, documents timed)}`` for each format in ``docs``.
    """
    from loader.cli_extract import extract_paths

    by_format: dict[str, list[str]] = {}
    for path in sorted(docs.iterdir()):
        if path.suffix in (".txt", ".html", ".pdf"):
            by_format.setdefault(path.suffix[1:], []).append(str(path))
    extract_paths(by_format.get("txt", [])[:2], data, errors=io.StringIO())  # warm the caches
    rates = {}
    for fmt, paths in sorted(by_format.items()):
        sample = paths[: per_format if fmt != "pdf" else max(10, per_format // 5)]
        start = time.process_time()
        extract_paths(sample, data, errors=io.StringIO())
        rates[fmt] = (len(sample) / max(time.process_time() - start, 1e-9), len(sample))
    return rates


@dataclass(frozen=True, slots=True)
class Timing:
    """Median and 99th percentile of several calls, in milliseconds, and how many calls."""

    p50_ms: float
    p99_ms: float
    runs: int


def time_calls(call, *, budget_s: float = 2.0, min_runs: int = 3, max_runs: int = 50) -> Timing:
    """Call ``call()`` until ``max_runs`` or the time budget is spent (at least ``min_runs`` while the
    calls are fast: a slow query is timed once or twice); p99 is the nearest-rank percentile."""
    times: list[float] = []
    spent = 0.0
    while len(times) < max_runs and (spent < budget_s or (len(times) < min_runs and spent < budget_s / 4)):
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
    times.sort()
    rank = max(0, math.ceil(0.99 * len(times)) - 1)
    return Timing(statistics.median(times) * 1000, times[rank] * 1000, len(times))


def _timing(times: list[float]) -> Timing:
    times = sorted(times)
    rank = max(0, math.ceil(0.99 * len(times)) - 1)
    return Timing(statistics.median(times) * 1000, times[rank] * 1000, len(times))


def time_pairs(first, second, *, budget_s: float = 2.0, min_runs: int = 3, max_runs: int = 50) -> tuple[Timing, Timing]:
    """Call ``first()`` then ``second()``, in turn, until ``max_runs`` pairs or the time budget is spent
    (at least ``min_runs`` pairs): two timings taken at the same moments, so that a difference between
    them is not the machine's speed changing between two separate series.

    >>> a, b = time_pairs(lambda: None, lambda: sum(range(1000)), budget_s=0.01, max_runs=5)
    >>> a.runs == b.runs and 3 <= a.runs <= 5 and a.p50_ms <= b.p50_ms
    True
    """
    one, two = time_in_turn(first, second, budget_s=budget_s, min_runs=min_runs, max_runs=max_runs)
    return one, two


def time_in_turn(*calls, budget_s: float = 2.0, min_runs: int = 3, max_runs: int = 50) -> tuple[Timing, ...]:
    """Call each of ``calls`` once, in turn, round after round, until ``max_runs`` rounds or the time
    budget is spent (at least ``min_runs`` rounds): one timing per call, all taken at the same moments.

    >>> fast, slow, none = time_in_turn(lambda: None, lambda: sum(range(1000)), lambda: None,
    ...                                 budget_s=0.01, max_runs=4)
    >>> fast.runs == slow.runs == none.runs and 3 <= fast.runs <= 4 and fast.p50_ms <= slow.p50_ms
    True
    """
    times: list[list[float]] = [[] for _ in calls]
    spent = 0.0
    while len(times[0]) < max_runs and (spent < budget_s or len(times[0]) < min_runs):
        for call, series in zip(calls, times, strict=True):
            start = time.perf_counter()
            call()
            elapsed = time.perf_counter() - start
            series.append(elapsed)
            spent += elapsed
    return tuple(_timing(series) for series in times)


def bounded(call, timeout: float):
    """``call()`` in a forked child process, given at most ``timeout`` seconds.

    A query running inside Oxigraph cannot be interrupted from Python; a child process can be.

    :returns: what ``call`` returned (it must pickle), or None when it ran out of time.
    :raises RuntimeError: with the child's error when ``call`` raised.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)

    def body() -> None:
        try:
            child.send(("ok", call()))
        except Exception as err:  # sent back to the parent, which raises it
            child.send(("error", f"{type(err).__name__}: {err}"))

    process = context.Process(target=body, daemon=True)
    process.start()
    try:
        if not parent.poll(timeout):
            return None
        status, value = parent.recv()
    finally:
        if process.is_alive():
            process.kill()
        process.join()
    if status == "error":
        raise RuntimeError(value)
    return value


def query_params(named, sample: dict[str, str]) -> dict[str, str]:
    """Values for a named query's parameters that name one thing (a project, an organisation, ...).

    ``sample`` maps a parameter type (``iri:project``, ``string``, ...) or name to a value.
    """
    params = {}
    for p in named.parameters:
        if p.default is not None:
            continue
        value = sample.get(p.name) or sample.get(p.type)
        if value is not None and p.name in ("project", "organisation", "document", "city", "subject", "year"):
            params[p.name] = value
    return params


def values_form(named, bindings: dict) -> str:
    """The query text with its bound parameters as a trailing ``VALUES`` block (what a client sends)."""
    if not bindings:
        return named.text
    names = " ".join(str(v) for v in bindings)
    terms = " ".join(str(t) for t in bindings.values())
    return f"{named.text}\nVALUES ({names}) {{ ({terms}) }}"


#: kept-alive connections of :func:`http_query`, by (host, port)
_CONNECTIONS: dict[tuple[str, int], http.client.HTTPConnection] = {}


def close_connections() -> None:
    """Close the connections :func:`http_query` keeps (also done at exit)."""
    while _CONNECTIONS:
        _CONNECTIONS.popitem()[1].close()


atexit.register(close_connections)


def http_query(url: str, text: str) -> None:
    """POST one SPARQL query (form-encoded) and read the whole JSON answer, on a kept-alive connection.

    The connection is kept between calls, as a SPARQL client keeps its session and as wrk does, so
    that a timing holds what the endpoint does with the query and not a TCP handshake and the set-up
    of urllib's opener on the client's side (about 0.3 ms a call here); a connection the server has
    closed meanwhile is opened again once.

    :raises OSError: the server cannot be reached, or it answered with an error status.
    """
    parts = urllib.parse.urlsplit(url)
    key = (parts.hostname or "127.0.0.1", parts.port or 80)
    body = urllib.parse.urlencode({"query": text}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    for attempt in (1, 2):
        connection = _CONNECTIONS.pop(key, None) or http.client.HTTPConnection(*key, timeout=120)
        try:
            connection.request("POST", parts.path or "/", body, headers)
            answer = connection.getresponse()
            data = answer.read()
        except (http.client.RemoteDisconnected, http.client.BadStatusLine, ConnectionError):
            connection.close()
            if attempt == 2:
                raise
            continue
        except BaseException:
            connection.close()
            raise
        _CONNECTIONS[key] = connection
        if answer.status >= 400:
            raise OSError(f"HTTP {answer.status} from {url}: {data[:200].decode(errors='replace')}")
        return


def run_peak(argv: list[str], timeout: float = 600) -> tuple[float, float, int, str]:
    """Run ``argv``; returns (seconds, peak resident MB of it and its children, exit code, stderr tail)."""
    import psutil

    start = time.perf_counter()
    err = tempfile.TemporaryFile()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
    peak = [0.0]

    def watch() -> None:
        try:
            proc = psutil.Process(process.pid)
            while process.poll() is None:
                rss = sum(p.memory_info().rss for p in [proc] + proc.children(recursive=True))
                peak[0] = max(peak[0], rss / 2**20)
                time.sleep(0.05)
        except psutil.Error:
            pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
    watcher.join()
    seconds = time.perf_counter() - start
    err.seek(0)
    tail = err.read().decode(errors="replace")[-300:]
    err.close()
    return seconds, peak[0], code, tail


def machine() -> dict[str, str]:
    """The machine and versions the figures were measured with."""
    import platform
    from importlib import metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    wrk = shutil.which("wrk")
    wrk_version = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split("\n")[0] if wrk else "-"
    return {"cpu": f"{cpu}, {os.cpu_count()} cores", "memory": f"{psutil.virtual_memory().total / 2**30:.1f} GB",
            "os": platform.platform(), "python": platform.python_version(),
            "packages": ", ".join(f"{n} {version(n)}" for n in ("interreg-kg", "pyoxigraph", "oxigraph", "fastapi",
                                                                "uvicorn", "rdflib", "rdflib-endpoint")),
            "load generator": wrk_version.strip() or "python threads"}
