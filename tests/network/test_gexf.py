"""GEXF details: typed attributes, viz colour and size, metadata (filters, build, undated projects,
metrics), and the dynamic export's spells checked against the projects' dates in SPARQL."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from lxml import etree

from api import network
from tests.network.conftest import sparql_rows

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"


def _doc(graph, dynamic=False):
    return etree.fromstring(network.to_gexf(graph, dynamic=dynamic))


def test_node_attributes_are_typed(seed):
    doc = _doc(network.network(seed, metrics=True))
    declared = {a.get("id"): a.get("type") for a in doc.find(f"{GEXF}graph/{GEXF}attributes[@class='node']")}
    assert declared == {"kind": "string", "country": "string", "city": "string", "projects": "long",
                        "leads": "long", "budget": "double", "degree": "long", "weighted_degree": "double",
                        "community": "long", "betweenness": "double"}
    edges = {a.get("id"): a.get("type") for a in doc.find(f"{GEXF}graph/{GEXF}attributes[@class='edge']")}
    assert edges == {"projects": "string", "first_year": "long", "last_year": "long"}


def test_colour_by_country_and_size_by_projects(seed):
    graph = network.network(seed)
    colours, sizes = {}, {}
    for node in _doc(graph).iter(f"{GEXF}node"):
        data = graph.nodes[node.get("id")]
        colour = node.find(f"{VIZ}color")
        rgb = tuple(int(colour.get(c)) for c in "rgb")
        assert colours.setdefault(data["country"], rgb) == rgb
        sizes.setdefault(data["projects"], set()).add(float(node.find(f"{VIZ}size").get("value")))
    assert len(set(colours.values())) == len(colours) >= 3  # FR, GB, unknown at least
    assert all(len(s) == 1 for s in sizes.values())
    ordered = [sizes[k].pop() for k in sorted(sizes)]
    assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered)


def test_metadata_says_filters_build_and_undated(seed):
    filters = network.Filters(country="FR", period="2007-2013")
    graph = network.network(seed, "organisation", filters, build="20261127T000000-1-000")
    doc = _doc(graph)
    meta = doc.find(f"{GEXF}meta")
    assert meta.find(f"{GEXF}creator").text.startswith("interreg-kg")
    text = meta.find(f"{GEXF}description").text
    assert "filters: period=2007-2013; country=FR" in text and "build: 20261127T000000-1-000" in text
    assert f"undated_projects: {graph.graph['undated_projects']}" in text and "projection: organisation" in text
    assert doc.find(f"{GEXF}graph").get("mode") == "static" and doc.find(f"{GEXF}graph").get("timeformat") is None


def test_betweenness_is_approximate_on_large_graphs_with_sample_and_seed_written():
    graph = nx.barabasi_albert_graph(60, 2, seed=1)
    nx.set_edge_attributes(graph, 1, "weight")
    network.add_metrics(graph, exact_limit=50, sample=20, seed=7)
    assert "betweenness approximate (sample of 20 of 60 nodes, seed 7)" in graph.graph["metrics"]
    assert "betweenness approximate (sample of 20 of 60 nodes, seed 7)" in _doc(graph).find(
        f"{GEXF}meta/{GEXF}description").text
    exact = nx.betweenness_centrality(graph)
    hub = max(exact, key=exact.get)
    assert graph.nodes[hub]["betweenness"] > 0 and "community" in graph.nodes[hub]
    small = network.add_metrics(nx.star_graph(4))
    assert "betweenness exact" in small.graph["metrics"] and small.nodes[0]["betweenness"] == 1.0
    assert small.nodes[0]["degree"] == 4 and small.nodes[0]["weighted_degree"] == 4.0


def _project_dates(store) -> dict[str, list[tuple]]:
    """Each organisation's (start, end) per project, from SPARQL (associated partners excluded)."""
    rows = sparql_rows(store, """SELECT DISTINCT ?o ?p ?s ?e WHERE {
        ?x a irg:Participation ; irg:organisation ?o ; irg:project ?p ; irg:role ?r FILTER(?r != role:associated)
        OPTIONAL { ?p schema:startDate ?s } OPTIONAL { ?p schema:endDate ?e } }""")
    out: dict[str, list[tuple]] = {}
    for r in rows:
        out.setdefault(r["o"], []).append((r["s"], r["e"]))
    return out


@pytest.mark.parametrize("which", ["store", "seed"])
def test_dynamic_spells_match_the_projects_dates(request, which):
    store = request.getfixturevalue(which)
    doc = _doc(network.network(store), dynamic=True)
    graph_element = doc.find(f"{GEXF}graph")
    assert graph_element.get("mode") == "dynamic" and graph_element.get("timeformat") == "date"
    dates = _project_dates(store)
    checked = 0
    for node in doc.iter(f"{GEXF}node"):
        spells = [(s.get("start"), s.get("end")) for s in node.iter(f"{GEXF}spell")]
        projects = [d for d in dates[node.get("id")] if d != (None, None)]
        assert bool(spells) == bool(projects)
        for s, e in spells:  # ISO dates, each spell bounded by a project's start and a project's end
            assert s is None or (dt.date.fromisoformat(s) and s in {p[0] for p in projects})
            assert e is None or (dt.date.fromisoformat(e) and e in {p[1] for p in projects})
        for start, end in projects:  # every project lies inside one spell
            assert any((s is None or (start is not None and s <= start)) and (e is None or (end is not None and end <= e))
                       for s, e in spells)
        checked += len(projects)
    assert checked > 0


def test_projects_without_dates_are_counted_not_spelled(store):
    graph = network.network(store)
    assert graph.graph["undated_projects"] == 0  # all three fixture projects have dates
    assert all(d["spells"] for _, d in graph.nodes(data=True))
