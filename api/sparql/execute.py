"""Run one SPARQL query on a store and serialize its results: the work a query worker does.

:func:`run` is the same in a worker process (:mod:`api.sparql.pool`) and in-process (a store given
in memory): it chooses the result format from the ``Accept`` header, evaluates the query over the
:class:`Job`'s dataset, stops reading results after ``max_rows`` rows (or triples) and says so in
:attr:`Answer.truncated`. SELECT rows are written as SPARQL JSON by :func:`solutions_json`
(pyoxigraph serializes only whole result sets) and turned into XML, CSV or TSV by pyoxigraph.

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

import itertools
import json
import traceback
from dataclasses import dataclass

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

__all__ = ["RESULT_FORMATS", "GRAPH_FORMATS", "Job", "Answer", "run", "solutions_json", "term_json"]

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


def run(store, job: Job) -> Answer:
    """Evaluate ``job`` on ``store`` (a pyoxigraph Store) and serialize the result as the client asks.

    :raises SyntaxError: the query does not parse (the parser's message).
    :raises NotAcceptableError: no format of the result's kind is acceptable to the client.
    :raises OSError: the store cannot be read.
    """
    if job.default_graph is None or job.named_graphs is None:
        result = store.query(job.query, base_iri=job.base_iri, use_default_graph_as_union=True)
    else:
        result = store.query(job.query, base_iri=job.base_iri,
                             default_graph=[NamedNode(g) for g in job.default_graph],
                             named_graphs=[NamedNode(g) for g in job.named_graphs])
    try:  # pyoxigraph's results must be dropped on the thread that made them: never let one escape
        return _serialize(result, job)
    except Exception as exc:
        traceback.clear_frames(exc.__traceback__)  # the frames below hold the results
        raise
    finally:
        del result


def _serialize(result, job: Job) -> Answer:
    if isinstance(result, QuerySolutions | QueryBoolean):
        offer = choose(job.accept, list(RESULT_FORMATS))
        if offer is None:
            raise _not_acceptable(f"SELECT and ASK results come as {', '.join(RESULT_FORMATS)}")
        if isinstance(result, QueryBoolean):
            return Answer(result.serialize(format=RESULT_FORMATS[offer]), _media(offer))
        body, truncated = solutions_json(result, job.max_rows)
        if RESULT_FORMATS[offer] != QueryResultsFormat.JSON:
            body = parse_query_results(body, format=QueryResultsFormat.JSON).serialize(format=RESULT_FORMATS[offer])
        return Answer(body, _media(offer), truncated)
    offer = choose(job.accept, list(GRAPH_FORMATS))
    if offer is None:
        raise _not_acceptable(f"CONSTRUCT and DESCRIBE results come as {', '.join(GRAPH_FORMATS)}")
    triples = list(itertools.islice(result, job.max_rows + 1))
    truncated = len(triples) > job.max_rows
    prefixes = _TURTLE_PREFIXES if offer == "text/turtle" else None
    body = serialize(triples[: job.max_rows], format=GRAPH_FORMATS[offer], prefixes=prefixes)
    return Answer(body or b"", _media(offer), truncated)
