"""The editor's form of every parameterized named query (``api.routes.ui.example_text``) with a value
filled in, as a user does (an open parameter's ``# VALUES`` line uncommented with the value, a default
replaced in the defaults row), answers what the substituted run (``queries.run``, the REST and CLI
path) answers for that value, for every value of the kind the fixture store holds and one it does not.
"""

from __future__ import annotations

import re

import pytest
from pyoxigraph import NamedNode, QuerySolutions, Store

import queries
from api.routes import ui
from ontology.iris import mint_concept

PARAMETERIZED = [n for n in queries.names() if queries.load(n).parameters]
_FIXED = {"string": ["a", "Lille"], "integer": ["1", "2", "2012"], "date": ["2010-01-01", "2030-01-01"],
          "boolean": ["true", "false"], "decimal": ["1000000"]}


def _raw_values(store: Store, parameter: queries.Parameter) -> list[str]:
    """The raw values to fill in for ``parameter``: those of its kind in ``store`` and one not there."""
    kind = parameter.type.partition(":")[2]
    if kind:
        prefix = mint_concept(kind, "")
        found = {t.value for q in store.quads_for_pattern(None, None, None) for t in (q.subject, q.object)
                 if isinstance(t, NamedNode) and t.value.startswith(prefix) and "#" not in t.value}
        return sorted(found)[:6] + [prefix + "none"]
    if parameter.type == "iri":
        return ["http://purl.org/dc/terms/title", mint_concept("project", "none"),
                *sorted({q.subject.value for q in store.quads_for_pattern(None, None, None)
                         if q.subject.value.startswith(mint_concept("project", ""))})[:3]]
    if parameter.type == "country":
        countries = {q.object.value for q in store.quads_for_pattern(
            None, NamedNode("http://schema.org/addressCountry"), None)}
        return sorted(countries)[:4] + ["ZZ"]
    return _FIXED[parameter.type]


def _filled(query: queries.NamedQuery, parameter: queries.Parameter, raw: str) -> str:
    """The editor's text of ``query`` with ``raw`` filled in for ``parameter``, as a user writes it."""
    text, term = ui.example_text(query), ui._term(parameter, raw, query)
    if parameter.default is None:
        line = re.compile(rf"^  # VALUES \?{parameter.name} \{{ .* \}}  # .*$", re.M)
        assert len(line.findall(text)) == 1, text
        return line.sub(lambda _: f"  VALUES ?{parameter.name} {{ {term} }}", text)
    row = re.search(r"^  VALUES \((.*)\) \{ \((.*)\) \}  # parameter defaults$", text, re.M)
    assert row, text
    names, defaults = row.group(1).split(), row.group(2).split()
    assert len(names) == len(defaults), row.group(0)  # one term per name: no defaults with spaces
    terms = [term if n == f"?{parameter.name}" else d for n, d in zip(names, defaults, strict=True)]
    return text.replace(row.group(0), f"  VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}")


def _sorted(solutions, variables=None) -> list[tuple]:
    if isinstance(solutions, QuerySolutions):
        variables = [v.value for v in solutions.variables]
        return sorted(tuple(str(s[v]) if s[v] is not None else "" for v in variables) for s in solutions)
    return sorted(tuple(str(r[v]) if r[v] is not None else "" for v in variables) for r in solutions)


@pytest.mark.parametrize("name", PARAMETERIZED)
def test_the_filled_in_editor_form_answers_as_the_substituted_run(store, name):
    query = queries.load(name)
    answered = 0
    for parameter in query.parameters:
        values = _raw_values(store, parameter)
        assert len(values) >= 2, parameter
        for raw in values:
            expected = queries.run(store, query, {parameter.name: raw})
            got = _sorted(store.query(_filled(query, parameter, raw), use_default_graph_as_union=True))
            assert got == _sorted(expected.rows, expected.variables), (parameter.name, raw)
            answered += len(got)
    assert answered  # the fixture holds rows for some value of every parameterized query


def test_the_fixture_makes_the_comparison_meaningful(store):
    # the queries this change is about answer rows for a value filled in
    for name, parameter in (("project_partners", "project"), ("partner", "organisation"), ("document", "document")):
        query = queries.load(name)
        p = query.parameter(parameter)
        assert any(queries.run(store, query, {parameter: raw}).rows for raw in _raw_values(store, p)), name
