"""The extractors' first-letter lookaheads and pre-checks change no match (seeded random texts made of
the patterns' own words, odd case-folding letters and bullets, against the former patterns and code)."""

from __future__ import annotations

import random
import re

import pytest

from loader.extract import dates, money, partner_blocks, partner_names, partner_sentences, partners
from tests.extract.former import patterns as former

_ODD = ["\u0130", "\u0131", "\u017f", "\u212a", "\u00b5", "\ufb05", "É", "é", "À", "ß", "ẞ"]
_GLUE = [" ", " ", "\n", "\t", "\u00a0", "\u2028", ".", ",", "-", "'", "’", "(", ")", ":", "1", "12", "2019"]


def _words_of(pattern: str) -> list[str]:
    """The literal stretches of a pattern's source, as words a text may hold (in random case)."""
    return [w for w in re.findall(r"[^\W\d_]{2,}(?:\s[^\W\d_]{2,})?", pattern.replace("\\b", " ").replace("\\s", " ")) if w]


def _texts(seed: int, words: list[str], count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    pieces = words + _ODD + _GLUE + ["Budget for Lille", "budget for the", "Max. 5", "up to", "Jusqu’à"]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(0, 12)):
            piece = rng.choice(pieces)
            cased = rng.choice([piece, piece.upper(), piece.title(), piece.capitalize()])
            if rng.random() < 0.1 and cased:  # a case-odd letter in place of a letter
                k = rng.randrange(len(cased))
                cased = cased[:k] + rng.choice(_ODD) + cased[k + 1:]
            parts.append(cased)
        out.append("".join(parts))
    return out


_PAIRS = [
    (money._SKIP, former.SKIP),
    (partner_names._EXCLUDED_RE, former.EXCLUDED),
    (partner_blocks._STOP_RE, former.STOP),
    (partner_blocks._FUNDERS_RE, former.FUNDERS),
    (money._EU, former.EU),
    (money._TOTAL, former.TOTAL),
    (money._RATE_CUE, former.RATE_CUE),
]
_IDS = ["skip", "excluded", "stop", "funders", "eu", "total", "rate-cue"]


@pytest.mark.parametrize(("new", "old"), _PAIRS, ids=_IDS)
@pytest.mark.parametrize("seed", [1, 2])
def test_lookahead_patterns_match_what_the_former_patterns_match(new, old, seed):
    assert new.flags == old.flags
    for text in _texts(seed, _words_of(old.pattern)):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text


_LETTER_LIKE = re.compile(r"[a-z\u00e0-\u00ff]", re.IGNORECASE)


@pytest.mark.parametrize(("new", "old"), _PAIRS, ids=_IDS)
def test_lookahead_patterns_agree_on_every_character_opening_a_word(new, old):
    """Every character IGNORECASE takes for a Latin letter (the Kelvin sign for k, the long s for s ...)
    and every Latin-1 character, before each alternative's rest: the lookahead's letter set lets through
    every letter an alternative can open with."""
    openers = [chr(c) for c in range(0x110000) if c < 0x250 or _LETTER_LIKE.match(chr(c))]
    rests = sorted({w[1:] for w in _words_of(old.pattern) if len(w) > 1})
    for char in openers:
        for rest in rests:
            text = char + rest
            assert bool(new.search(text)) == bool(old.search(text)), (hex(ord(char)), text)


def test_re_whitespace_is_str_whitespace():
    """strip_bullet's pre-check takes ``str.lstrip()`` for what ``\\s*`` skips."""
    for code in range(0x110000):
        char = chr(code)
        assert (re.match(r"\s", char) is not None) == char.isspace(), hex(code)


def test_strip_bullet_is_the_former_substitution():
    rng = random.Random(5)
    pieces = ["•", "·", "●", "▪", "◦", "■", "□", "➢", "►", "-", "–", "—", "*", "\ufffd", "o", "O", "1", "12", "123",
              "٣", "1.", "2)", "3.", ".", ")", " ", "\t", "\u00a0", "\u2003", "\n", "\x1c", "a", "Stadt", "é", ""]
    for _ in range(40000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert partner_names.strip_bullet(line) == former.strip_bullet(line), repr(line)


def test_words_of_a_sentence_are_lowered_once_the_text_holds_no_odd_letter():
    for sentence in ["Stadt Köln leads", "İstanbul partner", "Bıg", "Cooperation ſ", ""]:
        plain = partner_sentences._Words(sentence)
        assert partner_sentences._Words(sentence, odd=True).lowered == plain.lowered
        if not partner_sentences._CASE_ODD.search(sentence):
            assert partner_sentences._Words(sentence, odd=False).lowered == plain.lowered == sentence.lower()
        else:
            assert plain.lowered is None


_BEHIND_PIECES = ["19", "20", "2019", "1999", "2020", "201", "0", "7", "-", "–", "—", "/", ".", ",", " ", " ", "\n",
                  "a", "_", "A", "Anna", "Smith", "Élise", "Van", "de", "van", "at", "from", "the ", "l'", "'", "‘",
                  "’", "\"", "“", "bei", "x" * 5, "2010 - 2014", "1999–2003", "2007-2013", "Anna Smith at ",
                  "%", " %", " per cent", "procent", "Prozent", "85,5", "1.5"]
_BEHIND_PAIRS = [(dates._YEAR_RANGE, former.YEAR_RANGE), (dates._YEAR, former.YEAR),
                 (partners._PERSON_AT_RE, former.PERSON_AT), (money._RATE, former.RATE)]


@pytest.mark.parametrize(("new", "old"), _BEHIND_PAIRS, ids=["year-range", "year", "person-at", "rate"])
@pytest.mark.parametrize("seed", [1, 2])
def test_look_behinds_made_after_the_opening_characters_match_as_before(new, old, seed):
    assert new.flags == old.flags and new.groupindex == old.groupindex
    rng = random.Random(seed)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(_BEHIND_PIECES) for _ in range(rng.randint(0, 30)))
        matches = [(m.span(), m.groups()) for m in old.finditer(text)]
        assert [(m.span(), m.groups()) for m in new.finditer(text)] == matches, repr(text)
        found += len(matches)
    assert found > 300
