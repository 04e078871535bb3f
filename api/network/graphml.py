"""GraphML with the same typed attributes as the GEXF export.

GraphML ids must be XML name tokens, which IRIs are not: an organisation's id is the id part of its
IRI (``medway-council``), a project's ``project:agir``, a country's its code; the IRI is kept in the
``iri`` attribute. The graph's own attributes (projection, filters, build, undated projects,
metrics) are ``<data>`` of the ``<graph>`` element. Spells are left out (GraphML has no time).

>>> b"<graphml" in to_graphml(nx.Graph(projection="organisation"))
True
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO

import networkx as nx

from api.network.projections import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from api.network.xmltext import graphml_attribute, graphml_text
from ontology.iris import local_part

__all__ = ["to_graphml", "write_graphml", "tokens"]

_NOT_NMTOKEN = re.compile(r"[^\w.:-]")
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def tokens(graph: nx.Graph) -> dict[object, str]:
    """A distinct XML name token per node of ``graph``."""
    ids: dict[object, str] = {}
    taken: set[str] = set()
    for node in graph.nodes:
        text = str(node)
        org, project = local_part(text, "organisation"), local_part(text, "project")
        token = org or (f"project:{project}" if project else None) or _NOT_NMTOKEN.sub("_", text) or "_"
        while token in taken:
            token += "_"
        ids[node] = token
        taken.add(token)
    return ids


_XML_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))


def _xml_type(value: object) -> str:
    return next((name for t, name in _XML_TYPES if type(value) is t), "string")


def _node_data(node: object, data: dict) -> list[tuple[str, object]]:
    """A node's ``(name, value)`` pairs in order: label, the typed attributes it has, its IRI."""
    pairs: list[tuple[str, object]] = [("label", str(data.get("label", node)))]
    pairs += [(k, t(data[k])) for k, (t, _) in NODE_ATTRIBUTES.items() if data.get(k) is not None]
    if str(node).startswith("http"):
        pairs.append(("iri", str(node)))
    return pairs


def _edge_data(data: dict) -> list[tuple[str, object]]:
    """An edge's ``(name, value)`` pairs in order: weight, then the typed attributes it has."""
    pairs: list[tuple[str, object]] = [("weight", float(data.get("weight", 1)))]
    pairs += [(k, t(data[k])) for k, (t, _) in EDGE_ATTRIBUTES.items() if data.get(k) is not None]
    return pairs


def _keys(graph: nx.Graph, graph_data: list[tuple[str, object]]) -> dict[tuple[str, str, str], str]:
    """The ``<key>`` ids by (name, type, scope), numbered ``d0, d1, ...`` in the order the graph's,
    the nodes' and the edges' data first use them (as networkx numbered them)."""
    keys: dict[tuple[str, str, str], str] = {}

    def see(pairs: list[tuple[str, object]], scope: str) -> None:
        for name, value in pairs:
            key = (name, _xml_type(value), scope)
            if key not in keys:
                keys[key] = f"d{len(keys)}"

    see(graph_data, "graph")
    for node, data in graph.nodes(data=True):
        see(_node_data(node, data), "node")
    for _, _, data in graph.edges(data=True):
        see(_edge_data(data), "edge")
    return keys


def _data_lines(pairs: list[tuple[str, object]], keys: dict, scope: str, indent: str) -> list[str]:
    out = []
    for name, value in pairs:
        key = keys[(name, _xml_type(value), scope)]
        text = graphml_text(str(value))
        out.append(f'{indent}<data key="{key}">{text}</data>' if text else f'{indent}<data key="{key}" />')
    return out


def write_graphml(graph: nx.Graph, stream: BinaryIO, *, batch: int = 2000) -> None:
    """Write ``graph`` as GraphML in UTF-8 with an XML declaration to ``stream``, node by node and
    edge by edge (``batch`` lines a write): typed scalar attributes only, ids as name tokens
    (:func:`tokens`) and the IRI as ``iri``. The bytes are those networkx's writer gave for the same
    graph (keys numbered in order of first use and listed last first, non-ASCII as references).

    :raises OSError: the stream cannot be written.
    """
    ids = tokens(graph)
    attrs = {k: v for k, v in graph.graph.items() if isinstance(v, str | int | float) and k != "name"}
    graph_id = attrs.pop("id", None)
    graph_data = [(k, v) for k, v in attrs.items() if k not in ("node_default", "edge_default")]
    keys = _keys(graph, graph_data)
    lines = [_XML_DECLARATION.rstrip("\n"),
             f'<graphml xmlns="{_GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             f'xsi:schemaLocation="{_GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for (name, xml_type, scope), key in reversed(keys.items()):
        lines.append(f'  <key id="{key}" for="{scope}" attr.name="{graphml_attribute(name)}" attr.type="{xml_type}" />')
    opening = '  <graph edgedefault="undirected"' + (f' id="{graphml_attribute(str(graph_id))}"' if graph_id is not None
                                                     else "")
    if not (graph.number_of_nodes() or graph.number_of_edges() or graph_data):
        lines.append(opening + " />")
    else:
        lines.append(opening + ">")

    def flush(force: bool = False) -> None:
        if force or len(lines) >= batch:
            stream.write(("\n".join(lines) + ("" if force else "\n")).encode("ascii"))
            lines.clear()

    for node, data in graph.nodes(data=True):
        lines.append(f'    <node id="{graphml_attribute(ids[node])}">')
        lines.extend(_data_lines(_node_data(node, data), keys, "node", "      "))
        lines.append("    </node>")
        flush()
    for a, b, data in graph.edges(data=True):
        lines.append(f'    <edge source="{graphml_attribute(ids[a])}" target="{graphml_attribute(ids[b])}">')
        lines.extend(_data_lines(_edge_data(data), keys, "edge", "      "))
        lines.append("    </edge>")
        flush()
    if graph.number_of_nodes() or graph.number_of_edges() or graph_data:
        lines.extend(_data_lines(graph_data, keys, "graph", "    "))
        lines.append("  </graph>")
    lines.append("</graphml>")
    flush(force=True)


def to_graphml(graph: nx.Graph) -> bytes:
    """``graph`` as GraphML in UTF-8 with an XML declaration (:func:`write_graphml` into memory)."""
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    return buffer.getvalue()
