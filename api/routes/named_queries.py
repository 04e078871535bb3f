"""``/api/queries``: the named queries of ``queries/`` and their rows.

``GET /api/queries/{name}?k=v`` binds each parameter as a typed RDF term (``queries.run``); an unknown
parameter or an ill-typed value is a 400 problem, an unknown query a 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

import queries
from api.deps import Queries, QueriesDep
from api.errors import BadRequestError
from api.routes.common import Limit, Offset, responses
from api.schemas import Page, QueryInfo, QueryParameterInfo, QueryResult

router = APIRouter(prefix="/api/queries", tags=["named queries"])

_RESERVED = ("limit", "offset")


def _info(named: queries.NamedQuery, with_text: bool = False) -> QueryInfo:
    return QueryInfo(
        name=named.name,
        title=named.title,
        description=named.description,
        parameters=[
            QueryParameterInfo(name=p.name, type=p.type, default=p.default, description=p.description)
            for p in named.parameters
        ],
        sparql=named.text if with_text else None,
    )


@router.get(
    "",
    response_model=Page[QueryInfo],
    summary="The named queries and their parameters",
    responses=responses(jsonld=False),
)
def list_queries() -> Page[QueryInfo]:
    data = [_info(queries.load(name)) for name in queries.names()]
    return Page[QueryInfo](data=data, count=len(data))


@router.get(
    "/{name}/sparql",
    response_model=QueryInfo,
    summary="A named query's text and parameters",
    responses=responses(404, jsonld=False),
)
def describe_query(
    name: Annotated[
        str, Path(description="a query name, as GET /api/queries lists them", examples=["projects"])
    ],
) -> QueryInfo:
    return _info(queries.load(name), with_text=True)


def _plain(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value  # type: ignore[return-value]
    return str(value)


_SCHEMAS = {
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "date": {"type": "string", "format": "date"},
    "boolean": {"type": "boolean"},
    "country": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
}


_EXAMPLES = {
    "iri:programme": "iv-a",
    "iri:period": "2007-2013",
    "iri:target-group": "migrants",
    "iri:theme": "housing",
    "iri:organisation": "medway-council",
    "iri:project": "agir",
    "iri:role": "lead",
    "iri:document": "000_61233fa75de99c9d",
    "iri": "https://w3id.org/interreg-kg/id/project/agir",
    "country": "BE",
    "date": "2010-01-01",
    "integer": 2,
    "decimal": 0.5,
    "boolean": False,
    "string": "Lille",
}
_PAGING = [
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "rows per page (at most 1000)",
        "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
        "example": 100,
    },
    {
        "name": "offset",
        "in": "query",
        "required": False,
        "description": "rows to skip before the page",
        "schema": {"type": "integer", "minimum": 0, "maximum": 10**9, "default": 0},
        "example": 0,
    },
]


def _parameters(named: queries.NamedQuery) -> list[dict]:
    """The OpenAPI parameters of one named query: its declared parameters, then limit and offset."""
    out = []
    for p in named.parameters:
        schema = dict(_SCHEMAS.get(p.type, {"type": "string"}))
        if p.default is not None:
            schema["default"] = p.default
        kind = p.type.partition(":")[2]
        example = p.default if p.default is not None else _EXAMPLES.get(p.type, _EXAMPLES["string"])
        out.append(
            {
                "name": p.name,
                "in": "query",
                "required": False,
                "schema": schema,
                "example": example,
                "description": (p.description or p.name)
                + f" ({p.type}"
                + (f": an id of a {kind} or its IRI" if kind else "")
                + ")",
            }
        )
    return out + _PAGING


def _run(reads: Queries, request: Request, name: str, limit: int, offset: int) -> QueryResult:
    named = queries.load(name)
    given: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in _RESERVED:
            continue
        if key in given:
            raise BadRequestError(f"parameter {key!r} is given twice; a named query takes one value each")
        given[key] = value
    rows = reads.run(
        named, given, limit=limit, offset=offset
    )
    return QueryResult(
        query=named.name,
        variables=list(rows.variables),
        data=[{k: _plain(v) for k, v in r.items()} for r in rows.values()],
        count=rows.total,
    )


def _route(name: str):
    def run_named(
        reads: QueriesDep, request: Request, limit: Limit = 100, offset: Offset = 0
    ) -> QueryResult:
        return _run(reads, request, name, limit, offset)

    run_named.__name__ = f"query_{name}"
    return run_named


for _name in queries.names():
    _named = queries.load(_name)
    router.add_api_route(
        f"/{_name}",
        _route(_name),
        methods=["GET"],
        response_model=QueryResult,
        summary=f"Named query: {_named.title}",
        description=_named.description,
        responses=responses(jsonld=False),
        openapi_extra={"parameters": _parameters(_named)},
    )


@router.get("/{name}", response_model=QueryResult, summary="Run a named query", include_in_schema=False)
def run_query(
    reads: QueriesDep, request: Request, name: str, limit: Limit = 100, offset: Offset = 0
) -> QueryResult:
    """The rows of the named query ``name`` with the query-string parameters (other than ``limit`` and
    ``offset``) bound as typed RDF terms; values are rendered as JSON (IRIs and strings as strings)."""
    return _run(reads, request, name, limit, offset)
