"""Spells for dynamic exports: when a node or an edge exists, from its projects' dates.

A project's spell runs from its start to its end date; a project with one date only has a spell
open at the other end; a project without dates has none. The spells of a node or an edge are
the union of its projects' spells, overlapping ones merged (Gephi refuses overlapping intervals).
Dates are written as ISO strings (GEXF ``timeformat="date"``).

>>> d = dt.date
>>> merge_spells([(d(2010, 1, 1), d(2012, 6, 30)), (d(2012, 1, 1), d(2013, 1, 1)), (d(2015, 1, 1), None)])
(('2010-01-01', '2013-01-01'), ('2015-01-01', None))
>>> merge_spells([(None, None)])
()
>>> years([(d(2010, 5, 1), None), (None, d(2014, 1, 1))])
(2010, 2014)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

__all__ = ["Span", "merge_spells", "years"]

Span = tuple[dt.date | None, dt.date | None]


def merge_spells(spans: Iterable[Span]) -> tuple[tuple[str | None, str | None], ...]:
    """The union of ``spans`` (``(start, end)``, None an open end) as sorted, disjoint ISO spells;
    spans without any date are left out."""
    dated = sorted(((s or dt.date.min, e or dt.date.max) for s, e in spans if s is not None or e is not None))
    merged: list[list[dt.date]] = []
    for start, end in dated:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((None if s == dt.date.min else s.isoformat(), None if e == dt.date.max else e.isoformat())
                 for s, e in merged)


def years(spans: Iterable[Span]) -> tuple[int | None, int | None]:
    """The first and last year any of ``spans`` mentions (None, None when none is dated)."""
    found = [d.year for span in spans for d in span if d is not None]
    return (min(found), max(found)) if found else (None, None)
