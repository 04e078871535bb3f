"""The dataset of a query: protocol parameters, FROM clauses, the public default; never a contacts graph.

Run through the worker processes (an on-disk build) so that what the workers receive is what is checked.
"""

from __future__ import annotations

import doctest

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

import api.negotiation
import api.sparql.dataset
import api.sparql.description
import api.sparql.execute
import api.sparql.federation
import api.sparql.text
from api.errors import BadRequestError
from api.sparql.dataset import resolve
from api.sparql.errors import GraphForbiddenError
from api.sparql.text import dataset_clauses, service_endpoints, tokens
from ontology.settings import Settings
from ontology.storage import new_build_dir, publish
from tests.sparql.conftest import CONTACT_NAME, CONTACTS_GRAPH, DOCUMENT_GRAPH, EX, LiveServer

PUBLIC = (NamedNode("https://e/g1"), NamedNode("https://e/g2"))


@pytest.mark.parametrize("module", [api.sparql.text, api.sparql.dataset, api.sparql.execute, api.sparql.federation,
                                    api.sparql.description, api.negotiation])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT * WHERE { ?s ?p ?o }", ([], [])),
    ("SELECT * FROM <http://a/> FROM NAMED <http://b/> FROM <http://c/> {}", (["http://a/", "http://c/"], ["http://b/"])),
    ("select * from <http://a/>from named<http://b/> {}", (["http://a/"], ["http://b/"])),
    ('SELECT * WHERE { ?s ?p "FROM <http://a/>" } # FROM <http://b/>', ([], [])),
    ("PREFIX from: <http://p/> SELECT * FROM from:x { ?from ?p from:y }", (["http://p/x"], [])),
    ("SELECT * FROM <http://a/\\u0062> {}", (["http://a/b"], [])),
    ("SELECT * FROM ?g {}", ([None], [])),
    ("SELECT * FROM unknown:g {}", ([None], [])),
])
def test_from_clauses_are_read_from_the_tokens(query, expected):
    assert dataset_clauses(query) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT * { SERVICE <http://a/s> { ?s ?p ?o } SERVICE SILENT <http://b/s> { ?s ?p ?o } }",
     ["http://a/s", "http://b/s"]),
    ("SELECT * { ?service ?p 'SERVICE <http://x/>' } # SERVICE <http://y/>", []),
    ("SELECT * { SERVICE <relative> { ?s ?p ?o } }", [None]),
    ("BASE <http://a/> SELECT * { SERVICE <s> { ?s ?p ?o } }", [None]),
    ("BASE <http://a/> PREFIX r: <rel/> SELECT * { SERVICE r:s { ?s ?p ?o } }", [None]),
    ("SELECT * { SERVICE <http://a/\\u0073> { ?s ?p ?o } }", ["http://a/s"]),
    ("SELECT * { SERVICE\n# a comment\n<http://a/s> { ?s ?p ?o } }", ["http://a/s"]),
    ('SELECT * { ?a ?b """long\nSERVICE <http://x/> text""" }', []),
])
def test_service_endpoints_are_read_from_the_tokens(query, expected):
    assert service_endpoints(query) == expected


def test_iris_and_strings_are_single_tokens():
    assert [t.kind for t in tokens('ASK { <http://a/#x> ?p "a # b" }')] == ["name", "other", "iri", "var", "string",
                                                                          "other"]


def test_protocol_parameters_override_from_and_start_empty():
    assert resolve(PUBLIC, "ASK FROM <https://e/g1> {}", ["https://e/g2"], []) == (("https://e/g2",), ())
    assert resolve(PUBLIC, "ASK {}", [], ["https://e/g2", "https://e/g2"]) == ((), ("https://e/g2",))


def test_from_alone_narrows_and_drops_contacts():
    query = f"ASK FROM <https://e/g1> FROM <{CONTACTS_GRAPH}> FROM NAMED <{CONTACTS_GRAPH}> {{}}"
    assert resolve(PUBLIC, query, [], []) == (("https://e/g1",), ())


def test_relative_from_resolves_against_the_endpoint():
    assert resolve(PUBLIC, "ASK FROM <g1> {}", [], [], base="https://e/sparql") == (("https://e/g1",), ())


def test_contacts_in_a_parameter_are_forbidden_and_bad_iris_are_400():
    with pytest.raises(GraphForbiddenError):
        resolve(PUBLIC, "ASK {}", [CONTACTS_GRAPH], [])
    with pytest.raises(GraphForbiddenError):
        resolve(PUBLIC, "ASK {}", [], [CONTACTS_GRAPH])
    with pytest.raises(BadRequestError):
        resolve(PUBLIC, "ASK {}", ["not an iri"], [])
    with pytest.raises(BadRequestError):
        resolve(PUBLIC, "ASK FROM unknown:g {}", [], [])


@pytest.fixture(scope="module")
def contacts_server(contacts_root):
    with LiveServer(Settings(store=contacts_root)) as live:
        yield live


def _get(server, query: str, **params) -> httpx.Response:
    return httpx.get(f"{server.url}/sparql", params={"query": query, **params}, timeout=30)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
    f"SELECT * FROM <{CONTACTS_GRAPH}> WHERE {{ ?s ?p ?o }}",
    f"SELECT * FROM NAMED <{CONTACTS_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    f"SELECT * FROM <{DOCUMENT_GRAPH}> FROM <{CONTACTS_GRAPH}> WHERE {{ ?s ?p ?o }}",
    f"SELECT * WHERE {{ GRAPH <{CONTACTS_GRAPH}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    f"DESCRIBE <{EX}person/1>",
])
def test_no_query_reaches_the_contacts_graph(contacts_server, query):
    response = _get(contacts_server, query)
    assert response.status_code == 200
    assert CONTACT_NAME not in response.text and f"{EX}person" not in response.text


def test_from_narrows_the_default_graph(contacts_server):
    narrowed = _get(contacts_server, f"SELECT ?o FROM <{DOCUMENT_GRAPH}> WHERE {{ ?s ?p ?o }}").json()
    assert [b["o"]["value"] for b in narrowed["results"]["bindings"]] == ["Public project"]
    empty = _get(contacts_server, "SELECT * FROM <http://example.org/none> WHERE { ?s ?p ?o }").json()
    assert empty["results"]["bindings"] == []


def test_a_contacts_graph_parameter_is_403(contacts_server):
    for name in ("default-graph-uri", "named-graph-uri"):
        response = _get(contacts_server, "SELECT * WHERE { ?s ?p ?o }", **{name: CONTACTS_GRAPH})
        assert response.status_code == 403 and CONTACT_NAME not in response.text


def test_the_workers_follow_a_new_build(tmp_path):
    root = tmp_path / "store"

    def publish_title(title: str) -> None:
        build = new_build_dir(root)
        store = Store(str(build))
        store.add(Quad(NamedNode(EX + "p"), NamedNode(EX + "title"), Literal(title), NamedNode(DOCUMENT_GRAPH)))
        store.flush()
        del store
        publish(root, build)

    publish_title("first")
    with LiveServer(Settings(store=root, query_workers=1)) as live:
        query = f"SELECT ?t WHERE {{ <{EX}p> <{EX}title> ?t }}"
        assert _get(live, query).json()["results"]["bindings"][0]["t"]["value"] == "first"
        publish_title("second")
        assert _get(live, query).json()["results"]["bindings"][0]["t"]["value"] == "second"
