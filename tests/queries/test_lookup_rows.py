"""``queries.run`` builds each row from a solution's terms in one pass; held against the former look-up
by name per column (``tests/queries/former/lookups/rows.py``) on awkward terms: language tags, datatypes
of every kind the values convert, ill-typed and out-of-range values, big integers, decimals, dates, blank
nodes, IRIs, empty strings, text outside ASCII, quoted triples and unbound columns, with every page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store, Triple

import queries
from tests.queries.former.lookups import rows as former

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"


def _typed(text: str, datatype: str) -> Literal:
    return Literal(text, datatype=NamedNode(XSD + datatype if ":" not in datatype else datatype))


#: objects of ex:s ex:p, one per subject, with the Python value each converts to
AWKWARD = [
    (Literal("plain"), "plain"),
    (Literal(""), ""),
    (Literal("Zürich – Ærø ✓ 𝄞"), "Zürich – Ærø ✓ 𝄞"),
    (Literal("a long literal held in the store's string table, not inline"), None),
    (Literal("Lille", language="fr"), "Lille"),
    (Literal("Lille", language="en-gb"), "Lille"),
    (_typed("42", "integer"), 42),
    (_typed("-7", "int"), -7),
    (_typed("123456789012345678901234567890", "integer"), 123456789012345678901234567890),
    (_typed("5", "long"), 5),
    (_typed("0", "nonNegativeInteger"), 0),
    (_typed("3", "positiveInteger"), 3),
    (_typed("4086256.62", "decimal"), Decimal("4086256.62")),
    (_typed("-0.000000000000000000001", "decimal"), Decimal("-0.000000000000000000001")),
    (_typed("1.5E3", "double"), 1500.0),
    (_typed("NaN", "double"), "nan"),
    (_typed("INF", "float"), float("inf")),
    (_typed("true", "boolean"), True),
    (_typed("0", "boolean"), False),
    (_typed("2012-06-30", "date"), dt.date(2012, 6, 30)),
    (_typed("2012-06-30Z", "date"), "2012-06-30Z"),
    (_typed("2012-06-30T10:00:00", "dateTime"), "2012-06-30T10:00:00"),
    (_typed("a lot", "decimal"), "a lot"),
    (_typed("twelve", "integer"), "twelve"),
    (_typed("2012-13-45", "date"), "2012-13-45"),
    (_typed("maybe", "boolean"), False),
    (_typed("x", EX + "custom"), "x"),
    (NamedNode(EX + "o"), EX + "o"),
    (NamedNode("urn:isbn:0451450523"), "urn:isbn:0451450523"),
    (BlankNode("b1"), None),
    (Triple(NamedNode(EX + "a"), NamedNode(EX + "b"), Literal("c")), None),
]


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    for i, (term, _) in enumerate(AWKWARD):
        s.add(Quad(NamedNode(f"{EX}s{i:02d}"), NamedNode(EX + "p"), term, NamedNode(EX + "g")))
        if i % 3 == 0:  # a second column, unbound in two rows of three
            s.add(Quad(NamedNode(f"{EX}s{i:02d}"), NamedNode(EX + "q"), Literal(str(i)), NamedNode(EX + "g")))
    return s


TEXT = """SELECT ?s ?o ?q ?none ?computed WHERE {
  ?s <http://example.org/p> ?o OPTIONAL { ?s <http://example.org/q> ?q }
  BIND(IF(isLiteral(?o), STRLEN(STR(?o)), ?o) AS ?computed) }
ORDER BY ?s"""


def _named(text: str = TEXT) -> queries.NamedQuery:
    return queries.parse("# title: Awkward terms\n" + text, name="awkward")


def _same(got: dict, expected: dict) -> None:
    assert list(got) == list(expected)
    for name in expected:
        assert type(got[name]) is type(expected[name]), name
        assert got[name] == expected[name] and str(got[name]) == str(expected[name]), name


@pytest.mark.parametrize(("offset", "limit"), [(0, None), (0, 0), (0, 5), (3, 4), (29, 10), (40, 3), (5, None)])
def test_rows_hold_the_same_terms_as_the_former_look_up_by_name(store, offset, limit):
    got = queries.run(store, _named(), limit=limit, offset=offset)
    variables, rows, total = former.page(store.query(TEXT, use_default_graph_as_union=True), offset, limit)
    assert got.variables == variables == ("s", "o", "q", "none", "computed")
    assert got.total == total == len(AWKWARD)
    assert len(got.rows) == len(rows) == len(AWKWARD[offset:None if limit is None else offset + limit])
    for row, expected in zip(got.rows, rows, strict=True):
        _same(row, expected)
    assert any(row["q"] is None for row in got.rows) == any(r["q"] is None for r in rows)


def test_every_awkward_term_comes_back_and_converts_as_before(store):
    got = queries.run(store, _named())
    _, rows, _ = former.page(store.query(TEXT, use_default_graph_as_union=True))
    # each term comes back (the store writes some canonically: xsd:int as xsd:integer, 1.5E3 as 1500)
    assert len(got.rows) == len(AWKWARD) and got.rows[-1]["o"] == AWKWARD[-1][0]
    assert sum(row["q"] is None for row in got.rows) == len(AWKWARD) - len(AWKWARD[::3])
    values = got.values()
    expected = [{k: queries.value(v) for k, v in row.items()} for row in rows]
    for value, before, (term, python) in zip(values, expected, (a for a in AWKWARD), strict=True):
        assert list(value) == list(before)
        for name in before:
            assert type(value[name]) is type(before[name]) and str(value[name]) == str(before[name]), (term, name)
        if python == "nan":
            assert value["o"] != value["o"]
        elif python is not None:
            assert value["o"] == python and type(value["o"]) is type(python), term
    assert all(value["none"] is None for value in values)


def test_a_select_star_and_a_repeated_column_keep_the_solution_order(store):
    text = "SELECT * WHERE { ?s <http://example.org/p> ?o BIND(?o AS ?again) } ORDER BY DESC(?s)"
    got = queries.run(store, _named(text))
    variables, rows, _ = former.page(store.query(text, use_default_graph_as_union=True))
    assert got.variables == variables and set(variables) == {"s", "o", "again"}
    for row, expected in zip(got.rows, rows, strict=True):
        _same(row, expected)
        assert row["again"] == row["o"]


def test_no_rows_and_no_variables():
    empty = Store()
    assert queries.run(empty, _named("SELECT ?x WHERE { ?x ?p ?o }")).rows == ()
    got = queries.run(empty, _named("SELECT * WHERE { }"))
    assert got.variables == () and got.rows == ({},) and got.total == 1
