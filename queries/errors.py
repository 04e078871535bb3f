"""Errors of the named-query package, as a tree::

    QueryError
    ├── UnknownQueryError      no query of that name (knows the names there are)
    ├── QueryHeaderError       a .rq file's header comment block is malformed
    └── ParameterError         a parameter is unknown or its value does not fit its type
"""

from __future__ import annotations

__all__ = ["QueryError", "UnknownQueryError", "QueryHeaderError", "ParameterError"]


class QueryError(Exception):
    """Base of every error raised by :mod:`queries`."""


class UnknownQueryError(QueryError, LookupError):
    """No named query (and no readable .rq file) by that name; ``known`` lists the names there are."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown query {name!r}; known queries: {', '.join(known)}")
        self.name = name
        self.known = known


class QueryHeaderError(QueryError, ValueError):
    """The header comment block of a .rq file cannot be read."""


class ParameterError(QueryError, ValueError):
    """A parameter is not declared by the query, or its value does not fit the declared type."""
