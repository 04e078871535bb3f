"""/api/programmes/{id}, /api/stats, /api/documents/{id} and /api/queries on the fixture store."""

from __future__ import annotations

import pytest

import queries


def test_a_programme_with_its_projects(client):
    body = client.get("/api/programmes/iv-a-france-channel-england").json()
    assert body["label"] == "Interreg IV A France (Channel) England" and body["notation"] == "2007CB163PO001"
    assert [p["acronym"] for p in body["project_list"]] == ["AGIR"]
    assert "france-channel-england" in [b["id"] for b in body["broader"]]


def test_a_generation_lists_the_projects_of_its_programmes(client):
    body = client.get("/api/programmes/iv-a").json()
    assert body["projects"] == 0  # no project names the generation itself
    assert [p["acronym"] for p in body["project_list"]] == ["AGIR", "SAM"]


@pytest.mark.parametrize(
    "url", ["/api/programmes/nope", "/api/programmes/a%20b", "/api/documents/nope", "/api/documents/agir"]
)
def test_unknown_ids_are_404_problems(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["title"] == "Not Found" and body["instance"].startswith("/api/")


def test_stats_counts_and_totals(client):
    body = client.get("/api/stats").json()
    assert body["counts"]["projects"] == 3 and body["counts"]["organisations"] == 8
    totals = body["totals"]
    assert totals["projects"] == 3 and totals["projects_with_budget"] == 2
    assert totals["total_budget_eur"] == pytest.approx(1_500_000 + 1_142_943.65)
    assert totals["eu_funding_eur"] == pytest.approx(750_000 + 583_540.04)
    assert {c["key"]: c["projects"] for c in body["by_period"]} == {"2000-2006": 1, "2007-2013": 2}
    assert {c["key"]: c["projects"] for c in body["by_country"]} == {"FR": 3, "GB": 2, "BE": 1}
    assert {c["key"]: c["projects"] for c in body["by_target_group"]} == {
        "migrants": 2,
        "older-people": 1,
        "roma": 1,
    }
    assert sum(c["projects"] for c in body["by_programme"]) == 3


def test_a_document_with_what_was_read_from_it_and_where(client, no_contacts):
    response = client.get("/api/documents/d001")
    assert response.status_code == 200
    no_contacts(response.text)
    body = response.json()
    assert body["title"] == "001_6ad943d2a728cbed.txt" and body["language"] == "fr"
    assert [p["id"] for p in body["projects"]] == ["agir"]
    acronym = next(f for f in body["facts"] if f["property"] and f["property"].endswith("#acronym"))
    assert (acronym["value"], acronym["start"], acronym["end"], acronym["quote"]) == ("AGIR", 0, 4, "AGIR")
    assert acronym["span"].endswith("/document/d001#char=0,4")
    participation = next(f for f in body["facts"] if f["property"] is None)
    assert participation["subject"].endswith("/project/agir/participation/medway-council")
    assert participation["quote"] == "Medway Council" and (participation["start"], participation["end"]) == (
        79,
        93,
    )


def test_the_named_queries_are_listed_with_their_parameters(client):
    body = client.get("/api/queries").json()
    assert body["count"] == len(queries.names()) >= 15
    by_name = {q["name"]: q for q in body["data"]}
    assert set(by_name) == set(queries.names())
    params = {p["name"]: p["type"] for p in by_name["projects"]["parameters"]}
    assert params["programme"] == "iri:programme" and params["country"] == "country"
    text = client.get("/api/queries/projects/sparql").json()["sparql"]
    assert text.startswith("# title: Projects") and "SELECT" in text


def test_a_named_query_runs_with_typed_parameters(client):
    body = client.get("/api/queries/organisations_in_role", params={"role": "lead"}).json()
    assert body["count"] == 2
    assert {r["name"] for r in body["data"]} == {"Medway Council", "Union Départementale des CCAS du Nord"}
    page = client.get(
        "/api/queries/organisations_in_role", params={"role": "lead", "limit": 1, "offset": 1}
    ).json()
    assert page["count"] == 2 and len(page["data"]) == 1


@pytest.mark.parametrize("name", sorted(queries.names()))
def test_every_named_query_answers_over_rest(client, no_contacts, name):
    response = client.get(f"/api/queries/{name}")
    assert response.status_code == 200, response.text
    no_contacts(response.text)
    assert response.json()["query"] == name


@pytest.mark.parametrize(
    ("url", "status", "needle"),
    [
        ("/api/queries/nope", 404, "unknown query"),
        ("/api/queries/organisations_in_role?colour=red", 400, "no parameter 'colour'"),
        ("/api/queries/projects?country=France", 400, "country"),
        ("/api/queries/projects?country=BE&country=FR", 400, "twice"),
        ("/api/queries/projects?limit=0", 422, "limit"),
    ],
)
def test_named_query_errors(client, url, status, needle):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert needle in response.json()["detail"]


def test_a_value_cannot_change_the_query(client):
    """A value that would break out of a pasted query is only ever a literal."""
    evil = '") } UNION { ?s ?p ?o } #'
    body = client.get("/api/queries/organisations_of_city", params={"city": evil}).json()
    assert body["count"] == 0
