"""The projects of an organisation's participations and the keys of its places in the description graph,
and the queries that read them (``partner``, ``organisations_of_city``,
``projects_for_migrants_with_partners``), held against their former texts (``tests/queries/former/``) for every value their parameter takes, unbound included.

The store here has what the loader never writes but an RDF file may: a role outside the scheme (an IRI
and a literal), a participation without a role in one document and with one in another, one without
any role, one not typed ``irg:Participation``, a project with two acronyms, an organisation in two
places and one whose place is written in two cases, and places outside ASCII.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, RdfFormat, Store, Variable

import queries
from loader.descriptions import refresh_descriptions
from ontology.namespaces import DESCRIPTIONS_GRAPH
from tests.queries import test_deduplicated_answers as dedup
from tests.support.parameter_values import substitution_sets

FORMER = Path(__file__).resolve().parent / "former"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"

_FACTS = """
  id:organisation/anna a irg:Organisation ; schema:name "Anna" ; schema:addressLocality "Lille", "Roubaix" .
  id:organisation/bert a irg:Organisation ; schema:name "bert" ; schema:addressLocality "Saarbrücken" .
  id:organisation/cleo a irg:Organisation ; schema:name "Cleo" ; schema:addressCountry "FR", "BE" .
  id:organisation/dora a irg:Organisation ; schema:addressLocality "lille" .
  id:project/x a irg:Project ; irg:acronym "X" ; dcterms:title "Xavier" ; irg:targetGroup id:target-group/migrants .
  id:project/y a irg:Project ; irg:acronym "Y", "Why" ; irg:targetGroup id:target-group/migrants, id:target-group/youth .
  id:project/z a irg:Project ; dcterms:title "zed" ; irg:targetGroup id:target-group/youth .
  id:project/x/participation/anna a irg:Participation ; irg:project id:project/x ; irg:organisation id:organisation/anna ;
      irg:role id:role/observer .
  id:project/y/participation/anna a irg:Participation ; irg:project id:project/y ; irg:organisation id:organisation/anna ;
      irg:role "lead" .
  id:project/z/participation/anna a irg:Participation ; irg:project id:project/z ; irg:organisation id:organisation/anna .
  id:project/x/participation/bert a irg:Participation ; irg:project id:project/x ; irg:organisation id:organisation/bert ;
      irg:role id:role/lead, id:role/observer .
  id:project/y/participation/bert irg:project id:project/y ; irg:organisation id:organisation/bert ; irg:role id:role/lead .
  id:project/z/participation/cleo a irg:Participation ; irg:project id:project/z ; irg:organisation id:organisation/cleo .
  id:project/x/participation/dora a irg:Participation ; irg:project id:project/x ; irg:organisation id:organisation/dora ;
      irg:role id:role/unknown .
  id:organisation/anna irg:participantIn id:project/x, id:project/y, id:project/z .
  id:organisation/bert irg:participantIn id:project/x .
  id:organisation/cleo irg:participantIn id:project/z .
  id:organisation/dora irg:participantIn id:project/x .
"""
ROLES = f"""
@prefix irg: <{IRG}> .
@prefix id: <{ID}> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
graph:document/r1 {{ {_FACTS}
  id:organisation/dora schema:addressLocality "LILLE" .
  id:project/z/participation/cleo irg:role id:role/partner . }}
graph:document/r2 {{ {_FACTS}
  id:organisation/bert schema:addressLocality "SAARBRÜCKEN" . }}
"""

#: every value each parameter takes (None: unbound)
VALUES = {
    "partner": {"organisation": [None, *(NamedNode(ID + "organisation/" + o) for o in ("anna", "bert", "cleo", "dora",
                                                                                     "none"))]},
    "organisations_of_city": {"city": [None, *map(Literal, ("lille", "LILLE", "Lille", "", "roubaix", "saarbrücken",
                                                            "SAARBRÜCKEN", "nowhere")),
                                       Literal("Lille", language="fr"), NamedNode("http://example.org/lille")]},
    "projects_for_migrants_with_partners": {
        "target_group": [None, *(NamedNode(ID + "target-group/" + t) for t in ("migrants", "youth", "none"))],
        "country": [None, Literal("FR"), Literal("BE"), Literal("GB")]},
}

#: the order keys the rows of a query are compared by, where its order leaves ties (the rest of each row
#: is compared as a multiset): partner's former text left the rows of a project in several roles in the
#: store's order (the query now orders them by role); the target group's projects with the same acronym
#: and role rank
ORDER_KEYS = {"partner": lambda row: (row[0], row[7] or row[8], row[6]),
              "projects_for_migrants_with_partners": lambda row: (row[1], row[0], row[4] == f"<{ID}role/lead>",
                                                                  row[3])}


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load(dedup._trig(ROLES).encode("utf-8"), format=RdfFormat.TRIG)
    assert refresh_descriptions(s)
    return s


def _rows(store: Store, text: str, substitutions: dict) -> tuple[list[str], list[tuple]]:
    solutions = store.query(text, substitutions=substitutions, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return names, [tuple(None if s[n] is None else str(s[n]) for n in names) for s in solutions]


def _described(store: Store, organisation: str) -> set[tuple[str, str]]:
    return {(q.predicate.value.rpartition("#")[2], q.object.value) for q in store.quads_for_pattern(
        NamedNode(ID + "organisation/" + organisation), None, None, NamedNode(DESCRIPTIONS_GRAPH))
        if q.predicate.value.startswith(IRG + "project") and not q.predicate.value.endswith("Count")
        or q.predicate.value == IRG + "localityKey"}


def test_each_project_of_a_participation_is_described_once_per_role(store):
    project = ID + "project/"
    assert _described(store, "anna") == {("projectInOtherRole", project + "x"), ("projectInOtherRole", project + "y"),
                                         ("projectInNoRole", project + "z"),
                                         ("localityKey", "lille"), ("localityKey", "roubaix")}
    # bert's y is not a typed participation; x is in two roles
    assert _described(store, "bert") == {("projectAsLead", project + "x"), ("projectInOtherRole", project + "x"),
                                         ("localityKey", "saarbrücken")}
    # cleo states a role for z in one document only: the participation has that role, not none
    assert _described(store, "cleo") == {("projectAsPartner", project + "z")}
    assert _described(store, "dora") == {("projectInUnknownRole", project + "x"), ("localityKey", "lille")}


@pytest.mark.parametrize("name", sorted(VALUES))
def test_the_query_answers_as_its_former_text_for_every_parameter_value(store, name):
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    params = VALUES[name]
    answered = 0
    for values, substitutions in substitution_sets(params):
        got, expected = _rows(store, current, substitutions), _rows(store, former, substitutions)
        answered += len(got[1])
        if name in ORDER_KEYS:
            assert sorted(got[1], key=str) == sorted(expected[1], key=str), values
            got, expected = ([ORDER_KEYS[name](row) for row in answer[1]] for answer in (got, expected))
        assert got == expected, values
    assert answered


def test_partner_orders_a_project_in_several_roles_by_role(store):
    _, rows = _rows(store, queries.load("partner").text, {Variable("organisation"): NamedNode(ID + "organisation/bert")})
    assert [(row[6], row[9]) for row in rows] == [(f"<{ID}project/x>", f"<{ID}role/lead>"),
                                                  (f"<{ID}project/x>", f"<{ID}role/observer>")]


def test_a_city_is_found_in_any_case(store):
    text = queries.load("organisations_of_city").text
    for city in ("lille", "LILLE"):
        _, rows = _rows(store, text, {Variable("city"): Literal(city)})
        found = [(row[0].rpartition("/")[2], row[2]) for row in rows]
        # dora (no name) before anna; dora's two spellings tie on every order key
        assert sorted(found[:2]) == [("dora>", '"LILLE"'), ("dora>", '"lille"')] and found[2:] == [("anna>", '"Lille"')]
