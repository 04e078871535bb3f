"""The two ways the exports read participations agree: without a filter on projects or organisations
they come from ``queries/network/participations.rq`` (roles filtered in Python), otherwise from the
research query ``network_participations`` (filtered in SPARQL)."""

from __future__ import annotations

import pytest

from api import network
from api.network import participations
from api.network.filters import Filters


def _by_research_query(monkeypatch, store, filters: Filters) -> tuple:
    with monkeypatch.context() as patch:
        patch.setattr(Filters, "narrows_scope", lambda self: True)
        return participations.read_participations(store, filters)


@pytest.mark.parametrize("include_associated", [False, True])
@pytest.mark.parametrize("lead_only", [False, True])
@pytest.mark.parametrize("which", ["store", "seed"])
def test_the_export_query_gives_the_research_querys_participations(request, monkeypatch, which, lead_only,
                                                                    include_associated):
    store = request.getfixturevalue(which)
    filters = Filters(lead_only=lead_only, include_associated=include_associated)
    assert not filters.narrows_scope()
    fast = participations.read_participations(store, filters)
    assert fast, "the store has participations"
    assert fast == _by_research_query(monkeypatch, store, filters)
    assert [(p.organisation, p.project) for p in fast] == sorted((p.organisation, p.project) for p in fast)
    roles = {p.role for p in fast}
    assert roles == {"lead"} if lead_only else ("associated" in roles) == include_associated


def test_a_scope_filter_reads_with_the_research_query(store, monkeypatch):
    seen = []
    real = participations._csv
    monkeypatch.setattr(participations, "_csv", lambda s, name, params: seen.append(str(name)) or real(s, name, params))
    participations.read_participations(store, Filters(country="FR"))
    participations.read_participations(store, Filters())
    assert seen[0] == "network_participations" and seen[3].endswith("participations.rq")


def test_roles_rank_lead_over_partner_over_unknown_over_associated():
    text = """@prefix irg: <https://w3id.org/interreg-kg/ontology#> .
    @prefix id: <https://w3id.org/interreg-kg/id/> .
    @prefix g: <https://w3id.org/interreg-kg/graph/> .
    g:document\\/a { id:x a irg:Participation ; irg:organisation id:o ; irg:project id:p ; irg:role id:role\\/associated .
                     id:y a irg:Participation ; irg:organisation id:o ; irg:project id:q ; irg:role id:role\\/partner . }
    g:document\\/b { id:x a irg:Participation ; irg:organisation id:o ; irg:project id:p .
                     id:y a irg:Participation ; irg:organisation id:o ; irg:project id:q ; irg:role id:role\\/lead . }"""
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load(text.encode(), format=RdfFormat.TRIG)
    rows = network.read_participations(store, Filters(include_associated=True))
    assert [(p.project.rsplit("/", 1)[-1], p.role) for p in rows] == [("p", "unknown"), ("q", "lead")]
    assert [(p.project.rsplit("/", 1)[-1], p.role) for p in network.read_participations(store)] == \
        [("p", "unknown"), ("q", "lead")]
    assert [p.role for p in network.read_participations(store, Filters(lead_only=True))] == ["lead"]


ODD = """@prefix irg: <https://w3id.org/interreg-kg/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/interreg-kg/id/> .
@prefix g: <https://w3id.org/interreg-kg/graph/> .
g:document\\/a {
  id:p1 a irg:Project ; irg:acronym "ZED" ; schema:startDate "2012-01-01"^^xsd:date ;
      schema:endDate "2013-01-01"^^xsd:date ; irg:totalBudgetEur "10.5"^^xsd:decimal .
  id:p2 a irg:Project .
  id:p3 irg:acronym "UNTYPED" .
  id:o1 schema:name "Zeta" ; schema:addressCountry "FR" .
  id:o2 schema:addressLocality "Lille" .
  id:x1 a irg:Participation ; irg:organisation id:o1 ; irg:project id:p1 .
  id:x2 a irg:Participation ; irg:organisation id:o2 ; irg:project id:p2 .
  id:x3 a irg:Participation ; irg:organisation id:o3 ; irg:project id:p3 . }
g:document\\/b {
  id:p1 a irg:Project ; irg:acronym "ALPHA" ; schema:startDate "2011-06-01"^^xsd:date ;
      schema:endDate "2014-01-01"^^xsd:date ; irg:totalBudgetEur "9"^^xsd:decimal .
  id:o1 schema:name "Alpha Council" ; schema:addressCountry "BE" ; schema:addressLocality "Mons" . }
g:contacts\\/a { id:o2 schema:name "Aaron Person" . id:p2 irg:acronym "AAA" . }
g:meta { g:document\\/a irg:contactsGraph g:contacts\\/a . }
"""


def _odd_store():
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load(ODD.encode(), format=RdfFormat.TRIG)
    return store


@pytest.mark.parametrize("which", ["store", "seed", "odd"])
def test_names_places_dates_and_budgets_are_the_research_queries(request, which):
    import queries

    store = _odd_store() if which == "odd" else request.getfixturevalue(which)
    orgs, projects = participations.read_organisations(store), participations.read_projects(store)
    research_orgs = participations._csv(store, "network_organisations", {})
    research_projects = participations._csv(store, "network_projects", {})
    assert research_orgs and research_projects
    for org, name, country, city in research_orgs:  # an organisation without any gets the defaults
        local = org.rsplit("/", 1)[-1]
        assert orgs.get(org, (local, "", "")) == (name or local, country, city), org
    assert set(projects) == {row[0] for row in research_projects}
    for project, acronym, start, end, budget in research_projects:
        assert projects[project] == (acronym or project.rsplit("/", 1)[-1], participations._date(start),
                                     participations._date(end), participations._budget(budget)), project
    assert queries.load("network_organisations").parameters == ()


def test_the_odd_store_by_hand():
    rows = network.read_participations(_odd_store())
    assert [(p.organisation.rsplit("/", 1)[-1], p.name, p.country, p.city, p.acronym, p.start and p.start.isoformat(),
             p.end and p.end.isoformat(), p.budget) for p in rows] == [
        ("o1", "Alpha Council", "BE", "Mons", "ALPHA", "2011-06-01", "2014-01-01", 10.5),
        ("o2", "o2", "", "Lille", "p2", None, None, None),
        ("o3", "o3", "", "", "p3", None, None, None)]


def test_csv_rows_with_and_without_quoted_fields(monkeypatch):
    from pyoxigraph import RdfFormat, Store

    query = participations.queries.parse(
        "SELECT ?s ?name ?none WHERE { ?s <http://schema.org/name> ?name } ORDER BY ?s", name="q")
    monkeypatch.setattr(participations.queries, "load", lambda name: query)
    plain, quoted = Store(), Store()
    plain.load(b'<http://x/a> <http://schema.org/name> "plain" .', format=RdfFormat.N_TRIPLES)
    quoted.load(b'<http://x/a> <http://schema.org/name> "plain" .\n'
                b'<http://x/b> <http://schema.org/name> "a, \\"b\\"\\r\\nc" .', format=RdfFormat.N_TRIPLES)
    assert participations._csv(plain, "q", {}) == [["http://x/a", "plain", ""]]
    assert participations._csv(quoted, "q", {}) == [["http://x/a", "plain", ""], ["http://x/b", 'a, "b"\r\nc', ""]]
    assert participations._csv(Store(), "q", {}) == []
