"""RDF files beside the documents: their graphs, re-loading, and refusal of the loader's graphs."""

from __future__ import annotations

import doctest

import pytest
from pyoxigraph import NamedNode

import loader.rdf_files
from loader.pipeline import build, load_paths
from loader.rdf_files import ProtectedGraphError, read_rdf_file
from loader.store import open_current
from ontology.namespaces import META_GRAPH, rdf_file_graph

TTL = "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b ; ex:q [ ex:r 1 ] .\n"
TRIG = "@prefix ex: <http://example.org/> .\nex:c ex:p 2 .\nGRAPH ex:g1 { ex:d ex:p 3 }\n"


def _graph_size(store, graph: str) -> int:
    return len(list(store.quads_for_pattern(None, None, None, NamedNode(graph))))


def test_doctests() -> None:
    assert doctest.testmod(loader.rdf_files).failed == 0


def test_triples_go_to_their_file_graph_and_quads_keep_theirs(settings, inputs, tmp_path) -> None:
    build(settings, progress=False, inputs=inputs)
    (tmp_path / "ref").mkdir()
    (tmp_path / "ref" / "Themes.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "ref" / "more.trig").write_text(TRIG, encoding="utf-8")
    report = load_paths([tmp_path / "ref"], settings, progress=False, inputs=inputs)
    assert report.exit_code == 0 and [o.status for o in report.outcomes] == ["loaded", "loaded"]
    store = open_current(settings.store)
    assert _graph_size(store, rdf_file_graph("themes.ttl")) == 3
    assert _graph_size(store, rdf_file_graph("more.trig")) == 1
    assert _graph_size(store, "http://example.org/g1") == 1
    assert report.projects == 3, "documents are untouched"


def test_reloading_a_file_replaces_every_graph_it_wrote(settings, inputs, tmp_path) -> None:
    path = tmp_path / "more.trig"
    path.write_text(TRIG, encoding="utf-8")
    load_paths([path], settings, progress=False, inputs=inputs)
    again = load_paths([path], settings, progress=False, inputs=inputs)
    assert again.outcomes[0].status == "unchanged"
    path.write_text("@prefix ex: <http://example.org/> .\nGRAPH ex:g2 { ex:e ex:p 4 }\n", encoding="utf-8")
    load_paths([path], settings, progress=False, inputs=inputs)
    store = open_current(settings.store)
    assert _graph_size(store, "http://example.org/g1") == 0
    assert _graph_size(store, rdf_file_graph("more.trig")) == 0
    assert _graph_size(store, "http://example.org/g2") == 1


@pytest.mark.parametrize("graph", [
    "https://w3id.org/interreg-kg/graph/ontology", "https://w3id.org/interreg-kg/graph/shapes",
    "https://w3id.org/interreg-kg/graph/vocab/themes", "https://w3id.org/interreg-kg/graph/document/alpha",
    "https://w3id.org/interreg-kg/graph/contacts/alpha", META_GRAPH,
])
def test_files_aimed_at_the_loaders_graphs_are_refused(settings, inputs, tmp_path, helpers, graph) -> None:
    build(settings, progress=False, inputs=inputs)
    before = helpers.all_quads(open_current(settings.store))
    path = tmp_path / "evil.nq"
    path.write_text(f"<http://example.org/x> <http://example.org/p> \"1\" <{graph}> .\n"
                    "<http://example.org/y> <http://example.org/p> \"2\" .\n", encoding="utf-8")
    with pytest.raises(ProtectedGraphError, match="only the loader writes"):
        read_rdf_file(path)
    report = load_paths([path], settings, progress=False, inputs=inputs)
    assert report.exit_code == 1 and "evil.nq" in report.failed[0].message
    assert helpers.all_quads(open_current(settings.store)) == before


def test_a_broken_file_fails_naming_it(settings, inputs, tmp_path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    report = load_paths([path], settings, progress=False, inputs=inputs)
    assert report.exit_code == 1 and "broken.ttl" in report.failed[0].message
