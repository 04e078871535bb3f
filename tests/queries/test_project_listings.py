"""The project listings by programme, target group and theme against their former texts.

``projects_by_programme``, ``projects_by_target_group`` and ``projects_by_theme`` sort on the parts of
their former one-per-row key built apart: a key per concept, the project's lower-cased acronym or
title cut to its first 15 characters (a string Oxigraph holds in the term, compared without a read),
that text whole, the project IRI. Each is held against its
former text (``tests/queries/former/sort_keys/``) for every value its parameters take, unbound included, on the
read side's fixture, the repeated-facts store and a store of awkward projects: acronyms that agree in
their first 15 characters (and beyond), that differ only in case, that are prefixes of each other or
hold characters of several bytes, a project with a title only and one with neither, concepts with
no label, with labels differing only in case or equal, a programme with two English labels, and a
programme two steps below another.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, QuerySolutions, RdfFormat, Store

import queries
from loader.descriptions import refresh_descriptions
from tests.queries import test_deduplicated_answers as dedup
from tests.queries.test_description_graph import FIXTURE
from tests.support.parameter_values import substitution_sets

# a folder of their own: the texts directly in former/ are those of the queries reading the description
# graph (test_description_graph.py)
FORMER = Path(__file__).resolve().parent / "former" / "sort_keys"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"

# (key, acronym, title, programme, period, target groups, themes)
_PROJECTS = [
    ("a1", "Interreg Europe Alpha", None, "fr-be", "2007-2013", ["migrants"], ["housing", "unlabelled"]),
    ("a2", "INTERREG EUROPE ALPHA", "Second", "fr-be", "2014-2020", ["migrants", "youth"], ["housing"]),
    ("a3", "Interreg Europe Alphabet", None, "iv-a", "2007-2013", ["youth"], ["jobs"]),
    ("a4", "interreg europe", "Short", "iv-a", "2007-2013", ["elderly"], ["housing", "jobs"]),
    ("b1", "Ärztenetz Grenzregion", None, "fr-be", "2007-2013", ["migrants"], ["Housing"]),
    ("b2", "Ärztenetz Grenzraum", None, "other", "2000-2006", ["youth"], ["housing"]),
    ("b3", "École sans frontières", None, "fr-be", "2007-2013", ["migrants"], ["jobs"]),
    ("c1", None, "A title only, long enough to pass fifteen", "iv-a", "2007-2013", ["migrants"], ["housing"]),
    ("c2", None, None, "fr-be", "2007-2013", ["migrants", "elderly"], ["unlabelled"]),
    ("c3", "ab", None, "unlabelled", "2007-2013", ["youth"], ["housing"]),
    ("c4", "Ab", None, "unlabelled", "2014-2020", ["youth"], ["housing"]),
]


def _project(key: str, acronym: str | None, title: str | None, programme: str, period: str,
             target_groups: list[str], themes: list[str]) -> str:
    facts = [f"id:project/{key} a irg:Project", f"irg:programme id:programme/{programme}",
             f"irg:period id:period/{period}"]
    if acronym is not None:
        facts.append(f'irg:acronym "{acronym}"')
    if title is not None:
        facts.append(f'dcterms:title "{title}"@en')
    facts += [f"irg:targetGroup id:target-group/{t}" for t in target_groups]
    facts += [f"irg:theme id:theme/{t}" for t in themes]
    return " ; ".join(facts) + " .\n"


EDGE = f"""
@prefix irg: <{IRG}> .
@prefix id: <{ID}> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

graph:vocab {{
  id:programme/fr-be skos:prefLabel "France-Belgium"@en ; skos:broader id:programme/iv-a .
  id:programme/iv-a skos:prefLabel "Interreg IVA"@en ; skos:broader id:programme/interreg .
  id:programme/interreg skos:prefLabel "Interreg"@en .
  id:programme/other skos:prefLabel "france-belgium"@en , "Autre"@fr , "Other"@en-GB .
  id:target-group/migrants skos:prefLabel "Migrants"@en . id:target-group/youth skos:prefLabel "migrants"@en .
  id:target-group/elderly skos:prefLabel "Elderly people"@en .
  id:theme/housing skos:prefLabel "Housing"@en . id:theme/Housing skos:prefLabel "housing"@en .
  id:theme/jobs skos:prefLabel "Housing"@en .
}}
graph:document/e1 {{ {"".join(_project(*p) for p in _PROJECTS[:6])} }}
graph:document/e2 {{ {"".join(_project(*p) for p in _PROJECTS[3:])} }}
"""


def _store(which: str) -> Store:
    store = Store()
    if which == "fixture":
        store.load(path=str(FIXTURE), format=RdfFormat.TRIG)
    else:
        store.load(dedup._trig(dedup.DATA if which == "repeated" else EDGE).encode("utf-8"), format=RdfFormat.TRIG)
    refresh_descriptions(store)
    return store


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    return {which: _store(which) for which in ("fixture", "repeated", "edge")}


def _rows(store: Store, text: str, substitutions: dict) -> list[tuple]:
    solutions = store.query(text, substitutions=substitutions, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [tuple(None if s[n] is None else str(s[n]) for n in names) for s in solutions]


def _ids(kind: str, *keys: str) -> list[NamedNode]:
    return [NamedNode(f"{ID}{kind}/{k}") for k in keys]


#: every value each parameter takes in the tests (None: unbound)
VALUES = {
    "projects_by_programme": {
        "programme": [None, *_ids("programme", "fr-be", "iv-a", "interreg", "other", "unlabelled", "iii-a",
                                  "iv-a-france-channel-england", "none")],
        "period": [None, *_ids("period", "2000-2006", "2007-2013", "2014-2020", "none")]},
    "projects_by_target_group": {
        "target_group": [None, *_ids("target-group", "migrants", "youth", "elderly", "none")]},
    "projects_by_theme": {"theme": [None, *_ids("theme", "housing", "Housing", "jobs", "unlabelled", "none")]},
}


# the repeated-facts store has no programme: the programme listing is compared on the other two
@pytest.mark.parametrize(("which", "name"), [(w, n) for w in ("fixture", "repeated", "edge") for n in sorted(VALUES)
                                             if (w, n) != ("repeated", "projects_by_programme")])
def test_the_listing_answers_as_its_former_text_for_every_parameter_value(stores, which, name):
    store = stores[which]
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    params = VALUES[name]
    answered = 0
    for values, substitutions in substitution_sets(params):
        got, expected = _rows(store, current, substitutions), _rows(store, former, substitutions)
        answered += len(got)
        # the order keys end with the project's and the concept's IRIs: no two rows tie, the order is whole
        assert got == expected, (name, values)
    assert answered  # some value gives rows: the comparison is not one of empty answers


def test_the_edge_store_has_heads_that_tie_and_unlabelled_concepts(stores):
    rows = _rows(stores["edge"], queries.load("projects_by_theme").text, {})
    housing = [r[3] for r in rows if r[0] == f"<{ID}theme/housing>"]
    # acronyms agreeing in their first 15 lower-cased characters, in the order of the rest of them
    assert housing[:6] == [None, '"ab"', '"Ab"', '"interreg europe"', '"Interreg Europe Alpha"', '"INTERREG EUROPE ALPHA"']
    assert [r[0] for r in rows][0] == f"<{ID}theme/unlabelled>" and rows[0][1] is None
