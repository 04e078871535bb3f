"""The queries over every participation, read from the description graph, against their former texts.

``organisations_in_most_projects`` and ``organisations_in_role`` read the numbers of projects the
build query (``queries/descriptions/build_participations.rq``) counts per organisation;
``projects_for_migrants_with_partners`` reaches the participations from the target group's projects;
``partner`` joins fewer rows before its sort. Each is held against its former text
(``tests/queries/former/``) for every value its parameters take, unbound included, on the read
side's fixture, the repeated-facts store and a store of awkward participations: one with two roles
(associated in one document, partner in another), one without a role, one not typed
``irg:Participation``, one without a project, an organisation only associated, a project without an acronym,
and ties in the counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, RdfFormat, Store, Variable

import queries
from loader.descriptions import refresh_descriptions
from tests.queries import test_deduplicated_answers as dedup
from tests.queries.test_description_graph import FIXTURE
from tests.support.parameter_values import substitution_sets

FORMER = Path(__file__).resolve().parent / "former"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

_PARTICIPATIONS = """
  id:organisation/anna a irg:Organisation ; schema:name "Anna" ; schema:addressCountry "BE" .
  id:organisation/bert a irg:Organisation ; schema:name "bert" ; schema:addressCountry "NL" .
  id:organisation/cleo a irg:Organisation ; schema:name "Cleo" ; schema:addressCountry "BE" .
  id:organisation/dora a irg:Organisation ; schema:name "Dora" ; schema:addressCountry "FR" .
  id:project/x a irg:Project ; irg:acronym "X" ; irg:targetGroup id:target-group/migrants .
  id:project/y a irg:Project ; irg:acronym "Y" ; irg:targetGroup id:target-group/youth .
  id:project/z a irg:Project ; irg:targetGroup id:target-group/migrants .
  id:project/w a irg:Project ; irg:acronym "w" ; irg:targetGroup id:target-group/migrants .
  id:project/x/participation/anna a irg:Participation ; irg:project id:project/x ; irg:organisation id:organisation/anna .
  id:project/y/participation/anna a irg:Participation ; irg:project id:project/y ; irg:organisation id:organisation/anna .
  id:project/z/participation/anna a irg:Participation ; irg:project id:project/z ; irg:organisation id:organisation/anna ;
      irg:role id:role/associated .
  id:project/w/participation/anna a irg:Participation ; irg:project id:project/w ; irg:organisation id:organisation/anna ;
      irg:role id:role/unknown .
  id:project/x/participation/bert a irg:Participation ; irg:project id:project/x ; irg:organisation id:organisation/bert ;
      irg:role id:role/associated .
  id:project/y/participation/bert irg:project id:project/y ; irg:organisation id:organisation/bert ; irg:role id:role/lead .
  id:project/x/participation/cleo a irg:Participation ; irg:project id:project/x ; irg:organisation id:organisation/cleo ;
      irg:role id:role/lead .
  id:project/y/participation/cleo a irg:Participation ; irg:project id:project/y ; irg:organisation id:organisation/cleo ;
      irg:role id:role/lead .
  id:project/z/participation/cleo a irg:Participation ; irg:organisation id:organisation/cleo ; irg:role id:role/partner .
  id:project/z/participation/dora a irg:Participation ; irg:project id:project/z ; irg:organisation id:organisation/dora ;
      irg:role id:role/partner .
  id:organisation/cleo irg:leadPartnerOf id:project/x, id:project/y ; irg:participantIn id:project/x, id:project/y .
  id:organisation/anna irg:participantIn id:project/x, id:project/y, id:project/z, id:project/w .
"""
EDGE = f"""
@prefix irg: <{IRG}> .
@prefix id: <{ID}> .
@prefix schema: <http://schema.org/> .
graph:document/e1 {{ {_PARTICIPATIONS}
  id:project/x/participation/anna irg:role id:role/associated . }}
graph:document/e2 {{ {_PARTICIPATIONS}
  id:project/x/participation/anna irg:role id:role/partner . }}
"""


def _store(which: str) -> Store:
    store = Store()
    if which == "fixture":
        store.load(path=str(FIXTURE), format=RdfFormat.TRIG)
    else:
        store.load(dedup._trig(dedup.DATA if which == "repeated" else EDGE).encode("utf-8"), format=RdfFormat.TRIG)
    assert refresh_descriptions(store)
    return store


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    return {which: _store(which) for which in ("fixture", "repeated", "edge")}


def _rows(store: Store, text: str, substitutions: dict) -> tuple[list[str], list[tuple]]:
    solutions = store.query(text, substitutions=substitutions, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return names, [tuple(None if s[n] is None else str(s[n]) for n in names) for s in solutions]


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD + "integer"))


def _boolean(b: bool) -> Literal:
    return Literal("true" if b else "false", datatype=NamedNode(XSD + "boolean"))


#: every value each parameter takes in the tests (None: unbound, which the defaults never leave)
VALUES = {
    "organisations_in_most_projects": {"min_projects": [None, *map(_integer, (0, 1, 2, 3, 5))],
                                       "include_associated": [None, _boolean(True), _boolean(False)]},
    "organisations_in_role": {"role": [None, *(NamedNode(ID + "role/" + r)
                                               for r in ("lead", "partner", "associated", "unknown", "other"))]},
    "projects_for_migrants_with_partners": {
        "target_group": [None, *(NamedNode(ID + "target-group/" + t) for t in ("migrants", "youth", "none"))],
        "country": [None, Literal("BE"), Literal("FR"), Literal("GB")]},
    "partner": {"organisation": [None, *(NamedNode(ID + "organisation/" + o)
                                         for o in ("anna", "bert", "cleo", "dora", "medway", "ville", "none"))]},
}

#: the order keys of the queries whose order leaves ties (the same project and name in several target
#: groups when the target group is unbound, or in several roles other than lead; partner: the same
#: project in several roles)
ORDERED_BY = {"projects_for_migrants_with_partners": lambda row: (
    row["acronym"], row["project"], row["role"] == f"<{ID}role/lead>", row["name"]),
    # the former text left the rows of a project in several roles in the store's order; the query now
    # orders them by role
    "partner": lambda row: (row["organisation"], row["acronym"] or row["title"], row["project"])}


@pytest.mark.parametrize("name", sorted(VALUES))
@pytest.mark.parametrize("which", ["fixture", "repeated", "edge"])
def test_the_query_answers_as_its_former_text_for_every_parameter_value(stores, which, name):
    store = stores[which]
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    params = VALUES[name]
    answered = 0
    for values, substitutions in substitution_sets(params):
        got, expected = _rows(store, current, substitutions), _rows(store, former, substitutions)
        answered += len(got[1])
        if name in ORDERED_BY:  # rows that tie on the order keys come in no set order: compare them as a
            # multiset and the order keys in their order
            assert sorted(got[1], key=str) == sorted(expected[1], key=str), (name, values)
            got, expected = ([ORDERED_BY[name](dict(zip(answer[0], row, strict=True))) for row in answer[1]]
                             for answer in (got, expected))
        assert got == expected, (name, values)
    assert answered  # some value gives rows: the comparison is not one of empty answers


def test_the_edge_store_counts_each_project_once_per_role(stores):
    store = stores["edge"]
    most = queries.load("organisations_in_most_projects")
    _, own = _rows(store, most.text, {Variable("min_projects"): _integer(1)})
    _, every = _rows(store, most.text, {Variable("min_projects"): _integer(1),
                                        Variable("include_associated"): _boolean(True)})
    # anna: x (partner and associated), y (no role), w (unknown), z (associated only); bert: x (associated)
    # and y (not a typed participation); cleo: x, y (the participation without a project does not count)
    assert [(r[1], r[3]) for r in own] == [('"Anna"', _integer(3).__str__()), ('"Cleo"', _integer(2).__str__()),
                                           ('"Dora"', _integer(1).__str__())]
    assert [(r[1], r[3]) for r in every][:2] == [('"Anna"', str(_integer(4))), ('"Cleo"', str(_integer(2)))]
    assert ('"bert"', str(_integer(1))) in [(r[1], r[3]) for r in every]
    in_role = queries.load("organisations_in_role")
    _, rows = _rows(store, in_role.text, {Variable("role"): NamedNode(ID + "role/associated")})
    assert [(r[1], r[3]) for r in rows] == [('"Anna"', str(_integer(2))), ('"bert"', str(_integer(1)))]
