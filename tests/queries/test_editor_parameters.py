"""The queries rewritten so that a ``VALUES`` row a client writes at the top of their ``WHERE`` (the
editor's form, ``api.routes.ui.example_text``) binds their parameter where it is used: ``partner`` and
``project_partners`` hand it to their sub-selects by ``LATERAL``, ``fact_provenance`` tests its
predicate again outside its ``UNION``. Each is held against its former text
(``tests/queries/former/lateral/``) for every value its parameters take, unbound included, on the
hand-written stores of ``test_participation_rows`` and ``test_deduplicated_answers``, substituted and
as the editor writes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, Store, Variable

import queries
from api.routes import ui
from tests.queries import test_participation_rows as participation
from tests.support.split_stores import load_split

FORMER = Path(__file__).resolve().parent / "former" / "lateral"
ID = participation.ID
TITLE = NamedNode("http://purl.org/dc/terms/title")
RDF_SUBJECT = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
RDF_PREDICATE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
DERIVED_FROM = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
PROJECTS = [NamedNode(ID + "project/" + p) for p in ("x", "y", "z", "none")]
ORGANISATIONS = [NamedNode(ID + "organisation/" + o) for o in ("anna", "bert", "cleo", "dora", "none")]
VALUES = {
    "partner": {"organisation": [None, *ORGANISATIONS]},
    "project_partners": {"project": [None, *PROJECTS]},
}
API_FIXTURE = Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"
#: the columns a query orders its rows by, where the order leaves ties (the rows are compared as a multiset too)
ORDER_KEYS = {"partner": participation.ORDER_KEYS["partner"],
              "project_partners": lambda row: (row[0], row[4] == f"<{ID}role/lead>", (row[3] or "").lower(), row[2])}
store = participation.store


@pytest.fixture(scope="module")
def provenance_store() -> Store:
    """The API tests' hand-written public store: statements, spans and documents."""
    return load_split(API_FIXTURE)[0]


def _provenance_values(store: Store) -> dict[str, list]:
    subjects = {q.object for q in store.quads_for_pattern(None, RDF_SUBJECT, None)}
    subjects |= {q.subject for q in store.quads_for_pattern(None, DERIVED_FROM, None)}
    predicates = {q.object for q in store.quads_for_pattern(None, RDF_PREDICATE, None)}
    return {"subject": [None, *sorted(subjects, key=str), NamedNode(ID + "project/none")],
            "predicate": [None, *sorted(predicates, key=str), TITLE]}


def _editor_form(name: str, text: str, variable: str, term) -> str:
    """``text`` as the editor writes it with ``term`` filled in for ``variable`` (an open parameter)."""
    example = ui.example_text(queries.parse(text, name=name))
    line = next(x for x in example.splitlines() if x.startswith(f"  # VALUES ?{variable} "))
    return example.replace(line, f"  VALUES ?{variable} {{ {term} }}")


#: the columns a query picks one of several values for by SAMPLE: Oxigraph samples a value an organisation
#: has two of (anna's two places) in another order when LATERAL hands it the organisation than when it is
#: substituted, so the editor's form may show the other one (tests/api/test_editor_forms.py compares
#: every column on a store where each has one)
SAMPLED = {"partner": (1, 3, 4, 5)}


def _unsampled(name: str, answer: tuple) -> tuple:
    columns = SAMPLED.get(name, ())
    return answer[0], [tuple("sampled" if i in columns and v is not None else v for i, v in enumerate(row))
                       for row in answer[1]]


def _compare(name: str, got: tuple, expected: tuple, values) -> int:
    assert got[0] == expected[0]
    assert sorted(got[1], key=str) == sorted(expected[1], key=str), values
    key = ORDER_KEYS.get(name, lambda row: row)
    assert [key(row) for row in got[1]] == [key(row) for row in expected[1]], values
    return len(got[1])


@pytest.mark.parametrize("name", [*sorted(VALUES), "fact_provenance"])
def test_the_query_answers_as_its_former_text_for_every_parameter_value(store, provenance_store, name):
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    if name == "fact_provenance":
        store, params = provenance_store, _provenance_values(provenance_store)
        assert len(params["subject"]) > 3 and len(params["predicate"]) > 2
    else:
        params = VALUES[name]
    answered = 0
    for variable, values in params.items():
        for value in values:
            substitutions = {} if value is None else {Variable(variable): value}
            expected = participation._rows(store, former, substitutions)
            answered += _compare(name, participation._rows(store, current, substitutions), expected, value)
            if value is not None:  # the editor's form of the current text: the same rows
                edited = participation._rows(store, _editor_form(name, current, variable, value), {})
                _compare(name, *(_unsampled(name, answer) for answer in (edited, expected)), value)
    assert answered


def test_fact_provenance_in_the_editor_keeps_no_direct_derivation_for_a_predicate():
    # the former text's editor form joined the facts derived directly (no predicate) to the VALUES row
    store = Store()
    store.add(Quad(NamedNode(ID + "project/x"), NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"),
                                 NamedNode(ID + "document/d#char=0,1")))
    store.add(Quad(NamedNode(ID + "document/d#char=0,1"), NamedNode("http://www.w3.org/ns/oa#hasSource"),
                                 NamedNode(ID + "document/d")))
    former = (FORMER / "fact_provenance.rq").read_text(encoding="utf-8")
    assert participation._rows(store, _editor_form("fact_provenance", former, "predicate", TITLE), {})[1]
    assert not participation._rows(store, _editor_form("fact_provenance", queries.load("fact_provenance").text,
                                                       "predicate", TITLE), {})[1]
    assert participation._rows(store, queries.load("fact_provenance").text, {})[1]
