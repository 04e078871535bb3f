"""Where a network export's time goes: ``python -m bench.network_scaling STORE_ROOT [FORMAT ...]``.

Times, in this process, the three steps of ``interreg-kg export network`` on a published build
(the best of ``--repeats`` passes): reading the participations (``queries/network/*.rq``, or
``network_participations`` when a filter narrows the projects or organisations),
the organisation projection, and writing each format into a temporary folder; then prints one
line per step with CPU seconds, wall seconds and the process's peak resident memory so far. Build
the store first (``interreg-kg bench generate --size N --output DIR``, then ``interreg-kg build
--store DIR/store --data DIR/data``). The whole command, as the lead measures it, is
``/usr/bin/time -v interreg-kg export network --format F --output OUT --store STORE``.

>>> step_line("read", 1.25, 2.5, 150)
'read            cpu   1.25 s  wall   2.50 s  peak  150 MB'
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["step_line", "measure", "main"]


def step_line(step: str, cpu: float, wall: float, peak_mb: int) -> str:
    """One line of the report."""
    return f"{step:<15} cpu {cpu:6.2f} s  wall {wall:6.2f} s  peak {peak_mb:4d} MB"


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(root: Path, formats: list[str], repeats: int = 1) -> list[str]:
    """The report's lines for the store published under ``root``.

    :raises RuntimeError: no build is published under ``root``.
    """
    from pyoxigraph import Store

    from api import network
    from ontology.storage import current_build

    build = current_build(root)
    if build is None:
        raise RuntimeError(f"no build is published under {root}")
    store = Store.read_only(str(build))
    lines, state = [], {}

    def timed(step: str, work) -> None:
        best = None
        for _ in range(repeats):
            cpu, wall = time.process_time(), time.perf_counter()
            state[step] = work()
            spent = (time.process_time() - cpu, time.perf_counter() - wall)
            best = spent if best is None or spent[0] < best[0] else best
        lines.append(step_line(step, best[0], best[1], _peak_mb()))

    timed("read", lambda: network.read_participations(store))
    rows = state["read"]
    timed("project", lambda: network.stamp(network.project(rows, "organisation"), network.Filters(), build.name))
    graph = state["project"]
    lines.append(f"{len(rows)} participations, {graph.number_of_nodes()} organisations, "
                 f"{graph.number_of_edges()} links")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            timed(f"write {fmt}", lambda fmt=fmt: network.write(graph, fmt, Path(tmp) / f"net-{fmt}"))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the report; 1 when the store has no build."""
    parser = argparse.ArgumentParser(prog="python -m bench.network_scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="store root (holding builds/)")
    parser.add_argument("formats", nargs="*", default=["gexf", "graphml", "csv"], help="formats to write")
    parser.add_argument("--repeats", type=int, default=1, help="passes per step (the best is reported)")
    args = parser.parse_args(argv)
    try:
        lines = measure(args.store, args.formats, args.repeats)
    except RuntimeError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
