"""Every packaged query parses, runs, and binds its parameters as terms."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

import queries
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, ID
from queries import NamedQuery, ParameterError, QueryHeaderError, UnknownQueryError

REQUIRED = {
    "projects", "project", "project_partners", "partners", "partner", "programmes", "target_groups", "themes",
    "projects_by_target_group", "projects_by_theme", "projects_by_programme", "projects_by_country",
    "organisations_in_most_projects", "lead_partners_by_country", "country_pairs", "budget_by_programme",
    "projects_in_year", "organisations_of_city", "projects_for_migrants_with_partners", "fact_provenance",
    "organisations_with_several_names", "network_participations", "counts",
}


def test_the_required_queries_are_there():
    assert REQUIRED <= set(queries.names())


@pytest.mark.parametrize("name", queries.names())
def test_each_query_has_a_header_and_runs_with_its_defaults(store, name):
    query = queries.load(name)
    assert query.title and query.title != name
    assert query.description
    for p in query.parameters:
        assert p.description, f"{name}: parameter {p.name} has no description"
    rows = queries.run(store, name)
    assert rows.total > 0 and len(rows.rows) == rows.total
    assert set(rows.variables) >= {p.name for p in query.parameters}


@pytest.mark.parametrize("name", queries.names())
def test_no_query_reaches_the_contact_graphs(store, name):
    for row in queries.run(store, name).rows:
        for term in row.values():
            text = "" if term is None else term.value
            assert "mailto:" not in text and "tel:" not in text and "Bhatti" not in text


def test_public_graphs_leave_out_contacts(store):
    graphs = queries.public_graphs(store)
    assert graphs and not any(g.value.startswith(CONTACTS_GRAPH_PREFIX) for g in graphs)
    assert len(graphs) == sum(1 for _ in store.named_graphs()) - 3


def test_filters_bind_ids_and_full_iris_alike(store):
    by_id = queries.run(store, "projects", {"programme": "iv-a"}).values()
    by_iri = queries.run(store, "projects", {"programme": f"{ID}programme/iv-a"}).values()
    assert [r["acronym"] for r in by_id] == [r["acronym"] for r in by_iri] == ["AGIR", "SAM"]
    assert [r["acronym"] for r in queries.run(store, "projects", {"country": "be"}).values()] == ["SAM"]
    assert [r["acronym"] for r in queries.run(store, "projects", {"q": "inclusion"}).values()] == ["AGIR"]


def test_medway_council_leads_two_projects(store):
    rows = queries.run(store, "partner", {"organisation": "medway-council"}).values()
    assert sorted((r["acronym"], r["role"].rsplit("/", 1)[1]) for r in rows) == [("AGIR", "lead"), ("CONMIIXT", "lead")]
    top = queries.run(store, "organisations_in_most_projects").values()[0]
    assert (top["name"], top["projects"], top["leads"]) == ("Medway Council", 2, 2)


def test_associated_partners_count_only_when_asked(store):
    without = queries.run(store, "network_participations").total
    with_assoc = queries.run(store, "network_participations", {"include_associated": "true"}).total
    assert with_assoc == without + 1


@pytest.mark.parametrize("attack", ['") } ; DROP ALL #', "x\" } UNION { ?s ?p ?o } #", "> } DROP ALL <"])
def test_injection_attempts_are_inert(store, attack):
    before = len(store)
    assert queries.run(store, "projects", {"q": attack}).total == 0
    assert queries.run(store, "organisations_of_city", {"city": attack}).total == 0
    assert len(store) == before


def test_an_iri_parameter_refuses_text_that_is_not_an_iri(store):
    with pytest.raises(ParameterError, match="programme"):
        queries.run(store, "projects", {"programme": '> } ; DROP ALL #'})


@pytest.mark.parametrize(("params", "message"), [
    ({"year": "2012x"}, "whole number"),
    ({"nope": "1"}, "has no parameter 'nope'"),
])
def test_ill_typed_or_unknown_parameters_raise(store, params, message):
    with pytest.raises(ParameterError, match=message):
        queries.run(store, "projects_in_year", params)


def test_paging_keeps_the_total(store):
    page = queries.run(store, "partners", limit=3, offset=2)
    everything = queries.run(store, "partners")
    assert page.total == everything.total == 8
    assert page.rows == everything.rows[2:5]


def test_unknown_names_list_the_known_ones():
    with pytest.raises(UnknownQueryError) as caught:
        queries.load("no_such_query")
    assert "projects" in caught.value.known and "projects" in str(caught.value)


def test_a_file_path_loads_and_headers_are_checked(tmp_path, store):
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\n# param n: integer = 2 -- a number\nSELECT ?n WHERE {}\n", encoding="utf-8")
    query = queries.load(str(path))
    assert isinstance(query, NamedQuery) and query.name == "mine"
    assert queries.run(store, query).values() == [{"n": 2}]
    with pytest.raises(QueryHeaderError, match="unknown type"):
        queries.parse("# param n: color -- no such type\nSELECT ?n {}")


def test_a_parameter_term_is_typed():
    param = queries.Parameter("when", "date")
    term = param.term("2012-05-01")
    assert term.datatype == NamedNode("http://www.w3.org/2001/XMLSchema#date")
    with pytest.raises(ParameterError):
        param.term("2012-13-01")
