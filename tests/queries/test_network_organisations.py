"""``network_organisations`` reads the description graph when it holds the same facts, held to its text
before (``tests/queries/former/network_organisations.rq``): the same rows in the same order, term for
term, on every store of the other former-text tests of organisations and on the public side of each
(its contacts graphs moved out, graph:meta still listing them, as a build's public store has it).

The query takes one of two ways. From the description (``irg:displayName``, the least country and city
of the description) when no graph graph:meta lists as a contacts graph is in the store and every
organisation of a participation has a description; else from the graphs, as before. Each way is shown
taken where it should be: a description changed by hand shows in the answer, or does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

import queries
from loader.descriptions import refresh_descriptions
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, DESCRIPTIONS_GRAPH
from tests.queries import test_lookup_queries as lookups
from tests.queries import test_organisation_listings as listings

FORMER = Path(__file__).resolve().parent / "former" / "network_organisations.rq"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"
DOCUMENT = "https://w3id.org/interreg-kg/graph/document/"
DESCRIPTIONS = NamedNode(DESCRIPTIONS_GRAPH)
DISPLAY_NAME = NamedNode(IRG + "displayName")


def _copy(store: Store, keep=lambda quad: True) -> Store:
    copy = Store()
    copy.extend(q for q in store.quads_for_pattern(None, None, None, None) if keep(q))
    return copy


def _public(store: Store) -> Store:
    """The public side of ``store``: its contacts graphs left out (graph:meta still lists them), described
    anew from what is left, as a build describes its public store."""
    public = _copy(store, lambda q: not (isinstance(q.graph_name, NamedNode)
                                         and q.graph_name.value.startswith(CONTACTS_GRAPH_PREFIX))
                   and q.graph_name != DESCRIPTIONS)
    assert refresh_descriptions(public)
    return public


def _with_untyped(store: Store) -> Store:
    """``store`` with a participation whose organisation is not typed irg:Organisation (it has no
    description), with a name, and one whose organisation is a literal."""
    out = _copy(store)
    graph = NamedNode(DOCUMENT + "untyped")
    untyped = NamedNode(ID + "organisation/untyped")
    out.extend([
        Quad(NamedNode(ID + "project/p1/participation/untyped"), NamedNode(IRG + "organisation"), untyped, graph),
        Quad(untyped, NamedNode("http://schema.org/name"), Literal("Untyped", language="fr"), graph),
        Quad(untyped, NamedNode("http://schema.org/addressCountry"), Literal("LU"), graph),
        Quad(BlankNode("literal"), NamedNode(IRG + "organisation"), Literal("Une organisation"), graph),
    ])
    refresh_descriptions(out)  # nothing to describe: no typed organisation, no typed participation
    return out


def _stores() -> dict[str, Store]:
    """Each store with the way it must take: ``descriptions`` or ``graphs``."""
    hand, generated = listings._store("hand"), listings._store("generated")
    stores = {"hand": (hand, "graphs"), "generated": (generated, "graphs"),
              "hand public": (_public(hand), "descriptions"), "generated public": (_public(generated), "descriptions"),
              "hand public, untyped": (_with_untyped(_public(hand)), "graphs"),
              "fixture": (listings._store("fixture"), "graphs"), "repeated": (listings._store("repeated"), "descriptions")}
    stores["fixture public"] = (_public(stores["fixture"][0]), "descriptions")
    stores |= {which: (store, "descriptions") for which, store in lookups._stores().items()
               if which.startswith("generated")}
    # no description graph at all (a store loaded without one): no organisation has a description
    stores["hand public, no descriptions"] = (_copy(stores["hand public"][0], lambda q: q.graph_name != DESCRIPTIONS),
                                              "graphs")
    return stores


@pytest.fixture(scope="module")
def stores() -> dict[str, tuple[Store, str]]:
    return _stores()


def _rows(store: Store, text: str) -> list[tuple]:
    return [tuple(solution) for solution in store.query(text, use_default_graph_as_union=True)]


def test_the_query_answers_as_its_former_text_row_for_row(stores):
    current, former = queries.load("network_organisations").text, FORMER.read_text(encoding="utf-8")
    assert current != former and "graph:descriptions" not in former
    answered = 0
    for which, (store, _) in stores.items():
        got, expected = _rows(store, current), _rows(store, former)
        assert got == expected, which  # the same rows in the same order, term for term
        answered += len(got)
    assert answered > 400


def test_each_store_takes_its_way(stores):
    """A displayName changed by hand shows in the answer where the description is read, not elsewhere."""
    text = queries.load("network_organisations").text
    for which, (store, way) in stores.items():
        rows = _rows(store, text)
        named = next(r for r in rows if r[1] is not None)
        changed = _copy(store, lambda q, o=named[0]: not (q.subject == o and q.predicate == DISPLAY_NAME))
        changed.add(Quad(named[0], DISPLAY_NAME, Literal("(changed by hand)"), DESCRIPTIONS))
        shown = {r[0]: r[1] for r in _rows(changed, text)}[named[0]]
        assert shown == (Literal("(changed by hand)") if way == "descriptions" else named[1]), which


def test_the_stores_hold_what_the_comparison_needs(stores):
    hand, public = stores["hand"][0], stores["hand public"][0]
    listed = {q.object for q in public.quads_for_pattern(None, NamedNode(IRG + "contactsGraph"), None)}
    # the public side lists contacts graphs it does not hold; the whole store holds them
    assert listed and not any(any(public.quads_for_pattern(None, None, None, g)) for g in listed)
    assert all(any(hand.quads_for_pattern(None, None, None, g)) for g in listed)
    rows = {r[0].value.rpartition("/")[2]: r for r in _rows(public, queries.load("network_organisations").text)}
    # names the least of which MIN picks among terms it does not order (plain and with languages), an
    # organisation without a name, one named differently by two documents
    assert rows["two-names"][1] is not None and rows["no-name"][1] is None
    assert rows["chu-lille"][1] == Literal("CHU Lille") and "hidden" not in rows
    several = 'SELECT (COUNT(*) AS ?n) WHERE { SELECT ?o WHERE { GRAPH ?g { ?o <http://schema.org/name> ?v } } ' \
              'GROUP BY ?o HAVING (COUNT(DISTINCT ?v) > 1) }'
    for which in ("generated public", "generated-1", "generated-2"):
        assert int(next(iter(stores[which][0].query(several)))["n"].value) > 2, which
