"""The browser side of ``/sparql``: a YASGUI query editor with the named queries as examples.

- ``GET /sparql`` from a browser (no ``query`` or ``update`` parameter, and an ``Accept`` header that
  prefers ``text/html`` to Turtle) answers the editor page; every other request to ``/sparql`` goes on
  to the protocol routes of :mod:`api.routes.sparql` (the page's route does not match them, see
  :class:`BrowserPageRoute`), so SPARQL clients keep their service description.
- The page's examples are the queries of :mod:`queries`, inlined as JSON; a parameter with a default
  is bound by a ``VALUES`` row at the top of the query's ``WHERE`` (the same RDF term the REST and CLI
  runs substitute), one without stays open and gets a commented ``VALUES`` line to fill in.
- ``GET /static/{path}`` serves ``api/static/``: our page script and style, and under ``vendor/`` the
  YASGUI build that ``make install`` takes from the npm package ``@zazuko/yasgui``. Without that
  build the page loads YASGUI from a CDN and says so.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from string import Template
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.routing import APIRoute
from pyoxigraph import Literal
from starlette.routing import Match
from starlette.types import Scope

import queries
from api.errors import NotFoundError
from api.negotiation import choose
from ontology.iris import mint_concept
from queries import NamedQuery, Parameter

__all__ = ["router", "BrowserPageRoute", "wants_page", "example_text", "examples", "assets", "page",
           "STATIC_DIR", "VENDOR_DIR", "YASGUI_VERSION", "CDN"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
#: the version pinned in api/static/package.json; the CDN fallback loads the same one
YASGUI_VERSION = "4.6.2"
CDN = f"https://cdn.jsdelivr.net/npm/@zazuko/yasgui@{YASGUI_VERSION}/build/"
_ASSETS = ("yasgui.min.js", "yasgui.min.css")
_MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".map": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
          ".woff": "font/woff", ".woff2": "font/woff2"}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_PREFIX = re.compile(r"^\s*PREFIX\s+xsd:\s*<http://www\.w3\.org/2001/XMLSchema#>", re.IGNORECASE | re.MULTILINE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_EXAMPLE_VALUE = re.compile(r"\be\.g\.\s+([^\s,;)]+)")
_PLACEHOLDER = {"country": "FR", "integer": "2010", "decimal": "1000000", "date": "2010-01-01",
                "boolean": "true", "string": "text"}


def wants_page(scope: Scope) -> bool:
    """Whether a request is a browser asking for ``/sparql`` itself rather than a SPARQL client.

    True for a GET without ``query`` or ``update`` parameters whose ``Accept`` header prefers
    ``text/html`` to ``text/turtle`` (ties and a missing header go to Turtle, the service description).

    >>> scope = {"method": "GET", "query_string": b"", "headers": [(b"accept", b"text/html,*/*;q=0.8")]}
    >>> wants_page(scope)
    True
    >>> wants_page({**scope, "headers": [(b"accept", b"*/*")]})
    False
    >>> wants_page({**scope, "query_string": b"query=ASK%7B%7D"})
    False
    """
    if scope.get("method") != "GET":
        return False
    params = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if "query" in params or "update" in params:
        return False
    accept = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"accept"), None)
    return choose(accept, ["text/turtle", "text/html"]) == "text/html"


class BrowserPageRoute(APIRoute):
    """A route that matches only requests :func:`wants_page` accepts, leaving the rest to later routes."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if match is Match.FULL and not wants_page(scope):
            return Match.NONE, {}
        return match, child


def _term(parameter: Parameter, raw: str, query: NamedQuery) -> str:
    """The SPARQL form of the very term ``raw`` binds ``parameter`` to, as short as SPARQL allows.

    Integers and booleans are written bare (SPARQL reads ``3`` as ``"3"^^xsd:integer``), other typed
    literals with ``xsd:`` when the query declares that prefix, everything else in N-Triples form.
    """
    term = parameter.term(raw, query.name)
    if isinstance(term, Literal) and term.datatype.value.startswith(_XSD):
        local = term.datatype.value.removeprefix(_XSD)
        if local == "integer" and re.fullmatch(r"-?\d+", term.value) or local == "boolean":
            return term.value
        if local != "string" and _XSD_PREFIX.search(query.text):
            return f"{Literal(term.value)}^^xsd:{local}"
    return str(term)


def _open_line(parameter: Parameter, query: NamedQuery) -> str:
    """A commented ``VALUES`` line for a parameter without default, with an example value."""
    found = _EXAMPLE_VALUE.search(parameter.description)
    candidates = [found.group(1)] if found else []
    candidates.append(_PLACEHOLDER.get(parameter.type, ""))
    kind = parameter.type.partition(":")[2]
    value = f"<{mint_concept(kind, 'x').removesuffix('x')}…>" if kind else "<…>"
    for raw in candidates:
        try:
            value = _term(parameter, raw, query)
            break
        except queries.QueryError:
            continue
    note = f"{parameter.type}: {parameter.description}" if parameter.description else parameter.type
    return f"  # VALUES ?{parameter.name} {{ {value} }}  # {note}"


def example_text(query: NamedQuery) -> str:
    """The text of ``query`` as a YASGUI example: its defaults bound in the query itself.

    Parameters with a default get a ``VALUES`` row at the top of the outer ``WHERE`` (the RDF terms
    :meth:`queries.NamedQuery.bindings` would substitute); the others stay unbound, which the named
    queries read as "no filter", and get a commented ``VALUES`` line to fill in. The row joins the
    outer group only: a query that uses a parameter inside a sub-select or a ``UNION`` branch hands it
    over with ``LATERAL`` (``partner.rq``, ``project_partners.rq``) or tests it again in the outer group
    (``fact_provenance.rq``, ``organisations_of_city.rq``), else the filled-in form is slow or wrong.

    :raises queries.QueryHeaderError: a query with parameters but no ``WHERE {``.

    >>> q = queries.parse("# param n: integer = 3 -- how many\\n# param c: country\\n"
    ...                   "SELECT ?n ?c WHERE { }", name="t")
    >>> print(example_text(q))
    # param n: integer = 3 -- how many
    # param c: country
    SELECT ?n ?c WHERE {
      VALUES (?n) { (3) }  # parameter defaults
      # VALUES ?c { "FR" }  # country
     }
    """
    if not query.parameters:
        return query.text
    found = _WHERE.search(query.text)
    if found is None:
        raise queries.QueryHeaderError(f"query {query.name!r} has parameters but no 'WHERE {{' to bind them in")
    lines = []
    bound = [p for p in query.parameters if p.default is not None]
    if bound:
        names = " ".join(f"?{p.name}" for p in bound)
        terms = " ".join(_term(p, p.default, query) for p in bound)
        lines.append(f"  VALUES ({names}) {{ ({terms}) }}  # parameter defaults")
    lines += [_open_line(p, query) for p in query.parameters if p.default is None]
    head, tail = query.text[:found.end()], query.text[found.end():]
    return head + "\n" + "\n".join(lines) + ("" if tail.startswith("\n") else "\n") + tail


def examples() -> list[dict[str, object]]:
    """The named queries as editor examples: name, title, description, parameters and text.

    >>> any(e["name"] == "counts" for e in examples())
    True
    """
    out = []
    for name in queries.names():
        query = queries.load(name)
        out.append({"name": query.name, "title": query.title, "description": query.description,
                    "parameters": [{"name": p.name, "type": p.type, "default": p.default,
                                    "description": p.description} for p in query.parameters],
                    "text": example_text(query)})
    return out


def assets(vendor_dir: Path | None = None) -> tuple[str, bool]:
    """Where the page loads YASGUI from: ``(base URL, served locally)``.

    The local copy (``/static/vendor/yasgui/``) when ``make install`` put the npm build there, else the CDN.
    """
    vendor_dir = VENDOR_DIR if vendor_dir is None else vendor_dir
    local = all((vendor_dir / "yasgui" / name).is_file() for name in _ASSETS)
    return ("/static/vendor/yasgui/", True) if local else (CDN, False)


def page(endpoint_path: str = "/sparql", vendor_dir: Path | None = None) -> str:
    """The editor page's HTML (the template ``api/static/sparql.html`` filled in).

    :param endpoint_path: the path of the SPARQL endpoint, which the page queries.
    :param vendor_dir: where to look for the npm build of YASGUI (default: :data:`VENDOR_DIR`).
    """
    base, local = assets(VENDOR_DIR if vendor_dir is None else vendor_dir)
    if local:
        notice = (f"YASGUI {YASGUI_VERSION} is served by this service (npm package @zazuko/yasgui): "
                  "the editor works offline.")
    else:
        notice = (f"YASGUI {YASGUI_VERSION} is loaded from the CDN cdn.jsdelivr.net: its npm package was not "
                  "installed here (run make install with npm available to serve it locally, offline).")
    data = json.dumps(examples(), ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    template = Template((STATIC_DIR / "sparql.html").read_text(encoding="utf-8"))
    return template.substitute(
        yasgui_css=html.escape(base + "yasgui.min.css"), yasgui_js=html.escape(base + "yasgui.min.js"),
        assets_source="local" if local else "cdn", notice=html.escape(notice),
        endpoint=html.escape(endpoint_path), examples=data, version=YASGUI_VERSION,
    )


router = APIRouter(tags=["sparql"], route_class=BrowserPageRoute)
static_router = APIRouter(tags=["sparql"])


@router.get("/sparql", include_in_schema=False, response_class=HTMLResponse)
def editor(request: Request) -> HTMLResponse:
    """The query editor page (for browsers; see :func:`wants_page`)."""
    return HTMLResponse(page(request.url.path), headers={"Vary": "Accept", "Cache-Control": "no-cache"})


@static_router.api_route("/static/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def static(path: str) -> FileResponse:
    """A file of ``api/static/``: the page's script and style, the vendored YASGUI build."""
    target = (STATIC_DIR / path).resolve()
    if (not target.is_relative_to(STATIC_DIR) or not target.is_file() or target.suffix not in _MEDIA
            or "node_modules" in target.relative_to(STATIC_DIR).parts):
        raise NotFoundError(f"no static file {path!r}")
    cache = "public, max-age=86400" if target.is_relative_to(VENDOR_DIR) else "no-cache"
    return FileResponse(target, media_type=_MEDIA[target.suffix], headers={"Cache-Control": cache})


router.include_router(static_router)
