"""What a picture shows: the largest component, cut to the top nodes by projects on a large graph."""

from __future__ import annotations

import networkx as nx
from lxml import etree

from api import network
from api.network.drawing import shown_nodes


def _graph() -> nx.Graph:
    graph = nx.Graph(projection="organisation", filters="none")
    for i in range(8):  # a star of 8 around hub 0, and a separate pair
        graph.add_node(i, label=f"Org {i}", kind="organisation", country="FR" if i % 2 else "BE", projects=8 - i)
    graph.add_edges_from((0, i) for i in range(1, 6))
    graph.add_node("x", label="Lone", kind="organisation", country="DE", projects=50)
    graph.add_node("y", label="Pair", kind="organisation", country="DE", projects=1)
    graph.add_edge("x", "y", weight=1)
    return graph


def test_largest_component_then_top_nodes():
    graph = _graph()
    assert shown_nodes(graph) == [0, 1, 2, 3, 4, 5]  # x has more projects but sits in a small component
    assert shown_nodes(graph, top=3) == [0, 1, 2]
    assert shown_nodes(nx.Graph()) == []


def test_labels_and_legend_in_the_svg():
    svg = etree.fromstring(network.draw(_graph(), "svg", top=4, labels=2))
    text = " ".join(svg.itertext())
    assert "Org 0" in text and "Org 1" in text and "Org 2" not in text and "Lone" not in text
    assert "BE (2)" in text and "FR (2)" in text and "4 of 10 organisations" in text
