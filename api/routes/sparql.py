"""``/sparql``: the query side of the SPARQL 1.1 Protocol, read-only and guarded.

- ``GET /sparql?query=...``, ``POST`` form-encoded (``query=...``) or ``POST`` with an
  ``application/sparql-query`` body (UTF-8); one query per request (two ``query`` parameters: 400).
- The dataset (:mod:`api.sparql.dataset`): ``default-graph-uri`` / ``named-graph-uri`` when given,
  else the query's ``FROM`` / ``FROM NAMED``, else Oxigraph's union default graph of the build's
  public store, which holds no personal data (``docs/decisions/0006-contacts-store.md``): one index
  probe per pattern. ``/sparql`` never reads the contacts store, whatever the configuration; naming
  a ``graph:contacts/*`` graph in a parameter answers 403.
- ``/sparql/contacts``: the same protocol over the build's contacts store (the ``graph:contacts/*``
  graphs: contact points, persons, e-mails, phones, whole texts), served only when
  ``INTERREG_KG_PERSONAL_DATA=1`` (:mod:`api.privacy`), 403 otherwise. Its graphs link each contact
  point to its participation, project and organisation IRIs; names and the rest are at ``/sparql``.
- SELECT and ASK answer JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE Turtle, N-Triples, JSON-LD or
  RDF/XML, as the ``Accept`` header (with q-values) prefers; 406 when it accepts none of them.
- Guards: each query runs in a worker process and is stopped after ``INTERREG_KG_QUERY_TIMEOUT``
  seconds (503, :mod:`api.sparql.pool`); results stop at ``INTERREG_KG_MAX_ROWS`` rows or triples,
  and a cut result says so in the ``Interreg-KG-Truncated`` header (the limit); a body over 1 MB is
  413; ``SERVICE`` only to the endpoints of ``INTERREG_KG_SERVICE_ALLOW`` (403 otherwise).
  A store given in memory (tests, embedding) is queried in-process, without the time limit.
- Updates (an ``update`` parameter or an ``application/sparql-update`` body) answer 403; a
  malformed query 400 with the parser's message; other POST bodies 415.
- ``GET /sparql`` without a query answers the service description (:mod:`api.sparql.description`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from pyoxigraph import NamedNode
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL

from api import privacy
from api.deps import get_snapshot
from api.errors import BadRequestError, ForbiddenError, UnsupportedMediaError, UpdateForbiddenError
from api.sparql import dataset, federation
from api.sparql.description import description
from api.sparql.errors import PayloadTooLargeError
from api.sparql.execute import Job, run
from api.sparql.pool import QueryPool
from api.store import Snapshot
from ontology.storage import contacts_store_path, public_store_path

__all__ = ["router", "protocol_response", "MAX_BODY_BYTES", "TRUNCATED_HEADER", "RESPONSES"]

router = APIRouter(tags=["sparql"])

#: the largest request body accepted (a query of 1 MB is already far beyond any hand-written one)
MAX_BODY_BYTES = 1_000_000
#: set on a response whose rows (or triples) were cut at INTERREG_KG_MAX_ROWS; its value is the limit
TRUNCATED_HEADER = "Interreg-KG-Truncated"
_READ_ONLY = "this endpoint is read-only: SPARQL updates are not accepted"
_PROBLEM = {"application/problem+json": {}}
_RESULTS = {"application/sparql-results+json": {}, "application/sparql-results+xml": {}, "text/csv": {},
            "text/tab-separated-values": {}, "text/turtle": {}, "application/n-triples": {},
            "application/ld+json": {}, "application/rdf+xml": {}}
#: what /sparql answers, for the OpenAPI document
RESPONSES: dict[int | str, dict] = {
    200: {"description": "SELECT/ASK results or a CONSTRUCT/DESCRIBE graph, as the Accept header prefers "
                         "(header Interreg-KG-Truncated when cut at INTERREG_KG_MAX_ROWS)", "content": _RESULTS},
    400: {"description": "a malformed query (the parser's message), several queries, a bad graph IRI",
          "content": _PROBLEM},
    403: {"description": "an update, a SERVICE endpoint not allowed, or a contacts graph asked for", "content": _PROBLEM},
    406: {"description": "no result format the Accept header allows", "content": _PROBLEM},
    413: {"description": "a request body over 1 MB", "content": _PROBLEM},
    415: {"description": "a POST body neither form-encoded nor application/sparql-query (UTF-8)", "content": _PROBLEM},
    503: {"description": "the query ran past INTERREG_KG_QUERY_TIMEOUT (stopped), all workers busy, or no build",
          "content": _PROBLEM},
}
_POST_BODY = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"], "properties": {
        "query": {"type": "string", "description": "the SPARQL query"},
        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
        "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}},
    "application/sparql-query": {"schema": {"type": "string", "description": "the SPARQL query (UTF-8)"},
                                 "example": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}}}}


def _single(values: Sequence[str], name: str) -> str | None:
    if len(values) > 1:
        raise BadRequestError(f"one {name} per request, not {len(values)}")
    return values[0] if values else None


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise PayloadTooLargeError(f"the request body is over the limit of {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise PayloadTooLargeError(f"the request body is over the limit of {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequestError(f"the request body is not UTF-8: {exc}") from None


def _personal_only(request: Request) -> None:
    """403 unless the service serves personal data (``/sparql/contacts``)."""
    if not getattr(request.app.state, "personal_data", False):
        raise ForbiddenError("personal data (contact details) is not served; the operator can allow it "
                             f"with {privacy.ENV_VAR}=1")


def _endpoint_url(request: Request) -> str:
    """The request's URL without its query string (``str(request.url.replace(query=""))``), made once
    per scheme, server, path and Host header rather than parsed again for every query."""
    scope = request.scope
    return _url_of(scope.get("scheme", "http"), scope.get("server"), scope["path"], request.headers.get("host"))


@functools.lru_cache(maxsize=64)
def _url_of(scheme: str, server: tuple[str, int | None] | None, path: str, host: str | None) -> str:
    headers = [] if host is None else [(b"host", host.encode("latin-1"))]
    return str(URL(scope={"scheme": scheme, "server": server, "path": path, "headers": headers, "query_string": b""}))


@functools.lru_cache(maxsize=16)
def _store_dir(build: Path, contacts: bool) -> Path | None:
    """The build's contacts store (``contacts``) or public store, None when the build has none; a
    published build never changes, so this is looked up on disk once per build, not per query."""
    path = contacts_store_path(build) if contacts else public_store_path(build)
    return path if path.is_dir() else None


async def _answer(request: Request, snapshot: Snapshot, query: str | None,
                  default_uris: Sequence[str], named_uris: Sequence[str], contacts: bool = False) -> Response:
    """Run ``query`` over the public store, or over the contacts store when ``contacts`` (the caller
    has checked :func:`_personal_only`)."""
    if query is None or not query.strip():
        raise BadRequestError("no query given")
    settings = request.app.state.settings
    federation.check(query, settings.service_allow)
    base = _endpoint_url(request)  # the service-defined base IRI: the endpoint itself
    default, named = dataset.resolve(None, query, default_uris, named_uris, base, personal_data=contacts)
    job = Job(query, default, named, request.headers.get("accept"), settings.max_rows, base)
    path = None if snapshot.build is None else _store_dir(snapshot.build, contacts)
    if path is None:  # a store given in memory (or a build without contacts store)
        store = snapshot.contacts_store() if contacts else snapshot.store
        answer = await run_in_threadpool(run, store, job)
    else:
        pool: QueryPool = request.app.state.query_pool
        answer = await pool.run_async(path, job)  # on the event loop: no thread per request
    headers = {TRUNCATED_HEADER: str(settings.max_rows)} if answer.truncated else None
    return Response(answer.body, media_type=answer.media_type, headers=headers)


@router.get("/sparql", summary="SPARQL query (GET), or the service description without a query",
            response_class=Response, responses=RESPONSES)
async def sparql_get(
    request: Request,
    query: str | None = Query(None, description="the SPARQL query (one)"),
    update: str | None = Query(None, description="refused: this endpoint is read-only (403)"),
    default_graph_uri: list[str] = Query([], alias="default-graph-uri",  # noqa: B008
                                         description="a graph of the default graph (repeatable)"),
    named_graph_uri: list[str] = Query([], alias="named-graph-uri",  # noqa: B008
                                       description="a named graph of the dataset (repeatable)"),
) -> Response:
    return await protocol_response(request, contacts=False)


@router.post("/sparql", summary="SPARQL query (POST form-encoded or application/sparql-query)",
             response_class=Response, responses=RESPONSES, openapi_extra=_POST_BODY)
async def sparql_post(request: Request) -> Response:
    return await protocol_response(request, contacts=False)


@router.get("/sparql/contacts", summary="SPARQL query (GET) over the contact details (personal data)",
            response_class=Response, responses=RESPONSES)
async def sparql_contacts_get(
    request: Request,
    query: str | None = Query(None, description="the SPARQL query (one)"),
    update: str | None = Query(None, description="refused: this endpoint is read-only (403)"),
    default_graph_uri: list[str] = Query([], alias="default-graph-uri",  # noqa: B008
                                         description="a graph of the default graph (repeatable)"),
    named_graph_uri: list[str] = Query([], alias="named-graph-uri",  # noqa: B008
                                       description="a named graph of the dataset (repeatable)"),
) -> Response:
    """The contacts store over the same protocol as ``/sparql``; 403 unless personal data is served."""
    return await protocol_response(request, contacts=True)


@router.post("/sparql/contacts", summary="SPARQL query (POST) over the contact details (personal data)",
             response_class=Response, responses=RESPONSES, openapi_extra=_POST_BODY)
async def sparql_contacts_post(request: Request) -> Response:
    return await protocol_response(request, contacts=True)


async def protocol_response(request: Request, contacts: bool) -> Response:
    """The answer to a GET or POST of the protocol at ``/sparql`` (or ``/sparql/contacts`` when
    ``contacts``): the routes above call it, and so does :class:`api.sparql.short_path.ShortPath`,
    which hands it query requests without the framework's routing (the same answers and errors).

    The snapshot is taken with :func:`api.deps.get_snapshot` called on the event loop, not as a
    FastAPI dependency (a plain function, which FastAPI would run in a thread for every request):
    it only reads which build is current, and opens a store once per published build.

    :raises api.errors.ApiError: the protocol's refusals (400, 403, 406, 413, 415, 503), mapped to
        problem documents by the app's exception handlers; also SyntaxError (400) and OSError (503).
    """
    if contacts:
        _personal_only(request)
    snapshot = get_snapshot(request)
    if request.method == "POST":
        return await _post(request, snapshot, contacts)
    params = request.query_params
    if params.getlist("update"):
        raise UpdateForbiddenError(_READ_ONLY)
    query = _single(params.getlist("query"), "query")
    if query is None:
        return _description(request, snapshot, contacts)
    return await _answer(request, snapshot, query, params.getlist("default-graph-uri"),
                         params.getlist("named-graph-uri"), contacts)


def _description(request: Request, snapshot: Snapshot, contacts: bool) -> Response:
    endpoint = str(request.url.replace(query=""))
    service_allow = request.app.state.settings.service_allow
    if contacts:
        store = snapshot.contacts_store()
        graphs = sorted((g for g in store.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value)
        body = description(endpoint, graphs, service_allow, personal=True)
    else:
        body = description(endpoint, snapshot.graphs, service_allow)
    return Response(body, media_type="text/turtle; charset=utf-8")


async def _post(request: Request, snapshot: Snapshot, contacts: bool) -> Response:
    """A POSTed query (form-encoded or an ``application/sparql-query`` body)."""
    content_type, *params = (p.strip().lower() for p in request.headers.get("content-type", "").split(";"))
    url = request.query_params
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(_utf8(await _body(request)), keep_blank_values=True)
        if form.get("update") or url.getlist("update"):
            raise UpdateForbiddenError(_READ_ONLY)
        query = _single(form.get("query", []) + url.getlist("query"), "query")
        default_uris = form.get("default-graph-uri", []) + url.getlist("default-graph-uri")
        named_uris = form.get("named-graph-uri", []) + url.getlist("named-graph-uri")
    elif content_type == "application/sparql-query":
        charset = next((p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")), "utf-8")
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaError(f"send the query in UTF-8, not {charset}")
        query = _utf8(await _body(request))
        default_uris = url.getlist("default-graph-uri")
        named_uris = url.getlist("named-graph-uri")
    elif content_type == "application/sparql-update":
        raise UpdateForbiddenError(_READ_ONLY)
    else:
        raise UnsupportedMediaError("POST a form (application/x-www-form-urlencoded) or an application/sparql-query body")
    return await _answer(request, snapshot, query, default_uris, named_uris, contacts)
