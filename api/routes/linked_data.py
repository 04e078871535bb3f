"""Linked data: ``/id/...`` for every IRI under ``https://w3id.org/interreg-kg/id/``, ``/ontology``
(the ontology, with an HTML documentation), ``/ontology/context.jsonld`` (the REST answers' JSON-LD
context), ``/.well-known/void`` and ``/dataset`` (the VoID/DCAT description), and ``/api/dump``.

Representations are chosen by ``Accept`` (q-values honoured) or forced with ``?format=`` (a media type
or ``ttl``, ``nt``, ``jsonld``, ``html``): Turtle, N-Triples, JSON-LD, or HTML for a browser.
"""

from __future__ import annotations

from html import escape as html_escape
from importlib import metadata
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pyoxigraph import NamedNode

from api import dumps
from api.deps import QueriesDep, StoreDep
from api.errors import NotAcceptableError, NotFoundError
from api.http_reads import CACHE_CONTROL, matches
from api.linked_data import pages
from api.linked_data.context import CONTEXT_PATH, context
from api.linked_data.resources import RDF_TYPES, describe, iri_of, write
from api.linked_data.void import description
from api.negotiation import choose
from api.routes.common import PROBLEM
from ontology.iris import local_part
from ontology.namespaces import IRG, ONTOLOGY_GRAPH

router = APIRouter(tags=["linked data"])

_OFFERS = ["text/turtle", "text/html", "application/n-triples", "application/ld+json"]
_SHORT = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "html": "text/html",
}
_RDF_CONTENT = {m: {"schema": {"type": "string"}} for m in _OFFERS}
_LD_RESPONSES = {
    200: {
        "description": "the resource: Turtle, N-Triples, JSON-LD or HTML by Accept",
        "content": _RDF_CONTENT,
    },
    304: {"description": "not modified"},
    404: {"description": "nothing is known about this IRI", "content": PROBLEM},
    406: {"description": "none of Turtle, N-Triples, JSON-LD or HTML is acceptable", "content": PROBLEM},
    422: {"description": "a parameter of the wrong shape", "content": PROBLEM},
    503: {"description": "no build is published yet", "content": PROBLEM},
}
FormatParam = Annotated[
    str | None,
    Query(
        description="force a representation: ttl, nt, jsonld, html or a media type (overrides Accept)",
        examples=["ttl"],
        max_length=100,
    ),
]


def _media(request: Request, fmt: str | None) -> str:
    if fmt:
        media = _SHORT.get(fmt.lower(), fmt.lower().replace(" ", "+"))  # an unescaped + arrives as a space
        if media not in _OFFERS:
            raise NotAcceptableError(f"unknown format {fmt!r}; use ttl, nt, jsonld or html")
        return media
    media = choose(request.headers.get("accept"), _OFFERS)
    if media is None:
        raise NotAcceptableError("none of Turtle, N-Triples, JSON-LD or HTML is acceptable to this client")
    return media


def _rdf_or_html(media: str, triples, html: callable) -> Response:  # type: ignore[valid-type]
    if media == "text/html":
        return HTMLResponse(html())
    return Response(write(triples, media), media_type=media)


def _version() -> str:
    try:
        return metadata.version("interreg-kg")
    except metadata.PackageNotFoundError:
        return "unknown"


@router.get(
    "/id/{path:path}",
    summary="Dereference an IRI of the graph",
    responses=_LD_RESPONSES,
    response_class=Response,
)
def resource(
    snapshot: StoreDep,
    request: Request,
    path: Annotated[
        str,
        Path(description="the IRI's part after https://w3id.org/interreg-kg/id/", examples=["project/agir"]),
    ],
    format: FormatParam = None,
) -> Response:
    """Everything the public graphs say about ``https://w3id.org/interreg-kg/id/{path}``: its own
    triples, those of its parts (participations, results), and what points at it."""
    media = _media(request, format)
    iri = iri_of("/id/" + path)
    try:
        NamedNode(iri)
    except ValueError:
        raise NotFoundError(f"no resource {iri!r}") from None
    graphs = snapshot.graphs
    personal = bool(getattr(request.app.state, "personal_data", False))
    triples = describe(snapshot.store, graphs, iri, snapshot.contacts_store() if personal else None)
    if not triples:
        raise NotFoundError(f"nothing is known about {iri}")
    return _rdf_or_html(media, triples, lambda: pages.resource_page(snapshot.store, graphs, iri, triples))


@router.get(
    "/ontology",
    summary="The ontology (HTML documentation, Turtle, N-Triples or JSON-LD)",
    responses=_LD_RESPONSES,
    response_class=Response,
)
def ontology(snapshot: StoreDep, request: Request, format: FormatParam = None) -> Response:
    """The ontology graph as stored with the build; for a browser, its documentation: every class and
    property with its label, comment and alignments."""
    media = _media(request, format)
    graph = NamedNode(ONTOLOGY_GRAPH)
    triples = [q.triple for q in snapshot.store.quads_for_pattern(None, None, None, graph)]
    if not triples:
        raise NotFoundError("the ontology is not loaded in this build")
    triples.sort(
        key=lambda t: (
            t.subject.value if hasattr(t.subject, "value") else str(t.subject),
            t.predicate.value,
            str(t.object),
        )
    )
    iri = IRG.rstrip("#")
    return _rdf_or_html(media, triples, lambda: pages.ontology_page(snapshot.store, [graph], iri, triples))


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def home(reads: QueriesDep) -> HTMLResponse:
    """A landing page for a browser: where the REST API, SPARQL, ontology, vocabularies and dumps are."""
    projects = reads.run("projects", limit=20).values()
    items = "".join(
        f'<li><a href="/id/project/{html_escape(local_part(r["project"], "project") or "")}">'
        f"{html_escape(str(r['acronym'] or r['title'] or r['project']))}</a> — "
        f"{html_escape(str(r['title'] or ''))}</li>"
        for r in projects
    )
    body = (
        '<ul><li><a href="/docs">REST API</a> (OpenAPI at <a href="/openapi.json">/openapi.json</a>)</li>'
        '<li><a href="/sparql">SPARQL endpoint</a></li><li><a href="/ontology">Ontology</a></li>'
        '<li>Vocabularies: <a href="/id/scheme/programmes">programmes</a>, <a href="/id/scheme/themes">themes</a>, '
        '<a href="/id/scheme/target-groups">target groups</a>, <a href="/id/scheme/periods">periods</a></li>'
        '<li><a href="/.well-known/void">Dataset description (VoID/DCAT)</a>; dumps: '
        '<a href="/api/dump?format=nquads">N-Quads</a>, <a href="/api/dump?format=trig">TriG</a></li></ul>'
        f"<h2>Projects</h2><ul>{items}</ul>"
    )
    return HTMLResponse(
        pages.page(
            "Interreg social-inclusion knowledge graph",
            "Dataset",
            "https://w3id.org/interreg-kg/dataset",
            body,
            formats=False,
            path="/",
        )
    )


@router.get(
    CONTEXT_PATH,
    summary="The JSON-LD context of the REST answers",
    responses={200: {"content": {"application/ld+json": {"schema": {"type": "object"}}}}},
)
def json_ld_context() -> JSONResponse:
    return JSONResponse(context(), media_type="application/ld+json")


@router.get(
    "/.well-known/void",
    summary="VoID / DCAT description of the dataset",
    responses=_LD_RESPONSES,
    response_class=Response,
)
def void(snapshot: StoreDep, request: Request, format: FormatParam = None) -> Response:
    """Size (triples, subjects, instances per class), build, licence, SPARQL endpoint, dumps, and the
    sources the facts were read from with their attribution."""
    media = _media(request, format)
    base = str(request.base_url).rstrip("/")
    triples = description(snapshot.store, snapshot.graphs, base, snapshot.build, _version())

    def html() -> str:
        from pyoxigraph import Store

        scratch = Store()
        return pages.resource_page(scratch, [], "https://w3id.org/interreg-kg/dataset", triples)

    return _rdf_or_html(media, triples, html)


@router.get("/dataset", include_in_schema=False)
def dataset(snapshot: StoreDep, request: Request, format: FormatParam = None) -> Response:
    return void(snapshot, request, format)


DumpFormat = Literal["nquads", "trig"]


@router.get(
    "/api/dump",
    summary="Download the whole graph (no personal data)",
    tags=["dumps"],
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "every public named graph",
            "content": {
                "application/n-quads": {"schema": {"type": "string"}},
                "application/trig": {"schema": {"type": "string"}},
            },
        },
        304: {"description": "not modified"},
        422: {"description": "an unknown format", "content": PROBLEM},
        503: {"description": "no build is published yet", "content": PROBLEM},
    },
)
def dump(
    snapshot: StoreDep,
    request: Request,
    format: Annotated[DumpFormat, Query(description="nquads or trig", examples=["nquads"])] = "nquads",
) -> Response:
    """The ontology, shapes, vocabularies, document graphs, metadata and loaded RDF files of the build;
    the contacts graphs only when the service is configured to serve personal data."""
    personal = bool(getattr(request.app.state, "personal_data", False))
    build = snapshot.build.name if snapshot.build is not None else f"memory-{id(snapshot.store)}"
    tag = f'W/"dump-{build}-{format}-{int(personal)}"'
    headers = {
        "ETag": tag,
        "Cache-Control": CACHE_CONTROL,
        "Content-Disposition": f'attachment; filename="interreg-kg.{dumps.EXTENSIONS[format]}"',
    }
    if (inm := request.headers.get("if-none-match")) and matches(inm, tag):
        return Response(status_code=304, headers={"ETag": tag, "Cache-Control": CACHE_CONTROL})
    contacts = snapshot.contacts_store() if personal else None  # personal data: only when allowed
    return StreamingResponse(
        dumps.chunks(snapshot.store, format, contacts), media_type=dumps.MEDIA_TYPES[format], headers=headers
    )


__all__ = ["router", "RDF_TYPES"]
