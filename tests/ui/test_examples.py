"""The editor's examples: every named query, with its defaults bound in the text, answers what the
same query answers through ``queries.run`` (the CLI and REST path) on the seed store."""

from __future__ import annotations

import re

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, Store

import queries
from api.routes import ui

NAMES = queries.names()
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
_OPEN_LINE = re.compile(r"^  # VALUES \?(\w+) \{ (.+?) \}  # ", re.M)


def _rows(solutions) -> list[tuple]:
    assert isinstance(solutions, QuerySolutions)
    variables = [v.value for v in solutions.variables]
    return sorted(tuple(str(s[v]) if s[v] is not None else "" for v in variables) for s in solutions)


_NAMED: dict[tuple, list[tuple]] = {}


def _named_rows(store, name: str, params: dict[str, str] | None = None) -> list[tuple]:
    """The sorted rows of ``queries.run`` (the CLI and REST path), computed once per store and arguments."""
    key = (id(store), name, tuple(sorted((params or {}).items())))
    if key not in _NAMED:
        result = queries.run(store, name, params)
        _NAMED[key] = sorted(tuple(str(r[v]) if r[v] is not None else "" for v in result.variables)
                             for r in result.rows)
    return _NAMED[key]


def _text_rows(store, text: str) -> list[tuple]:
    graphs = queries.public_graphs(store)
    return _rows(store.query(text, default_graph=graphs, named_graphs=graphs))


def test_there_is_one_example_per_named_query():
    examples = ui.examples()
    assert [e["name"] for e in examples] == NAMES and len(NAMES) >= 15
    for example in examples:
        query = queries.load(example["name"])
        assert example["title"] == query.title and example["description"] == query.description
        assert [p["name"] for p in example["parameters"]] == [p.name for p in query.parameters]


@pytest.mark.parametrize("name", NAMES)
def test_an_example_answers_what_the_named_query_answers(seed_store, name):
    text = ui.example_text(queries.load(name))
    assert _text_rows(seed_store, text) == _named_rows(seed_store, name)


def test_the_seed_store_makes_the_comparison_meaningful(seed_store):
    assert _named_rows(seed_store, "projects")  # rows to compare, not empty sets
    assert _named_rows(seed_store, "organisations_in_most_projects")


@pytest.mark.parametrize("name", [n for n in NAMES if any(p.default for p in queries.load(n).parameters)])
def test_defaults_are_bound_in_the_text(name):
    query = queries.load(name)
    text = ui.example_text(query)
    row = re.search(r"VALUES \(([^)]*)\) \{ \((.*)\) \}  # parameter defaults", text)
    assert row, text
    assert row.group(1).split() == [f"?{p.name}" for p in query.parameters if p.default is not None]
    # the row, read by SPARQL, holds the very terms the CLI and REST runs substitute
    solutions = list(Store().query(f"PREFIX xsd: <{XSD}> SELECT * {{\n{row.group(0)}\n}}"))
    assert len(solutions) == 1
    for parameter in query.parameters:
        if parameter.default is not None:
            assert solutions[0][parameter.name] == parameter.term(parameter.default)


def test_an_unbound_default_would_change_the_answer(seed_store):
    # why the defaults must be in the text: HAVING (COUNT(...) >= ?min_projects) drops every group unbound
    query = queries.load("organisations_in_most_projects")
    assert _text_rows(seed_store, query.text) != _named_rows(seed_store, query.name)


def _open_cases() -> list[tuple[str, str, str]]:
    cases = []
    for name in NAMES:
        for variable, term in _OPEN_LINE.findall(ui.example_text(queries.load(name))):
            if "…" not in term:
                cases.append((name, variable, term))
    return cases


def test_open_parameters_get_a_line_to_fill_in():
    for name in NAMES:
        query = queries.load(name)
        text = ui.example_text(query)
        open_names = sorted(p.name for p in query.parameters if p.default is None)
        assert sorted(v for v, _ in _OPEN_LINE.findall(text)) == open_names, name
    assert len(_open_cases()) >= 10


@pytest.mark.parametrize(("name", "variable", "term"), _open_cases())
def test_an_uncommented_line_answers_what_the_parameter_does(seed_store, name, variable, term):
    text = ui.example_text(queries.load(name))
    line = re.search(rf"^  # VALUES \?{variable} \{{ .+$", text, re.M).group(0)
    uncommented = text.replace(line, line.replace("# VALUES", "VALUES", 1))
    parameter = queries.load(name).parameter(variable)
    raw = term.strip('<>"').split('"^^')[0] if parameter.type not in ("iri",) and ":" not in parameter.type \
        else term.strip("<>")
    assert _text_rows(seed_store, uncommented) == _named_rows(seed_store, name, {variable: raw})


@pytest.mark.parametrize("name", NAMES)
def test_an_example_runs_through_the_endpoint(client, seed_store, name):
    text = ui.example_text(queries.load(name))
    response = client.post("/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    body = response.json()
    variables = body["head"]["vars"]
    rows = sorted(tuple(_term(b[v]) if v in b else "" for v in variables) for b in body["results"]["bindings"])
    assert rows == _named_rows(seed_store, name)


def _term(binding: dict) -> str:
    """The N-Triples form of a term of a SPARQL JSON result."""
    if binding["type"] == "uri":
        return str(NamedNode(binding["value"]))
    assert binding["type"] == "literal", binding  # no blank nodes: their labels would not compare
    if "xml:lang" in binding:
        return str(Literal(binding["value"], language=binding["xml:lang"]))
    return str(Literal(binding["value"], datatype=NamedNode(binding.get("datatype", XSD_STRING))))


def test_a_query_without_where_and_parameters_cannot_be_an_example():
    query = queries.parse("# param n: integer\nSELECT ?n {}", name="t")
    with pytest.raises(queries.QueryHeaderError):
        ui.example_text(query)
    plain = queries.parse("# title: T\nASK {}", name="t")
    assert ui.example_text(plain) == plain.text
