"""What every read route shares in the OpenAPI document: its error answers and alternative types.

>>> sorted(responses(404))
[200, 304, 400, 404, 406, 422, 503]
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

__all__ = ["PROBLEM", "responses", "Limit", "Offset"]

PROBLEM: dict[str, Any] = {
    "application/problem+json": {
        "schema": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string", "example": "about:blank"},
                "title": {"type": "string", "example": "Not Found"},
                "status": {"type": "integer", "example": 404},
                "detail": {"type": "string", "example": "no project with id 'nope'"},
                "instance": {"type": "string", "example": "/api/projects/nope"},
            },
        }
    }
}

_WHY = {
    400: "a parameter value that does not fit its type (e.g. a country that is not two letters)",
    404: "no such thing",
    406: "no representation the Accept header allows (JSON and JSON-LD are offered)",
    422: "a parameter outside its range or of the wrong shape",
    503: "the query ran past INTERREG_KG_QUERY_TIMEOUT (it was stopped), no query worker became free "
    "within that time, no build is published yet, or the store cannot be read",
}


def responses(*extra: int, jsonld: bool = True) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a read route: JSON-LD beside JSON, 304, and problem documents.

    :param extra: further error statuses the route answers (e.g. 404 for a single item).
    :param jsonld: whether the route also answers ``application/ld+json``.
    """
    ok: dict[str, Any] = {
        "description": "the answer; JSON-LD (with an @context) on Accept: application/ld+json"
    }
    if jsonld:
        ok["content"] = {"application/ld+json": {"schema": {"type": "object"}}}
    out: dict[int | str, dict[str, Any]] = {
        200: ok,
        304: {"description": "not modified: the If-None-Match header names the current ETag"},
    }
    for status in sorted({400, 406, 422, 503, *extra}):
        out[status] = {"description": _WHY.get(status, "error"), "content": PROBLEM}
    return out


Limit = Annotated[int, Query(ge=1, le=1000, description="page size (at most 1000)", examples=[50])]
Offset = Annotated[int, Query(ge=0, le=10**9, description="matches to skip before the page", examples=[0])]
