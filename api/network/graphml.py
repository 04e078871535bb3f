"""GraphML with the same typed attributes as the GEXF export.

GraphML ids must be XML name tokens, which IRIs are not: an organisation's id is the id part of its
IRI (``medway-council``), a project's ``project:agir``, a country's its code; the IRI is kept in the
``iri`` attribute. The graph's own attributes (projection, filters, build, undated projects,
metrics) are ``<data>`` of the ``<graph>`` element. Spells are left out (GraphML has no time).

>>> b"<graphml" in to_graphml(nx.Graph(projection="organisation"))
True
"""

from __future__ import annotations

import re

import networkx as nx

from api.network.projections import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from ontology.iris import local_part

__all__ = ["to_graphml", "tokens"]

_NOT_NMTOKEN = re.compile(r"[^\w.:-]")
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


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


def _plain(graph: nx.Graph) -> nx.Graph:
    """A copy with typed scalar attributes only, ids as name tokens and the IRI as ``iri``."""
    ids = tokens(graph)
    out = nx.Graph()
    out.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, str | int | float) and k != "name"})
    for node, data in graph.nodes(data=True):
        attrs = {"label": str(data.get("label", node))}
        attrs.update({k: t(data[k]) for k, (t, _) in NODE_ATTRIBUTES.items() if data.get(k) is not None})
        if str(node).startswith("http"):
            attrs["iri"] = str(node)
        out.add_node(ids[node], **attrs)
    for a, b, data in graph.edges(data=True):
        attrs = {"weight": float(data.get("weight", 1))}
        attrs.update({k: t(data[k]) for k, (t, _) in EDGE_ATTRIBUTES.items() if data.get(k) is not None})
        out.add_edge(ids[a], ids[b], **attrs)
    return out


def to_graphml(graph: nx.Graph) -> bytes:
    """``graph`` as GraphML in UTF-8 with an XML declaration."""
    return (_XML_DECLARATION + "\n".join(nx.generate_graphml(_plain(graph)))).encode("utf-8")
