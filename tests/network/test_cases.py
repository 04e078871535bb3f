"""Golden cases: each folder of cases/ holds a store (graph.trig) and what its networks must be
(expected.json). Adding a case is adding a folder.

expected.json: ``meta`` (graph attributes), ``organisation`` (``nodes`` by id with attributes,
``edges`` as [a, b, weight, projects, first_year, last_year], dynamic ``spells`` by node),
``bipartite`` (counts and ``roles`` by "organisation project"), ``country`` (``nodes``, ``edges``
[a, b, weight] and ``self_loops``), ``associated`` (counts with associated partners), ``personal``
(strings no export may hold)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from api import network
from tests.network.conftest import CASES, load_trig

ID = "https://w3id.org/interreg-kg/id/"
GEXF = "{http://gexf.net/1.3}"


def _org(key: str) -> str:
    return f"{ID}organisation/{key}"


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "expected.json").is_file())


@pytest.fixture(scope="module", params=_cases(), ids=lambda p: p.name)
def case(request) -> tuple:
    return load_trig(request.param / "graph.trig"), json.loads((request.param / "expected.json").read_text("utf-8"))


def test_there_are_cases():
    assert len(_cases()) >= 1


def test_organisation_projection(case):
    store, want = case
    graph = network.network(store)
    assert {k: graph.graph[k] for k in want["meta"]} == want["meta"]
    assert set(graph.nodes) == {_org(k) for k in want["organisation"]["nodes"]}
    for key, attrs in want["organisation"]["nodes"].items():
        assert {k: graph.nodes[_org(key)][k] for k in attrs} == attrs
    edges = []
    for a, b, d in graph.edges(data=True):
        x, y = sorted((a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]))
        edges.append([x, y, d["weight"], d["projects"], d.get("first_year"), d.get("last_year")])
    assert sorted(edges) == sorted(want["organisation"]["edges"])


def test_dynamic_gexf_spells(case):
    store, want = case
    doc = etree.fromstring(network.to_gexf(network.network(store), dynamic=True))
    spells = {}
    for node in doc.iter(f"{GEXF}node"):
        found = [[s.get("start"), s.get("end")] for s in node.iter(f"{GEXF}spell")]
        if found:
            spells[node.get("id").rsplit("/", 1)[1]] = found
    assert spells == want["organisation"]["spells"]
    description = doc.find(f"{GEXF}meta/{GEXF}description").text
    assert f"undated_projects: {want['meta']['undated_projects']}" in description


def test_bipartite_projection(case):
    store, want = case
    graph = network.network(store, "bipartite")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (want["bipartite"]["nodes"], want["bipartite"]["edges"])
    for pair, role in want["bipartite"]["roles"].items():
        org, project = pair.split()
        assert graph.edges[_org(org), f"{ID}project/{project}"]["role"] == role


def test_country_projection(case):
    store, want = case
    graph = network.network(store, "country")
    for code, attrs in want["country"]["nodes"].items():
        assert {k: graph.nodes[code][k] for k in attrs} == attrs
    assert set(graph.nodes) == set(want["country"]["nodes"])
    assert sorted([*sorted((a, b)), d["weight"]] for a, b, d in graph.edges(data=True)) == want["country"]["edges"]
    loops = network.network(store, "country", self_loops=True)
    assert sorted([a, b, loops.edges[a, b]["weight"]] for a, b in nx.selfloop_edges(loops)) == \
        want["country"]["self_loops"]


def test_associated_partners_when_asked(case):
    store, want = case
    wide = network.network(store, filters=network.Filters(include_associated=True))
    counts = want["associated"]["organisation"]
    assert (wide.number_of_nodes(), wide.number_of_edges()) == (counts["nodes"], counts["edges"])


@pytest.mark.parametrize("fmt", network.FORMATS)
def test_no_personal_data(case, tmp_path, fmt):
    store, want = case
    for projection in network.PROJECTIONS:
        graph = network.network(store, projection, network.Filters(include_associated=True), metrics=True)
        for path in network.write(graph, fmt, tmp_path / projection / f"x.{fmt}", dynamic=True):
            text = path.read_bytes().decode("utf-8", errors="replace")
            assert not [s for s in want["personal"] if s in text]
