"""Text helpers shared by the extractors: folded tokens with offsets, clauses, month names.

>>> [t.folded for t in tokens("Interreg IV-A France (Manche)")]
['interreg', 'iv', 'a', 'france', 'manche']
>>> clause_before("Approved in April 2013. It ends in", 34)
' It ends in'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

__all__ = ["Token", "first_lines", "tokens", "folded_words", "token_span", "fold_word", "clause_before", "sentence_around",
           "MONTHS", "MONTH_PATTERN", "line_around"]


class Token(NamedTuple):
    """A word of the text: its folded form and its offsets in the original text (a named tuple: a
    page has thousands, and a tuple is built three times faster than a frozen dataclass)."""

    folded: str
    start: int
    end: int


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """Lower-case ASCII form of a word (accents folded, ß -> ss)."""
    word = unicodedata.normalize("NFKD", word.replace("ß", "ss").replace("ẞ", "ss"))
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[Token]:
    """Every run of letters and digits, folded, with its span in ``text``."""
    make = tuple.__new__  # Token's own __new__ adds a Python call per word
    return [make(Token, (fold_word(m.group()), m.start(), m.end())) for m in _WORD.finditer(text)]


def folded_words(text: str) -> list[str]:
    """The ``folded`` forms of ``tokens(text)``, without offsets (a third of the cost: no Python code runs
    per word); :func:`token_span` gives the offset of one when it is wanted.

    >>> folded_words("Interreg IV-A Île-de-France")
    ['interreg', 'iv', 'a', 'ile', 'de', 'france']
    """
    return list(map(fold_word, _WORD.findall(text)))


def token_span(text: str, index: int) -> tuple[int, int]:
    """The offsets of ``tokens(text)[index]`` (the words before it are skipped without Python code).

    >>> token_span("Interreg IV-A", 1)
    (9, 11)
    """
    return next(islice(_WORD.finditer(text), index, None)).span()


_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n|\u2022")


def clause_before(text: str, pos: int, limit: int = 70, floor: int = 0) -> str:
    """The text before ``pos`` back to the sentence start, at most ``limit`` characters, not before ``floor``."""
    start = max(floor, pos - limit)
    window = text[start:pos]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end():]
    return window


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence holding ``text[start:end]`` (bounded by . ! ? ; or a blank line, at most ``limit`` each side)."""
    left = text[max(0, start - limit):start]
    ends = list(_SENTENCE_END.finditer(left))
    if ends:
        left = left[ends[-1].end():]
    right = text[end:end + limit]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[:stop.start()]
    return left + text[start:end] + right


def first_lines(text: str, count: int) -> Iterator[tuple[int, str]]:
    """The first ``count`` lines of ``text`` that hold more than whitespace, each with its start offset.

    >>> list(first_lines("A\\n\\n  \\nB\\nC", 2))
    [(0, 'A'), (6, 'B')]
    """
    pos = seen = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > count:
            return
        yield start, line


def line_around(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


_MONTH_NAMES = {
    1: "january jan janvier janv januari jan januar jänner", 2: "february feb fevrier fevr février févr februari februar",
    3: "march mar mars maart maa marz märz mrz", 4: "april apr avril avr", 5: "may mai mei",
    6: "june jun juin juni", 7: "july jul juillet juil juli", 8: "august aug aout août augustus",
    9: "september sep sept septembre", 10: "october oct octobre oktober okt",
    11: "november nov novembre", 12: "december dec decembre décembre dezember dez",
}
MONTHS: dict[str, int] = {}
for _number, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        MONTHS[fold_word(_name)] = _number
        MONTHS[_name] = _number
MONTH_PATTERN = "|".join(sorted({re.escape(n) for names in _MONTH_NAMES.values() for n in names.split()},
                                key=len, reverse=True))
