"""Named queries on the union default graph count each thing once when documents repeat its facts.

Every document graph that names an organisation repeats its name, country, city and website, and
every document describing a project repeats its type, acronym and title; on Oxigraph's union default
graph each repetition is a row. Two documents here name the same organisation (leading two projects)
and one project twice, so a query that joined a repeated fact more than once would count it twice.
"""

from __future__ import annotations

import re

import pytest
from pyoxigraph import NamedNode, QuerySolutions, RdfFormat, Store

import queries
from loader.descriptions import refresh_descriptions
from loader.statistics import statistics_quads
from ontology.namespaces import STATISTICS_GRAPH

IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"

# documents a and b both describe ACME (led by Medway, with Lille's Ville partner); document b also
# describes BETA (led by Medway): Medway's and Ville's facts are in both graphs, ACME's too
_ORGS = """
  id:organisation/medway a irg:Organisation ; schema:name "Medway Council" ; schema:addressCountry "GB" ;
      schema:addressLocality "Chatham" ; schema:url <http://www.medway.gov.uk/> .
  id:organisation/ville a irg:Organisation ; schema:name "Ville de Lille" ; schema:addressCountry "FR" ;
      schema:addressLocality "Lille" .
"""
_ACME = """
  id:project/acme a irg:Project ; irg:acronym "ACME" ; dcterms:title "A Common Migrant Effort"@en ;
      irg:targetGroup id:target-group/migrants ; irg:theme id:theme/housing ; irg:period id:period/2007-2013 ;
      irg:totalBudgetEur "100.5"^^xsd:decimal .
  id:project/acme/participation/medway a irg:Participation ; irg:project id:project/acme ;
      irg:organisation id:organisation/medway ; irg:role id:role/lead .
  id:organisation/medway irg:leadPartnerOf id:project/acme ; irg:participantIn id:project/acme .
  id:project/acme/participation/ville a irg:Participation ; irg:project id:project/acme ;
      irg:organisation id:organisation/ville ; irg:role id:role/partner .
  id:organisation/ville irg:participantIn id:project/acme .
  id:target-group/migrants a irg:TargetGroup .
  id:theme/housing a irg:Theme .
"""
DATA = f"""
@prefix irg: <{IRG}> .
@prefix id: <{ID}> .
@prefix graph: <https://w3id.org/interreg-kg/graph/> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

graph:vocab/target-groups {{ id:target-group/migrants a irg:TargetGroup ; skos:prefLabel "Migrants"@en . }}
graph:vocab/themes {{ id:theme/housing a irg:Theme ; skos:prefLabel "Housing"@en . }}
graph:document/a {{
  id:document/a a irg:SourceDocument ; dcterms:title "a.txt" .
  {_ORGS} {_ACME}
  <{ID}document/a#char=0,4> oa:hasSource id:document/a ; oa:start 0 ; oa:end 4 ; oa:exact "ACME" .
  id:statement/a1 rdf:subject id:project/acme ; rdf:predicate irg:acronym ;
      rdf:object "ACME" ; prov:wasDerivedFrom <{ID}document/a#char=0,4> .
  id:statement/a2 rdf:subject id:organisation/ville ; rdf:predicate schema:addressCountry ;
      rdf:object "FR" ; irg:inferred true ; irg:inferredFrom "gazetteer" .
}}
graph:document/b {{
  id:document/b a irg:SourceDocument ; dcterms:title "b.txt" .
  {_ORGS} {_ACME}
  id:project/beta a irg:Project ; irg:acronym "BETA" ; irg:targetGroup id:target-group/migrants ;
      irg:period id:period/2007-2013 .
  id:project/beta/participation/medway a irg:Participation ; irg:project id:project/beta ;
      irg:organisation id:organisation/medway ; irg:role id:role/lead .
  id:organisation/medway irg:leadPartnerOf id:project/beta ; irg:participantIn id:project/beta .
}}
"""


_BASES = {"id": ID, "graph": "https://w3id.org/interreg-kg/graph/"}


def _trig(text: str) -> str:
    """Our ids hold '/', which Turtle prefixed names do not: write them as full IRIs."""
    return re.sub(r"(?<![\w<])(id|graph):([\w./-]+)", lambda m: f"<{_BASES[m[1]]}{m[2]}>", text)


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load(_trig(DATA).encode("utf-8"), format=RdfFormat.TRIG)
    refresh_descriptions(s)
    return s


def rows(store: Store, name: str, params: dict | None = None) -> list[dict]:
    """The named query's rows on the union default graph (how the service queries the store)."""
    named = queries.load(name)
    solutions = store.query(named.text, substitutions=named.bindings(params), use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: queries.value(s[n]) for n in names} for s in solutions]


def test_the_fixture_repeats_the_facts(store):
    names = list(store.quads_for_pattern(NamedNode(ID + "organisation/medway"),
                                         NamedNode("http://schema.org/name"), None, None))
    # once in each document graph, once in the description graph (loader/descriptions.py)
    assert sorted(q.graph_name.value.rpartition("/")[2] for q in names) == ["a", "b", "descriptions"]


def test_partners_count_an_organisation_named_in_two_documents_once(store):
    by_org = {r["organisation"].rsplit("/", 1)[1]: r for r in rows(store, "partners")}
    assert {k: (r["name"], r["countryCode"], r["cityName"], r["projects"], r["leads"]) for k, r in by_org.items()} == {
        "medway": ("Medway Council", "GB", "Chatham", 2, 2), "ville": ("Ville de Lille", "FR", "Lille", 1, 0)}
    assert [r["organisation"] for r in rows(store, "partners", {"country": "FR"})] == [ID + "organisation/ville"]


def test_a_partner_lists_each_project_once(store):
    found = rows(store, "partner", {"organisation": "medway"})
    assert [(r["acronym"], r["role"].rsplit("/", 1)[1], r["name"], r["city"]) for r in found] == [
        ("ACME", "lead", "Medway Council", "Chatham"), ("BETA", "lead", "Medway Council", "Chatham")]


def test_a_project_lists_each_partner_once(store):
    found = rows(store, "project_partners", {"project": "acme"})
    assert [(r["name"], r["country"], r["role"].rsplit("/", 1)[1]) for r in found] == [
        ("Medway Council", "GB", "lead"), ("Ville de Lille", "FR", "partner")]


def test_organisation_rankings_count_projects_once(store):
    top = rows(store, "organisations_in_most_projects")
    assert [(r["name"], r["projects"], r["leads"]) for r in top] == [("Medway Council", 2, 2), ("Ville de Lille", 1, 0)]
    in_role = rows(store, "organisations_in_role", {"role": "lead"})
    assert [(r["name"], r["projects"]) for r in in_role] == [("Medway Council", 2)]
    city = rows(store, "organisations_of_city", {"city": "LILLE"})
    assert [(r["name"], r["country"], r["projects"]) for r in city] == [("Ville de Lille", "FR", 1)]


def test_country_figures_count_projects_and_organisations_once(store):
    per_country = {r["country"]: (r["projects"], r["organisations"], r["leadPartners"])
                   for r in rows(store, "projects_per_country")}
    assert per_country == {"GB": (2, 1, 1), "FR": (1, 1, 0)}
    leads = rows(store, "lead_partners_by_country")
    assert [(r["country"], r["leadPartners"], r["projects"], r["names"]) for r in leads] == [
        ("GB", 1, 2, "Medway Council")]
    assert [(r["countryA"], r["countryB"], r["projects"]) for r in rows(store, "country_pairs")] == [("FR", "GB", 1)]
    by_country = [(r["country"], r["acronym"], r["participants"]) for r in rows(store, "projects_by_country")]
    assert by_country == [("FR", "ACME", 1), ("GB", "ACME", 1), ("GB", "BETA", 1)]


def test_project_lists_give_one_row_per_project(store):
    listed = rows(store, "projects")
    assert [(r["acronym"], r["participants"]) for r in listed] == [("ACME", 2), ("BETA", 1)]
    assert [r["acronym"] for r in rows(store, "projects", {"country": "FR"})] == ["ACME"]
    migrants = rows(store, "projects_for_migrants_with_partners")
    assert [(r["acronym"], r["name"], r["partnerCountry"]) for r in migrants] == [
        ("ACME", "Medway Council", "GB"), ("ACME", "Ville de Lille", "FR"), ("BETA", "Medway Council", "GB")]
    themes = {r["concept"].rsplit("/", 1)[1]: r["projects"] for r in rows(store, "themes")}
    assert themes == {"housing": 1}
    assert [(r["label"], r["projects"]) for r in rows(store, "target_groups")] == [("Migrants", 2)]
    per_period = rows(store, "projects_per_period")
    assert [(r["projects"], r["organisations"]) for r in per_period] == [(2, 2)]
    totals = rows(store, "budget_totals")[0]
    assert (totals["projects"], totals["projectsWithBudget"], str(totals["totalBudgetEur"])) == (2, 1, "100.5")


def test_an_inferred_fact_is_listed_once_without_a_span(store):
    # the fact read from no span was once paired with every span of the store (the selectors were
    # joined outside the branch that binds the span)
    facts = rows(store, "document_facts", {"document": "a"})
    inferred = [r for r in facts if r["inferred"]]
    assert [(r["predicate"], r["object"], r["span"], r["inferredFrom"]) for r in inferred] == [
        ("http://schema.org/addressCountry", "FR", None, "gazetteer")]
    read = [(r["object"], r["span"], r["start"], r["end"], r["quote"]) for r in facts if not r["inferred"]]
    assert read == [("ACME", ID + "document/a#char=0,4", 0, 4, "ACME")]


def test_dashboard_queries_read_the_statistics_graph_when_the_build_has_one(store):
    live = {name: rows(store, name) for name in ("counts", "themes", "target_groups", "programmes")}
    assert live["counts"][0]["organisations"] == 2 and live["counts"][0]["projects"] == 2
    with_statistics = Store()
    with_statistics.extend(store.quads_for_pattern(None, None, None, None))
    with_statistics.extend(statistics_quads(store))
    assert {name: rows(with_statistics, name) for name in live} == live
    # proof that the figures come from the statistics graph: change one there, it shows
    projects = NamedNode(IRG + "projectCount")
    whole = next(q for q in with_statistics.quads_for_pattern(None, projects, None, NamedNode(STATISTICS_GRAPH))
                 if not list(with_statistics.quads_for_pattern(q.subject, NamedNode(IRG + "dimension"), None, None)))
    with_statistics.remove(whole)
    with_statistics.add(type(whole)(whole.subject, projects, type(whole.object)("7", datatype=whole.object.datatype),
                                    whole.graph_name))
    assert rows(with_statistics, "counts")[0]["projects"] == 7
