"""Multi-valued filters, word search and sorting for the list routes.

A filter parameter may repeat (``?country=BE&country=FR``): the values of one parameter are
alternatives (OR), different parameters all apply (AND). Each value is bound into the named query
as a typed RDF term (one run per value, see :func:`queries.run`), so no value is pasted into a query.
Word search folds case and accents, so ``communaute`` finds "Communauté".

>>> fold("Communauté  Urbaine")
'communaute urbaine'
>>> words("  Migrant, inclusion! ")
['migrant', 'inclusion']
>>> matches_words(["Achieving the Integration of Migrants"], ["integration", "migrant"])
True
>>> active_on(None, None, __import__("datetime").date(2020, 1, 1))
True
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence

from api.deps import Queries
from api.errors import BadRequestError
from api.store import Snapshot

__all__ = ["MAX_VALUES", "distinct_values", "fold", "words", "matches_words", "active_on", "matching", "single_values", "sort_rows"]

MAX_VALUES = 20


def fold(text: str) -> str:
    """Lower case without accents, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def words(text: str) -> list[str]:
    """The words of a search text, folded (letters and digits; punctuation separates)."""
    return [w for w in re.split(r"[^\w]+", fold(text)) if w]


def matches_words(texts: Iterable[str], wanted: Sequence[str]) -> bool:
    """True when every wanted word occurs (as a prefix of a word or inside one) in one of ``texts``."""
    haystack = " ".join(fold(t) for t in texts)
    return all(w in haystack for w in wanted)


def active_on(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    """``start <= day <= end``, a missing bound counting as open."""
    return (start is None or start <= day) and (end is None or day <= end)


def distinct_values(name: str, raw: Sequence[str] | None) -> list[str]:
    """The values given for the filter ``name``, each once in the order given, empty ones left out.

    :raises BadRequestError: more than :data:`MAX_VALUES` values.
    """
    values = list(dict.fromkeys(v for v in (raw or []) if v is not None and v != ""))
    if len(values) > MAX_VALUES:
        raise BadRequestError(
            f"parameter {name!r} is repeated {len(values)} times; at most {MAX_VALUES} values"
        )
    return values


def matching(
    reads: Queries | Snapshot, query: str, key: str, filters: Mapping[str, Sequence[str] | None]
) -> set[str] | None:
    """The ``key`` values of the rows of ``query`` that pass every filter, or None when no filter is given.

    :param reads: the request's queries (a snapshot: read in-process, without the time limit).

    :param query: a named query declaring each filter name as a parameter.
    :param key: the variable naming the thing filtered (e.g. ``project``).
    :param filters: parameter name -> its values (OR within a name, AND across names).
    :raises BadRequestError: more than :data:`MAX_VALUES` values for one name.
    :raises queries.ParameterError: a value that does not fit its parameter's type (400).
    """
    if not isinstance(reads, Queries):
        reads = Queries(reads)
    result: set[str] | None = None
    for name, raw in filters.items():
        values = distinct_values(name, raw)
        if not values:
            continue
        found: set[str] = set()
        for value in values:
            rows = reads.run(query, {name: value})
            found.update(str(r[key].value) for r in rows.rows if r.get(key) is not None)
        result = found if result is None else result & found
    return result


def single_values(filters: Mapping[str, Sequence[str] | None]) -> dict[str, str] | None:
    """The one value of each filter given, when no filter has several (then the filters can be bound
    into one run of the query: AND across names), else None (several values are alternatives, one run
    each: see :func:`matching`). Empty values count as not given.

    :raises BadRequestError: more than :data:`MAX_VALUES` values for one name.

    >>> single_values({"country": ["BE", "BE"], "theme": None, "period": [""]})
    {'country': 'BE'}
    >>> single_values({"country": ["BE", "FR"]}) is None
    True
    """
    single: dict[str, str] = {}
    for name, raw in filters.items():
        values = distinct_values(name, raw)
        if len(values) > 1:
            return None
        if values:
            single[name] = values[0]
    return single


def sort_rows(rows: list[dict], sort: str | None, keys: Mapping[str, Callable[[dict], object]]) -> list[dict]:
    """``rows`` ordered by ``sort`` (a key of ``keys``, ``-`` in front for descending).

    Rows without a value sort last in both directions; ties keep the query's order.
    """
    if not sort:
        return rows
    descending = sort.startswith("-")
    get = keys[sort.lstrip("-")]
    present = [r for r in rows if get(r) is not None]
    missing = [r for r in rows if get(r) is None]
    return sorted(present, key=get, reverse=descending) + missing  # type: ignore[arg-type]
