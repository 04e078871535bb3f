"""List filters of /api/projects and /api/partners: repeated values, AND across filters, dates, words, sort."""

from __future__ import annotations

import pytest


def acronyms(client, params) -> list[str]:
    response = client.get("/api/projects", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["data"])
    return [p["acronym"] for p in body["data"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ([("country", "BE"), ("country", "GB")], ["AGIR", "CONMIIXT", "SAM"]),
        ([("country", "BE"), ("country", "gb"), ("period", "2000-2006")], ["CONMIIXT"]),
        ([("programme", "iii-a"), ("programme", "iv-a-france-wallonie-vlaanderen")], ["CONMIIXT", "SAM"]),
        ([("theme", "housing"), ("theme", "health")], ["AGIR", "SAM"]),
        ([("target_group", "roma"), ("target_group", "older-people")], ["AGIR", "SAM"]),
        ([("target_group", "migrants"), ("country", "BE")], []),
        ([("partner", "kent-county-council")], ["AGIR", "CONMIIXT"]),
        ([("partner", "kent-county-council"), ("partner", "ocmw-kortrijk")], ["AGIR", "CONMIIXT", "SAM"]),
        ([("partner", "https://w3id.org/interreg-kg/id/organisation/ocmw-kortrijk")], ["SAM"]),
        ([("partner", "nobody-at-all")], []),
    ],
)
def test_repeated_values_are_alternatives_and_filters_all_apply(client, params, expected):
    assert acronyms(client, params) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2008-01-15", ["CONMIIXT"]),  # inside CONMIIXT only
        ("2008-06-30", ["CONMIIXT"]),  # the end day itself counts
        ("2012-01-01", ["AGIR", "SAM"]),
        ("2015-01-01", ["AGIR"]),
        ("2016-01-01", []),
    ],
)
def test_active_on_compares_with_the_known_dates(client, day, expected):
    assert acronyms(client, {"active_on": day}) == expected


def test_active_on_must_be_a_date(client):
    response = client.get("/api/projects", params={"active_on": "last year"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "active_on" in response.json()["detail"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("migrant", ["AGIR"]),
        ("MIGRANT background", ["AGIR"]),
        ("background migrant", ["AGIR"]),  # word order does not matter
        ("migrant eurometropool", []),  # every word must occur
        ("sam", ["SAM"]),
        ("eurométropool", ["SAM"]),  # accents folded
    ],
)
def test_word_search_in_acronyms_and_titles(client, q, expected):
    assert acronyms(client, {"q": q}) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("acronym", ["AGIR", "CONMIIXT", "SAM"]),
        ("-acronym", ["SAM", "CONMIIXT", "AGIR"]),
        ("start_date", ["CONMIIXT", "SAM", "AGIR"]),
        ("-start_date", ["AGIR", "SAM", "CONMIIXT"]),
        ("-end_date", ["AGIR", "SAM", "CONMIIXT"]),
    ],
)
def test_sort(client, sort, expected):
    assert acronyms(client, {"sort": sort}) == expected


def test_sort_then_page_and_count_all_matches(client):
    body = client.get("/api/projects", params={"sort": "-start_date", "limit": 1, "offset": 1}).json()
    assert body["count"] == 3 and [p["acronym"] for p in body["data"]] == ["SAM"]


def test_an_unknown_sort_is_a_problem(client):
    response = client.get("/api/projects", params={"sort": "budget"})
    assert response.status_code == 422 and response.json()["status"] == 422


def test_too_many_values_of_one_filter(client):
    response = client.get("/api/projects", params=[("theme", f"t{i}") for i in range(21)])
    assert response.status_code == 400
    assert "at most 20" in response.json()["detail"]


def test_an_ill_typed_value_among_several_is_named(client):
    response = client.get("/api/projects", params=[("country", "BE"), ("country", "Belgium")])
    assert response.status_code == 400 and "country" in response.json()["detail"]


def ids(client, params) -> list[str]:
    response = client.get("/api/partners", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["data"])
    return [p["id"] for p in body["data"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ([("role", "lead")], ["medway-council", "union-departementale-des-ccas-du-nord"]),
        ([("role", "lead"), ("country", "FR")], ["union-departementale-des-ccas-du-nord"]),
        ([("role", "associated")], ["kent-county-council"]),
        ([("country", "BE"), ("country", "GB")], ["kent-county-council", "medway-council", "ocmw-kortrijk"]),
        (
            [("city", "kortrijk"), ("city", "LILLE")],
            ["centre-communal-d-action-sociale-de-lille", "ocmw-kortrijk"],
        ),
        ([("q", "metropole")], ["amiens-metropole"]),  # "Métropole", accents folded
        ([("q", "kortrijk ocmw")], ["ocmw-kortrijk"]),  # other names count too
        ([("q", "council"), ("role", "associated")], ["kent-county-council"]),
    ],
)
def test_partner_filters(client, params, expected):
    assert ids(client, params) == expected


def test_an_unknown_role_is_a_problem(client):
    response = client.get("/api/partners", params={"role": "boss"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
