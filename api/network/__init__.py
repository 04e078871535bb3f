"""Partner networks for analysts: projections of the participations, written for Gephi and friends.

Data flow: the store -> :func:`participations.read_participations` (one SPARQL query, the
:class:`Filters` bound as RDF terms) -> :func:`projections.project` (``organisation``, ``bipartite``
or ``country``) -> optionally :func:`metrics.add_metrics` -> a writer:

==========  ====================================================================================
``gexf``    GEXF 1.3 (:mod:`.gexf`), static or dynamic (spells), viz colour and size, metadata
``graphml`` GraphML (:mod:`.graphml`), the same typed attributes
``csv``     Gephi's spreadsheet import (:mod:`.tables`): a folder with ``nodes.csv``, ``edges.csv``
``json``    node-link JSON for web apps (:func:`to_json`)
``png``     a drawing (:mod:`.drawing`); ``svg`` likewise
==========  ====================================================================================

Only names, places, dates, budgets and counts are read, so no personal data reaches an export.
``python -m api.network.validate --shared ../shared`` checks exports against the GEXF and GraphML
schemas.

>>> from pyoxigraph import Store
>>> g = network(Store(), "country")
>>> g.number_of_nodes(), g.graph["projection"], to_csv_tables(g)[0].splitlines()[0]
(0, 'country', 'Id,Label')
"""

from __future__ import annotations

import io
from importlib import metadata
from pathlib import Path

import networkx as nx
from pyoxigraph import Store

from api.network.errors import NetworkError, UnknownFormatError, UnknownProjectionError
from api.network.filters import Filters
from api.network.gexf import to_gexf, write_gexf
from api.network.graphml import to_graphml, write_graphml
from api.network.jsontext import write_node_link
from api.network.metrics import add_metrics
from api.network.participations import Participation, paused_gc, read_participations
from api.network.projections import PROJECTIONS, UNKNOWN_COUNTRY, project
from api.network.tables import to_csv_tables

__all__ = ["FORMATS", "PROJECTIONS", "UNKNOWN_COUNTRY", "Filters", "Participation", "network", "stamp", "partner_network",
           "read_participations", "project", "add_metrics", "to_gexf", "write_gexf", "to_graphml", "write_graphml", "to_csv_tables", "to_json", "write_json",
           "draw", "render", "write", "NetworkError", "UnknownFormatError", "UnknownProjectionError"]

FORMATS = ("gexf", "graphml", "csv", "json", "png", "svg")


def _generator() -> str:
    try:
        return f"interreg-kg {metadata.version('interreg-kg')}"
    except metadata.PackageNotFoundError:
        return "interreg-kg"


def network(store: Store, projection: str = "organisation", filters: Filters | None = None, *,
            metrics: bool = False, self_loops: bool = False, build: str | None = None) -> nx.Graph:
    """The network of ``store`` in ``projection``, narrowed by ``filters``.

    :param metrics: add degree, weighted degree, community and betweenness to every node.
    :param self_loops: country projection: keep loops of projects joining one country's organisations.
    :param build: what the store is (a build's name), written into the exports' metadata.
    :returns: an undirected graph; ``graph.graph`` holds projection, filters, build, generator and counts.
    :raises UnknownProjectionError: an unknown projection. queries.ParameterError: a bad filter value.
    """
    if projection not in PROJECTIONS:
        raise UnknownProjectionError(f"unknown projection {projection!r}; expected one of {', '.join(PROJECTIONS)}")
    filters = filters or Filters()
    with paused_gc():  # no cycle is made here; the collector would scan the growing graph again and again
        graph = project(read_participations(store, filters), projection, self_loops=self_loops)
        stamp(graph, filters, build)
        if metrics:
            add_metrics(graph)
    return graph


def stamp(graph: nx.Graph, filters: Filters, build: str | None = None) -> nx.Graph:
    """Write what an export is into ``graph.graph``: its ``filters``, the ``build`` it was made from
    and the ``generator`` (this software and its version); returns ``graph``."""
    graph.graph.update(filters=filters.describe(), build=build or "unknown", generator=_generator())
    return graph


def draw(graph: nx.Graph, fmt: str = "png", **options) -> bytes:
    """:func:`api.network.drawing.draw`, imported when first called: matplotlib takes about half a
    second and 40 MB to import, which no other format needs."""
    from api.network.drawing import draw as _draw

    return _draw(graph, fmt, **options)


def partner_network(store: Store, *, include_associated: bool = False) -> nx.Graph:
    """The organisation co-participation graph (the ``organisation`` projection, no other filter)."""
    return network(store, "organisation", Filters(include_associated=include_associated))


def to_json(graph: nx.Graph) -> bytes:
    """Node-link JSON (``nodes`` and ``edges`` lists, spells as ``[start, end]`` pairs), as
    :func:`networkx.node_link_graph` reads it: ``json.dumps(nx.node_link_data(graph, edges="edges"),
    ensure_ascii=False, indent=1)`` in UTF-8 (:func:`write_json` into memory)."""
    buffer = io.BytesIO()
    write_json(graph, buffer)
    return buffer.getvalue()


def write_json(graph: nx.Graph, stream) -> None:
    """:func:`to_json`'s bytes written to the binary ``stream`` node by node and edge by edge
    (:func:`api.network.jsontext.write_node_link`): the node-link lists and the text are never held
    whole (at 35,000 documents they were several hundred MB), and the encoding takes 0.6 of the
    :mod:`json` encoder's time."""
    write_node_link(graph, stream)


def render(graph: nx.Graph, fmt: str, *, dynamic: bool = False) -> dict[str, bytes]:
    """The file(s) of ``graph`` in ``fmt`` by file name (``csv`` gives ``nodes.csv`` and ``edges.csv``).

    :raises UnknownFormatError: a format not in :data:`FORMATS`.
    """
    if fmt == "csv":
        nodes, edges = to_csv_tables(graph)
        return {"nodes.csv": nodes.encode("utf-8"), "edges.csv": edges.encode("utf-8")}
    name = f"network.{fmt}"
    if fmt == "gexf":
        return {name: to_gexf(graph, dynamic=dynamic)}
    if fmt == "graphml":
        return {name: to_graphml(graph)}
    if fmt == "json":
        return {name: to_json(graph)}
    if fmt in ("png", "svg"):
        return {name: draw(graph, fmt)}
    raise UnknownFormatError(f"unknown network format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write(graph: nx.Graph, fmt: str, output: Path, *, dynamic: bool = False) -> list[Path]:
    """Write ``graph`` as ``fmt`` to ``output`` (for ``csv`` a folder receiving ``nodes.csv`` and
    ``edges.csv``); returns the files written. GEXF, GraphML and JSON are streamed into the file
    (never held whole in memory); the bytes are those :func:`render` gives.

    :raises UnknownFormatError: a format not in :data:`FORMATS`. OSError: the path cannot be written.
    """
    output = Path(output)
    if fmt in ("gexf", "graphml", "json"):
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output, "wb", buffering=1 << 20) as stream:
            if fmt == "gexf":
                write_gexf(graph, stream, dynamic=dynamic)
            elif fmt == "graphml":
                write_graphml(graph, stream)
            else:
                write_json(graph, stream)
        return [output]
    files = render(graph, fmt, dynamic=dynamic)
    if fmt == "csv":
        output.mkdir(parents=True, exist_ok=True)
        paths = [output / name for name in files]
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        paths = [output]
    for path, body in zip(paths, files.values(), strict=True):
        path.write_bytes(body)
    return paths
