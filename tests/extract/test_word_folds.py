"""Two fast paths give what their former code gave: ``ontology.iris._fold`` returns ASCII text as it is
(NFKD and the combining-mark filter leave it unchanged), and the concept matcher's word set with plural
endings cut off (``loader.extract.concepts._words_of``)."""

from __future__ import annotations

import random
import unicodedata

from loader.extract import concepts
from ontology import iris


def _former_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _former_words(text: str) -> frozenset[str]:
    words = set(concepts._WORD.findall(text.lower()))
    words |= {w[:-k] for w in words for k in (1, 2) if len(w) > k + 2}
    return frozenset(words)


def test_fold_of_every_ascii_character_and_of_mixed_names():
    assert all(iris._fold(chr(c)) == _former_fold(chr(c)) for c in range(128))
    rng = random.Random(3)
    pieces = ["a", "Z", " ", "-", "'", "\t", "\x00", "\x7f", "é", "Ü", "ß", "ﬁ", "\u0301", "Ω", "İ", "½", "Ville de LILLE"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert iris._fold(text) == _former_fold(text), repr(text)


def test_words_with_plural_endings_cut_are_the_former_set():
    rng = random.Random(4)
    pieces = ["a", "ab", "abc", "abcd", "abcde", "abcdef", "Senioren", "families", "É", "ß", " ", ", ", "\n", "1", "_"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        concepts._LAST_WORDS.clear()
        lowered, words = concepts._words_of(text)
        assert lowered == text.lower() and words == _former_words(text), repr(text)
