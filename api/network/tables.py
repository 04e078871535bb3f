"""Gephi's spreadsheet import: ``nodes.csv`` (``Id,Label,...``) and ``edges.csv``
(``Source,Target,Type,Weight,...``), ids the same as in the GEXF export.

>>> g = nx.Graph(); g.add_node("a", label="A", projects=2); g.add_edge("a", "b", weight=3)
>>> nodes, edges = to_csv_tables(g)
>>> nodes.splitlines()[:2], edges.splitlines()[1]
(['Id,Label,projects', 'a,A,2'], 'a,b,Undirected,3')
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from api.network.projections import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

__all__ = ["to_csv_tables", "NODE_HEADER", "EDGE_HEADER"]

NODE_HEADER = ("Id", "Label")
EDGE_HEADER = ("Source", "Target", "Type", "Weight")


def to_csv_tables(graph: nx.Graph) -> tuple[str, str]:
    """``(nodes_csv, edges_csv)``: Gephi's headers first, then the attributes the graph has (a
    missing value is an empty cell)."""
    node_keys: set = set()
    edge_keys: set = set()
    for _, data in graph.nodes(data=True):
        node_keys.update(data)
    for _, _, data in graph.edges(data=True):
        edge_keys.update(data)
    node_columns = [k for k in NODE_ATTRIBUTES if k in node_keys]
    edge_columns = [k for k in EDGE_ATTRIBUTES if k in edge_keys]
    nodes, edges = io.StringIO(), io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")  # it writes None as an empty cell
    writer.writerow((*NODE_HEADER, *node_columns))
    writer.writerows((node, data.get("label", node), *map(data.get, node_columns))
                     for node, data in graph.nodes(data=True))
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow((*EDGE_HEADER, *edge_columns))
    writer.writerows((a, b, "Undirected", data.get("weight", 1), *map(data.get, edge_columns))
                     for a, b, data in graph.edges(data=True))
    return nodes.getvalue(), edges.getvalue()
