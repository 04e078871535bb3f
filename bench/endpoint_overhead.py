"""``python -m bench.endpoint_overhead STORE [--seconds S] [--skip-oxigraph] [--skip-const]``: the SPARQL endpoint's cost alone.

A short runner around :mod:`bench.run`'s own measurements, for work on ``api/sparql``: it serves the
built store ``STORE`` with ``interreg-kg serve`` (pinned to the server core, as the full benchmark
does), then prints

- per named query that takes under a second in process: p50 over ``/sparql`` against p50 of the same
  text in process, and the median of the differences (``bench.run._endpoint_overhead``; target <= 2 ms);
- with ``--cpu``, per query the worker's CPU time: reading the rows, serializing them natively, and the
  Python row writer (thread CPU time, steadier than wall time on a shared machine);
- with ``--endpoint-cpu``, per query the CPU one request over ``/sparql`` costs the server and its
  workers against the CPU of the same text in process (:func:`_cpu_overhead`): the endpoint's own
  work, which wall times on a shared machine bury under the waits for the pinned core;
- throughput of a lookup by IRI (``SELECT ?p ?o WHERE { <iri> ?p ?o }``) posted by 16 kept-alive clients
  to our ``/sparql``, then of the constant-JSON route (``bench.const_app``: the framework's ceiling;
  ``--skip-const`` leaves it out) and of the Oxigraph server on the same store (``bench.run._oxigraph``;
  target: ours at >= 0.8 of it);
- for ``ASK {}`` and the lookup, the CPU a request costs the server's event loop and its query workers
  (:func:`bench.servers.cpu_ns`): on a machine shared with other work, where requests per second and
  latencies move with the neighbours' load, this is the figure to compare before and after a change.

Nothing is written to ``bench/RESULTS.md``; figures are printed on stderr as the full run prints them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench import measure, run, servers
from bench.report import Report

__all__ = ["main"]


def _fast_queries(store_root: Path) -> set[str]:
    """The named queries one call of which takes under a second in process (as ``run.FAST`` holds them)."""
    import time

    import queries

    store = run._open(store_root)
    sample = run._sample(store)
    fast = set()
    for name in queries.names():
        named = queries.load(name)
        params = measure.query_params(named, sample)
        start = time.perf_counter()
        try:
            done = measure.bounded(lambda n=named, p=params: bool(queries.run(store, n, p)) or True,
                                  run.QUERY_TIMEOUT)
        except RuntimeError:
            continue
        if done is not None and time.perf_counter() - start < 1.0:
            fast.add(name)
    return fast


def _cpu_ms(call, runs: int = 9) -> float:
    """Median thread CPU time of ``call()`` in ms (CPU rather than wall time: the machine is shared)."""
    import statistics
    import time

    times = []
    for _ in range(runs):
        start = time.thread_time()
        call()
        times.append(time.thread_time() - start)
    return statistics.median(times) * 1000


def _serialization(report: Report, store_root: Path, names: list[str]) -> None:
    """CPU per query in process: reading the rows (``list``), the worker's whole job (:func:`execute.run`,
    SPARQL JSON), and the Python row writer alone (:func:`execute.solutions_json`, the path taken
    before results were serialized natively, and still when a result may pass the row limit)."""
    import queries
    from api.sparql import execute

    store = run._open(store_root)
    sample = run._sample(store)
    for name in names:
        named = queries.load(name)
        text = measure.values_form(named, named.bindings(measure.query_params(named, sample)))
        job = execute.Job(text, None, None, "application/sparql-results+json", 100_000)

        def query(t=text):
            return store.query(t, use_default_graph_as_union=True)

        rows = sum(1 for _ in query())
        listed = _cpu_ms(lambda: list(query()))
        python = _cpu_ms(lambda: execute.solutions_json(query(), 100_000))
        native = _cpu_ms(lambda j=job: execute.run(store, j))
        report.row("worker CPU", f"{name} ({rows} rows)", f"run {native:.1f} ms",
                   f"list() {listed:.1f} ms, Python JSON writer {python:.1f} ms; run adds {native - listed:.1f} ms")


def _cpu_pair(store, text: str, url: str, server: servers.Server, runs: int) -> tuple[float, float, float, float]:
    """In a forked child: medians (ms) over ``runs`` turns of the thread CPU of the rows of ``text`` read
    in process, and of one request for it over ``url``: the server's event loop, its query workers
    (:meth:`bench.servers.Server.cpu_ns`), and this client's thread."""
    import statistics
    import time

    measure._CONNECTIONS.clear()  # the parent's kept-alive connections are its own
    local, loop, workers, client = [], [], [], []
    for _ in range(runs):
        start = time.thread_time_ns()
        list(store.query(text, use_default_graph_as_union=True))
        local.append(time.thread_time_ns() - start)
        before = server.cpu_ns()
        start = time.thread_time_ns()
        measure.http_query(url, text)
        client.append(time.thread_time_ns() - start)
        after = server.cpu_ns()
        loop.append(after[0] - before[0])
        workers.append(after[1] - before[1])
    return tuple(statistics.median(x) / 1e6 for x in (local, loop, workers, client))


def _cpu_overhead(report: Report, store_root: Path, url: str, server: servers.Server, names: list[str],
                  runs: int = 9) -> None:
    """Per query of ``names``: the CPU one request over ``url`` costs the server and its workers, less
    the CPU of reading the same rows in process (each timed in turn, in a forked child as
    :func:`bench.run._endpoint_overhead` times them); and the median of these over the queries.

    The client's CPU (encoding the form, reading the answer) is shown beside it, not counted."""
    import statistics

    import queries

    store = run._open(store_root)
    sample = measure.bounded(lambda: run._sample(store), 600.0)
    if sample is None:
        raise RuntimeError("choosing the lookups' parameters took over 10 minutes")
    added = []
    for name in names:
        named = queries.load(name)
        text = measure.values_form(named, named.bindings(measure.query_params(named, sample)))
        try:
            pair = measure.bounded(lambda t=text: _cpu_pair(store, t, url, server, runs), 120.0)
        except RuntimeError as err:
            report.row("endpoint CPU", name, "error", str(err)[:80])
            continue
        if pair is None:
            report.row("endpoint CPU", name, "not run", f"{runs} turns took over 120 s")
            continue
        local, loop, workers, client = pair
        added.append(loop + workers - local)
        report.row("endpoint CPU", name, f"adds {loop + workers - local:.2f} ms",
                   f"in process {local:.2f} ms; a request: server {loop:.2f} + workers {workers:.2f} ms "
                   f"(client {client:.2f} ms)")
    if added:
        report.row("endpoint CPU", "CPU the endpoint adds, median over the queries", f"{statistics.median(added):.2f} ms",
                   "server + workers - in process; wall target <= 2 ms")


def _per_request(before: tuple[int, int], after: tuple[int, int], requests: float) -> str:
    """CPU per request of the server's event loop and of its query workers, from two
    :meth:`bench.servers.Server.cpu_ns` readings around ``requests`` requests."""
    if requests <= 0:
        return "no request served"
    server, workers = ((a - b) / requests / 1000 for a, b in zip(after, before, strict=True))
    return f"CPU per request {server:.0f} us server + {workers:.0f} us workers"


def _constant_json(report: Report, ours: servers.LoadResult, seconds: float) -> None:
    """Throughput of the benchmark's constant-JSON FastAPI route (``bench.const_app``, pinned and loaded
    as :mod:`bench.run` does): what the framework and uvicorn alone allow, beside our lookup."""
    port = servers.free_port()
    with servers.serve([sys.executable, "-m", "uvicorn", "bench.const_app:app", "--host", "127.0.0.1",
                        "--port", str(port)], port, "/const") as const:
        limit = servers.load(const.url + "/const", seconds=seconds)
    report.row("REST", "constant-JSON route (same uvicorn settings)", f"{limit.rps:.0f} req/s",
               f"p50 {limit.p50_ms:.1f} ms, p99 {limit.p99_ms:.1f} ms; our lookup at {ours.rps / limit.rps:.2f} of it")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="the store root a build was written to")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds of each load")
    parser.add_argument("--skip-oxigraph", action="store_true", help="do not start the Oxigraph server")
    parser.add_argument("--skip-const", action="store_true", help="do not start the constant-JSON app")
    parser.add_argument("--skip-queries", action="store_true", help="measure the lookup throughput only")
    parser.add_argument("--queries", default="", help="comma-separated named queries to time (default: all fast)")
    parser.add_argument("--cpu", action="store_true", help="also CPU time of the worker's serialization per query")
    parser.add_argument("--endpoint-cpu", action="store_true",
                        help="also the CPU a request costs the server and its workers against the same query in process")
    parser.add_argument("--skip-wall", action="store_true", help="leave out the wall times over HTTP against in process")
    args = parser.parse_args(argv)
    report = Report(0, {})
    if not args.skip_queries:
        wanted = [q for q in args.queries.split(",") if q]
        run.FAST.update(wanted or _fast_queries(args.store))
        if args.cpu:
            _serialization(report, args.store, sorted(run.FAST))
    text, _ = run._lookup_text(args.store)
    port = servers.free_port()
    with servers.serve(measure.cli() + ["serve", "--store", str(args.store), "--port", str(port)], port,
                       "/openapi.json", env={"INTERREG_KG_QUERY_TIMEOUT": "10"}) as ours:
        measure.http_query(ours.url + "/sparql", text)  # the workers start at the first query
        before = ours.cpu_ns()
        empty = measure.time_calls(lambda: measure.http_query(ours.url + "/sparql", "ASK {}"), budget_s=2.0,
                                   max_runs=200)
        report.row("query over HTTP", "ASK {} (the fixed cost of a request)", f"p50 {empty.p50_ms:.2f} ms",
                   f"p99 {empty.p99_ms:.2f} ms, {empty.runs} runs, one kept-alive client; "
                   f"{_per_request(before, ours.cpu_ns(), empty.runs)}")
        if not args.skip_queries:
            if not args.skip_wall:
                run._endpoint_overhead(report, args.store, ours.url + "/sparql", args.seconds)
            if args.endpoint_cpu:
                _cpu_overhead(report, args.store, ours.url + "/sparql", ours, sorted(run.FAST))
        before = ours.cpu_ns()
        sparql = servers.load(ours.url + "/sparql", seconds=args.seconds, body=run._form(text))
        report.row("SPARQL", "our /sparql, lookup by IRI", f"{sparql.rps:.0f} req/s",
                   f"p50 {sparql.p50_ms:.1f} ms, p99 {sparql.p99_ms:.1f} ms, {sparql.errors} errors; "
                   f"{_per_request(before, ours.cpu_ns(), sparql.rps * args.seconds)}")
    if not args.skip_const:
        _constant_json(report, sparql, args.seconds)
    if not args.skip_oxigraph:
        run._oxigraph(report, args.store, text, sparql, args.seconds)
    sys.stderr.flush()


if __name__ == "__main__":
    main()
