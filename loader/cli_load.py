"""The write-path subcommands of ``interreg-kg``: ``build``, ``load`` and ``check``.

The lead wires :func:`register` into the console script; each subcommand's ``func`` takes the
parsed ``argparse.Namespace`` and returns the exit code:

- ``build [--store PATH] [--data PATH] [--no-progress]``: 0 when every document loaded, 1 otherwise;
- ``load PATH... [--store PATH] [--data PATH] [--no-progress]``: 0 all loaded, 1 some failed,
  2 usage error (a path that does not exist);
- ``check [--store PATH]``: 0 when the store conforms to the shapes, 1 on violations.

``--store`` defaults to ``Settings.from_env().store`` (``INTERREG_KG_STORE``); ``--data`` to
``Settings.from_env().data`` (``INTERREG_KG_DATA``). A busy store (another writer) is a usage error: exit 2. Bad settings raise ValueError
(the console script maps it to exit 2).

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="interreg-kg")
>>> register(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["load", "a.txt", "--store", "/tmp/s"])
>>> args.paths, str(args.store), args.func is run_load
(['a.txt'], '/tmp/s', True)
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from loader.errors import LoaderError
from ontology.settings import Settings
from ontology.storage import StoreBusyError

__all__ = ["register", "run_build", "run_load", "run_check", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE",
           "EXIT_BUSY"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 2


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    changes = {}
    if getattr(args, "store", None) is not None:
        changes["store"] = Path(args.store)
    if getattr(args, "data", None) is not None:
        changes["data"] = Path(args.data)
    return dataclasses.replace(settings, **changes)


def _print_report(report, progress: bool) -> None:
    lines = report.lines()
    if progress:  # per-document lines were already shown on stderr while loading
        lines = [o.line() for o in report.failed] + [f"CHECK     {c}" for c in report.check_failures] + lines[-1:]
    for line in lines:
        _out(line)


def run_build(args: argparse.Namespace) -> int:
    """``interreg-kg build``: rebuild the store from the data folder."""
    from loader.pipeline import build

    progress = not args.no_progress
    settings = _settings(args)
    try:
        report = build(settings, progress=progress)
    except StoreBusyError as err:
        _err(f"error: {err}")
        return EXIT_BUSY
    except (LoaderError, OSError, ValueError) as err:
        _err(f"error: build failed: {err}")
        return EXIT_FAILED
    _print_report(report, progress)
    if report.build:
        _out(f"published {report.build}")
    return report.exit_code


def run_load(args: argparse.Namespace) -> int:
    """``interreg-kg load PATH...``: load documents and RDF files into the current store."""
    from loader.pipeline import load_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        _err(f"error: no such file or folder: {', '.join(missing)}")
        return EXIT_USAGE
    progress = not args.no_progress
    settings = _settings(args)
    try:
        report = load_paths([Path(p) for p in args.paths], settings, progress=progress)
    except StoreBusyError as err:
        _err(f"error: {err}")
        return EXIT_BUSY
    except (LoaderError, OSError, ValueError) as err:
        _err(f"error: load failed: {err}")
        return EXIT_FAILED
    _print_report(report, progress)
    return report.exit_code


def run_check(args: argparse.Namespace) -> int:
    """``interreg-kg check``: validate the current build against the SHACL shapes."""
    from loader.check import check_store

    settings = _settings(args)
    try:
        report = check_store(settings.store)
    except (LoaderError, OSError) as err:
        _err(f"error: {err}")
        return EXIT_FAILED
    for line in report.lines():
        _out(line)
    return EXIT_OK if report.conforms else EXIT_FAILED


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``build``, ``load`` and ``check`` subcommands (each with ``func``) to a CLI."""
    p = subparsers.add_parser("build", help="rebuild the store from the data folder")
    p.add_argument("--store", type=Path, default=None, help="store root (default: $INTERREG_KG_STORE or var/store)")
    p.add_argument("--data", type=Path, default=None, help="data folder (default: $INTERREG_KG_DATA or data)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar; one line per document")
    p.set_defaults(func=run_build)

    p = subparsers.add_parser("load", help="load documents and RDF files into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="documents, RDF files or folders of them")
    p.add_argument("--store", type=Path, default=None, help="store root (default: $INTERREG_KG_STORE or var/store)")
    p.add_argument("--data", type=Path, default=None, help="data folder with vocabularies and aliases")
    p.add_argument("--no-progress", action="store_true", help="no progress bar; one line per document")
    p.set_defaults(func=run_load)

    p = subparsers.add_parser("check", help="validate the store against the SHACL shapes")
    p.add_argument("--store", type=Path, default=None, help="store root (default: $INTERREG_KG_STORE or var/store)")
    p.set_defaults(func=run_check)
