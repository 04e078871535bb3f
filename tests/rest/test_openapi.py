"""The OpenAPI document is complete for the REST facade and linked data: every parameter described and
exemplified, every answer typed (JSON, JSON-LD, RDF, problem documents)."""

from __future__ import annotations

import pytest

import queries

OTHERS = ("/sparql", "/api/network")  # documented by their own owners and tests


@pytest.fixture(scope="module")
def document(client) -> dict:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, item in document["paths"].items():
        if path.startswith(OTHERS):
            continue
        for method, op in item.items():
            yield path, method, op


def test_every_parameter_is_described_with_an_example(document):
    missing = []
    for path, method, op in operations(document):
        for p in op.get("parameters", []):
            has_example = "example" in p or "examples" in p or "examples" in p.get("schema", {})
            if not p.get("description") or not has_example:
                missing.append(f"{method} {path} {p['name']}")
    assert missing == []


def test_every_error_answer_is_a_problem_document(document):
    for path, method, op in operations(document):
        assert "200" in op["responses"], path
        for status, answer in op["responses"].items():
            if status.startswith(("4", "5")):
                assert "application/problem+json" in answer.get("content", {}), f"{method} {path} {status}"


@pytest.mark.parametrize(
    "path",
    [
        "/api/projects",
        "/api/projects/{project_id}",
        "/api/partners",
        "/api/partners/{partner_id}",
        "/api/programmes/{programme_id}",
        "/api/stats",
        "/api/documents/{document_id}",
    ],
)
def test_json_routes_offer_json_ld_and_304(document, path):
    responses = document["paths"][path]["get"]["responses"]
    assert "application/ld+json" in responses["200"]["content"]
    assert "application/json" in responses["200"]["content"]
    assert "304" in responses


def test_linked_data_routes_name_their_rdf_types(document):
    content = document["paths"]["/id/{path}"]["get"]["responses"]["200"]["content"]
    assert set(content) >= {"text/turtle", "application/n-triples", "application/ld+json", "text/html"}
    dump = document["paths"]["/api/dump"]["get"]["responses"]["200"]["content"]
    assert set(dump) == {"application/n-quads", "application/trig"}


def test_every_named_query_has_its_own_documented_operation(document):
    for name in queries.names():
        op = document["paths"][f"/api/queries/{name}"]["get"]
        declared = {p.name for p in queries.load(name).parameters}
        assert {p["name"] for p in op["parameters"]} == declared | {"limit", "offset"}


def test_multi_valued_filters_are_arrays(document):
    params = {p["name"]: p for p in document["paths"]["/api/projects"]["get"]["parameters"]}
    for name in ("programme", "period", "theme", "target_group", "country", "partner"):
        schema = params[name]["schema"]
        variants = schema.get("anyOf", [schema])
        assert any(v.get("type") == "array" for v in variants), name
    assert set(params["sort"]["schema"]["anyOf"][0]["enum"]) >= {"acronym", "-start_date"}


@pytest.mark.parametrize(
    "model",
    [
        "ProjectSummary",
        "ProjectDetail",
        "PartnerSummary",
        "PartnerDetail",
        "Programme",
        "Concept",
        "Stats",
        "DocumentDetail",
        "QueryResult",
        "Health",
        "Version",
    ],
)
def test_response_models_carry_an_example(document, model):
    schema = document["components"]["schemas"][model]
    assert schema["examples"], model
    fields = set(schema["properties"])
    assert set(schema["examples"][0]) <= fields  # the example uses only the model's fields
