"""Real SPARQL clients against a live server: SPARQLWrapper (JSON, XML, CSV, CONSTRUCT) and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io
import warnings

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from tests.sparql.conftest import EX, EXTRA_GRAPH, FOAF_DOCUMENT, KASEI

TITLES = f"SELECT ?title WHERE {{ <{EX}agir> <{EX}title> ?title }} ORDER BY ?title"


def _wrapper(server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_json(protocol_server, method):
    result = _wrapper(protocol_server, TITLES, JSON, method).queryAndConvert()
    titles = [(b["title"]["value"], b["title"].get("xml:lang")) for b in result["results"]["bindings"]]
    assert titles == [("Acting together", "en"), ("Agir ensemble", "fr")]


def test_sparqlwrapper_xml(protocol_server):
    document = _wrapper(protocol_server, TITLES, XML).queryAndConvert()
    literals = document.getElementsByTagName("literal")
    assert [(n.firstChild.data, n.getAttribute("xml:lang")) for n in literals] == [
        ("Acting together", "en"), ("Agir ensemble", "fr")]


def test_sparqlwrapper_csv(protocol_server):
    query = f"SELECT ?p ?o WHERE {{ <{EX}agir> ?p ?o }} ORDER BY ?p ?o"
    rows = list(csv.reader(io.StringIO(_wrapper(protocol_server, query, CSV).queryAndConvert().decode("utf-8"))))
    assert rows[0] == ["p", "o"]
    assert [EX + "note", 'a line, with "quotes"\nand a tab\t.'] in rows
    assert [EX + "partners", "7"] in rows and len(rows) == 5


def test_sparqlwrapper_construct(protocol_server):
    query = f"CONSTRUCT {{ ?doc a ?kind }} WHERE {{ GRAPH ?g {{ ?doc a ?kind }} FILTER(STRSTARTS(STR(?g), '{KASEI}')) }}"
    with warnings.catch_warnings():  # SPARQLWrapper 2.0 builds rdflib's deprecated ConjunctiveGraph itself
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        graph = _wrapper(protocol_server, query, TURTLE).queryAndConvert()
        as_xml = _wrapper(protocol_server, query, XML).queryAndConvert()
    if isinstance(graph, bytes):  # SPARQLWrapper hands Turtle back as bytes: parse it as a client would
        graph = Graph().parse(data=graph.decode("utf-8"), format="turtle")
    assert sorted(str(s) for s in graph.subjects(RDF.type, URIRef(FOAF_DOCUMENT))) == [
        f"{KASEI}data{n}.rdf" for n in (1, 2, 3)]
    assert len(as_xml) == 3


def test_sparqlwrapper_ask(protocol_server):
    assert _wrapper(protocol_server, f"ASK {{ <{KASEI}data1.rdf> a ?k }}", JSON).queryAndConvert()["boolean"] is True


def test_rdflib_sparqlstore(protocol_server):
    store = SPARQLStore(f"{protocol_server.url}/sparql", returnFormat="json")
    graph = Graph(store=store)
    rows = list(graph.query(TITLES))
    assert [(row.title.value, row.title.language) for row in rows] == [("Acting together", "en"),
                                                                       ("Agir ensemble", "fr")]
    partners = list(graph.objects(URIRef(EX + "agir"), URIRef(EX + "partners")))
    assert partners == [Literal(7, datatype=XSD.integer)]
    assert graph.query(f"ASK {{ <{EX}agir> ?p ?o }}").askAnswer is True
    documents = sorted(str(s) for s in graph.subjects(RDF.type, URIRef(FOAF_DOCUMENT)))
    assert documents == [f"{KASEI}data{n}.rdf" for n in (1, 2, 3)]
    store.close()


def test_rdflib_sparqlstore_named_graph(protocol_server):
    store = SPARQLStore(f"{protocol_server.url}/sparql", returnFormat="xml")
    graph = Graph(store=store, identifier=URIRef(EXTRA_GRAPH))
    assert len(list(graph.triples((URIRef(EX + "agir"), None, None)))) == 4
    contexts = {str(c.identifier if hasattr(c, "identifier") else c) for c in store.contexts()}
    assert EXTRA_GRAPH in contexts and f"{KASEI}data2.rdf" in contexts
    store.close()
