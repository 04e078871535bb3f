"""The partner network: its counts match SPARQL over the store, and each file format reads back."""

from __future__ import annotations

import csv
import io
import json
import re

import igraph
import networkx as nx
import pytest

import queries
from api import network

PREFIXES = ("PREFIX irg: <https://w3id.org/interreg-kg/ontology#>\n"
            "PREFIX role: <https://w3id.org/interreg-kg/id/role/>\n")
NODES = PREFIXES + """SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {
  ?x a irg:Participation ; irg:organisation ?o ; irg:role ?r FILTER(?r != role:associated) }"""
EDGES = PREFIXES + """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE {
  ?x irg:project ?p ; irg:organisation ?a ; irg:role ?ra . ?y irg:project ?p ; irg:organisation ?b ; irg:role ?rb .
  FILTER(STR(?a) < STR(?b) && ?ra != role:associated && ?rb != role:associated) } }"""
CONTACT_STRINGS = ("Fawad", "Bhatti", "Solene", "mailto:", "tel:", "pauline.durieu", "contact")


def _sparql_count(store, text: str) -> int:
    graphs = queries.public_graphs(store)
    return int(next(iter(store.query(text, default_graph=graphs, named_graphs=graphs)))["n"].value)


@pytest.fixture(scope="module")
def graph(store) -> nx.Graph:
    return network.partner_network(store)


def test_counts_match_sparql(store, graph):
    assert graph.number_of_nodes() == _sparql_count(store, NODES) == 8
    assert graph.number_of_edges() == _sparql_count(store, EDGES)


def test_node_and_edge_attributes(graph):
    medway = graph.nodes["https://w3id.org/interreg-kg/id/organisation/medway-council"]
    assert medway == {"label": "Medway Council", "country": "GB", "city": "Gillingham", "projects": 2, "leads": 2}
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str | int) for v in data.values())
    for _, _, data in graph.edges(data=True):
        assert isinstance(data["weight"], int) and isinstance(data["projects"], str)


def test_associated_partners_only_when_asked(store, graph):
    medway = "https://w3id.org/interreg-kg/id/organisation/medway-council"
    kent = "https://w3id.org/interreg-kg/id/organisation/kent-county-council"
    assert graph.edges[medway, kent] == {"weight": 1, "projects": "AGIR"}
    wider = network.partner_network(store, include_associated=True)
    assert wider.edges[medway, kent] == {"weight": 2, "projects": "AGIR|CONMIIXT"}
    assert wider.number_of_edges() == graph.number_of_edges() + 1  # Kent and Dunkerque meet in CONMIIXT
    assert wider.nodes[kent]["projects"] == 2


def test_gexf_reads_back_with_the_same_counts(tmp_path, graph):
    path = network.write(graph, "gexf", tmp_path / "partners.gexf")[0]
    text = path.read_text(encoding="utf-8")
    assert 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' in text
    assert 'version="1.3"' in text and "<viz:color" in text and "<viz:size" in text
    assert "<graph " in text and ' name="' not in text.split("<graph ", 1)[1].split(">", 1)[0]
    back = nx.read_gexf(path, version="1.3")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes["https://w3id.org/interreg-kg/id/organisation/medway-council"]["label"] == "Medway Council"


def test_gexf_colours_by_country(graph):
    drawn = nx.read_gexf(io.BytesIO(network.to_gexf(graph)), version="1.3")
    colours = {}
    for _, data in drawn.nodes(data=True):
        colour = tuple(data["viz"]["color"][c] for c in "rgb")
        assert colours.setdefault(data["country"], colour) == colour
    assert len(set(colours.values())) == len(colours)


def test_graphml_reads_back_with_networkx_and_igraph(tmp_path, graph):
    path = network.write(graph, "graphml", tmp_path / "partners.graphml")[0]
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes["medway-council"]["iri"] == "https://w3id.org/interreg-kg/id/organisation/medway-council"
    assert all(re.fullmatch(r"[\w.:-]+", node) for node in back.nodes)  # GraphML ids are name tokens
    other = igraph.Graph.Read_GraphML(str(path))
    assert (other.vcount(), other.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert sorted(other.vs["label"]) == sorted(d["label"] for _, d in graph.nodes(data=True))


def test_csv_folder_has_gephi_headers(tmp_path, graph):
    written = network.write(graph, "csv", tmp_path / "out")
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    with open(tmp_path / "out" / "nodes.csv", encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with open(tmp_path / "out" / "edges.csv", encoding="utf-8", newline="") as f:
        edges = list(csv.reader(f))
    assert nodes[0][:2] == ["Id", "Label"] and edges[0][:4] == ["Source", "Target", "Type", "Weight"]
    assert len(nodes) - 1 == graph.number_of_nodes() and len(edges) - 1 == graph.number_of_edges()
    assert {row[2] for row in edges[1:]} == {"Undirected"}


def test_json_is_node_link(tmp_path, graph):
    path = network.write(graph, "json", tmp_path / "partners.json")[0]
    back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())


@pytest.mark.parametrize("fmt", network.FORMATS)
def test_no_personal_data_in_any_export(tmp_path, store, fmt):
    wider = network.partner_network(store, include_associated=True)
    paths = network.write(wider, fmt, tmp_path / f"x.{fmt}")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for needle in CONTACT_STRINGS:
            assert needle not in text


def test_an_unknown_format_is_refused(tmp_path, graph):
    with pytest.raises(ValueError, match="unknown network format"):
        network.write(graph, "pdf", tmp_path / "x.pdf")
