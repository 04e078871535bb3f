"""HTTP content negotiation: pick the offered media type an ``Accept`` header likes best.

Each offer gets the q-value of the most specific media range that matches it (``type/subtype``
over ``type/*`` over ``*/*``); the offer with the highest q above 0 wins, ties going to the
server's order of offers. No header means the first offer.

>>> choose("text/csv;q=0.5, application/sparql-results+json", ["application/sparql-results+xml", "text/csv"])
'text/csv'
>>> choose("application/*;q=0.2, text/*", ["application/json", "text/turtle"])
'text/turtle'
>>> choose("image/png", ["text/turtle"]) is None
True
"""

from __future__ import annotations

__all__ = ["parse_accept", "choose"]


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their q-values (1.0 when not given).

    >>> parse_accept("text/html;level=1, */*;q=0.1")
    [('text/html', 1.0), ('*/*', 0.1)]
    """
    ranges = []
    for part in (header or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, raw = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(raw)))
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    kind = offer.split("/")[0]
    best, best_rank = 0.0, -1
    for media, q in ranges:
        if media == offer:
            rank = 2
        elif media == f"{kind}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if rank > best_rank:
            best, best_rank = q, rank
    return best


def choose(header: str | None, offers: list[str]) -> str | None:
    """The offer to answer with, or None when the client accepts none of them."""
    ranges = parse_accept(header)
    if not ranges:
        return offers[0] if offers else None
    scored = [(_quality(o, ranges), -i, o) for i, o in enumerate(offers)]
    q, _, offer = max(scored, default=(0.0, 0, None))
    return offer if q > 0 else None
