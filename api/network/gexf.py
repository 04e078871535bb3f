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
import io
import re
from typing import BinaryIO

import networkx as nx

from api.network.projections import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from api.network.style import node_colour, size
from api.network.xmltext import gexf_attribute as _attr
from api.network.xmltext import gexf_text as _escape_text

__all__ = ["to_gexf", "write_gexf", "GEXF_NS", "VIZ_NS", "describe"]

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
    text = str(value)
    return text if text.isprintable() else _CONTROL.sub(" ", text)


def _declare(lines: list[str], cls: str, table: dict, present: set[str]) -> list[str]:
    names = [name for name in table if name in present]
    if not names:
        lines.append(f'    <attributes class="{cls}"/>\n')
        return names
    lines.append(f'    <attributes class="{cls}">\n')
    for name in names:
        lines.append(f'      <attribute id="{_attr(name)}" title="{_attr(name)}" type="{_TYPES[table[name][0]]}"/>\n')
    lines.append("    </attributes>\n")
    return names


def _values(out: list[str], data: dict, names: list[str], table: dict, indent: str) -> None:
    values = []
    for name in names:
        value = data.get(name)
        if value is not None:
            kind = table[name][0]
            text = _attr(_text(value if kind is str and type(value) is str else kind(value))) if kind is str \
                else str(kind(value))  # a number's text needs no escaping
            values.append(f'{indent}  <attvalue for="{name}" value="{text}"/>\n')
    if values:
        out.append(f"{indent}<attvalues>\n")
        out.extend(values)
        out.append(f"{indent}</attvalues>\n")
    else:
        out.append(f"{indent}<attvalues/>\n")


def _spells(out: list[str], spells, indent: str) -> None:
    if not spells:
        return
    out.append(f"{indent}<spells>\n")
    for start, end in spells:
        attrs = "".join(f' {k}="{_attr(_text(v))}"' for k, v in (("start", start), ("end", end)) if v is not None)
        out.append(f"{indent}  <spell{attrs}/>\n")
    out.append(f"{indent}</spells>\n")


def _element(tag: str, text: str) -> str:
    return f"    <{tag}>{_escape_text(text)}</{tag}>\n"


def write_gexf(graph: nx.Graph, stream: BinaryIO, *, dynamic: bool = False, batch: int = 2000) -> None:
    """Write ``graph`` as GEXF 1.3 (static, or dynamic with spells) in UTF-8 with an XML declaration
    to ``stream``, node by node and edge by edge (``batch`` elements a write): the document is never
    held whole. The bytes are those lxml wrote from a tree of the same elements (pretty-printed).

    :raises OSError: the stream cannot be written.
    """
    lines = [
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" xmlns:xsi="{XSI_NS}" version="1.3" '
        f'xsi:schemaLocation="{GEXF_NS} http://gexf.net/1.3/gexf.xsd">\n',
        f'  <meta lastmodifieddate="{dt.date.today().isoformat()}">\n',
        _element("creator", _text(graph.graph.get("generator", "interreg-kg"))),
        _element("keywords", "Interreg, partners, co-participation, " + _text(graph.graph.get("projection",
                                                                                             "organisation"))),
        _element("description", _text(describe(graph, dynamic))),
        "  </meta>\n",
        '  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">\n' if dynamic else
        '  <graph defaultedgetype="undirected" mode="static">\n',
    ]
    node_keys = {k for _, d in graph.nodes(data=True) for k in d}
    edge_keys = {k for _, _, d in graph.edges(data=True) for k in d}
    node_names = _declare(lines, "node", NODE_ATTRIBUTES, node_keys)
    edge_names = _declare(lines, "edge", EDGE_ATTRIBUTES, edge_keys)

    def flush(force: bool = False) -> None:
        if force or len(lines) >= batch:
            stream.write("".join(lines).encode("utf-8"))
            lines.clear()

    ids = {node: _attr(_text(node)) for node in graph}  # each node's id as an attribute, escaped once
    if graph.number_of_nodes():
        lines.append(f'    <nodes count="{graph.number_of_nodes()}">\n')
        for node, data in graph.nodes(data=True):
            lines.append(f'      <node id="{ids[node]}" label="{_attr(_text(data.get("label", node)))}">\n')
            _values(lines, data, node_names, NODE_ATTRIBUTES, "        ")
            if dynamic:
                _spells(lines, data.get("spells"), "        ")
            r, gr, b = node_colour(data)
            shape = "square" if data.get("kind") == "project" else "disc"
            lines.append(f'        <viz:color r="{r}" g="{gr}" b="{b}" a="1.0"/>\n'
                         f'        <viz:size value="{size(data):.1f}"/>\n'
                         f'        <viz:shape value="{shape}"/>\n      </node>\n')
            flush()
        lines.append("    </nodes>\n")
    else:
        lines.append('    <nodes count="0"/>\n')
    if graph.number_of_edges():
        lines.append(f'    <edges count="{graph.number_of_edges()}">\n')
        for number, (a, b, data) in enumerate(graph.edges(data=True)):
            lines.append(f'      <edge id="{number}" source="{ids[a]}" target="{ids[b]}" '
                         f'weight="{float(data.get("weight", 1)):g}">\n')
            _values(lines, data, edge_names, EDGE_ATTRIBUTES, "        ")
            if dynamic:
                _spells(lines, data.get("spells"), "        ")
            lines.append("      </edge>\n")
            flush()
        lines.append("    </edges>\n")
    else:
        lines.append('    <edges count="0"/>\n')
    lines.append("  </graph>\n</gexf>\n")
    flush(force=True)


def to_gexf(graph: nx.Graph, *, dynamic: bool = False) -> bytes:
    """``graph`` as GEXF 1.3 (static, or dynamic with spells) in UTF-8 with an XML declaration
    (:func:`write_gexf` into memory)."""
    buffer = io.BytesIO()
    write_gexf(graph, buffer, dynamic=dynamic)
    return buffer.getvalue()
