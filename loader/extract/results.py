"""Results and outputs as written: numbered statements under a results heading.

A results section starts at a heading such as "Results", "Expected Results", "Main Achievements",
"Completed Actions", "Résultats", "Resultaten", "Ergebnisse" and runs to the next heading-like
line ending in ":" that is not about results, or 2,000 characters. Its list items are split on
line breaks, bullets and "- " before a number; the statements kept are those that start with a
number, which becomes the quantity, its next word or two the unit.

>>> rs = find_results("Completed Actions:\\n1. 8 Local meetings mainly to prepare meetings\\n2. A steering committee")
>>> [(r.text, r.quantity, r.unit) for r in rs]
[('8 Local meetings mainly to prepare meetings', Decimal('8'), 'local meetings')]
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from loader.records import ResultRecord, Span

__all__ = ["find_results"]

# The lookahead names every letter a heading can start with: the scan skips other places at C speed.
_HEADING = re.compile(r"(?=[ekmraco])(?:expected |key |main )?(?:results?|achievements?|completed actions|outputs?|"
                      r"r[ée]sultats?|r[ée]alisations|resultaten|ergebnisse|outcomes)\b[ \t]*:?",
                      re.IGNORECASE)
_STOP = re.compile(r"\n[^\n]{0,40}(?:to complete|target groups?|doelgroep|public cible|zielgruppe|"
                   r"partners?|partenaires|contact|budget|main beneficiaries)\b[^\n]{0,30}:?", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\n|•|(?<=[a-z])(?=[A-Z][a-z]+ \d+\s*:)|(?<=[a-z])(?=[A-Z][a-z]+ (?:all|the) )|(?<=\S)-\s+(?=\d)|\s-\s+(?=\d)|\?(?=[A-Z])|:-\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|[-–o]\s+)?(?P<q>\d+(?:[.,]\d+)*)\s+(?P<rest>[^\W\d][^\n]{3,200})$")
_UNIT_STOP = {"of", "to", "with", "in", "for", "and", "the", "a", "de", "des", "du", "van", "voor", "met", "mit",
              "für", "und", "et", "en", "mainly", "published", "produced", "implemented", "passed", "attended"}


def _quantity(raw: str) -> Decimal | None:
    try:
        return Decimal(raw.replace(",", "").rstrip("."))
    except InvalidOperation:
        return None


def _unit(rest: str) -> str | None:
    words = []
    for word in re.findall(r"[^\W\d][\w'-]*", rest)[:2]:
        if word.lower() in _UNIT_STOP:
            break
        words.append(word.lower())
    return " ".join(words) or None


_CASE_ODD = re.compile("[\u0130\u0131\u017f]")  # letters a case-blind pattern reads as i or s; lower() does not


# A literal in every spelling of each heading word, and where that word starts relative to it; the words
# may follow "expected ", "key " or "main ".
_HEADING_ANCHORS = (("result", 0), ("sultat", 2), ("alisation", 2), ("achievement", 0), ("completed actions", 0),
                    ("output", 0), ("ergebnisse", 0), ("outcomes", 0))
_PREFIX_LENGTHS = (0, len("expected "), len("key "), len("main "))


def _headings(text: str):
    """``_HEADING.finditer(text)``, with the pattern tried only where a heading word is in the lower-cased
    text (and the prefixes' lengths before it) instead of at every e, k, m, r, a, c or o. Texts whose
    lower-cased form is not aligned with them, or that hold letters the case-blind pattern reads as i or
    s, get the plain scan."""
    lowered = text.lower()
    if len(lowered) != len(text) or _CASE_ODD.search(text):
        yield from _HEADING.finditer(text)
        return
    starts: set[int] = set()
    for anchor, offset in _HEADING_ANCHORS:
        at = lowered.find(anchor)
        while at >= 0:
            word = at - offset
            starts.update(word - n for n in _PREFIX_LENGTHS if word - n >= 0)
            at = lowered.find(anchor, at + 1)
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue
        match = _HEADING.match(text, start)
        if match is not None:
            yield match
            pos = match.end()


def find_results(text: str) -> tuple[ResultRecord, ...]:
    """The numbered result statements of the text's results sections, each with its span."""
    out: list[ResultRecord] = []
    seen: set[str] = set()
    for heading in _headings(text):
        line_start = text.rfind("\n", 0, heading.start()) + 1
        if heading.start() - line_start > 60 and not heading.group().endswith(":"):
            continue
        start = heading.end()
        stop = _STOP.search(text, start, start + 2000)
        end = stop.start() if stop else min(len(text), start + 2000)
        section = text[start:end]
        pos = 0
        for piece in _ITEM_SPLIT.split(section):
            piece_start = section.find(piece, pos)
            pos = piece_start + len(piece)
            m = _NUMBERED.match(piece.rstrip())
            if not m or re.match(r"(?:19|20)\d\d\b", m.group("q")):
                continue
            statement = (m.group("q") + " " + m.group("rest")).strip().rstrip(".;,")
            if statement in seen or len(statement) > 220:
                continue
            seen.add(statement)
            abs_start = start + piece_start + m.start("q")
            out.append(ResultRecord(statement, _quantity(m.group("q")), _unit(m.group("rest")),
                                    Span(abs_start, abs_start + len(statement))))
    return tuple(out)
