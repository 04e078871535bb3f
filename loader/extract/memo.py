"""Answers of pure per-line helpers kept for the pages that follow: templated pages repeat most of
their lines and sentences ("Het project brengt ... samen.", "Lead partner:"), and each page is read
once, so re-reading a line another page held is the reading the partner extractors repeat most.

A memo holds immutable answers only (tuples, strings, None, booleans), keyed by the helper's
arguments; helpers taking a gazetteer keep one memo per gazetteer object (held with it, so a reused
id never reads another's answers). Each memo is emptied when it reaches its size: bounded memory,
answers unchanged (a miss computes what a hit returns).

>>> calls = []
>>> @memoised(maxsize=2)
... def double(x):
...     calls.append(x)
...     return 2 * x
>>> double(1), double(1), double(2), double(3), double(1), calls
(2, 2, 4, 6, 2, [1, 2, 3, 1])
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

__all__ = ["memoised", "memoised_per_gazetteer"]

R = TypeVar("R")


def memoised(maxsize: int) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Keep the answers of a pure function of hashable positional arguments (at most ``maxsize``;
    emptied when full, cheaper per call than an LRU's bookkeeping)."""

    def wrap(function: Callable[..., R]) -> Callable[..., R]:
        memo: dict[Any, R] = {}

        @wraps(function)
        def cached(*args: Any) -> R:
            try:
                return memo[args]
            except KeyError:
                pass
            value = function(*args)
            if len(memo) >= maxsize:
                memo.clear()
            memo[args] = value
            return value

        cached.memo = memo  # type: ignore[attr-defined]
        return cached

    return wrap


def memoised_per_gazetteer(maxsize: int) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Like :func:`memoised` for ``function(key, gaz)``: one memo per gazetteer object (a gazetteer
    is a mutable dataclass, not hashable; its identity, checked against the object held, picks the memo)."""

    def wrap(function: Callable[..., R]) -> Callable[..., R]:
        held: dict[int, tuple[object, dict[Any, R]]] = {}

        @wraps(function)
        def cached(key: Any, gaz: Any) -> R:
            entry = held.get(id(gaz))
            if entry is None or entry[0] is not gaz:
                if len(held) >= 8:
                    held.clear()
                entry = held[id(gaz)] = (gaz, {})
            memo = entry[1]
            try:
                return memo[key]
            except KeyError:
                pass
            value = function(key, gaz)
            if len(memo) >= maxsize:
                memo.clear()
            memo[key] = value
            return value

        cached.held = held  # type: ignore[attr-defined]
        return cached

    return wrap
