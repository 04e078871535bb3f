"""GEXF 1.3, written directly (not with networkx's writer, whose 1.3 output has a wrong XML Schema
instance namespace, a ``name`` on ``<graph>`` and ``timeformat="long"``; see ``validate.py``).

Typed ``<attributes>`` for nodes and edges (titled with their names, as the CSV and GraphML columns
are, so the same column has the same name in every tool); ``viz:color`` by country, ``viz:size`` by number of
projects (``viz:shape`` square for project nodes); with ``dynamic=True`` the graph is
``mode="dynamic" timeformat="date"`` and every node and edge gets ``<spells>`` from its projects'
dates (none when they are undated). ``<meta>`` holds the creator, the build and, in its
description, the filters, the projection, the undated projects and how the metrics were computed.

>>> b"<gexf" in to_gexf(nx.Graph(projection="organisation"))
True
"""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx
from lxml import etree

from api.network.projections import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from api.network.style import node_colour, size

__all__ = ["to_gexf", "GEXF_NS", "VIZ_NS", "describe"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_TYPES = {str: "string", int: "long", float: "double"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_META_KEYS = ("projection", "filters", "build", "projects", "undated_projects", "partly_dated_projects", "metrics")


def describe(graph: nx.Graph, dynamic: bool = False) -> str:
    """The metadata line of an export: ``key: value`` pairs of the graph's own attributes."""
    parts = [f"{key}: {graph.graph[key]}" for key in _META_KEYS if key in graph.graph]
    if dynamic:
        parts.append("spells: from the projects' dates; undated projects have none")
    return " | ".join(["Interreg partner network", *parts])


def _text(value: object) -> str:
    return _CONTROL.sub(" ", str(value))


def _declare(parent: etree._Element, cls: str, table: dict, present: set[str]) -> list[str]:
    names = [name for name in table if name in present]
    attributes = etree.SubElement(parent, f"{{{GEXF_NS}}}attributes", {"class": cls})
    for name in names:
        etree.SubElement(attributes, f"{{{GEXF_NS}}}attribute",
                         {"id": name, "title": name, "type": _TYPES[table[name][0]]})
    return names


def _values(element: etree._Element, data: dict, names: list[str], table: dict) -> None:
    values = etree.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for name in names:
        if data.get(name) is not None:
            value = table[name][0](data[name])
            etree.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": _text(value)})


def _spells(element: etree._Element, spells) -> None:
    if not spells:
        return
    holder = etree.SubElement(element, f"{{{GEXF_NS}}}spells")
    for start, end in spells:
        attrs = {k: v for k, v in (("start", start), ("end", end)) if v is not None}
        etree.SubElement(holder, f"{{{GEXF_NS}}}spell", attrs)


def to_gexf(graph: nx.Graph, *, dynamic: bool = False) -> bytes:
    """``graph`` as GEXF 1.3 (static, or dynamic with spells) in UTF-8 with an XML declaration."""
    root = etree.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3",
                         f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"},
                         nsmap={None: GEXF_NS, "viz": VIZ_NS, "xsi": XSI_NS})
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta", {"lastmodifieddate": dt.date.today().isoformat()})
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = _text(graph.graph.get("generator", "interreg-kg"))
    etree.SubElement(meta, f"{{{GEXF_NS}}}keywords").text = "Interreg, partners, co-participation, " + \
        _text(graph.graph.get("projection", "organisation"))
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = _text(describe(graph, dynamic))
    g_attrs = {"defaultedgetype": "undirected", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        g_attrs["timeformat"] = "date"
    g = etree.SubElement(root, f"{{{GEXF_NS}}}graph", g_attrs)
    node_keys = {k for _, d in graph.nodes(data=True) for k in d}
    edge_keys = {k for _, _, d in graph.edges(data=True) for k in d}
    node_names = _declare(g, "node", NODE_ATTRIBUTES, node_keys)
    edge_names = _declare(g, "edge", EDGE_ATTRIBUTES, edge_keys)
    nodes = etree.SubElement(g, f"{{{GEXF_NS}}}nodes", {"count": str(graph.number_of_nodes())})
    for node, data in graph.nodes(data=True):
        element = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": _text(node),
                                                                  "label": _text(data.get("label", node))})
        _values(element, data, node_names, NODE_ATTRIBUTES)
        if dynamic:
            _spells(element, data.get("spells"))
        r, gr, b = node_colour(data)
        etree.SubElement(element, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(gr), "b": str(b), "a": "1.0"})
        etree.SubElement(element, f"{{{VIZ_NS}}}size", {"value": f"{size(data):.1f}"})
        etree.SubElement(element, f"{{{VIZ_NS}}}shape",
                         {"value": "square" if data.get("kind") == "project" else "disc"})
    edges = etree.SubElement(g, f"{{{GEXF_NS}}}edges", {"count": str(graph.number_of_edges())})
    for number, (a, b, data) in enumerate(graph.edges(data=True)):
        element = etree.SubElement(edges, f"{{{GEXF_NS}}}edge", {
            "id": str(number), "source": _text(a), "target": _text(b),
            "weight": f"{float(data.get('weight', 1)):g}"})
        _values(element, data, edge_names, EDGE_ATTRIBUTES)
        if dynamic:
            _spells(element, data.get("spells"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
