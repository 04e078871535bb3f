"""The ``interreg-kg`` console script: the one place that joins the write and the read path.

Each side registers its own subcommands (``loader.cli_extract``, ``loader.cli_load``,
``api.cli``); this module only assembles the parser and maps outcomes to exit codes:

====  ==========================================================
code  meaning
====  ==========================================================
0     success
1     data problems (a document failed to load, violations found, a score below --min)
2     usage or configuration error (bad arguments, bad settings, store busy)
====  ==========================================================
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with the subcommands of both sides."""
    from api import cli as read_cli
    from loader import cli_extract, cli_load, cli_partners

    try:
        version = metadata.version("interreg-kg")
    except metadata.PackageNotFoundError:  # running from a checkout without install
        version = "unknown"
    parser = argparse.ArgumentParser(
        prog="interreg-kg",
        description="Build, query and serve the Interreg social-inclusion knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for side in (cli_load, cli_extract, cli_partners, read_cli):
        side.register(subparsers)
    from bench import cli as bench_cli  # developer benchmarks (bench/ imports the product, never the reverse)

    bench_cli.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except ValueError as exc:  # settings read from the environment
        print(f"interreg-kg: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
