"""The projects of an organisation's participations and the keys of its places in the description graph,
and the two lookups that read them (``partner``, ``organisations_of_city``), held against their former
texts (``tests/queries/former/``) for every value their parameter takes, unbound included.

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

FORMER = Path(__file__).resolve().parent / "former"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"

_FACTS = """
  id:organisation/anna a irg:Organisation ; schema:name "Anna" ; schema:addressLocality "Lille", "Roubaix" .
  id:organisation/bert a irg:Organisation ; schema:name "bert" ; schema:addressLocality "Saarbrücken" .
  id:organisation/cleo a irg:Organisation ; schema:name "Cleo" ; schema:addressCountry "FR", "BE" .
  id:organisation/dora a irg:Organisation ; schema:addressLocality "lille" .
  id:project/x a irg:Project ; irg:acronym "X" ; dcterms:title "Xavier" .
  id:project/y a irg:Project ; irg:acronym "Y", "Why" .
  id:project/z a irg:Project ; dcterms:title "zed" .
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
}


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
def test_the_lookup_answers_as_its_former_text_for_every_parameter_value(store, name):
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    (parameter, values), = VALUES[name].items()
    answered = 0
    for value in values:
        substitutions = {} if value is None else {Variable(parameter): value}
        got, expected = _rows(store, current, substitutions), _rows(store, former, substitutions)
        answered += len(got[1])
        if name == "partner":  # the former text left the rows of a project in several roles in the store's
            # order; the query now orders them by role: compare them as a multiset and the order keys in order
            assert sorted(got[1], key=str) == sorted(expected[1], key=str), value
            got, expected = ([(row[0], row[7] or row[8], row[6]) for row in answer[1]] for answer in (got, expected))
        assert got == expected, value
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
