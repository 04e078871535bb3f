"""The read side's subcommands of ``interreg-kg``: ``serve``, ``query`` and ``export network``.

``register(subparsers)`` adds them; each sets ``func`` to a callable taking the parsed arguments and
returning the exit code: 0 done, 1 a problem (no build published, the store cannot be read, a
query file that does not parse), 2 a usage error (an unknown query name, an ill-typed parameter).
``--store`` defaults to ``INTERREG_KG_STORE`` (see :class:`ontology.settings.Settings`).

Examples::

    interreg-kg serve --port 8000
    interreg-kg query projects --param country=BE --format csv
    interreg-kg query my-query.rq --format json
    interreg-kg export network --format gexf --output partners.gexf
    interreg-kg export network --format csv --output partners/      # nodes.csv and edges.csv
    interreg-kg export dump --format nquads --output graph.nq       # no contacts graphs
    interreg-kg export network --projection country --format gexf --dynamic --metrics --output c.gexf
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from pathlib import Path
from typing import TextIO

from pyoxigraph import Store

import queries
from api.network import command as network_command
from ontology.namespaces import PREFIXES
from ontology.settings import Settings
from ontology.storage import contacts_store_path, current_build
from queries import ParameterError, QueryError, UnknownQueryError

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``serve``, ``query`` and ``export`` to the subcommands of the ``interreg-kg`` parser."""
    serve = subparsers.add_parser("serve", help="serve the REST API and the SPARQL endpoint on the current build",
                                  description="Serve /api, /sparql and /docs; a newly published build is picked "
                                              "up without a restart.")
    serve.add_argument("--host", help="address to bind (default: INTERREG_KG_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind (default: INTERREG_KG_PORT or 8000)")
    serve.add_argument("--no-access-log", dest="access_log", action="store_false",
                       help="log no line per request (about 20 us of the server's CPU per request; "
                            "warnings and errors are still logged)")
    _store_option(serve)
    serve.set_defaults(func=_serve)

    query = subparsers.add_parser("query", help="run a named query (see the list below) or a .rq file",
                                  description="Run a SELECT query. Named queries: " + ", ".join(queries.names()),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    query.add_argument("query", metavar="NAME|FILE", help="a query name or the path of a .rq file")
    query.add_argument("--param", action="append", default=[], metavar="K=V", help="a parameter value (repeatable)")
    query.add_argument("--format", choices=("table", "json", "csv", "tsv"), default="table", help="output format")
    query.add_argument("--limit", type=int, help="print at most this many rows")
    _store_option(query)
    query.set_defaults(func=_query)

    export = subparsers.add_parser("export", help="export the graph for other tools")
    what = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    net = what.add_parser("network", help="partner networks for Gephi and others (organisation, bipartite, country)",
                          description="Export a partner network: GEXF 1.3 (static or --dynamic), GraphML, "
                                      "CSV for Gephi's spreadsheet import, node-link JSON, or a PNG/SVG picture.")
    network_command.add_arguments(net)
    _store_option(net)
    net.set_defaults(func=_export_network)
    dump = what.add_parser("dump", help="the whole graph as N-Quads or TriG, without personal data",
                           description="Every public named graph of the current build (ontology, vocabularies, "
                                       "document graphs, metadata); the contacts graphs only when "
                                       "INTERREG_KG_PERSONAL_DATA=1.")
    dump.add_argument("--format", choices=("nquads", "trig"), required=True, help="file format")
    dump.add_argument("--output", type=Path, required=True, help="file to write")
    _store_option(dump)
    dump.set_defaults(func=_export_dump)


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, help="store root (default: INTERREG_KG_STORE or var/store)")


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"interreg-kg: {message}\n")
    return code


def _open(args: argparse.Namespace) -> Store | None:
    root = args.store or Settings.from_env().store
    build = current_build(root)
    if build is None:
        _fail(f"no build is published under {root}; run a load first", 1)
        return None
    return Store.read_only(str(build))


def _open_contacts(args: argparse.Namespace) -> Store:
    """The current build's contacts store, read-only (empty when it has none): personal data."""
    build = current_build(args.store or Settings.from_env().store)
    path = None if build is None else contacts_store_path(build)
    return Store.read_only(str(path)) if path is not None and path.is_dir() else Store()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.main import create_app

    settings = Settings.from_env()
    if args.store is not None:
        settings = dataclasses.replace(settings, store=args.store)
    if current_build(settings.store) is None:
        sys.stderr.write(f"interreg-kg: no build under {settings.store} yet; answering 503 until one is published\n")
    options = {} if args.access_log else {"access_log": False}
    uvicorn.run(create_app(settings), host=args.host or settings.host, port=args.port or settings.port, **options)
    return 0


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param takes KEY=VALUE, not {pair!r}")
        params[key.strip()] = value
    return params


def _compact(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri) and len(text) > len(iri):
            return f"{prefix}:{text[len(iri):]}"
    return text


def _write_table(rows: queries.Rows, out: TextIO) -> None:
    cells = [[_compact(r[v].value if r[v] is not None else None) for v in rows.variables] for r in rows.rows]
    widths = [max([len(v), *(len(c[i]) for c in cells)]) for i, v in enumerate(rows.variables)]
    out.write("  ".join(v.ljust(w) for v, w in zip(rows.variables, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows.rows)} of {rows.total} rows)\n")


def _query(args: argparse.Namespace) -> int:
    try:
        named = queries.load(args.query)
        params = _parse_params(args.param)
        named.bindings(params)  # check the parameters before opening the store
    except UnknownQueryError as exc:
        return _fail(str(exc), 2)
    except ParameterError as exc:
        return _fail(str(exc), 2)
    try:
        store = _open(args)
        if store is None:
            return 1
        rows = queries.run(store, named, params, limit=args.limit)
    except (SyntaxError, QueryError, OSError) as exc:
        return _fail(f"{named.name}: {exc}", 1)
    out = sys.stdout
    if args.format == "table":
        _write_table(rows, out)
    elif args.format == "json":
        json.dump(rows.values(), out, ensure_ascii=False, indent=1, default=str)
        out.write("\n")
    else:
        writer = csv.writer(out, delimiter="," if args.format == "csv" else "\t", lineterminator="\n")
        writer.writerow(rows.variables)
        for r in rows.rows:
            writer.writerow(["" if r[v] is None else r[v].value for v in rows.variables])
    return 0


def _export_network(args: argparse.Namespace) -> int:
    try:
        store = _open(args)
        if store is None:
            return 1
        build = current_build(args.store or Settings.from_env().store)
        graph, written = network_command.export(args, store, build.name if build else None)
    except ParameterError as exc:
        return _fail(str(exc), 2)
    except OSError as exc:
        return _fail(f"cannot export the network: {exc}", 1)
    sys.stderr.write(f"{graph.number_of_nodes()} nodes ({args.projection}), {graph.number_of_edges()} links -> "
                     f"{', '.join(str(p) for p in written)}\n")
    return 0


def _export_dump(args: argparse.Namespace) -> int:
    from api import dumps
    from api.privacy import personal_data_allowed

    try:
        store = _open(args)
        if store is None:
            return 1
        contacts = _open_contacts(args) if personal_data_allowed() else None
        count = dumps.write(store, args.format, args.output, contacts)
    except OSError as exc:
        return _fail(f"cannot write the dump: {exc}", 1)
    sys.stderr.write(f"{count} quads -> {args.output}\n")
    return 0
