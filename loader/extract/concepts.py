"""Target groups and themes: the vocabulary's labels (en/fr/nl/de) found in the text.

Labels match on word boundaries, in any case, with simple plural endings; each concept is
reported once, at its first mention, as a :class:`loader.records.ConceptRef` carrying the concept's
English preferred label.

>>> from ontology.settings import Settings
>>> from loader.vocab import load_vocabularies
>>> v = load_vocabularies(Settings().data)
>>> [c.id for c in find_target_groups("Mobiliteit is voor langdurig werklozen een hinderpaal", v)]
['long-term-unemployed']
>>> [c.id for c in find_themes("favoriser l'inclusion des migrants dans le domaine du logement", v)]
['social-inclusion', 'migration', 'housing']
"""

from __future__ import annotations

import re

from loader.records import ConceptRef, Span
from loader.vocab import LabelMatcher, Vocabularies

__all__ = ["find_target_groups", "find_themes"]

_LITERAL_HEAD = re.compile(r"^\(\?<!\[\\w-\]\)((?:\\.|[^\\\[\](){}?*+|.^$])+)")
_CUES: dict[int, tuple[LabelMatcher, tuple[str, ...]]] = {}
_WORD = re.compile(r"\w+")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _cues(matcher: LabelMatcher) -> tuple[str, ...]:
    """For each of the matcher's patterns, the lower-cased literal text every match starts with, so a
    pattern whose text is not in the document is never run (a substring test is a thousand times
    cheaper than a regex search); built once per matcher."""
    cached = _CUES.get(id(matcher))
    if cached is not None and cached[0] is matcher:
        return cached[1]
    cues = []
    for pattern, _index in matcher.patterns:
        head = _LITERAL_HEAD.match(pattern.pattern)
        cues.append(_unescape(head.group(1)).lower() if head else "")
    _CUES[id(matcher)] = (matcher, tuple(cues))
    _WORDS[id(matcher)] = (matcher, tuple(_label_words(p.pattern) for p, _ in matcher.patterns))
    return tuple(cues)


_PREFIX, _SUFFIX, _SEPARATOR = r"(?<![\w-])", r"(?:s|es|en|n|e)?(?![\w-])", r"[\s\-]+"
_WORDS: dict[int, tuple[LabelMatcher, tuple[frozenset[str], ...]]] = {}


def _label_words(source: str) -> frozenset[str]:
    """The lower-cased words of the label a ``LabelMatcher`` pattern was built from (empty when the
    pattern is not of that shape, so nothing is skipped)."""
    if not (source.startswith(_PREFIX) and source.endswith(_SUFFIX)):
        return frozenset()
    body = source[len(_PREFIX):-len(_SUFFIX)]
    return frozenset(w for part in body.split(_SEPARATOR) for w in _WORD.findall(_unescape(part).lower()))


_PLANS: dict[int, tuple[LabelMatcher, dict[str, list[int]], list[int]]] = {}


def _plan(matcher: LabelMatcher) -> tuple[dict[str, list[int]], list[int]]:
    """The matcher's patterns (by position) grouped by the first word of their cue, and those whose cue
    has no first word (always tried); built once per matcher."""
    cached = _PLANS.get(id(matcher))
    if cached is not None and cached[0] is matcher:
        return cached[1], cached[2]
    by_head: dict[str, list[int]] = {}
    always: list[int] = []
    for position, cue in enumerate(_cues(matcher)):
        head = _WORD.match(cue)
        if head is None:
            always.append(position)
        else:
            by_head.setdefault(head.group(), []).append(position)
    _PLANS[id(matcher)] = (matcher, by_head, always)
    return by_head, always


_LAST_WORDS: list[tuple[str, str, frozenset[str]]] = []  # the last text read: themes and target groups read it


def _words_of(text: str) -> tuple[str, frozenset[str]]:
    """``text`` lower-cased and its words (with plural endings cut off too); the last answer is kept."""
    if _LAST_WORDS and _LAST_WORDS[0][0] == text:
        return _LAST_WORDS[0][1], _LAST_WORDS[0][2]
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    # plural endings (s, es, en, n, e): one letter cut off the words of 4 letters or more, two off those of 5
    words |= {w[:-1] for w in words if len(w) > 3} | {w[:-2] for w in words if len(w) > 4}
    _LAST_WORDS[:] = [(text, lowered, frozenset(words))]
    return _LAST_WORDS[0][1], _LAST_WORDS[0][2]


# Letters re's case-blind matching pairs with others beyond lower() (ı/i, ſ/s, ς/σ, µ/μ ...), their capitals
# (Σ lower-cases to ς or σ by position), and İ (two characters lower-cased).
_CASE_EXTRA = re.compile("["
                         "\u00b5\u0130\u0131\u017f\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1"
                         "\u03a3\u03a6\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6"
                         "\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0412\u0414\u041e\u0421\u0422\u042a\u0432"
                         "\u0434\u043e\u0441\u0442\u044a\u0462\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86"
                         "\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64a\ua64b\ufb05\ufb06"
                         "]")
_PROBES = 8  # places of the cue tried one by one before a plain search from the next


def _first_match(pattern: re.Pattern[str], text: str, lowered: str, cue: str, at: int) -> re.Match[str] | None:
    """``pattern.search(text, at)`` when every match starts where ``cue`` is in ``lowered`` (``at`` the
    first such place): the pattern is tried at the cue's places only, instead of scanning between them."""
    for _ in range(_PROBES):
        match = pattern.match(text, at)
        if match is not None:
            return match
        at = lowered.find(cue, at + 1)
        if at < 0:
            return None
    return pattern.search(text, at)


def _find(matcher: LabelMatcher, text: str) -> list[tuple[object, Span]]:
    """``matcher.find(text)``, skipping the patterns whose leading literal the text lacks (only the
    patterns whose cue's first word is a word of the text are looked at)."""
    lowered, words = _words_of(text)
    aligned = len(lowered) == len(text)  # offsets of the lower-cased text are the text's
    plain = aligned and _CASE_EXTRA.search(text) is None  # every match starts where its cue is, lower-cased
    first: dict[int, Span] = {}
    cues = _cues(matcher)
    needs = _WORDS[id(matcher)][1]
    by_head, always = _plan(matcher)
    positions = sorted(always + [p for w in words.intersection(by_head) for p in by_head[w]])
    for position in positions:
        pattern, index = matcher.patterns[position]
        cue = cues[position]
        if not needs[position] <= words:
            continue
        at = lowered.find(cue) if cue else 0
        if at < 0:
            continue
        match = _first_match(pattern, text, lowered, cue, at) if plain else pattern.search(text, at if aligned else 0)
        if match and (index not in first or match.start() < first[index].start):
            first[index] = Span(match.start(), match.end())
    return sorted(((matcher.concepts[i], s) for i, s in first.items()), key=lambda cs: cs[1].start)


def _refs(matcher: LabelMatcher, text: str) -> tuple[ConceptRef, ...]:
    return tuple(ConceptRef(concept.id, concept.pref_label("en"), span) for concept, span in _find(matcher, text))


def find_target_groups(text: str, vocab: Vocabularies) -> tuple[ConceptRef, ...]:
    """The target-group concepts named in ``text``, in order of first mention."""
    return _refs(vocab.target_groups, text)


def find_themes(text: str, vocab: Vocabularies) -> tuple[ConceptRef, ...]:
    """The theme concepts named in ``text``, in order of first mention."""
    return _refs(vocab.themes, text)
