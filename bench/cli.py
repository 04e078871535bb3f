"""The ``bench`` subcommands of ``interreg-kg`` (developer benchmarks, see bench/RESULTS.md).

- ``bench generate --size N --output DIR [--seed S] [--no-pdf]``: write a synthetic corpus
  (``DIR/docs``, ``DIR/expected``, ``DIR/data``); exit 0, or 2 on a bad size.
- ``bench run --size N [--repeats R] [--seconds S] [--workdir DIR] [--results FILE]``: measure and
  write the table; exit 0, 1 when a measure could not run.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="interreg-kg")
>>> register(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["bench", "generate", "--size", "5", "--output", "/tmp/c"])
>>> args.size, str(args.output), args.func is run_generate
(5, '/tmp/c', True)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register", "run_generate", "run_bench"]

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``bench generate`` and ``bench run`` to the subcommands of the ``interreg-kg`` parser."""
    bench = subparsers.add_parser("bench", help="developer benchmarks: synthetic corpora, speed and memory")
    what = bench.add_subparsers(dest="bench_command", metavar="WHAT", required=True)
    gen = what.add_parser("generate", help="write a synthetic corpus with expected records")
    gen.add_argument("--size", type=int, required=True, help="number of documents")
    gen.add_argument("--output", type=Path, required=True, help="folder for docs/, expected/ and data/")
    gen.add_argument("--seed", type=int, default=None, help="random seed (default: the benchmark's)")
    gen.add_argument("--no-pdf", action="store_true", help="no PDF documents")
    gen.set_defaults(func=run_generate)
    run = what.add_parser("run", help="measure rebuild, extraction, queries, REST, SPARQL, exports, memory")
    run.add_argument("--size", type=int, required=True, help="number of documents")
    run.add_argument("--repeats", type=int, default=None, help="full rebuilds (default 3 up to 2,000 docs, else 1)")
    run.add_argument("--seconds", type=float, default=5.0, help="seconds of each load run (default 5)")
    run.add_argument("--workdir", type=Path, default=Path("var/bench"), help="corpora and stores (var/bench)")
    run.add_argument("--results", type=Path, default=RESULTS, help="Markdown table to update (bench/RESULTS.md)")
    run.set_defaults(func=run_bench)


def run_generate(args: argparse.Namespace) -> int:
    """``bench generate``: 0 written, 2 a size below 1."""
    from bench.generate import SEED, generate

    if args.size < 1:
        sys.stderr.write(f"interreg-kg: --size must be at least 1, not {args.size}\n")
        return 2
    summary = generate(args.size, args.output, seed=SEED if args.seed is None else args.seed, pdf=not args.no_pdf)
    sys.stdout.write(f"{summary.documents} documents {summary.formats}, {summary.organisations} organisations, "
                     f"{summary.participations} participations (most-used organisation in "
                     f"{summary.max_projects_of_one} projects) under {args.output}\n")
    return 0


def run_bench(args: argparse.Namespace) -> int:
    """``bench run``: 0 measured and written, 1 a measure failed, 2 a size below 1."""
    from bench.run import run

    if args.size < 1:
        sys.stderr.write(f"interreg-kg: --size must be at least 1, not {args.size}\n")
        return 2
    try:
        report = run(args.size, workdir=args.workdir, results=args.results, repeats=args.repeats,
                     seconds=args.seconds)
    except (RuntimeError, OSError) as err:
        sys.stderr.write(f"interreg-kg: bench run failed: {err}\n")
        return 1
    sys.stdout.write(report.markdown())
    return 0
