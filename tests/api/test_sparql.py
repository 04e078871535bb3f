"""The SPARQL 1.1 Protocol endpoint: methods, result formats by Accept, errors, dataset, description."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

PROJECTS = "PREFIX irg: <https://w3id.org/interreg-kg/ontology#> SELECT ?p WHERE { ?p a irg:Project } ORDER BY ?p"
ASK = "PREFIX irg: <https://w3id.org/interreg-kg/ontology#> ASK { ?p irg:acronym \"AGIR\" }"
CONSTRUCT = ("PREFIX irg: <https://w3id.org/interreg-kg/ontology#> "
             "CONSTRUCT { ?p irg:acronym ?a } WHERE { ?p irg:acronym ?a }")
VCARD = "http://www.w3.org/2006/vcard/ns#"
CONTACTS = "https://w3id.org/interreg-kg/graph/contacts/d001"


def _project_count(response) -> int:
    return len(list(parse_query_results(response.content, format=QueryResultsFormat.JSON)))


def test_get_post_form_and_post_direct_agree(client):
    by_get = client.get("/sparql", params={"query": PROJECTS})
    by_form = client.post("/sparql", data={"query": PROJECTS})
    by_body = client.post("/sparql", content=PROJECTS.encode(), headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert _project_count(response) == 3


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
])
def test_select_result_formats_by_accept(client, accept, media):
    response = client.get("/sparql", params={"query": PROJECTS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    text = response.text
    if media.endswith("json"):
        assert len(json.loads(text)["results"]["bindings"]) == 3
    elif media.endswith("xml"):
        assert len(ET.fromstring(text).findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 3
    elif media == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["p"] and len(rows) == 4
    else:
        lines = text.strip().splitlines()
        assert lines[0] == "?p" and len(lines) == 4 and lines[1].startswith("<https://")


def test_ask(client):
    response = client.get("/sparql", params={"query": ASK})
    assert response.json()["boolean"] is True
    as_xml = client.get("/sparql", params={"query": ASK}, headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in as_xml.text


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/rdf+xml", RdfFormat.RDF_XML),
    (None, RdfFormat.TURTLE),
])
def test_construct_formats_by_accept(client, accept, fmt):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    triples = list(parse(response.content, format=fmt))
    assert sorted(t.object.value for t in triples) == ["AGIR", "CONMIIXT", "SAM"]


def test_describe_gives_turtle(client):
    response = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/interreg-kg/id/project/agir>"})
    assert response.status_code == 200
    assert any(t.object.value == "AGIR" for t in parse(response.content, format=RdfFormat.TURTLE))


def test_406_when_nothing_acceptable(client):
    assert client.get("/sparql", params={"query": PROJECTS}, headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/sparql", params={"query": CONSTRUCT},
                      headers={"Accept": "application/sparql-results+json"}).status_code == 406


def test_malformed_query_is_400_with_the_parser_message(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert "malformed query" in response.json()["detail"] and "1:" in response.json()["detail"]


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql", params={"update": "DROP ALL"}),
    lambda c: c.post("/sparql", data={"update": "DROP ALL"}),
    lambda c: c.post("/sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}),
])
def test_updates_are_forbidden(client, store, send):
    before = len(store)
    assert send(client).status_code == 403
    assert len(store) == before


def test_an_update_sent_as_a_query_does_not_run(client, store):
    before = len(store)
    assert client.get("/sparql", params={"query": "DROP ALL"}).status_code == 400
    assert len(store) == before


def test_federated_queries_are_refused(client):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:8999/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": query}).status_code == 403
    harmless = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }  # SERVICE in a comment'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200


def test_other_post_bodies_are_415(client):
    response = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_empty_post_is_400(client):
    assert client.post("/sparql", data={"query": " "}).status_code == 400


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ ?s <{VCARD}fn> ?o }}",
    f"SELECT * WHERE {{ GRAPH ?g {{ ?s <{VCARD}fn> ?o }} }}",
    f"SELECT * FROM <{CONTACTS}> WHERE {{ ?s ?p ?o }}",
    f"SELECT * FROM NAMED <{CONTACTS}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ GRAPH <{CONTACTS}> {{ ?s ?p ?o }} }}",
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), 'contacts')) }",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
])
def test_the_contact_graphs_cannot_be_queried(client, no_contacts, query):
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    no_contacts(response.text)


def test_construct_everything_leaks_no_contacts(client, no_contacts):
    no_contacts(client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}).text)


def test_asking_for_a_contact_graph_is_forbidden(client):
    response = client.get("/sparql", params={"query": PROJECTS, "default-graph-uri": CONTACTS})
    assert response.status_code == 403


def test_the_dataset_can_be_narrowed(client):
    one = "https://w3id.org/interreg-kg/graph/document/d002"
    response = client.get("/sparql", params={"query": PROJECTS, "default-graph-uri": one})
    assert _project_count(response) == 1


def test_service_description(client, no_contacts):
    response = client.get("/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = list(parse(response.content, format=RdfFormat.TURTLE))
    assert any(t.predicate.value == sd + "endpoint" and t.object.value == "http://testserver/sparql" for t in triples)
    names = {t.object.value for t in triples if t.predicate.value == sd + "name"}
    assert "https://w3id.org/interreg-kg/graph/document/d001" in names
    assert not any("contacts" in n for n in names)
    no_contacts(response.text)


def test_cors_preflight(client):
    response = client.request("OPTIONS", "/sparql", headers={
        "Origin": "https://yasgui.org", "Access-Control-Request-Method": "POST"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", "https://yasgui.org")
