"""HTTP behaviour of reads: problem documents, JSON-LD by Accept, ETag / 304, Cache-Control, gzip."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, parse

IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/projects/nope", 404),
        ("/api/projects?country=France", 400),
        ("/api/projects?limit=0", 422),
        ("/no/such/route", 404),
        ("/id/project/nope", 404),
    ],
)
def test_errors_are_rfc9457_problems(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "about:blank" and body["status"] == status
    assert body["title"] and body["detail"] and body["instance"] == url.split("?")[0]


def test_validation_problems_list_each_error(client):
    body = client.get("/api/projects", params={"limit": 0, "offset": -1}).json()
    assert {tuple(e["loc"]) for e in body["errors"]} == {("query", "limit"), ("query", "offset")}


def test_an_unacceptable_type_is_406(client):
    response = client.get("/api/projects", headers={"Accept": "text/csv"})
    assert response.status_code == 406 and response.json()["status"] == 406


def test_reads_have_an_etag_and_answer_304_when_it_matches(client):
    first = client.get("/api/projects/agir")
    tag = first.headers["etag"]
    assert tag.startswith('W/"') and first.headers["cache-control"] == "public, max-age=60"
    assert "Accept" in first.headers["vary"]
    again = client.get("/api/projects/agir", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    listed = client.get("/api/projects/agir", headers={"If-None-Match": f'"other", {tag}'})
    assert listed.status_code == 304
    other = client.get("/api/projects/agir", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.json()["acronym"] == "AGIR"


def test_etags_differ_by_representation_and_resource(client):
    tags = {
        client.get("/api/projects/agir").headers["etag"],
        client.get("/api/projects/agir", headers={"Accept": "application/ld+json"}).headers["etag"],
        client.get("/api/projects/sam-eurometropool").headers["etag"],
    }
    assert len(tags) == 3


def test_large_answers_are_gzipped_small_ones_not(client):
    large = client.get("/api/partners", headers={"Accept-Encoding": "gzip"})
    assert large.headers["content-encoding"] == "gzip"
    assert large.json()["count"] == 8  # httpx decoded it
    small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def _graph(client, url: str) -> Store:
    response = client.get(url, headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    assert body["@context"] == "http://testserver/ontology/context.jsonld"
    body["@context"] = client.get(body["@context"]).json()["@context"]  # no network in tests
    store = Store()
    store.extend(parse(json.dumps(body).encode(), format=RdfFormat.JSON_LD))
    return store


def _has(store: Store, s, p: str, o) -> bool:
    return any(True for _ in store.quads_for_pattern(s, NamedNode(p), o))


def test_json_ld_of_a_project_reads_as_the_graph_says(client):
    g = _graph(client, "/api/projects/agir")
    agir = NamedNode(ID + "project/agir")
    assert _has(g, agir, IRG + "acronym", Literal("AGIR"))
    assert _has(g, agir, IRG + "programme", NamedNode(ID + "programme/iv-a-france-channel-england"))
    assert _has(g, agir, IRG + "targetGroup", NamedNode(ID + "target-group/migrants"))
    budget = [q.object for q in g.quads_for_pattern(agir, NamedNode(IRG + "totalBudgetEur"), None)]
    assert len(budget) == 1 and float(budget[0].value) == 1_500_000.0
    participation = next(
        q.subject
        for q in g.quads_for_pattern(
            None, NamedNode(IRG + "organisation"), NamedNode(ID + "organisation/medway-council")
        )
    )
    assert _has(g, participation, IRG + "project", agir)
    assert _has(g, participation, IRG + "role", NamedNode(ID + "role/lead"))


def test_json_ld_of_a_list_is_a_hydra_collection(client):
    g = _graph(client, "/api/partners?country=GB")
    hydra = "http://www.w3.org/ns/hydra/core#"
    members = {q.object.value for q in g.quads_for_pattern(None, NamedNode(hydra + "member"), None)}
    assert members == {ID + "organisation/medway-council", ID + "organisation/kent-county-council"}
    total = [q.object.value for q in g.quads_for_pattern(None, NamedNode(hydra + "totalItems"), None)]
    assert total == ["2"]


def test_the_context_maps_fields_to_ontology_terms(client):
    response = client.get("/ontology/context.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    ctx = response.json()["@context"]
    assert ctx["iri"] == "@id" and ctx["irg"] == IRG
    assert ctx["start_date"] == {"@id": "schema:startDate", "@type": "xsd:date"}


@pytest.mark.parametrize("url", ["/id/project/agir", "/api/projects/agir", "/.well-known/void"])
def test_head_answers_like_get_without_a_body(client, url):
    got = client.get(url)
    head = client.request("HEAD", url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-type"] == got.headers["content-type"]
    assert client.request("HEAD", "/id/project/nope").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/projects",
        "/api/stats",
        "/api/documents/d001",
        "/api/queries",
        "/id/project/agir?format=html",
        "/id/scheme/roles",
        "/ontology?format=html",
        "/.well-known/void",
        "/ontology/context.jsonld",
    ],
)
def test_the_same_answer_has_the_same_etag(client, url):
    """ETags are stable: a cache revalidating any read gets its 304."""
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
