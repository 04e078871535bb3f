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


_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
# a node's data in order: label, the typed attributes it has, its IRI (when it is one); an edge's:
# weight, then the typed attributes it has
_NODE_FIELDS = (("label", str), *((k, t) for k, (t, _) in NODE_ATTRIBUTES.items()), ("iri", str))
_EDGE_FIELDS = (("weight", float), *((k, t) for k, (t, _) in EDGE_ATTRIBUTES.items()))


def _node_values(node: object, data: dict) -> list[object]:
    """A node's data value per field of :data:`_NODE_FIELDS` (None where it has none)."""
    text = str(node)
    return [str(data.get("label", node)), *(t(v) if (v := data.get(k)) is not None else None
                                            for k, t in _NODE_FIELDS[1:-1]), text if text.startswith("http") else None]


def _edge_values(data: dict) -> list[object]:
    """An edge's data value per field of :data:`_EDGE_FIELDS` (None where it has none)."""
    return [float(data.get("weight", 1)), *(t(v) if (v := data.get(k)) is not None else None
                                            for k, t in _EDGE_FIELDS[1:])]


def _keys(graph: nx.Graph, graph_data: list[tuple[str, object]]) -> dict[tuple[str, str, str], str]:
    """The ``<key>`` ids by (name, type, scope), numbered ``d0, d1, ...`` in the order the graph's,
    the nodes' and the edges' data first use them (as networkx numbered them)."""
    keys: dict[tuple[str, str, str], str] = {}
    for name, value in graph_data:
        keys.setdefault((name, _XML_TYPES.get(type(value), "string"), "graph"), f"d{len(keys)}")

    def has(name: str, element: object, data: dict) -> bool:  # the element has this field's data
        if name == "label":
            return True
        if name == "iri":
            return str(element).startswith("http")
        return data.get(name) is not None

    for scope, fields, elements in (("node", _NODE_FIELDS, graph.nodes(data=True)),
                                    ("edge", _EDGE_FIELDS, ((None, d) for _, _, d in graph.edges(data=True)))):
        unseen = [(name, t) for name, t in fields if not (scope == "edge" and name == "weight")]
        if scope == "edge" and graph.number_of_edges():
            keys[("weight", "double", "edge")] = f"d{len(keys)}"
        for element, data in elements:
            new = [(name, t) for name, t in unseen if has(name, element, data)]
            if new:
                for name, t in new:
                    keys[(name, _XML_TYPES[t], scope)] = f"d{len(keys)}"
                unseen = [field for field in unseen if field not in new]
                if not unseen:
                    break
    return keys


def _data_lines(out: list[str], values: list, ids: list[str | None], indent: str,
                texts: dict[str, str] | None = None) -> None:
    """The ``<data>`` lines of ``values`` under the key ``ids``; ``texts`` remembers the escaped text
    of the strings already written (kinds, countries, cities and acronyms repeat thousands of times)."""
    for key, value in zip(ids, values, strict=True):
        if value is None:
            continue
        if type(value) is str:
            text = texts.get(value) if texts is not None else None
            if text is None:
                text = graphml_text(value)
                if texts is not None:
                    texts[value] = text
        else:
            text = str(value)
        out.append(f'{indent}<data key="{key}">{text}</data>' if text else f'{indent}<data key="{key}" />')


def write_graphml(graph: nx.Graph, stream: BinaryIO, *, batch: int = 2000) -> None:
    """Write ``graph`` as GraphML in UTF-8 with an XML declaration to ``stream``, node by node and
    edge by edge (``batch`` lines a write): typed scalar attributes only, ids as name tokens
    (:func:`tokens`) and the IRI as ``iri``. The bytes are those networkx's writer gave for the same
    graph (keys numbered in order of first use and listed last first, non-ASCII as references).

    :raises OSError: the stream cannot be written.
    """
    ids = tokens(graph)
    escaped_ids = {node: graphml_attribute(token) for node, token in ids.items()}
    texts: dict[str, str] = {}
    attrs = {k: v for k, v in graph.graph.items() if isinstance(v, str | int | float) and k != "name"}
    graph_id = attrs.pop("id", None)
    graph_data = [(k, v) for k, v in attrs.items() if k not in ("node_default", "edge_default")]
    keys = _keys(graph, graph_data)
    node_ids = [keys.get((name, _XML_TYPES[t], "node")) for name, t in _NODE_FIELDS]
    edge_ids = [keys.get((name, _XML_TYPES[t], "edge")) for name, t in _EDGE_FIELDS]
    lines = [_XML_DECLARATION.rstrip("\n"),
             f'<graphml xmlns="{_GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             f'xsi:schemaLocation="{_GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for (name, xml_type, scope), key in reversed(keys.items()):
        lines.append(f'  <key id="{key}" for="{scope}" attr.name="{graphml_attribute(name)}" attr.type="{xml_type}" />')
    opening = '  <graph edgedefault="undirected"' + (f' id="{graphml_attribute(str(graph_id))}"' if graph_id is not None
                                                     else "")
    filled = bool(graph.number_of_nodes() or graph.number_of_edges() or graph_data)
    lines.append(opening + (">" if filled else " />"))

    def flush(force: bool = False) -> None:
        if force or len(lines) >= batch:
            stream.write(("\n".join(lines) + ("" if force else "\n")).encode("ascii"))
            lines.clear()

    for node, data in graph.nodes(data=True):
        lines.append(f'    <node id="{escaped_ids[node]}">')
        _data_lines(lines, _node_values(node, data), node_ids, "      ", texts)
        lines.append("    </node>")
        flush()
    for a, b, data in graph.edges(data=True):
        lines.append(f'    <edge source="{escaped_ids[a]}" target="{escaped_ids[b]}">')
        _data_lines(lines, _edge_values(data), edge_ids, "      ", texts)
        lines.append("    </edge>")
        flush()
    if filled:
        _data_lines(lines, [v for _, v in graph_data],
                    [keys[(k, _XML_TYPES.get(type(v), "string"), "graph")] for k, v in graph_data], "    ")
        lines.append("  </graph>")
    lines.append("</graphml>")
    flush(force=True)


def to_graphml(graph: nx.Graph) -> bytes:
    """``graph`` as GraphML in UTF-8 with an XML declaration (:func:`write_graphml` into memory)."""
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    return buffer.getvalue()
