"""Run one SPARQL query on a store and serialize its results: the work a query worker does.

:func:`run` is the same in a worker process (:mod:`api.sparql.pool`) and in-process (a store given
in memory): it chooses the result format from the ``Accept`` header, evaluates the query over the
:class:`Job`'s dataset, stops reading results after ``max_rows`` rows (or triples) and says so in
:attr:`Answer.truncated`.

SELECT results are serialized by pyoxigraph (in Rust) into a writer that counts row boundaries as
the bytes come (:class:`_RowCounter`) and stops it once the count could pass ``max_rows``; only then
is the query evaluated again and its first ``max_rows`` rows written as SPARQL JSON by
:func:`solutions_json` (pyoxigraph serializes only whole result sets), turned into XML, CSV or TSV by
pyoxigraph when asked. The count errs only upwards (a literal may hold a boundary's bytes), so a
result within the limit may take the second path, never the other way round.

>>> from pyoxigraph import Quad, Store
>>> store = Store()
>>> store.add(Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o", language="fr"),
...                NamedNode("http://e/g")))
>>> job = Job("SELECT ?o WHERE { ?s ?p ?o }", default_graph=("http://e/g",), named_graphs=(),
...           accept="text/csv", max_rows=10)
>>> answer = run(store, job)
>>> answer.media_type, answer.body, answer.truncated
('text/csv; charset=utf-8', b'o\\r\\no\\r\\n', False)
"""

from __future__ import annotations

import functools
import itertools
import json
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

from api.negotiation import choose
from ontology.namespaces import PREFIXES

__all__ = ["RESULT_FORMATS", "GRAPH_FORMATS", "Job", "Answer", "run", "solutions_json", "term_json", "NamedRun",
           "RowsJob", "run_rows"]

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
# ``id:`` is left out: its local names hold slashes, which Turtle would have to escape
_TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True, slots=True)
class Job:
    """One query to run: its text, its dataset (graph IRIs; None for both: the store's union default
    graph and all its named graphs), the client's Accept header, the row limit, and the base IRI of
    its relative IRIs (the endpoint's URL)."""

    query: str
    default_graph: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    accept: str | None = None
    max_rows: int = 100_000
    base_iri: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """A serialized result: ``body`` in ``media_type``; ``truncated`` when ``max_rows`` was hit."""

    body: bytes
    media_type: str
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class NamedRun:
    """One named query a REST route runs: ``query`` (the path of its ``.rq`` file, read once per
    worker, or a :class:`queries.NamedQuery` without a file), its raw parameter values as
    ``(name, value)`` pairs, and the page (``limit`` None: all rows), as :func:`queries.run` takes them."""

    query: Any
    params: tuple[tuple[str, str], ...] = ()
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class RowsJob:
    """The named queries of one REST request, run one after the other on the same store."""

    runs: tuple[NamedRun, ...]


def run_rows(store, job: RowsJob) -> tuple:
    """Each run of ``job`` on ``store`` (the union default graph), as :func:`queries.run` answers it.

    :returns: one :class:`queries.Rows` per run, in order.
    :raises queries.ParameterError: a value that does not fit its parameter. SyntaxError, OSError:
        as :func:`queries.run`.
    """
    import queries  # a leaf package: imported by the workers that answer REST requests

    return tuple(queries.run(store, _named(r.query) if isinstance(r.query, str) else r.query, dict(r.params),
                             limit=r.limit, offset=r.offset) for r in job.runs)


@functools.lru_cache(maxsize=256)
def _named(path: str):
    """The named query of a packaged ``.rq`` file, read once (the files do not change under a server)."""
    import queries

    return queries.load(Path(path))


def _not_acceptable(message: str) -> Exception:
    from api.errors import NotAcceptableError  # imported when needed: workers never load the web framework

    return NotAcceptableError(message)


def _media(offer: str) -> str:
    return f"{offer}; charset=utf-8" if offer.startswith("text/") or offer.endswith("json") else offer


def term_json(term: object) -> dict:
    """One RDF term as a SPARQL 1.1 JSON results binding.

    >>> term_json(Literal("1", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    {'type': 'literal', 'value': '1', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    >>> term_json(NamedNode("http://e/x"))
    {'type': 'uri', 'value': 'http://e/x'}
    """
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject), "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(solutions: QuerySolutions, max_rows: int) -> tuple[bytes, bool]:
    """At most ``max_rows`` solutions as SPARQL JSON, and whether there were more."""
    names = [v.value for v in solutions.variables]
    bindings = []
    truncated = False
    for solution in solutions:
        if len(bindings) == max_rows:
            truncated = True
            break
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term_json(term)
        bindings.append(row)
    body = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), truncated


#: per SELECT format: the bytes every row boundary is written with, and the rows that many of them
#: make at most (a JSON row after the first starts with ``},{``; an XML row is a ``<result>``
#: element, ``<`` being escaped in values; a CSV or TSV line ends every row and the header)
_ROW_MARKS: dict[QueryResultsFormat, tuple[bytes, int]] = {
    QueryResultsFormat.JSON: (b"},{", 1),
    QueryResultsFormat.XML: (b"<result>", 0),
    QueryResultsFormat.CSV: (b"\r\n", -1),
    QueryResultsFormat.TSV: (b"\n", -1),
}


class _TooManyRows(Exception):
    """Raised by :class:`_RowCounter` inside pyoxigraph's serializer to stop it."""


class _RowCounter:
    """A binary writer for pyoxigraph's serializer that keeps what it is given and stops it (raises
    :class:`_TooManyRows`) once the rows written may be more than ``max_rows``.

    >>> out = _RowCounter(QueryResultsFormat.TSV, 2)
    >>> out.write(b"?x\\n1\\n2")
    6
    >>> out.write(b"\\n")
    1
    >>> out.value()
    b'?x\\n1\\n2\\n'
    >>> out.write(b"3\\n")
    Traceback (most recent call last):
    ...
    api.sparql.execute._TooManyRows: more than 2 rows
    """

    __slots__ = ("_chunks", "_mark", "_tail", "_count", "_limit")

    def __init__(self, fmt: QueryResultsFormat, max_rows: int) -> None:
        self._chunks: list[bytes] = []
        self._mark, extra = _ROW_MARKS[fmt]
        self._tail = b""  # the last bytes of the previous chunk, for a mark written across two chunks
        self._count = extra
        self._limit = max_rows

    def write(self, data: bytes) -> int:
        data = bytes(data)
        self._count += data.count(self._mark)
        if self._tail:
            self._count += (self._tail + data[: len(self._mark) - 1]).count(self._mark)
        if self._count > self._limit:
            raise _TooManyRows(f"more than {self._limit} rows")
        self._tail = data[1 - len(self._mark):] if len(self._mark) > 1 else b""
        self._chunks.append(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the bytes are kept in memory."""

    def value(self) -> bytes:
        return b"".join(self._chunks)


def _evaluate(store, job: Job):
    if job.default_graph is None or job.named_graphs is None:
        return store.query(job.query, base_iri=job.base_iri, use_default_graph_as_union=True)
    return store.query(job.query, base_iri=job.base_iri,
                       default_graph=[NamedNode(g) for g in job.default_graph],
                       named_graphs=[NamedNode(g) for g in job.named_graphs])


def run(store, job: Job) -> Answer:
    """Evaluate ``job`` on ``store`` (a pyoxigraph Store) and serialize the result as the client asks.

    :raises SyntaxError: the query does not parse (the parser's message).
    :raises NotAcceptableError: no format of the result's kind is acceptable to the client.
    :raises OSError: the store cannot be read.
    """
    result = _evaluate(store, job)
    try:  # pyoxigraph's results must be dropped on the thread that made them: never let one escape
        return _serialize(result, job)
    except _TooManyRows:
        pass  # the native serializer was stopped at the limit: cut the rows in Python instead
    except Exception as exc:
        traceback.clear_frames(exc.__traceback__)  # the frames below hold the results
        raise
    finally:
        del result
    result = _evaluate(store, job)
    try:
        return _serialize(result, job, native=False)
    except Exception as exc:
        traceback.clear_frames(exc.__traceback__)
        raise
    finally:
        del result


@functools.lru_cache(maxsize=256)
def _offer(accept: str | None, graph: bool) -> str | None:
    """The media type to answer in for the ``Accept`` header ``accept`` (:func:`api.negotiation.choose`
    over the graph or the result formats), worked out once per header a worker sees: clients send
    the same few headers again and again, and parsing one costs about as much as a small query's answer."""
    return choose(accept, list(GRAPH_FORMATS if graph else RESULT_FORMATS))


def _serialize(result, job: Job, native: bool = True) -> Answer:
    if isinstance(result, QuerySolutions | QueryBoolean):
        offer = _offer(job.accept, False)
        if offer is None:
            raise _not_acceptable(f"SELECT and ASK results come as {', '.join(RESULT_FORMATS)}")
        if isinstance(result, QueryBoolean):
            return Answer(result.serialize(format=RESULT_FORMATS[offer]), _media(offer))
        fmt = RESULT_FORMATS[offer]
        if native and job.max_rows > 0:
            out = _RowCounter(fmt, job.max_rows)
            result.serialize(out, format=fmt)  # raises _TooManyRows when the rows may be too many
            return Answer(out.value(), _media(offer))
        body, truncated = solutions_json(result, job.max_rows)
        if fmt != QueryResultsFormat.JSON:
            body = parse_query_results(body, format=QueryResultsFormat.JSON).serialize(format=fmt)
        return Answer(body, _media(offer), truncated)
    offer = _offer(job.accept, True)
    if offer is None:
        raise _not_acceptable(f"CONSTRUCT and DESCRIBE results come as {', '.join(GRAPH_FORMATS)}")
    triples = list(itertools.islice(result, job.max_rows + 1))
    truncated = len(triples) > job.max_rows
    prefixes = _TURTLE_PREFIXES if offer == "text/turtle" else None
    body = serialize(triples[: job.max_rows], format=GRAPH_FORMATS[offer], prefixes=prefixes)
    return Answer(body or b"", _media(offer), truncated)
