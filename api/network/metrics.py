"""Network statistics written into the exports with ``--metrics``.

``degree``, ``weighted_degree`` (sum of edge weights), ``community`` (Louvain modularity
communities, numbered by size, largest 0) and ``betweenness`` (normalised; exact up to
:data:`EXACT_LIMIT` nodes, above that estimated from a sample of :data:`SAMPLE` nodes drawn with a
fixed seed). How they were computed goes into the graph's ``metrics`` attribute, which the writers
put in the file's metadata. Gephi computes further statistics itself.

>>> g = add_metrics(nx.path_graph(3))
>>> [g.nodes[n]["degree"] for n in g], g.nodes[1]["betweenness"], g.graph["metrics"].split(";")[0]
([1, 2, 1], 1.0, 'degree')
"""

from __future__ import annotations

import networkx as nx

__all__ = ["add_metrics", "EXACT_LIMIT", "SAMPLE", "SEED"]

EXACT_LIMIT = 500
SAMPLE = 200
SEED = 42


def add_metrics(graph: nx.Graph, *, seed: int = SEED, exact_limit: int = EXACT_LIMIT, sample: int = SAMPLE) -> nx.Graph:
    """Add the four metrics to every node of ``graph`` (in place) and describe them in
    ``graph.graph["metrics"]``; returns ``graph``."""
    for node in graph.nodes:
        graph.nodes[node]["degree"] = int(graph.degree(node))
        graph.nodes[node]["weighted_degree"] = float(graph.degree(node, weight="weight"))
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed) if graph.number_of_edges() else \
        [{n} for n in graph.nodes]
    ordered = sorted(communities, key=lambda c: (-len(c), sorted(map(str, c))))
    for number, members in enumerate(ordered):
        for node in members:
            graph.nodes[node]["community"] = number
    n = graph.number_of_nodes()
    if n > exact_limit:
        k = min(sample, n)
        scores = nx.betweenness_centrality(graph, k=k, normalized=True, seed=seed)
        how = f"betweenness approximate (sample of {k} of {n} nodes, seed {seed})"
    else:
        scores = nx.betweenness_centrality(graph, normalized=True)
        how = "betweenness exact"
    for node, score in scores.items():
        graph.nodes[node]["betweenness"] = round(float(score), 6)
    graph.graph["metrics"] = (f"degree; weighted degree (sum of weights); community: Louvain modularity "
                              f"(weight, seed {seed}), {len(ordered)} communities; {how}")
    return graph
