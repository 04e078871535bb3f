"""Errors of the read path and the one place they become HTTP responses.

The tree::

    ApiError                      (500)
    ├── NotFoundError             (404) an unknown project, partner or other id
    ├── BadRequestError           (400) a malformed SPARQL query or an ill-typed parameter
    ├── UpdateForbiddenError      (403) a SPARQL update: this service is read-only
    ├── ForbiddenError            (403) personal data, when the service is not configured to serve it
    ├── NotAcceptableError        (406) no result format the client accepts
    ├── UnsupportedMediaError     (415) a POST body of a type the protocol does not define
    └── StoreUnavailableError     (503) no published build, or the store cannot be read

:func:`install` maps these, and the errors of the layers below, once for the whole app:
``queries.ParameterError`` and ``SyntaxError`` (the SPARQL parser's message) to 400,
``queries.UnknownQueryError`` to 404, ``OSError`` (store failure) to 503, FastAPI's request
validation errors to 422 and Starlette's HTTP errors (an unknown path: 404) to their status.

Every error body is an RFC 9457 problem document, ``application/problem+json``::

    {"type": "about:blank", "title": "Not Found", "status": 404,
     "detail": "no project with id 'nope'", "instance": "/api/projects/nope"}

>>> problem(404, "no project with id 'x'", "/api/projects/x")["title"]
'Not Found'
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from queries.errors import ParameterError, UnknownQueryError

__all__ = [
    "ApiError",
    "NotFoundError",
    "BadRequestError",
    "UpdateForbiddenError",
    "ForbiddenError",
    "NotAcceptableError",
    "UnsupportedMediaError",
    "StoreUnavailableError",
    "PROBLEM_JSON",
    "problem",
    "problem_response",
    "install",
]

PROBLEM_JSON = "application/problem+json"


class ApiError(Exception):
    """Base of the read path's errors; ``status`` is the HTTP status it maps to."""

    status = 500


class NotFoundError(ApiError, LookupError):
    status = 404


class BadRequestError(ApiError, ValueError):
    status = 400


class UpdateForbiddenError(ApiError, PermissionError):
    status = 403


class ForbiddenError(ApiError, PermissionError):
    status = 403


class NotAcceptableError(ApiError):
    status = 406


class UnsupportedMediaError(ApiError):
    status = 415


class StoreUnavailableError(ApiError):
    status = 503


def problem(status: int, detail: str, instance: str | None = None, **extra: object) -> dict[str, object]:
    """The RFC 9457 problem document for ``status`` with the human-readable ``detail``.

    :param status: the HTTP status code.
    :param detail: what went wrong, for this occurrence.
    :param instance: the path of the request, when known.
    :param extra: extension members (e.g. ``errors`` for validation failures).
    """
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, object] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if instance is not None:
        body["instance"] = instance
    body.update(extra)
    return body


def problem_response(
    status: int, detail: str, request: Request | None = None, headers: dict | None = None, **extra: object
) -> JSONResponse:
    """A ``JSONResponse`` carrying :func:`problem` with the ``application/problem+json`` type."""
    instance = None if request is None else request.url.path
    return JSONResponse(
        jsonable_encoder(problem(status, detail, instance, **extra)),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``: every error leaves as a problem document."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return problem_response(exc.status, str(exc), request)

    @app.exception_handler(ParameterError)
    async def _parameter(request: Request, exc: ParameterError) -> JSONResponse:
        return problem_response(400, str(exc), request)

    @app.exception_handler(UnknownQueryError)
    async def _unknown_query(request: Request, exc: UnknownQueryError) -> JSONResponse:
        return problem_response(404, str(exc), request)

    @app.exception_handler(SyntaxError)
    async def _syntax(request: Request, exc: SyntaxError) -> JSONResponse:
        return problem_response(400, f"malformed query: {exc}", request)

    @app.exception_handler(OSError)
    async def _store(request: Request, exc: OSError) -> JSONResponse:
        return problem_response(503, f"the store cannot be read: {exc}", request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        detail = (
            "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in errors)
            or "invalid request"
        )
        return problem_response(422, detail, request, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(
            exc.status_code, str(exc.detail), request, headers=getattr(exc, "headers", None)
        )
