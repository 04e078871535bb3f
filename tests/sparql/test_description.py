"""The service description: SD vocabulary, the default graph as the union of the public named graphs."""

from __future__ import annotations

import httpx
from pyoxigraph import RdfFormat, Store

from ontology.settings import Settings
from tests.sparql.conftest import CONTACTS_GRAPH, DOCUMENT_GRAPH, LiveServer

SD = "http://www.w3.org/ns/sparql-service-description#"
Q = f"PREFIX sd: <{SD}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def _description(url: str) -> Store:
    response = httpx.get(f"{url}/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    store = Store()
    store.load(response.content, format=RdfFormat.TURTLE)
    return store


def test_the_default_graph_is_the_union_of_the_listed_graphs(contacts_root):
    with LiveServer(Settings(store=contacts_root)) as live:
        sd = _description(live.url)
        endpoint = f"{live.url}/sparql"
    assert sd.query(Q + f"ASK {{ <{endpoint}> a sd:Service ; sd:endpoint <{endpoint}> ; "
                        "sd:supportedLanguage sd:SPARQL11Query ; sd:feature sd:UnionDefaultGraph }")
    assert not sd.query(Q + "ASK { ?s sd:feature sd:BasicFederatedQuery }")
    names = {row["name"].value for row in sd.query(Q + "SELECT ?name WHERE { ?s sd:defaultDataset ?d . "
                                                       "?d sd:defaultGraph ?g ; sd:namedGraph [ sd:name ?name ] . "
                                                       "?g a sd:Graph ; rdfs:comment ?c }")}
    assert DOCUMENT_GRAPH in names and CONTACTS_GRAPH not in names
    formats = {row["f"].value.rsplit("/", 1)[1] for row in sd.query(Q + "SELECT ?f { ?s sd:resultFormat ?f }")}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_CSV", "Turtle", "JSON-LD"} <= formats


def test_the_openapi_document_describes_the_endpoint():
    from api.main import create_app

    paths = create_app(store=Store()).openapi()["paths"]["/sparql"]
    assert {p["name"] for p in paths["get"]["parameters"]} == {"query", "update", "default-graph-uri",
                                                               "named-graph-uri"}
    assert set(paths["post"]["requestBody"]["content"]) == {"application/x-www-form-urlencoded",
                                                             "application/sparql-query"}
    for method in ("get", "post"):
        responses = paths[method]["responses"]
        assert {"200", "400", "403", "406", "413", "415", "503"} <= set(responses)
        assert "text/csv" in responses["200"]["content"] and "text/turtle" in responses["200"]["content"]
