"""The ``extract`` and ``evaluate`` subcommands of ``interreg-kg``.

``extract PATH... [--json] [--source-url URL]`` reads each document (folders are walked for
.txt/.html/.htm/.pdf) and prints one v1 JSON object per document (``ProjectRecord.to_json()``,
``document`` being the path as given) or, without ``--json``, a short summary. A document that
fails, or is not a project description (``loader.extract.acceptance``: a name and one more fact), gets an
error line on stderr naming it and the reason; the others go on. Exit status: 0 all ok, 1 some
failed, 2 usage error.

``evaluate GOLD_DIR DOCS... [--min F1] [--verbose]`` extracts DOCS, matches the records to the
gold files by file stem, prints the per-field table and exits 1 when the overall F1 is below
``--min``.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="interreg-kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["extract", "a.txt", "--json"])
>>> args.func is run_extract, args.json, args.paths
(True, True, ['a.txt'])
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from loader.documents import SUPPORTED_SUFFIXES, read_document
from loader.errors import LoaderError
from loader.records import ProjectRecord

__all__ = ["register", "run_extract", "run_evaluate", "extract_paths", "collect_paths"]


def register(subparsers) -> None:
    """Add the ``extract`` and ``evaluate`` subcommands to an argparse subparsers object."""
    p = subparsers.add_parser("extract", help="extract project records from documents",
                              description="Extract project records from .txt/.html/.pdf documents or folders.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="document files or folders")
    p.add_argument("--json", action="store_true", help="print a JSON array of v1 records")
    p.add_argument("--source-url", default=None, help="source URL of the document(s) when the manifest has none")
    p.add_argument("--data", type=Path, default=None, help="data folder (default: INTERREG_KG_DATA or ./data)")
    p.set_defaults(func=run_extract)
    e = subparsers.add_parser("evaluate", help="score extraction against gold files",
                              description="Extract DOCS and score them against GOLD_DIR/*.json (matched by stem).")
    e.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    e.add_argument("docs", nargs="+", metavar="DOCS")
    e.add_argument("--min", type=float, default=None, dest="min_f1", metavar="F1",
                   help="exit 1 when the overall F1 is below this")
    e.add_argument("--verbose", action="store_true", help="list every disagreement")
    e.add_argument("--data", type=Path, default=None, help="data folder (default: INTERREG_KG_DATA or ./data)")
    e.set_defaults(func=run_evaluate)


def collect_paths(paths: list[str]) -> tuple[list[str], list[str]]:
    """Documents named by ``paths`` (folders walked, sorted) and the paths that name nothing usable."""
    found, bad = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            found += [str(p) for p in files]
            if not files:
                bad.append(raw)
        else:
            found.append(raw)
    return found, bad


def _say(text: str, stream: TextIO | None = None) -> None:
    """Write one line to ``stream`` (default: stdout, looked up at call time so tests can capture it)."""
    (stream or sys.stdout).write(text + "\n")


def _data_dir(args: argparse.Namespace) -> Path:
    from ontology.settings import Settings

    return Path(args.data) if getattr(args, "data", None) else Settings.from_env().data


def extract_paths(paths: list[str], data_dir: Path, *, source_url: str | None = None,
                  errors: TextIO | None = None, accept: bool = True) -> tuple[list[ProjectRecord], int]:
    """Extract every document; returns the records and the number of documents that failed.

    Each failure is reported as one ``error: PATH: problem`` line on ``errors`` (default: stderr).
    With ``accept`` (the default), a document that is not a project description is a failure; without
    it (scoring), its record is kept and a ``note: PATH: not a project description: ...`` line written.
    """
    errors = errors or sys.stderr
    from loader.aliases import load_alias_table
    from loader.extract import extract
    from loader.extract.acceptance import check_accepted, refusal
    from loader.manifest import read_manifest
    from loader.vocab import load_vocabularies

    vocab = load_vocabularies(data_dir)
    aliases = load_alias_table(data_dir)
    manifest = read_manifest(data_dir / "documents" / "manifest.csv")
    files, bad = collect_paths(paths)
    failed = 0
    for raw in bad:
        _say(f"error: {raw}: no .txt, .html, .htm or .pdf document found", errors)
        failed += 1
    records = []
    for raw in files:
        try:
            document = read_document(Path(raw), manifest=manifest, source_url=source_url)
            document = _with_path(document, raw)
            record = extract(document, vocab, aliases)
            if accept:
                check_accepted(record)
            elif (reason := refusal(record)) is not None:
                _say(f"note: {raw}: not a project description (no project found): {reason}", errors)
            records.append(record)
        except (LoaderError, ValueError, OSError) as exc:
            message = str(exc)
            _say(f"error: {message if message.startswith(raw + ':') else f'{raw}: {message}'}", errors)
            failed += 1
    return records, failed


def _with_path(document, raw: str):
    from dataclasses import replace

    return document if document.path == raw else replace(document, path=raw)


def _summary(record: ProjectRecord) -> str:
    def show(value: object) -> str:
        return "-" if value is None else str(value)

    programme = record.programme.label if record.programme else None
    return (f"{record.document.path}: {show(record.acronym)} | {show(record.title)}\n"
            f"  programme {show(programme)} ({show(record.period)}), {show(record.start_date)} .. "
            f"{show(record.end_date)}, total {show(record.total_budget_eur)} EUR, EU {show(record.eu_funding_eur)} EUR, "
            f"rate {show(record.cofinancing_rate)}, {len(record.partners)} partners")


def run_extract(args: argparse.Namespace) -> int:
    """The ``extract`` command: 0 all documents ok, 1 some failed, 2 usage error."""
    try:
        data_dir = _data_dir(args)
    except ValueError as exc:
        _say(f"error: {exc}", sys.stderr)
        return 2
    try:
        records, failed = extract_paths(args.paths, data_dir, source_url=args.source_url)
    except LoaderError as exc:
        _say(f"error: {exc}", sys.stderr)
        return 2
    if args.json:
        _say(json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=2))
    else:
        for record in records:
            _say(_summary(record))
    return 1 if failed else 0


def run_evaluate(args: argparse.Namespace) -> int:
    """The ``evaluate`` command: prints the table; 1 when below ``--min`` or a document failed, 2 usage error."""
    from loader.evaluate import evaluate

    if not Path(args.gold_dir).is_dir():
        _say(f"error: {args.gold_dir}: not a folder of gold .json files", sys.stderr)
        return 2
    try:
        records, failed = extract_paths(args.docs, _data_dir(args), accept=False)
    except (LoaderError, ValueError) as exc:
        _say(f"error: {exc}", sys.stderr)
        return 2
    report = evaluate(args.gold_dir, [r.to_json() for r in records], verbose=args.verbose)
    if args.verbose:
        for line in report.misses:
            _say(f"  {line}")
    _say(report.table())
    if args.min_f1 is not None and report.overall_f1 < args.min_f1:
        _say(f"overall F1 {report.overall_f1:.3f} is below --min {args.min_f1}", sys.stderr)
        return 1
    return 1 if failed else 0
