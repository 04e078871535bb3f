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
    words |= {w[:-k] for w in words for k in (1, 2) if len(w) > k + 2}  # plural endings (s, es, en, n, e)
    _LAST_WORDS[:] = [(text, lowered, frozenset(words))]
    return _LAST_WORDS[0][1], _LAST_WORDS[0][2]


def _find(matcher: LabelMatcher, text: str) -> list[tuple[object, Span]]:
    """``matcher.find(text)``, skipping the patterns whose leading literal the text lacks (only the
    patterns whose cue's first word is a word of the text are looked at)."""
    lowered, words = _words_of(text)
    aligned = len(lowered) == len(text)  # offsets of the lower-cased text are the text's
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
        match = pattern.search(text, at if aligned else 0)  # no match starts before the cue's first place
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
