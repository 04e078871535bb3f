"""The lookup ``partner``, rewritten for its cost at 35,000 documents, held to its text before
(``tests/queries/former/lookups/partner.rq``): the same rows in the same order, term for term, for every
organisation, unbound included, on the hand-written stores of the other former-text tests and on
generated stores where projects have several acronyms and titles (short and long, with language tags,
in several documents) and organisations several names, places and roles.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store, Variable

import queries
from loader.descriptions import refresh_descriptions
from tests.queries import test_participation_counts as counts
from tests.queries import test_participation_rows as participation
from tests.support.parameter_values import substitution_sets

FORMER = Path(__file__).resolve().parent / "former" / "lookups"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"
GRAPH = "https://w3id.org/interreg-kg/graph/document/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SCHEMA = "http://schema.org/"
NAMES = ["Anna", "anna", "Ville de Lille", "Büro Zürich", "a name longer than fifteen bytes", "Ærø"]
PLACES = ["Lille", "LILLE", "lille", "Roubaix", "Saarbrücken", "SAARBRÜCKEN", "Sint-Niklaas (Waas)", "Ærø"]
ACRONYMS = ["X", "x", "Why", "AN ACRONYM LONGER THAN FIFTEEN", "Zed", "ÆRØ", ""]
TITLES = ["zed", "Xavier", "a title well over fifteen bytes long", "Über die Grenze", "B"]
ROLES = ["lead", "partner", "associated", "unknown", "observer", None, "literal"]


def _generated(seed: int) -> Store:
    """Organisations and projects with their facts spread over four documents at random, described."""
    rng = random.Random(seed)
    graphs = [NamedNode(f"{GRAPH}d{i}") for i in range(4)]
    organisations = [NamedNode(f"{ID}organisation/o{i}") for i in range(7)]
    projects = [NamedNode(f"{ID}project/p{i}") for i in range(14)]
    quads = []

    def some(values, most):
        return rng.sample(values, rng.randint(0, most))

    for organisation in organisations:
        for graph in rng.sample(graphs, rng.randint(1, 3)):
            quads.append(Quad(organisation, RDF_TYPE, NamedNode(IRG + "Organisation"), graph))
            quads += [Quad(organisation, NamedNode(SCHEMA + "name"), Literal(n), graph) for n in some(NAMES, 2)]
            quads += [Quad(organisation, NamedNode(SCHEMA + "addressLocality"), Literal(p), graph)
                      for p in some(PLACES, 2)]
            quads += [Quad(organisation, NamedNode(SCHEMA + "addressCountry"), Literal(c), graph)
                      for c in some(["FR", "BE", "DE"], 1)]
    for project in projects:
        for graph in rng.sample(graphs, rng.randint(1, 3)):
            quads.append(Quad(project, RDF_TYPE, NamedNode(IRG + "Project"), graph))
            quads += [Quad(project, NamedNode(IRG + "acronym"), Literal(a), graph) for a in some(ACRONYMS, 2)]
            quads += [Quad(project, NamedNode("http://purl.org/dc/terms/title"),
                           Literal(t, language=rng.choice([None, "en", "fr"])), graph) for t in some(TITLES, 2)]
        for organisation in rng.sample(organisations, rng.randint(0, 4)):
            participation = NamedNode(f"{project.value}/participation/{organisation.value.rpartition('/')[2]}")
            for graph in rng.sample(graphs, rng.randint(1, 2)):
                quads += [Quad(participation, NamedNode(IRG + "project"), project, graph),
                          Quad(participation, NamedNode(IRG + "organisation"), organisation, graph),
                          Quad(organisation, NamedNode(IRG + "participantIn"), project, graph)]
                if rng.random() < 0.9:
                    quads.append(Quad(participation, RDF_TYPE, NamedNode(IRG + "Participation"), graph))
                for role in rng.sample(ROLES, rng.randint(0, 2)):
                    if role == "literal":
                        quads.append(Quad(participation, NamedNode(IRG + "role"), Literal("lead"), graph))
                    elif role is not None:
                        quads.append(Quad(participation, NamedNode(IRG + "role"), NamedNode(f"{ID}role/{role}"), graph))
    rng.shuffle(quads)
    store = Store()
    store.extend(quads)
    assert refresh_descriptions(store)
    return store


def _stores() -> dict[str, Store]:
    stores = {f"generated-{seed}": _generated(seed) for seed in (1, 2, 3, 4)}
    stores |= {which: counts._store(which) for which in ("fixture", "repeated", "edge")}
    stores["roles"] = participation.store.__wrapped__()
    return stores


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    return _stores()


def _values(store: Store) -> dict[str, list]:
    """Every organisation of ``store``, one absent, and None: unbound."""
    found = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, NamedNode(IRG + "Organisation"))}
    return {"organisation": [None, *sorted(found, key=str), NamedNode(ID + "organisation/none")]}


def _rows(store: Store, text: str, substitutions: dict) -> list[tuple]:
    return [tuple(solution) for solution in
            store.query(text, substitutions=substitutions, use_default_graph_as_union=True)]


def test_partner_answers_as_its_former_text_row_for_row(stores):
    name = "partner"
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    assert current != former
    assert [(p.name, p.type) for p in queries.parse(former, name=name).parameters] == \
        [(p.name, p.type) for p in queries.load(name).parameters]
    answered = several = 0
    for which, store in stores.items():
        for values, substitutions in substitution_sets(_values(store)):
            got, expected = _rows(store, current, substitutions), _rows(store, former, substitutions)
            assert got == expected, (which, values)
            answered += len(got)
            several += len(got) > 1
    assert answered > 100 and several > 20  # the comparisons are not of empty or one-row answers


def test_the_generated_stores_hold_what_the_lookups_must_choose_among(stores):
    """Projects with two acronyms and projects with two titles: where a sample and the first value could
    differ."""
    acronyms, titles = Variable("a"), Variable("t")
    counted = {}
    for which, store in stores.items():
        if which.startswith("generated"):
            for variable, predicate in ((acronyms, IRG + "acronym"), (titles, "http://purl.org/dc/terms/title")):
                text = f"SELECT (COUNT(*) AS ?{variable.value}) WHERE {{ SELECT ?p WHERE {{ ?p <{predicate}> ?v }} " \
                       "GROUP BY ?p HAVING (COUNT(DISTINCT ?v) > 1) }"
                counted[which, variable.value] = int(next(iter(store.query(text, use_default_graph_as_union=True)))[
                    variable.value].value)
    assert all(n > 0 for n in counted.values()), counted
