"""The options of ``interreg-kg export network`` and the export it runs (with a progress bar on a terminal when slow).

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> a = p.parse_args(["--format", "gexf", "--output", "x.gexf", "--country", "fr", "--from", "2010-01-01"])
>>> filters_of(a).describe()
'country=fr; date_from=2010-01-01'
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import networkx as nx
from pyoxigraph import Store
from tqdm import tqdm

from api.network import FORMATS, PROJECTIONS, Filters, add_metrics, project, read_participations, stamp, write
from api.network.participations import paused_gc

__all__ = ["add_arguments", "filters_of", "export"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The projection, format, output, dynamic, metrics and filter options."""
    parser.add_argument("--projection", choices=PROJECTIONS, default="organisation",
                        help="what the nodes are: organisations (default), organisations and projects, countries")
    parser.add_argument("--format", choices=FORMATS, required=True, help="file format")
    parser.add_argument("--output", type=Path, required=True, help="file to write; for csv, a folder")
    parser.add_argument("--dynamic", action="store_true", help="gexf: spells from the projects' dates (timeline)")
    parser.add_argument("--metrics", action="store_true",
                        help="degree, weighted degree, community (Louvain), betweenness on every node")
    parser.add_argument("--self-loops", action="store_true", help="country projection: keep loops within a country")
    filters = parser.add_argument_group("filters")
    filters.add_argument("--programme", help="programme id (e.g. iv-a-france-channel-england, iii-a) or IRI")
    filters.add_argument("--period", help="programming period id (e.g. 2007-2013) or IRI")
    filters.add_argument("--theme", help="theme id or IRI")
    filters.add_argument("--target-group", help="target group id or IRI")
    filters.add_argument("--country", help="only organisations of this country (ISO alpha-2)")
    filters.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD",
                         help="only projects running on or after this day")
    filters.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD",
                         help="only projects running on or before this day")
    filters.add_argument("--lead-only", action="store_true", help="only lead partners")
    filters.add_argument("--include-associated", action="store_true", help="keep associated partners")


def filters_of(args: argparse.Namespace) -> Filters:
    """The :class:`Filters` the parsed options ask for."""
    return Filters(programme=args.programme, period=args.period, theme=args.theme, target_group=args.target_group,
                   country=args.country, date_from=args.date_from, date_to=args.date_to,
                   lead_only=args.lead_only, include_associated=args.include_associated)


def export(args: argparse.Namespace, store: Store, build: str | None = None) -> tuple[nx.Graph, list[Path]]:
    """Build the network the options ask for and write it; a progress bar shows on stderr when a step
    takes more than a second. Returns the graph and the files written.

    :raises queries.ParameterError: a bad filter value. OSError: the output cannot be written.
    """
    steps = ["read", "project"] + (["metrics"] if args.metrics else []) + ["write"]
    # no cycle is made from reading to writing: the cyclic garbage collector would only scan the
    # growing rows and graph again and again (about a second at 35,000 documents)
    with paused_gc(), tqdm(total=len(steps), desc="network", unit="step", delay=1.0, file=sys.stderr, leave=False,
              disable=None) as bar:
        filters = filters_of(args)
        bar.set_postfix_str("reading the participations")
        rows = read_participations(store, filters)
        bar.update()
        bar.set_postfix_str(f"projecting {len(rows)} participations")
        graph = project(rows, args.projection, self_loops=args.self_loops)
        stamp(graph, filters, build)
        bar.update()
        if args.metrics:
            bar.set_postfix_str(f"metrics of {graph.number_of_nodes()} nodes")
            add_metrics(graph)
            bar.update()
        bar.set_postfix_str(f"writing {args.format}")
        written = write(graph, args.format, args.output, dynamic=args.dynamic)
        bar.update()
    return graph, written
