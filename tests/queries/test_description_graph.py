"""The description graph (``loader/descriptions.py``) and the named queries that read it.

Each rewritten query is held against its former text (kept in ``tests/queries/former/``, which
read the repeated facts of every document graph) on the hand-written stores of the read side: same
columns, rows and order. The graph itself must change no answer of a query that does not read it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, QuerySolutions, RdfFormat, Store

import queries
from loader.descriptions import description_lines, description_quads, refresh_descriptions
from loader.statistics import statistics_quads
from ontology.namespaces import DESCRIPTIONS_GRAPH, META_GRAPH
from tests.queries import test_deduplicated_answers as dedup

FORMER = Path(__file__).resolve().parent / "former"
FIXTURE = Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"
ID = "https://w3id.org/interreg-kg/id/"
SCHEMA = "http://schema.org/"
GRAPH = NamedNode(DESCRIPTIONS_GRAPH)
#: a value for each parameter of the rewritten queries, to run them bound as well as unbound
PARAMS = {"organisation": "medway", "project": "acme", "city": "lille", "country": "FR", "role": "lead",
          "q": "ville", "min_projects": "2", "include_associated": "true", "target_group": "migrants"}


def _facts_only(store: Store) -> Store:
    """A copy of ``store`` without its description graph."""
    copy = Store()
    copy.extend(q for q in store.quads_for_pattern(None, None, None, None) if q.graph_name != GRAPH)
    return copy


def _load(which: str) -> Store:
    """The read side's fixture or the repeated-facts fixture, facts only."""
    store = Store()
    if which == "fixture":
        store.load(path=str(FIXTURE), format=RdfFormat.TRIG)
    else:
        store.load(dedup._trig(dedup.DATA).encode("utf-8"), format=RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    """The two fixtures, each with its description graph (as every build has it)."""
    out = {which: _load(which) for which in ("fixture", "repeated")}
    for store in out.values():
        assert refresh_descriptions(store)
    return out


def _answer(store: Store, text: str, name: str, params: dict[str, str]) -> tuple[list[str], list[tuple]]:
    named = queries.parse(text, name=name)
    solutions = store.query(named.text, substitutions=named.bindings(params), use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return names, [tuple(None if s[n] is None else str(s[n]) for n in names) for s in solutions]


#: the former texts: the organisations' queries in former/, the project listings (which read the
#: projects' descriptions, queries/descriptions/build_projects.rq) in former/listings/
FORMER_TEXTS = {p.stem: p for p in (*FORMER.glob("*.rq"), *(FORMER / "listings").glob("*.rq"))}
REWRITTEN = sorted(FORMER_TEXTS)


def test_the_former_texts_are_those_of_the_queries_that_read_the_description_graph():
    """Each query reading the graph keeps its former text here, and only those do."""
    reading = {n for n in queries.names() if "graph:descriptions" in queries.load(n).text}
    assert reading == set(REWRITTEN)
    assert all("graph:descriptions" not in FORMER_TEXTS[n].read_text() for n in REWRITTEN)


@pytest.mark.parametrize("name", REWRITTEN)
@pytest.mark.parametrize("which", ["fixture", "repeated"])
def test_a_rewritten_query_answers_as_its_former_text(stores, which, name):
    store = stores[which]
    former = FORMER_TEXTS[name].read_text(encoding="utf-8")
    current = queries.load(name)
    declared = {p.name for p in current.parameters}
    assert declared == {p.name for p in queries.parse(former, name=name).parameters}
    bound = {k: v for k, v in PARAMS.items() if k in declared}
    for params in ({}, bound):
        assert _answer(store, current.text, name, params) == _answer(store, former, name, params)


def test_the_answers_are_read_from_the_description_graph(stores):
    # proof: change a description, the queries that read it show the change
    store = Store()
    store.extend(stores["repeated"].quads_for_pattern(None, None, None, None))
    medway = NamedNode(ID + "organisation/medway")
    name = NamedNode("https://w3id.org/interreg-kg/ontology#displayName")
    (shown,) = store.quads_for_pattern(medway, name, None, GRAPH)
    store.remove(shown)
    store.add(Quad(medway, name, type(shown.object)("Medway (described)"), GRAPH))
    names = {r["organisation"]: r["name"] for r in dedup.rows(store, "partners")}
    assert names[ID + "organisation/medway"] == "Medway (described)"


def test_every_organisation_is_described_once_per_distinct_fact(stores):
    store = stores["repeated"]
    medway = NamedNode(ID + "organisation/medway")
    described = {(q.predicate.value.rpartition("/")[2].rpartition("#")[2], q.object.value)
                 for q in store.quads_for_pattern(medway, None, None, GRAPH)}
    assert described == {("name", "Medway Council"), ("addressCountry", "GB"), ("addressLocality", "Chatham"),
                         ("url", "http://www.medway.gov.uk/"), ("displayName", "Medway Council"),
                         ("participantInCount", "2"), ("leadPartnerOfCount", "2"), ("projectsInAnyRoleCount", "2"),
                         ("projectsNotAssociatedCount", "2"), ("projectsAsLeadCount", "2"),
                         ("localityKey", "chatham"), ("projectAsLead", ID + "project/acme"),
                         ("projectAsLead", ID + "project/beta")}
    ville = {q.predicate.value.rpartition("#")[2] for q in store.quads_for_pattern(
        NamedNode(ID + "organisation/ville"), None, None, GRAPH)}
    assert "leadPartnerOfCount" not in ville and "participantInCount" in ville
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert not list(store.quads_for_pattern(None, rdf_type, None, GRAPH))


@pytest.mark.parametrize("which", ["fixture", "repeated"])
def test_no_other_query_changes_its_answers_because_of_the_graph(stores, which):
    # the same file loaded the same way, with and without its description graph (a copy made quad by
    # quad would not do: the order of GROUP_CONCAT follows the order quads were inserted in)
    with_graph, without = stores[which], _load(which)
    others = [n for n in queries.names() if "graph:descriptions" not in queries.load(n).text]
    assert "organisation_name_evidence" in others  # network_organisations reads it: test_network_organisations.py
    for name in others:
        text = queries.load(name).text
        (columns, rows), (columns_without, rows_without) = (_answer(s, text, name, {}) for s in (with_graph, without))
        assert columns == columns_without
        if "ORDER BY" not in text:  # no order is part of the answer: compare the rows as a multiset
            rows, rows_without = sorted(rows, key=str), sorted(rows_without, key=str)
        assert rows == rows_without, name
    assert {str(q) for q in statistics_quads(with_graph)} == {str(q) for q in statistics_quads(without)}


def test_the_graph_is_deterministic_and_rewritten_only_when_the_facts_change(stores):
    store = Store()
    store.extend(stores["repeated"].quads_for_pattern(None, None, None, None))
    before = set(store.quads_for_pattern(None, None, None, None))
    assert refresh_descriptions(store) is False
    assert set(store.quads_for_pattern(None, None, None, None)) == before
    assert {str(q) for q in description_quads(store)} == {str(q) for q in store.quads_for_pattern(None, None, None, GRAPH)}
    assert description_lines(store) == description_lines(_facts_only(store))
    meta = list(store.quads_for_pattern(GRAPH, None, None, NamedNode(META_GRAPH)))
    assert {q.object.value.rpartition("#")[2] for q in meta} >= {"DescriptionGraph"}


def test_a_stale_description_never_feeds_its_own_recomputation(stores):
    store = Store()
    store.extend(stores["repeated"].quads_for_pattern(None, None, None, None))
    ville = NamedNode(ID + "organisation/ville")
    # a name only the (stale) description graph holds, and a fact the documents no longer state
    store.add(Quad(ville, NamedNode(SCHEMA + "name"), type(next(iter(store.quads_for_pattern(
        ville, NamedNode(SCHEMA + "name"), None, None))).object)("A Aaa stale name"), GRAPH))
    for q in list(store.quads_for_pattern(ville, NamedNode(SCHEMA + "addressLocality"), None, None)):
        if q.graph_name != GRAPH:
            store.remove(q)
    assert refresh_descriptions(store) is True
    held = {(q.predicate.value.rpartition("/")[2], q.object.value) for q in store.quads_for_pattern(ville, None, None, GRAPH)}
    assert ("name", "A Aaa stale name") not in held and not any(p == "addressLocality" for p, _ in held)
    assert ("name", "Ville de Lille") in held
    assert {str(q) for q in store.quads_for_pattern(None, None, None, GRAPH)} == {
        str(q) for q in description_quads(_facts_only(store))}


def test_the_graph_holds_no_personal_data(stores):
    for store in stores.values():
        for q in store.quads_for_pattern(None, None, None, GRAPH):
            assert not q.predicate.value.startswith("http://www.w3.org/2006/vcard/ns#")
            assert "/person/" not in q.subject.value and not q.object.value.startswith("mailto:")
