"""The extractors' fast paths give what the plain computation they replace gives (seeded random texts)."""

from __future__ import annotations

import random

import pytest

from loader.extract.programme import _URL, _blank_urls
from loader.extract.text import folded_words, token_span, tokens
from loader.vocab import load_vocabularies

_PIECES = ["a", "b", "E", "é", "1", ".", "-", "/", ":", "_", "@", ",", "(", " ", " ", "\n", "\t", "\u00a0", "\u2028",
           "www.", "http://", "https://", ".eu", ".com", ".org", ".info", ".de", ".nl", "Île", "Straße", "ﬁ", "ｉ"]


def _texts(seed: int, count: int = 20000, longest: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, longest))) for _ in range(count)]


@pytest.mark.parametrize("seed", [1, 2])
def test_urls_are_blanked_as_the_whole_text_substitution_blanks_them(seed):
    for text in _texts(seed):
        assert _blank_urls(text) == _URL.sub(lambda m: " " * len(m.group()), text), text


def test_blanking_keeps_offsets_and_blanks_each_url():
    text = "Site: www.a-b.eu/x?y=1, mail c@d.org\nInterreg IV A"
    blanked = _blank_urls(text)
    assert len(blanked) == len(text)
    assert "www" not in blanked and "d.org" not in blanked and blanked.endswith("Interreg IV A")


def test_folded_words_and_token_span_are_the_tokens():
    for text in _texts(3, count=3000):
        toks = tokens(text)
        assert folded_words(text) == [t.folded for t in toks]
        for k, tok in enumerate(toks):
            assert token_span(text, k) == (tok.start, tok.end)


def test_a_reload_of_the_vocabularies_reuses_their_matchers():
    from ontology.settings import Settings

    first, second = load_vocabularies(Settings().data), load_vocabularies(Settings().data)
    assert first is not second and first.concepts == second.concepts
    assert first.themes is second.themes and first.target_groups is second.target_groups
