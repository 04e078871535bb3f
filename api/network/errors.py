"""Errors of the network exports.

::

    NetworkError (ValueError)
    ├── UnknownFormatError       a format none of the writers writes
    └── UnknownProjectionError   a projection other than organisation, bipartite, country

Bad filter values are :class:`queries.ParameterError` (raised when the query's parameters are bound).
"""

from __future__ import annotations

__all__ = ["NetworkError", "UnknownFormatError", "UnknownProjectionError"]


class NetworkError(ValueError):
    """Something asked of the network exports cannot be done."""


class UnknownFormatError(NetworkError):
    """A file format none of the writers writes."""


class UnknownProjectionError(NetworkError):
    """A projection other than the known ones."""
