"""``partner`` reads each project's acronym and title from its description where the build wrote them
(``irg:listingAcronym``, ``irg:listingTitle``: a project with at most one of each) and the first value in
the store's order for the others, held to its text before (``tests/queries/former/described/partner.rq``,
which read the first values of every project): the same rows in the same order, term for term, for every
organisation and none, on the awkward stores of the former-text tests and on generated stores where
projects have two acronyms or two titles (the first value is then the store's order's pick), each built
in memory, in memory in reverse order and on disk; on a store without descriptions; and on one whose
descriptions lack the listing columns (as an older build wrote them: every project takes the fallback).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, Store, Variable

import queries
from ontology.namespaces import DESCRIPTIONS_GRAPH
from tests.queries import test_lookup_queries as lookups
from tests.queries import test_participation_counts as counts
from tests.queries import test_participation_rows as participation
from tests.queries import test_project_descriptions as listings
from tests.support.parameter_values import substitution_sets

FORMER = Path(__file__).resolve().parent / "former" / "described" / "partner.rq"
IRG = "https://w3id.org/interreg-kg/ontology#"
LISTING = {NamedNode(IRG + p) for p in ("listingKey", "listingAcronym", "listingTitle")}
DESCRIBED = NamedNode(DESCRIPTIONS_GRAPH)


def _facts(store: Store) -> list[Quad]:
    """The quads of ``store`` outside its description graph."""
    return [q for q in store.quads_for_pattern(None, None, None, None) if q.graph_name != DESCRIBED]


def _unlisted(quads: list[Quad]) -> Store:
    """Described, then the listing columns removed: every project takes the first-value path."""
    store = listings._with_descriptions(Store(), quads)
    for quad in [q for q in store.quads_for_pattern(None, None, None, DESCRIBED) if q.predicate in LISTING]:
        store.remove(quad)
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Store]:
    sources = {f"generated-{seed}": lookups._generated(seed) for seed in (1, 2, 3, 4, 5, 6, 7)}
    sources |= {which: counts._store(which) for which in ("fixture", "repeated", "edge")}
    sources["roles"] = participation.store.__wrapped__()
    built: dict[str, Store] = {}
    for name, source in sources.items():
        quads = _facts(source)
        built[f"{name}, memory"] = listings._with_descriptions(Store(), quads)
        built[f"{name}, reversed"] = listings._with_descriptions(Store(), list(reversed(quads)))
        built[f"{name}, disk"] = listings._with_descriptions(Store(str(tmp_path_factory.mktemp("partner"))), quads)
        built[f"{name}, unlisted"] = _unlisted(quads)
        built[f"{name}, no descriptions"] = listings._without_descriptions(quads)
    return built


def _rows(store: Store, text: str, substitutions: dict) -> list[tuple]:
    return [tuple(solution) for solution in
            store.query(text, substitutions=substitutions, use_default_graph_as_union=True)]


def _listed(store: Store, predicate: str) -> set[NamedNode]:
    return {q.subject for q in store.quads_for_pattern(None, NamedNode(IRG + predicate), None, DESCRIBED)}


def test_partner_answers_as_its_former_text_row_for_row(stores):
    current, former = queries.load("partner").text, FORMER.read_text(encoding="utf-8")
    assert current != former
    assert [(p.name, p.type) for p in queries.parse(former, name="partner").parameters] == \
        [(p.name, p.type) for p in queries.load("partner").parameters]
    # rows whose acronym or title came from a description, and rows of projects the fallback answered with
    # an acronym or title (two values, or no listing columns): both paths are compared
    from_description = fallback = answered = 0
    for which, store in stores.items():
        acronyms, titles = _listed(store, "listingAcronym"), _listed(store, "listingTitle")
        for values, substitutions in substitution_sets(lookups._values(store)):
            got = _rows(store, current, substitutions)
            assert got == _rows(store, former, substitutions), (which, values)
            answered += len(got)
            for row in got:
                project = row[6]
                from_description += project in acronyms or project in titles
                fallback += (row[7] is not None and project not in acronyms) or \
                    (row[8] is not None and project not in titles)
    assert answered > 1000 and from_description > 200 and fallback > 200, (answered, from_description, fallback)


def test_the_stores_hold_projects_of_two_acronyms_or_titles_and_listed_ones(stores):
    """Where the first value is the store's pick, and where the description gives the one value."""
    two = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT ?p WHERE { ?p <%s> ?v } GROUP BY ?p HAVING (COUNT(DISTINCT ?v) > 1) }")
    for which in ("generated-2, memory", "generated-5, disk", "generated-7, reversed"):
        store = stores[which]
        for predicate in (IRG + "acronym", "http://purl.org/dc/terms/title"):
            n = next(iter(store.query(two % predicate, use_default_graph_as_union=True)))[Variable("n")]
            assert int(n.value) > 0, (which, predicate)
        assert _listed(store, "listingAcronym") and _listed(store, "listingTitle"), which
    assert not _listed(stores["generated-1, unlisted"], "listingKey")
    assert not any(stores["generated-1, no descriptions"].quads_for_pattern(None, None, None, DESCRIBED))
