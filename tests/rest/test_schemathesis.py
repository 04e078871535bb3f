"""Tests no one here wrote: schemathesis generates requests from /openapi.json; none gets a server error.

A bounded run over the ASGI app on the fixture store: a fixed number of examples per operation (five;
two for each named query, which all share one handler),
derandomized (the same requests on every run), checking only for 5xx answers. The SPARQL protocol
routes are left to their own tests (schemathesis cannot write SPARQL); 503 would only mean no build,
which cannot happen with a store given in memory.
"""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from pyoxigraph import Store
from schemathesis.checks import not_a_server_error

from api.main import create_app
from tests.support.split_stores import load_split

FIXTURE = Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"


def _stores() -> tuple[Store, Store]:
    return load_split(FIXTURE)


public, contacts = _stores()
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store=public, contacts=contacts)).exclude(
    path_regex=r"^/sparql"
)
facade = schema.exclude(path_regex=r"^/api/queries/.")
named_queries = schema.include(path_regex=r"^/api/queries/.")
_BOUNDED = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}


@facade.parametrize()
@settings(max_examples=5, **_BOUNDED)
def test_no_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])


@named_queries.parametrize()
@settings(max_examples=2, **_BOUNDED)
def test_no_named_query_gives_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
