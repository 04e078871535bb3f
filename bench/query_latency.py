"""Median latency of each named query (queries/*.rq) on the seed graph: in-process and through /sparql.

Builds the seed documents of ``data/`` into a temporary store, starts ``interreg-kg serve`` on it
(a separate process, as in production: the SPARQL endpoint with its worker processes), then runs
each named query ``--repeat`` times per path and prints the median in milliseconds:

- ``in-process``: :func:`queries.run` on the read-only store, parameters at their defaults;
- ``raw``: the query text on the same store with nothing bound (what ``/sparql`` receives);
- ``/sparql``: the query text POSTed to the endpoint (JSON results, a kept-alive connection);
- ``/api/queries``: ``GET /api/queries/{name}`` (defaults bound by the REST facade), when served.

Usage::

    .venv/bin/python -m bench.query_latency [--repeat 21] [--markdown]

A developer measurement, never a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from pyoxigraph import Store

import queries
from loader.pipeline import build
from ontology.settings import PROJECT_ROOT, Settings
from ontology.storage import current_build

__all__ = ["median_ms", "main"]


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``action`` over ``repeat`` runs (after one warm-up), in milliseconds."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(store_root: Path, port: int) -> subprocess.Popen:
    script = Path(sys.executable).parent / "interreg-kg"
    env = dict(os.environ, INTERREG_KG_STORE=str(store_root))
    server = subprocess.Popen([str(script), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/sparql", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21, help="timed runs per query and path (default 21)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(store=Path(tmp) / "store", data=PROJECT_ROOT / "data")
        report = build(settings, progress=False)
        if report.exit_code != 0:
            print("\n".join(report.lines()), file=sys.stderr)
            return 1
        store = Store.read_only(str(current_build(settings.store)))
        port = _free_port()
        server = _serve(settings.store, port)
        rows = []
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                rest = client.get("/api/queries").status_code == 200
                for name in queries.names():
                    named = queries.load(name)

                    def in_process(named=named) -> object:
                        return queries.run(store, named).rows

                    def raw(named=named) -> object:
                        return list(store.query(named.text, use_default_graph_as_union=True))

                    def endpoint(named=named) -> object:
                        response = client.post("/sparql", data={"query": named.text},
                                               headers={"Accept": "application/sparql-results+json"})
                        response.raise_for_status()
                        return response.content

                    def facade(name=name) -> object:
                        response = client.get(f"/api/queries/{name}")
                        response.raise_for_status()
                        return response.content

                    rows.append((name, median_ms(in_process, args.repeat), median_ms(raw, args.repeat),
                                 median_ms(endpoint, args.repeat), median_ms(facade, args.repeat) if rest else None))
        finally:
            server.kill()
            server.wait()
    header = ("query", "in-process", "raw", "/sparql", "/api/queries")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
    else:
        print(f"{header[0]:40} " + " ".join(f"{h:>13}" for h in header[1:]) + "   (median ms)")
    for name, *figures in rows:
        cells = ["-" if f is None else f"{f:.1f}" for f in figures]
        print(f"| {name} | " + " | ".join(cells) + " |" if args.markdown
              else f"{name:40} " + " ".join(f"{c:>13}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
