"""SELECT results serialized by pyoxigraph (native) and by the Python row writer give the same answers,
and the row limit still cuts at ``max_rows`` whichever path a result takes."""

from __future__ import annotations

import csv
import io

import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, Store, parse_query_results

from api.sparql.execute import Job, _RowCounter, _TooManyRows, run

EX = "http://example.org/native/"
G = NamedNode(EX + "g")
FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
# values holding the bytes of every format's row boundary, quotes, markup and non-ASCII letters
AWKWARD = ['a},{b', 'line\r\nbreak', 'tab\tand\nnewline', '<result>x</result>', 'quote " and é', '']
QUERY = "SELECT ?s ?o ?missing WHERE { ?s ?p ?o } ORDER BY ?s"


@pytest.fixture
def store() -> Store:
    s = Store()
    for i, value in enumerate(AWKWARD):
        s.add(Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(value), G))
    s.add(Quad(NamedNode(EX + "s7"), NamedNode(EX + "p"), Literal("7", datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), G))
    s.add(Quad(NamedNode(EX + "s8"), NamedNode(EX + "p"), Literal("huit", language="fr"), G))
    return s


def _rows(body: bytes, fmt: QueryResultsFormat) -> list[dict[str, str]]:
    """The rows of ``body``, each variable's term in N-Triples syntax (CSV: its lexical form; an empty
    literal and an unbound variable both absent, as CSV cannot tell them apart)."""
    if fmt == QueryResultsFormat.CSV:
        reader = csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""))
        return [{n: v for n, v in row.items() if v} for row in reader]
    results = parse_query_results(body, format=fmt)
    names = [v.value for v in results.variables]
    return [{n: str(row[n]) for n in names if row[n] is not None} for row in results]


def _python_rows(store: Store, limit: int, fmt: QueryResultsFormat) -> list[dict[str, str]]:
    """The first ``limit`` rows of QUERY read with pyoxigraph's iterator, as :func:`_rows` gives them."""
    rows = []
    for row in store.query(QUERY, use_default_graph_as_union=True):
        if len(rows) == limit:
            break
        if fmt == QueryResultsFormat.CSV:
            rows.append({n: row[n].value for n in ("s", "o", "missing") if row[n] is not None and row[n].value})
        else:
            rows.append({n: str(row[n]) for n in ("s", "o", "missing") if row[n] is not None})
    return rows


@pytest.mark.parametrize("accept", list(FORMATS))
def test_a_result_within_the_limit_is_answered_whole_and_not_truncated(store, accept):
    answer = run(store, Job(QUERY, None, None, accept, max_rows=8))
    assert answer.truncated is False
    assert _rows(answer.body, FORMATS[accept]) == _python_rows(store, 8, FORMATS[accept])


@pytest.mark.parametrize("accept", list(FORMATS))
@pytest.mark.parametrize("limit", [1, 3, 7])
def test_a_result_over_the_limit_is_cut_at_the_limit(store, accept, limit):
    answer = run(store, Job(QUERY, None, None, accept, max_rows=limit))
    assert answer.truncated is True
    assert _rows(answer.body, FORMATS[accept]) == _python_rows(store, limit, FORMATS[accept])


@pytest.mark.parametrize("accept", list(FORMATS))
def test_native_and_python_paths_agree_on_the_same_result(store, accept, monkeypatch):
    native = run(store, Job(QUERY, None, None, accept, max_rows=100))
    import api.sparql.execute as execute

    monkeypatch.setattr(execute, "_RowCounter", _always_too_many)  # forces the Python row writer
    python = run(store, Job(QUERY, None, None, accept, max_rows=100))
    assert native.truncated is python.truncated is False
    assert native.media_type == python.media_type
    assert _rows(native.body, FORMATS[accept]) == _rows(python.body, FORMATS[accept])


class _always_too_many:
    def __init__(self, *_args) -> None:
        pass

    def write(self, _data: bytes) -> int:
        raise _TooManyRows("forced")

    def flush(self) -> None:
        pass


def test_the_native_json_is_pyoxigraphs_own_serialization(store):
    answer = run(store, Job(QUERY, None, None, "application/sparql-results+json", max_rows=100))
    expected = store.query(QUERY, use_default_graph_as_union=True).serialize(format=QueryResultsFormat.JSON)
    assert answer.body == expected


def test_an_empty_result_and_a_zero_limit():
    store = Store()
    empty = run(store, Job("SELECT ?x WHERE { ?x ?p ?o }", None, None, "text/csv", max_rows=5))
    assert (empty.body, empty.truncated) == (b"x\r\n", False)
    cut = run(store, Job("SELECT ?x WHERE { VALUES ?x { 1 } }", None, None, "text/csv", max_rows=0))
    assert (cut.body, cut.truncated) == (b"x\r\n", True)


def test_the_counter_finds_a_boundary_written_across_two_chunks():
    out = _RowCounter(QueryResultsFormat.JSON, 2)
    out.write(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{}}')
    out.write(b',{"x":{}')  # "},{" split as "}" | ",{"
    with pytest.raises(_TooManyRows):
        out.write(b'},{"x":{}}]}}')
    xml = _RowCounter(QueryResultsFormat.XML, 1)
    xml.write(b"<results><res")
    with pytest.raises(_TooManyRows):
        xml.write(b"ult></result><result></result></results>")


def test_the_counter_keeps_every_byte_below_the_limit():
    out = _RowCounter(QueryResultsFormat.TSV, 3)
    for chunk in (b"?x\n", b"1\n2", b"\n3\n"):
        out.write(chunk)
    assert out.value() == b"?x\n1\n2\n3\n"
