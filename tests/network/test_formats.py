"""Every format of every projection reads back with the graph's node and edge counts (which
test_counts.py ties to SPARQL): GEXF with networkx, GraphML with networkx and igraph, CSV with
networkx and igraph, JSON node-link with networkx; pictures are real PNG and SVG files."""

from __future__ import annotations

import csv
import json
import re

import igraph
import networkx as nx
import pytest
from lxml import etree

from api import network
from tests.network.conftest import sparql_count

MEDWAY = "https://w3id.org/interreg-kg/id/organisation/medway-council"
KENT = "https://w3id.org/interreg-kg/id/organisation/kent-county-council"
PERSONAL = ("Fawad", "Bhatti", "Solene", "Ferreira", "mailto:", "tel:", "pauline.durieu", "334320", "contact")


@pytest.fixture(scope="module", params=network.PROJECTIONS)
def graph(request, seed) -> nx.Graph:
    return network.network(seed, request.param, metrics=True, build="test-build")


def _counts(g) -> tuple[int, int]:
    return g.number_of_nodes(), g.number_of_edges()


def test_gexf_reads_back_with_networkx(tmp_path, graph):
    for dynamic in (False, True):
        path = network.write(graph, "gexf", tmp_path / "n.gexf", dynamic=dynamic)[0]
        back = nx.read_gexf(path, version="1.3")
        assert _counts(back) == _counts(graph)
        some = next(iter(graph.nodes))
        assert back.nodes[some]["label"] == graph.nodes[some]["label"]
        assert back.nodes[some]["projects"] == graph.nodes[some]["projects"]


def test_graphml_reads_back_with_networkx_and_igraph(tmp_path, graph):
    path = network.write(graph, "graphml", tmp_path / "n.graphml")[0]
    back = nx.read_graphml(path)
    assert _counts(back) == _counts(graph)
    assert all(re.fullmatch(r"[\w.:-]+", node) for node in back.nodes)  # GraphML ids are name tokens
    assert back.graph["projection"] == graph.graph["projection"] and back.graph["build"] == "test-build"
    other = igraph.Graph.Read_GraphML(str(path))
    assert (other.vcount(), other.ecount()) == _counts(graph)
    assert sorted(other.vs["label"]) == sorted(d["label"] for _, d in graph.nodes(data=True))
    assert sorted(other.vs["projects"]) == sorted(d["projects"] for _, d in graph.nodes(data=True))


def _tables(tmp_path, graph) -> tuple[list[dict], list[dict]]:
    written = network.write(graph, "csv", tmp_path / "tables")
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    with open(written[0], encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(written[1], encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    return nodes, edges


def test_csv_reads_back_with_networkx_and_igraph(tmp_path, graph):
    nodes, edges = _tables(tmp_path, graph)
    back = nx.Graph()
    back.add_nodes_from(row["Id"] for row in nodes)
    back.add_weighted_edges_from((row["Source"], row["Target"], float(row["Weight"])) for row in edges)
    assert _counts(back) == _counts(graph)
    other = igraph.Graph.DictList(vertices=nodes, edges=edges, directed=False, vertex_name_attr="Id",
                                  edge_foreign_keys=("Source", "Target"))
    assert (other.vcount(), other.ecount()) == _counts(graph)
    assert sum(float(w) for w in other.es["Weight"]) == sum(d["weight"] for _, _, d in graph.edges(data=True))


def test_csv_headers_are_gephis(tmp_path, graph):
    written = network.write(graph, "csv", tmp_path / "tables")
    node_header = written[0].read_text(encoding="utf-8").splitlines()[0].split(",")
    edge_header = written[1].read_text(encoding="utf-8").splitlines()[0].split(",")
    assert node_header[:2] == ["Id", "Label"] and edge_header[:4] == ["Source", "Target", "Type", "Weight"]
    assert {"kind", "country", "projects", "leads", "budget", "degree", "community", "betweenness"} <= set(node_header)
    assert {row.split(",")[2] for row in written[1].read_text(encoding="utf-8").splitlines()[1:]} <= {"Undirected"}


def test_json_is_node_link(tmp_path, graph):
    path = network.write(graph, "json", tmp_path / "n.json")[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert _counts(back) == _counts(graph) and data["graph"]["projection"] == graph.graph["projection"]


def test_pictures_are_png_and_svg(tmp_path, graph):
    png = network.write(graph, "png", tmp_path / "n.png")[0].read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    svg = etree.fromstring(network.write(graph, "svg", tmp_path / "n.svg")[0].read_bytes())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    text = " ".join(svg.itertext())
    biggest = max(graph.nodes, key=lambda n: (graph.nodes[n]["projects"], graph.degree(n)))
    assert graph.nodes[biggest]["label"][:20] in text  # the largest node is labelled
    assert "country (nodes shown)" in text            # and there is a legend


@pytest.mark.parametrize("fmt", network.FORMATS)
@pytest.mark.parametrize("projection", network.PROJECTIONS)
def test_no_personal_data_in_any_export(tmp_path, store, fmt, projection):
    wide = network.network(store, projection, network.Filters(include_associated=True), metrics=True)
    for path in network.write(wide, fmt, tmp_path / f"x.{fmt}", dynamic=True):
        text = path.read_bytes().decode("utf-8", errors="replace")
        for needle in PERSONAL:
            assert needle not in text


def test_an_unknown_format_or_projection_is_refused(tmp_path, store):
    graph = network.network(store)
    with pytest.raises(network.UnknownFormatError, match="unknown network format"):
        network.write(graph, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="unknown projection"):
        network.network(store, "city")


def test_organisation_node_and_edge_attributes(store):
    graph = network.network(store)
    medway = graph.nodes[MEDWAY]
    assert medway == {"label": "Medway Council", "kind": "organisation", "country": "GB", "city": "Gillingham",
                      "projects": 2, "leads": 2, "budget": 1500000.0,
                      "spells": (("2007-10-01", "2008-06-30"), ("2011-04-01", "2015-03-31"))}
    assert graph.edges[MEDWAY, KENT] == {"weight": 1, "projects": "AGIR", "first_year": 2011, "last_year": 2015,
                                         "spells": (("2011-04-01", "2015-03-31"),)}
    wide = network.network(store, filters=network.Filters(include_associated=True))
    assert wide.edges[MEDWAY, KENT]["weight"] == 2 and wide.edges[MEDWAY, KENT]["projects"] == "AGIR|CONMIIXT"
    assert wide.edges[MEDWAY, KENT]["first_year"] == 2007


def test_bipartite_edges_carry_the_role(store):
    graph = network.network(store, "bipartite")
    agir = "https://w3id.org/interreg-kg/id/project/agir"
    assert graph.edges[MEDWAY, agir]["role"] == "lead" and graph.nodes[agir]["kind"] == "project"
    roles = {d["role"] for _, _, d in graph.edges(data=True)}
    leads = sparql_count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?x a irg:Participation ; irg:role role:lead }")
    assert roles == {"lead", "partner"}
    assert sum(d["role"] == "lead" for _, _, d in graph.edges(data=True)) == leads
    assert graph.nodes[agir]["budget"] == 1500000.0 and graph.nodes[agir]["organisations"] == 4


def test_country_weights_count_projects_and_loops_only_when_asked(store):
    graph = network.network(store, "country")
    assert graph.edges["GB", "FR"]["weight"] == 2 and graph.edges["FR", "BE"]["weight"] == 1
    assert nx.number_of_selfloops(graph) == 0
    loops = network.network(store, "country", self_loops=True)
    assert loops.edges["FR", "FR"]["weight"] == 2  # AGIR (two French partners) and SAM (two)
    assert loops.edges["GB", "GB"]["weight"] == 1  # Medway and Kent in AGIR
    assert graph.nodes["FR"]["label"] == "France" and graph.nodes["FR"]["organisations"] == 5
