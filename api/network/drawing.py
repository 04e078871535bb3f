"""PNG and SVG pictures of a network: a readable view, not an analysis (that is Gephi's job).

What is drawn: the largest connected component, cut to its ``top`` nodes with the most projects
(then degree) when it is larger; laid out with a seeded force-directed layout (the same picture for
the same graph). Nodes are coloured by country and sized by number of projects, the ``labels``
largest are labelled, and a legend names the colours. Matplotlib's object API is used (no pyplot
state), so drawings can be made from several threads.

>>> draw(nx.Graph(projection="organisation"), "svg")[:5]
b'<?xml'
"""

from __future__ import annotations

import io
from collections import Counter

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from api.network.errors import UnknownFormatError
from api.network.style import PROJECT_COLOUR, node_colour

__all__ = ["draw", "shown_nodes", "TOP", "LABELS"]

TOP = 150
LABELS = 15
_LEGEND = 12


def shown_nodes(graph: nx.Graph, top: int = TOP) -> list:
    """The nodes a drawing shows: the largest component, its ``top`` nodes when larger."""
    if graph.number_of_nodes() == 0:
        return []
    component = max(nx.connected_components(graph), key=lambda c: (len(c), sorted(map(str, c))))
    ranked = sorted(component, key=lambda n: (-graph.nodes[n].get("projects", 0), -graph.degree(n), str(n)))
    return ranked[:top]


def _rgb(data: dict) -> tuple[float, float, float]:
    return tuple(c / 255 for c in node_colour(data))


def draw(graph: nx.Graph, fmt: str = "png", *, top: int = TOP, labels: int = LABELS) -> bytes:
    """The picture of ``graph`` as ``png`` or ``svg`` bytes.

    :raises UnknownFormatError: another format.
    """
    if fmt not in ("png", "svg"):
        raise UnknownFormatError(f"cannot draw as {fmt!r}; expected png or svg")
    nodes = shown_nodes(graph, top)
    sub = graph.subgraph(nodes)
    figure = Figure(figsize=(12, 9), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.01, 0.01, 0.98, 0.93))
    axes.set_axis_off()
    projection = graph.graph.get("projection", "organisation")
    what = {"organisation": "organisations", "bipartite": "nodes", "country": "countries"}.get(projection, "nodes")
    title = f"Interreg partner network ({projection}): largest component, {len(nodes)} of {graph.number_of_nodes()} {what}"
    if graph.graph.get("filters", "none") != "none":
        title += f"\nfilters: {graph.graph['filters']}"
    figure.suptitle(title, fontsize=11)
    if not nodes:
        axes.text(0.5, 0.5, "no organisation matches", ha="center", va="center", fontsize=14)
    else:
        pos = nx.spring_layout(sub, seed=7, weight="weight", k=1.6 / max(len(nodes), 1) ** 0.5, iterations=200)
        most = max(float(sub.nodes[n].get("projects", 0)) for n in nodes) or 1.0
        widths = [0.4 + 0.6 * min(d.get("weight", 1), 6) for _, _, d in sub.edges(data=True)]
        nx.draw_networkx_edges(sub, pos, ax=axes, width=widths, alpha=0.35, edge_color="#777777")
        nx.draw_networkx_nodes(sub, pos, ax=axes, node_color=[_rgb(sub.nodes[n]) for n in nodes],
                               node_size=[_area(sub.nodes[n], most) for n in nodes], linewidths=0.8,
                               edgecolors="white", nodelist=nodes)
        named = {n: _short(sub.nodes[n].get("label", str(n))) for n in nodes[:labels]}
        lifted = {n: (pos[n][0], pos[n][1] + 0.03) for n in named}
        nx.draw_networkx_labels(sub, lifted, labels=named, ax=axes, font_size=8, verticalalignment="bottom",
                                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6})
        axes.margins(0.08)
        _legend(axes, sub, nodes)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "interreg-kg", "svg.fonttype": "none"}):
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else {"Software": None})
    return buffer.getvalue()


def _area(data: dict, most: float) -> float:
    """Marker area: by the square root of the share of the most projects shown, so hubs stay readable."""
    return 20.0 + 380.0 * (float(data.get("projects", 0)) / most) ** 0.5


def _short(label: str, width: int = 32) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _legend(axes, sub: nx.Graph, nodes: list) -> None:
    counts = Counter(sub.nodes[n].get("country") or "unknown" for n in nodes if sub.nodes[n].get("kind") != "project")
    handles = []
    for code, count in counts.most_common(_LEGEND):
        rgb = _rgb({"country": "" if code == "unknown" else code})
        handles.append(Line2D([], [], marker="o", ls="", color=rgb, markersize=8, label=f"{code} ({count})"))
    others = sum(counts.values()) - sum(c for _, c in counts.most_common(_LEGEND))
    if others:
        handles.append(Line2D([], [], ls="", label=f"other countries ({others})"))
    if any(sub.nodes[n].get("kind") == "project" for n in nodes):
        handles.append(Line2D([], [], marker="o", ls="", color=tuple(c / 255 for c in PROJECT_COLOUR),
                              markersize=8, label="project"))
    axes.legend(handles=handles, title="country (nodes shown)", loc="lower left", fontsize=8, frameon=True)
