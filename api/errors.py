"""Errors of the read path and the one place they become HTTP responses.

The tree::

    ApiError                      (500)
    ├── NotFoundError             (404) an unknown project, partner or other id
    ├── BadRequestError           (400) a malformed SPARQL query or an ill-typed parameter
    ├── UpdateForbiddenError      (403) a SPARQL update: this service is read-only
    ├── NotAcceptableError        (406) no result format the client accepts
    ├── UnsupportedMediaError     (415) a POST body of a type the protocol does not define
    └── StoreUnavailableError     (503) no published build, or the store cannot be read

:func:`install` maps these, and the errors of the layers below, once for the whole app:
``queries.ParameterError`` and ``SyntaxError`` (the SPARQL parser's message) to 400,
``queries.UnknownQueryError`` to 404, ``OSError`` (store failure) to 503. The body is always
``{"detail": "<message>"}``.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from queries.errors import ParameterError, UnknownQueryError

__all__ = [
    "ApiError",
    "NotFoundError",
    "BadRequestError",
    "UpdateForbiddenError",
    "NotAcceptableError",
    "UnsupportedMediaError",
    "StoreUnavailableError",
    "install",
]


class ApiError(Exception):
    """Base of the read path's errors; ``status`` is the HTTP status it maps to."""

    status = 500


class NotFoundError(ApiError, LookupError):
    status = 404


class BadRequestError(ApiError, ValueError):
    status = 400


class UpdateForbiddenError(ApiError, PermissionError):
    status = 403


class NotAcceptableError(ApiError):
    status = 406


class UnsupportedMediaError(ApiError):
    status = 415


class StoreUnavailableError(ApiError):
    status = 503


def _reply(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _reply(exc.status, str(exc))

    @app.exception_handler(ParameterError)
    async def _parameter(_: Request, exc: ParameterError) -> JSONResponse:
        return _reply(400, str(exc))

    @app.exception_handler(UnknownQueryError)
    async def _unknown_query(_: Request, exc: UnknownQueryError) -> JSONResponse:
        return _reply(404, str(exc))

    @app.exception_handler(SyntaxError)
    async def _syntax(_: Request, exc: SyntaxError) -> JSONResponse:
        return _reply(400, f"malformed query: {exc}")

    @app.exception_handler(OSError)
    async def _store(_: Request, exc: OSError) -> JSONResponse:
        return _reply(503, f"the store cannot be read: {exc}")
