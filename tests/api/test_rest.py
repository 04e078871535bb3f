"""The REST facade over the fixture store: every route, its filters, paging, 404s, and no contact data."""

from __future__ import annotations

import pytest

ROUTES = ["/health", "/version", "/api/projects", "/api/projects/agir", "/api/projects/conmiixt",
          "/api/partners", "/api/partners/medway-council", "/api/programmes", "/api/target-groups",
          "/api/themes", "/openapi.json"]


@pytest.mark.parametrize("url", ROUTES)
def test_every_route_answers_without_contact_data(client, no_contacts, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    no_contacts(response.text)


def test_projects_list_is_an_envelope_with_the_total(client):
    body = client.get("/api/projects").json()
    assert body["count"] == 3
    assert [p["acronym"] for p in body["data"]] == ["AGIR", "CONMIIXT", "SAM"]
    page = client.get("/api/projects", params={"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and [p["acronym"] for p in page["data"]] == ["CONMIIXT"]


@pytest.mark.parametrize(("params", "acronyms"), [
    ({"programme": "iv-a"}, ["AGIR", "SAM"]),
    ({"programme": "iii-a"}, ["CONMIIXT"]),
    ({"period": "2000-2006"}, ["CONMIIXT"]),
    ({"country": "BE"}, ["SAM"]),
    ({"country": "gb"}, ["AGIR", "CONMIIXT"]),
    ({"target_group": "migrants"}, ["AGIR", "CONMIIXT"]),
    ({"theme": "housing"}, ["AGIR"]),
    ({"q": "eurometropool"}, ["SAM"]),
    ({"q": "migrant", "theme": "social-inclusion"}, ["AGIR"]),
])
def test_project_filters(client, params, acronyms):
    body = client.get("/api/projects", params=params).json()
    assert [p["acronym"] for p in body["data"]] == acronyms and body["count"] == len(acronyms)


def test_paging_limits_are_enforced(client):
    assert client.get("/api/projects", params={"limit": 1001}).status_code == 422
    assert client.get("/api/projects", params={"offset": -1}).status_code == 422
    assert client.get("/api/projects", params={"limit": 1000}).status_code == 200


def test_an_ill_typed_filter_is_a_bad_request(client):
    response = client.get("/api/projects", params={"country": "France"})
    assert response.status_code == 400 and "country" in response.json()["detail"]


def test_one_project_has_everything(client):
    agir = client.get("/api/projects/agir").json()
    assert agir["iri"] == "https://w3id.org/interreg-kg/id/project/agir"
    assert agir["programme"]["id"] == "iv-a-france-channel-england"
    assert agir["period"]["id"] == "2007-2013"
    assert agir["end"] == {"date": "2015-03-31", "precision": "month"}
    assert agir["total_budget_eur"] == 1500000.0 and agir["eu_funding_eur"] == 750000.0
    assert agir["website"] == "http://www.medway.gov.uk/agir"
    assert agir["partners"][0] == {
        "organisation": {"iri": "https://w3id.org/interreg-kg/id/organisation/medway-council",
                         "id": "medway-council", "label": "Medway Council"},
        "role": "lead", "country": "GB", "city": "Gillingham", "website": "http://www.medway.gov.uk/agir"}
    assert {p["role"] for p in agir["partners"][1:]} == {"partner"}
    assert sorted(t["id"] for t in agir["target_groups"]) == ["migrants", "roma"]
    assert sorted(t["id"] for t in agir["themes"]) == ["housing", "social-inclusion"]
    assert [r["label"] for r in agir["results"]] == ["8 local meetings"]
    assert agir["documents"] == [{"iri": "https://w3id.org/interreg-kg/id/document/d001",
                                  "title": "001_6ad943d2a728cbed.txt", "source": None}]


def test_a_project_with_a_measure_and_day_precision(client):
    conmiixt = client.get("/api/projects/conmiixt").json()
    assert conmiixt["measure"]["label"] == "Priority 1, Measure 3"
    assert conmiixt["start"] == {"date": "2007-10-01", "precision": "day"}
    assert conmiixt["cofinancing_rate"] == 0.4
    roles = {p["organisation"]["id"]: p["role"] for p in conmiixt["partners"]}
    assert roles["kent-county-council"] == "associated" and roles["medway-council"] == "lead"


@pytest.mark.parametrize("url", ["/api/projects/nope", "/api/projects/a%20b", "/api/partners/nobody",
                                 "/api/partners/urn:x", "/api/projects/medway-council"])
def test_unknown_ids_are_404_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "no " in response.json()["detail"]


def test_partners_filters_and_paging(client):
    body = client.get("/api/partners", params={"country": "GB"}).json()
    assert [p["id"] for p in body["data"]] == ["kent-county-council", "medway-council"]
    assert client.get("/api/partners", params={"city": "amiens"}).json()["count"] == 2
    assert [p["id"] for p in client.get("/api/partners", params={"q": "greater dunkirk"}).json()["data"]] == [
        "communaute-urbaine-de-dunkerque"]
    page = client.get("/api/partners", params={"limit": 2, "offset": 6}).json()
    assert page["count"] == 8 and len(page["data"]) == 2


def test_medway_council_leads_conmiixt_and_agir(client):
    medway = client.get("/api/partners/medway-council").json()
    assert medway["name"] == "Medway Council" and medway["country"] == "GB"
    assert sorted((p["project"]["id"], p["role"]) for p in medway["projects"]) == [
        ("agir", "lead"), ("conmiixt", "lead")]
    listed = {p["id"]: p for p in client.get("/api/partners").json()["data"]}
    assert (listed["medway-council"]["projects"], listed["medway-council"]["leads"]) == (2, 2)


def test_other_names_of_a_partner(client):
    cud = client.get("/api/partners/communaute-urbaine-de-dunkerque").json()
    assert cud["other_names"] == ["Greater Dunkirk District Council"]


def test_vocabularies(client):
    programmes = {p["id"]: p for p in client.get("/api/programmes").json()["data"]}
    fcE = programmes["iv-a-france-channel-england"]
    assert fcE["notation"] == "2007CB163PO001" and fcE["countries"] == ["FR", "GB"] and fcE["projects"] == 1
    assert fcE["family"]["id"] == "france-channel-england"
    assert set(p["id"] for p in client.get("/api/programmes", params={"period": "2000-2006"}).json()["data"]) == {
        "iii-a"}
    groups = {g["id"]: g["projects"] for g in client.get("/api/target-groups").json()["data"]}
    assert groups == {"migrants": 2, "older-people": 1, "roma": 1}
    themes = client.get("/api/themes").json()
    assert themes["count"] == 3
    assert {t["id"]: t["broader"] for t in themes["data"]}["social-inclusion"].endswith("keep-theme/social-inclusion")


def test_health_and_version(client):
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/version").json()["graph_model"] == "v1"


def test_openapi_documents_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/projects", "/api/projects/{project_id}", "/api/partners", "/api/partners/{partner_id}",
                 "/api/programmes", "/api/target-groups", "/api/themes", "/api/network", "/sparql", "/health"):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_cors_is_allowed(client):
    response = client.get("/api/projects", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json", "csv"])
def test_network_download_has_a_file_name_and_no_contacts(client, no_contacts, fmt):
    response = client.get("/api/network", params={"projection": "organisation", "format": fmt})
    assert response.status_code == 200
    assert "attachment; filename=\"interreg-organisation-network." in response.headers["content-disposition"]
    if fmt != "csv":
        no_contacts(response.text)
        assert "Medway Council" in response.text


def test_network_zip_holds_gephi_tables(client):
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/network", params={"format": "csv"}).content))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
    assert archive.read("nodes.csv").decode().startswith("Id,Label,")
    assert archive.read("edges.csv").decode().startswith("Source,Target,Type,Weight")


def test_network_rejects_an_unknown_format(client):
    assert client.get("/api/network", params={"format": "pdf"}).status_code == 422
