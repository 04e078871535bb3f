"""The partner co-participation network, built from the store and written for Gephi and friends.

One node per organisation (id = its IRI; ``label`` its name, ``country``, ``city``, ``projects`` the
number of projects it takes part in, ``leads`` the number it leads); one undirected edge per pair of
organisations sharing projects (``weight`` the number of shared projects, ``projects`` their
acronyms joined with ``|``). Associated partners are left out unless asked for. The network is read
with the ``network_participations`` query, so it holds names, places and counts only: no person,
e-mail or telephone ever reaches an export.

Writers: :func:`to_gexf` (GEXF 1.3, colour by country, size by projects), :func:`to_graphml` (ids
are the organisation ids there, as GraphML wants name tokens; the IRI is the ``iri`` attribute),
:func:`to_csv_tables` (Gephi's spreadsheet import: ``nodes.csv`` and ``edges.csv``), :func:`to_json`
(node-link). :func:`write` puts any of them at a path.

>>> g = partner_network(Store())
>>> g.number_of_nodes(), to_csv_tables(g)[0].splitlines()[0]
(0, 'Id,Label,country,city,projects,leads')
"""

from __future__ import annotations

import colorsys
import csv
import hashlib
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import networkx as nx
from pyoxigraph import NamedNode, Store

import queries
from ontology.iris import local_part

__all__ = ["FORMATS", "partner_network", "to_gexf", "to_graphml", "to_csv_tables", "to_json", "write"]

FORMATS = ("gexf", "graphml", "csv", "json")
NODE_COLUMNS = ("country", "city", "projects", "leads")
EDGE_COLUMNS = ("projects",)
_ROLE_RANK = {"lead": 0, "partner": 1, "unknown": 2, "associated": 3}
_XSI_WRONG = 'xmlns:xsi="http://w3.org/2001/XMLSchema-instance"'
_XSI_RIGHT = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NOT_NMTOKEN = re.compile(r"[^\w.:-]")
_GRAPH_NAME = re.compile(r'(<graph\b[^>]*?)\s+name="[^"]*"')


def partner_network(store: Store, *, include_associated: bool = False,
                    default_graph: Iterable[NamedNode] | None = None) -> nx.Graph:
    """The co-participation graph of the organisations in ``store``.

    :param include_associated: also count participations with the role ``associated``.
    :param default_graph: the graphs to read (None: the store's public graphs).
    :returns: an undirected :class:`networkx.Graph` with string and integer attributes only.
    """
    rows = queries.run(store, "network_participations",
                       {"include_associated": "true" if include_associated else "false"},
                       default_graph=default_graph).values()
    orgs: dict[str, dict] = {}
    roles: dict[tuple[str, str], str] = {}
    acronyms: dict[str, str] = {}
    for r in rows:
        org, project = r["organisation"], r["project"]
        info = orgs.setdefault(org, {"label": r["name"] or org, "country": r["country"] or "", "city": r["city"] or ""})
        info["country"] = info["country"] or r["country"] or ""
        info["city"] = info["city"] or r["city"] or ""
        role = (r["role"] or "unknown").rsplit("/", 1)[-1]
        key = (org, project)
        if key not in roles or _ROLE_RANK.get(role, 2) < _ROLE_RANK.get(roles[key], 2):
            roles[key] = role
        acronyms[project] = r["acronym"] or project.rsplit("/", 1)[-1]
    members: dict[str, list[str]] = defaultdict(list)
    projects_of, leads_of = Counter(), Counter()
    for (org, project), role in sorted(roles.items()):
        members[project].append(org)
        projects_of[org] += 1
        leads_of[org] += role == "lead"
    graph = nx.Graph(name="Interreg partner co-participation")
    for org, info in sorted(orgs.items()):
        graph.add_node(org, **info, projects=projects_of[org], leads=leads_of[org])
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for project, orgs_of_project in members.items():
        for a, b in combinations(sorted(orgs_of_project), 2):
            shared[(a, b)].append(acronyms[project])
    for (a, b), names in sorted(shared.items()):
        graph.add_edge(a, b, weight=len(names), projects="|".join(sorted(names)))
    return graph


def _colour(country: str) -> dict[str, int | float]:
    """A stable colour per country code (grey when unknown)."""
    if not country:
        return {"r": 160, "g": 160, "b": 160, "a": 1.0}
    hue = int(hashlib.sha1(country.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hsv_to_rgb(hue, 0.65, 0.9)
    return {"r": round(r * 255), "g": round(g * 255), "b": round(b * 255), "a": 1.0}


def to_gexf(graph: nx.Graph) -> bytes:
    """GEXF 1.3 with viz colour by country and size by number of projects."""
    drawn = graph.copy()
    for _, data in drawn.nodes(data=True):
        data["viz"] = {"color": _colour(data.get("country", "")), "size": 5.0 + 3.0 * data.get("projects", 0)}
    text = "\n".join(nx.generate_gexf(drawn, version="1.3")).replace(_XSI_WRONG, _XSI_RIGHT)
    # networkx writes a ``name`` attribute on <graph>, which GEXF does not allow
    return (_XML_DECLARATION + _GRAPH_NAME.sub(r"\1", text, count=1)).encode("utf-8")


def to_graphml(graph: nx.Graph) -> bytes:
    """GraphML. Its ids must be XML name tokens, which IRIs are not: a node's id is the id part of
    its IRI (``medway-council``) and the IRI is kept in its ``iri`` attribute."""
    ids: dict[str, str] = {}
    for node in graph.nodes:
        token = local_part(node, "organisation") or _NOT_NMTOKEN.sub("_", node)
        while token in ids.values():
            token += "_"
        ids[node] = token
    tokens = nx.relabel_nodes(graph, ids, copy=True)
    for node, token in ids.items():
        tokens.nodes[token]["iri"] = node
    return (_XML_DECLARATION + "\n".join(nx.generate_graphml(tokens))).encode("utf-8")


def to_csv_tables(graph: nx.Graph) -> tuple[str, str]:
    """Gephi's spreadsheet import: ``(nodes_csv, edges_csv)`` with ``Id,Label,...`` and
    ``Source,Target,Type,Weight,...`` headers."""
    nodes, edges = io.StringIO(), io.StringIO()
    node_writer = csv.writer(nodes, lineterminator="\n")
    node_writer.writerow(("Id", "Label", *NODE_COLUMNS))
    for node, data in graph.nodes(data=True):
        node_writer.writerow((node, data.get("label", node), *(data.get(c, "") for c in NODE_COLUMNS)))
    edge_writer = csv.writer(edges, lineterminator="\n")
    edge_writer.writerow(("Source", "Target", "Type", "Weight", *EDGE_COLUMNS))
    for a, b, data in graph.edges(data=True):
        edge_writer.writerow((a, b, "Undirected", data.get("weight", 1), *(data.get(c, "") for c in EDGE_COLUMNS)))
    return nodes.getvalue(), edges.getvalue()


def to_json(graph: nx.Graph) -> bytes:
    """Node-link JSON (``nodes`` and ``edges`` lists), as :func:`networkx.node_link_graph` reads it."""
    return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1).encode("utf-8")


def write(graph: nx.Graph, fmt: str, output: Path) -> list[Path]:
    """Write ``graph`` as ``fmt`` (one of :data:`FORMATS`) to ``output``; for ``csv`` ``output`` is a
    folder receiving ``nodes.csv`` and ``edges.csv``. Returns the files written."""
    output = Path(output)
    if fmt == "csv":
        output.mkdir(parents=True, exist_ok=True)
        nodes, edges = to_csv_tables(graph)
        (output / "nodes.csv").write_text(nodes, encoding="utf-8")
        (output / "edges.csv").write_text(edges, encoding="utf-8")
        return [output / "nodes.csv", output / "edges.csv"]
    writers = {"gexf": to_gexf, "graphml": to_graphml, "json": to_json}
    if fmt not in writers:
        raise ValueError(f"unknown network format {fmt!r}; expected one of {', '.join(FORMATS)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(writers[fmt](graph))
    return [output]
