"""/id/... dereferencing, the ontology and its documentation, and the VoID/DCAT description."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"
VOID = "http://rdfs.org/ns/void#"
FORMATS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
}


def triples(response) -> set[tuple[str, str, str]]:
    media = response.headers["content-type"].split(";")[0]
    return {
        (str(t.subject), t.predicate.value, str(t.object))
        for t in parse(response.content, format=FORMATS[media])
    }


@pytest.mark.parametrize("accept", list(FORMATS))
def test_a_project_iri_in_each_rdf_format(client, no_contacts, accept):
    response = client.get("/id/project/agir", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    no_contacts(response.text)
    found = triples(response)
    agir = f"<{ID}project/agir>"
    assert (agir, IRG + "acronym", str(Literal("AGIR"))) in found
    assert (agir, IRG + "programme", f"<{ID}programme/iv-a-france-channel-england>") in found
    # its parts and what points at it come along: the lead partner's participation and role
    assert (f"<{ID}project/agir/participation/medway-council>", IRG + "role", f"<{ID}role/lead>") in found
    assert (f"<{ID}organisation/medway-council>", IRG + "leadPartnerOf", agir) in found


def test_the_same_triples_whatever_the_format(client):
    sets = [triples(client.get("/id/organisation/medway-council", headers={"Accept": a})) for a in FORMATS]
    assert sets[0] == sets[1] == sets[2] and len(sets[0]) > 5


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("ttl", "text/turtle"),
        ("nt", "application/n-triples"),
        ("jsonld", "application/ld+json"),
        ("html", "text/html"),
    ],
)
def test_format_parameter_overrides_accept(client, fmt, media):
    response = client.get("/id/theme/housing", params={"format": fmt}, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith(media)


def test_q_values_choose_the_representation(client):
    response = client.get("/id/theme/housing", headers={"Accept": "text/turtle;q=0.4, application/n-triples"})
    assert response.headers["content-type"].startswith("application/n-triples")
    assert (
        client.get("/id/theme/housing", headers={"Accept": "*/*"})
        .headers["content-type"]
        .startswith("text/turtle")
    )


def test_a_browser_gets_a_readable_page(client, no_contacts):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/id/project/agir", headers={"Accept": browser})
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    no_contacts(page)
    assert "<title>Action to Generate Inclusion for Residents of Migrant Background" in page
    for needle in (
        "Interreg IV A France (Channel) England",
        "2011-04-01",
        "2015-03-31",
        "1,500,000.00 €",
        '<a href="/id/organisation/medway-council">Medway Council</a> — lead',
        'href="/id/target-group/migrants"',
        'href="/id/theme/housing"',
        'href="/id/document/d001"',
        'href="/id/programme/iv-a-france-channel-england"',
    ):
        assert needle in page, needle


def test_pages_escape_text(client):
    page = client.get(
        "/id/organisation/centre-communal-d-action-sociale-de-lille", params={"format": "html"}
    ).text
    assert "Centre Communal d&#x27;Action Sociale de Lille" in page


@pytest.mark.parametrize("url", ["/id/project/nope", "/id/nothing", "/id/"])
def test_unknown_iris_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


def test_an_unacceptable_type_is_406(client):
    response = client.get("/id/project/agir", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert client.get("/id/project/agir", params={"format": "pdf"}).status_code == 406


def test_contact_iris_are_not_served_unless_configured(client, personal_client):
    contact = "/id/project/agir/participation/medway-council/contact/d001"
    assert client.get(contact).status_code == 404
    served = personal_client.get(contact, headers={"Accept": "application/n-triples"})
    assert served.status_code == 200 and "mailto:fawad.bhatti@medway.gov.uk" in served.text


def test_a_vocabulary_dereferences_with_its_concepts(client):
    found = triples(client.get("/id/scheme/target-groups", headers={"Accept": "application/n-triples"}))
    concepts = {s for s, p, o in found if p == "http://www.w3.org/2004/02/skos/core#inScheme"}
    assert {f"<{ID}target-group/migrants>", f"<{ID}target-group/roma>"} <= concepts
    concept = triples(client.get("/id/target-group/migrants", headers={"Accept": "text/turtle"}))
    assert any(s == f"<{ID}target-group/migrants>" and p.endswith("#prefLabel") for s, p, _ in concept)


def test_the_ontology_dereferences_and_is_documented(client):
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    found = triples(ttl)
    assert (
        f"<{IRG}Project>",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "<http://www.w3.org/2002/07/owl#Class>",
    ) in found
    page = client.get("/ontology", headers={"Accept": "text/html"}).text
    assert "<h2>Classes</h2>" in page and 'id="Project"' in page and "irg:Project" in page


def test_void_describes_size_licence_sources(client, store):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    found = triples(response)
    dataset = "<https://w3id.org/interreg-kg/dataset>"
    public = [g for g in store.named_graphs() if "/graph/contacts/" not in g.value]
    size = sum(len(list(store.quads_for_pattern(None, None, None, g))) for g in public)
    by_predicate = {}
    for s, p, o in found:
        if s == dataset:
            by_predicate.setdefault(p, set()).add(o)
    assert by_predicate[VOID + "triples"] == {
        str(Literal(str(size), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    }
    assert "<http://www.interreg-fwvl.eu/nl/prj/178.html>" in by_predicate["http://purl.org/dc/terms/source"]
    assert by_predicate["http://purl.org/dc/terms/license"]
    assert by_predicate[VOID + "sparqlEndpoint"] == {"<http://testserver/sparql>"}
    assert "<http://testserver/api/dump?format=nquads>" in by_predicate[VOID + "dataDump"]
    assert by_predicate["http://purl.org/dc/terms/hasVersion"]
    assert client.get("/dataset", params={"format": "nt"}).status_code == 200


@pytest.mark.parametrize(
    "start",
    [
        "/",
        "/id/project/agir?format=html",
        "/id/organisation/medway-council?format=html",
        "/ontology?format=html",
    ],
)
def test_every_local_link_of_a_page_answers(client, start):
    import re

    page = client.get(start, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    links = sorted({h for h in re.findall(r'href="(/[^"]*)"', page.text)})
    assert links
    broken = [h for h in links if client.get(h.replace("&amp;", "&")).status_code != 200]
    assert broken == []


def test_void_description_as_html_shows_its_blank_node_partitions(client) -> None:
    # regression: the HTML page built a NamedNode from a blank node's id (500, found by schemathesis)
    for request in ({"url": "/.well-known/void", "params": {"format": "HTML"}},
                    {"url": "/.well-known/void", "headers": {"Accept": "text/html"}}):
        response = client.get(**request)
        assert response.status_code == 200, response.text[:300]
        assert "<h2>Parts</h2>" in response.text
