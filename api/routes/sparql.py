"""``/sparql``: the query side of the SPARQL 1.1 Protocol, read-only.

- ``GET /sparql?query=...``, ``POST`` form-encoded (``query=...``) or ``POST`` with an
  ``application/sparql-query`` body; ``default-graph-uri`` / ``named-graph-uri`` may narrow the dataset.
- SELECT and ASK answer JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE Turtle, N-Triples, JSON-LD or
  RDF/XML, as the ``Accept`` header (with q-values) prefers; 406 when it accepts none of them.
- The default graph is the union of every named graph except ``graph:contacts/*``, and only those
  graphs are visible to ``GRAPH`` and ``FROM``: contact details cannot be queried.
- Updates (an ``update`` parameter or an ``application/sparql-update`` body) answer 403, federated
  queries (``SERVICE``) 403 as well; a malformed query 400 with the parser's message.
- ``GET /sparql`` without a query answers a service description (SD vocabulary) in Turtle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fastapi import APIRouter, Query, Request, Response
from pyoxigraph import (
    BlankNode,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    serialize,
)
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.errors import BadRequestError, NotAcceptableError, UnsupportedMediaError, UpdateForbiddenError
from api.negotiation import choose
from api.store import Snapshot
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, PREFIXES

router = APIRouter(tags=["sparql"])

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
_SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_FORMATS = "http://www.w3.org/ns/formats/"
_FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
# SERVICE as a keyword: not inside an IRI, a string or a comment, not part of a name or variable
_STRIP = re.compile(r'<[^<>"{}|^`\\\s]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                    r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
# ``id:`` is left out: its local names hold slashes, which Turtle would have to escape
_TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b", re.IGNORECASE)


def _media(offer: str) -> str:
    return f"{offer}; charset=utf-8" if offer.startswith("text/") or offer.endswith("json") else offer


def _dataset(snapshot: Snapshot, default_uris: Sequence[str], named_uris: Sequence[str]) -> tuple[list, list]:
    for uri in (*default_uris, *named_uris):
        if uri.startswith(CONTACTS_GRAPH_PREFIX):
            raise UpdateForbiddenError("contact-detail graphs are not served")
    try:
        default = [NamedNode(u) for u in default_uris] or list(snapshot.graphs)
        named = [NamedNode(u) for u in named_uris] or list(snapshot.graphs)
    except ValueError as exc:
        raise BadRequestError(f"a graph URI is not an IRI: {exc}") from None
    return default, named


def _execute(snapshot: Snapshot, query: str, accept: str | None,
             default_uris: Sequence[str], named_uris: Sequence[str]) -> Response:
    if _SERVICE.search(_STRIP.sub(" ", query)):
        raise UpdateForbiddenError("federated queries (SERVICE) are not allowed here")
    default, named = _dataset(snapshot, default_uris, named_uris)
    result = snapshot.store.query(query, default_graph=default or None, named_graphs=named)
    # pyoxigraph's results must be dropped on the thread that made them: never let one escape
    try:
        if isinstance(result, QuerySolutions | QueryBoolean):
            offer = choose(accept, list(RESULT_FORMATS))
            if offer is None:
                raise NotAcceptableError(f"SELECT and ASK results come as {', '.join(RESULT_FORMATS)}")
            return Response(result.serialize(format=RESULT_FORMATS[offer]), media_type=_media(offer))
        offer = choose(accept, list(GRAPH_FORMATS))
        if offer is None:
            raise NotAcceptableError(f"CONSTRUCT and DESCRIBE results come as {', '.join(GRAPH_FORMATS)}")
        prefixes = _TURTLE_PREFIXES if offer == "text/turtle" else None
        body = serialize(result, format=GRAPH_FORMATS[offer], prefixes=prefixes)
        return Response(body or b"", media_type=_media(offer))
    finally:
        del result


def service_description(endpoint: str, graphs: Sequence[NamedNode]) -> bytes:
    """The SPARQL service description of the endpoint at ``endpoint``, in Turtle."""
    service, dataset, default = NamedNode(endpoint), BlankNode(), BlankNode()
    triples = [
        Triple(service, _RDF_TYPE, NamedNode(_SD + "Service")),
        Triple(service, NamedNode(_SD + "endpoint"), service),
        Triple(service, NamedNode(_SD + "supportedLanguage"), NamedNode(_SD + "SPARQL11Query")),
        Triple(service, NamedNode(_SD + "defaultDataset"), dataset),
        Triple(dataset, _RDF_TYPE, NamedNode(_SD + "Dataset")),
        Triple(dataset, NamedNode(_SD + "defaultGraph"), default),
        Triple(default, _RDF_TYPE, NamedNode(_SD + "Graph")),
    ]
    triples += [Triple(service, NamedNode(_SD + "resultFormat"), NamedNode(_FORMATS + f)) for f in _FORMAT_IRIS]
    for graph in graphs:
        node = BlankNode()
        triples += [Triple(dataset, NamedNode(_SD + "namedGraph"), node),
                    Triple(node, _RDF_TYPE, NamedNode(_SD + "NamedGraph")),
                    Triple(node, NamedNode(_SD + "name"), graph)]
    return serialize(triples, format=RdfFormat.TURTLE, prefixes={"sd": _SD}) or b""


@router.get("/sparql", summary="SPARQL query (GET), or the service description without a query",
            response_class=Response)
async def sparql_get(
    request: Request,
    snapshot: StoreDep,
    query: str | None = None,
    update: str | None = None,
    default_graph_uri: list[str] = Query([], alias="default-graph-uri"),  # noqa: B008
    named_graph_uri: list[str] = Query([], alias="named-graph-uri"),  # noqa: B008
) -> Response:
    if update is not None:
        raise UpdateForbiddenError("this endpoint is read-only: SPARQL updates are not accepted")
    if query is None:
        endpoint = str(request.url.replace(query=""))
        return Response(service_description(endpoint, snapshot.graphs), media_type="text/turtle; charset=utf-8")
    return await run_in_threadpool(_execute, snapshot, query, request.headers.get("accept"),
                                   default_graph_uri, named_graph_uri)


@router.post("/sparql", summary="SPARQL query (POST form-encoded or application/sparql-query)",
             response_class=Response)
async def sparql_post(request: Request, snapshot: StoreDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            raise UpdateForbiddenError("this endpoint is read-only: SPARQL updates are not accepted")
        query = form.get("query")
        default_uris = [str(v) for v in form.getlist("default-graph-uri")]
        named_uris = [str(v) for v in form.getlist("named-graph-uri")]
    elif content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
        default_uris = request.query_params.getlist("default-graph-uri")
        named_uris = request.query_params.getlist("named-graph-uri")
    elif content_type == "application/sparql-update":
        raise UpdateForbiddenError("this endpoint is read-only: SPARQL updates are not accepted")
    else:
        raise UnsupportedMediaError("POST a form (application/x-www-form-urlencoded) or an application/sparql-query body")
    if not isinstance(query, str) or not query.strip():
        raise BadRequestError("no query given")
    return await run_in_threadpool(_execute, snapshot, query, request.headers.get("accept"), default_uris, named_uris)
