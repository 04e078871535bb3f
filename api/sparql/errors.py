"""Errors of the SPARQL endpoint's guards, under :class:`api.errors.ApiError` (one handler maps them).

The tree (statuses in brackets)::

    ApiError
    ├── QueryTimeoutError      (503) the query ran past INTERREG_KG_QUERY_TIMEOUT; its worker was killed
    ├── WorkersBusyError       (503) no query worker became free within the time limit
    ├── WorkerCrashedError     (500) a worker died while running the query (it is replaced)
    ├── PayloadTooLargeError   (413) a request body over the limit (1 MB)
    ├── ServiceForbiddenError  (403) a SERVICE endpoint not on INTERREG_KG_SERVICE_ALLOW
    └── GraphForbiddenError    (403) default-graph-uri or named-graph-uri naming a contacts graph

Why 503 and not 504 for a timeout: 504 says an upstream server did not answer a gateway, while here
this service itself declines to spend more time on the query (as Fuseki does); the message says so
and that retrying the same query will not help.
"""

from __future__ import annotations

from api.errors import ApiError

__all__ = ["QueryTimeoutError", "WorkersBusyError", "WorkerCrashedError", "PayloadTooLargeError",
           "ServiceForbiddenError", "GraphForbiddenError"]


class QueryTimeoutError(ApiError):
    status = 503


class WorkersBusyError(ApiError):
    status = 503


class WorkerCrashedError(ApiError):
    status = 500


class PayloadTooLargeError(ApiError):
    status = 413


class ServiceForbiddenError(ApiError):
    status = 403


class GraphForbiddenError(ApiError):
    """A protocol parameter names a contact-detail graph (status 403)."""

    status = 403
