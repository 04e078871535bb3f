"""Federated queries (``SERVICE``) only to the endpoints of an allow-list, empty by default.

pyoxigraph makes the outbound HTTP request of a ``SERVICE`` clause itself, so the endpoint checks
the query before it runs: every ``SERVICE`` must name, as an absolute IRI (written out or with a
declared prefix), an endpoint listed in ``INTERREG_KG_SERVICE_ALLOW``, compared exactly. A variable
endpoint (``SERVICE ?e``), a relative IRI or an unknown prefix is refused like an unlisted one.

>>> check("SELECT * { SERVICE <http://a.example/sparql> { ?s ?p ?o } }", ["http://a.example/sparql"])
>>> check("SELECT * { SERVICE <http://b.example/sparql> { ?s ?p ?o } }", [])
Traceback (most recent call last):
...
api.sparql.errors.ServiceForbiddenError: federated queries may only call the endpoints of INTERREG_KG_SERVICE_ALLOW \
(none are allowed); refused: <http://b.example/sparql>
"""

from __future__ import annotations

from collections.abc import Collection

from api.sparql.errors import ServiceForbiddenError
from api.sparql.text import service_endpoints

__all__ = ["check"]


def check(query: str, allowed: Collection[str]) -> None:
    """Return if every ``SERVICE`` of ``query`` calls an allowed endpoint.

    :raises ServiceForbiddenError: one does not (the message names the refused endpoints).
    """
    refused = [e for e in service_endpoints(query) if e is None or e not in allowed]
    if refused:
        names = ", ".join("a variable or relative endpoint" if e is None else f"<{e}>" for e in refused)
        listed = "none are allowed" if not allowed else f"allowed: {', '.join(sorted(allowed))}"
        raise ServiceForbiddenError(f"federated queries may only call the endpoints of INTERREG_KG_SERVICE_ALLOW "
                                    f"({listed}); refused: {names}")
