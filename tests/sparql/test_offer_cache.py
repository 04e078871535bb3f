"""The worker's negotiation, worked out once per ``Accept`` header (``execute._offer``), answers what
:func:`api.negotiation.choose` answers for that header and kind of result, whatever was asked before."""

from __future__ import annotations

import itertools

from api.negotiation import choose
from api.sparql import execute

_RANGES = ["application/sparql-results+json", "application/json;q=0.5", "text/csv", "text/*;q=0.2", "*/*;q=0.1",
           "text/turtle", "application/ld+json;q=0.9", "application/rdf+xml;q=0", "image/png", "TEXT/TSV",
           "application/sparql-results+xml;q=0.8", "text/tab-separated-values"]


def _headers() -> list[str | None]:
    headers: list[str | None] = [None, ""]
    for size in (1, 2, 3):
        headers += [", ".join(combo) for combo in itertools.combinations(_RANGES, size)]
    return headers


def test_the_cached_offer_is_the_negotiated_one_for_both_kinds_in_any_order():
    execute._offer.cache_clear()
    headers = _headers()
    assert len(headers) > 250  # more than the cache holds: evictions are exercised too
    for header in headers + headers[::-1]:
        for graph in (True, False) if len(header or "") % 2 else (False, True):
            formats = execute.GRAPH_FORMATS if graph else execute.RESULT_FORMATS
            assert execute._offer(header, graph) == choose(header, list(formats)), (header, graph)
    info = execute._offer.cache_info()
    assert info.hits > 0 and info.misses > 0
