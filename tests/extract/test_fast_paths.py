"""The extractors' fast paths give what the plain computation they replace gives (seeded random texts)."""

from __future__ import annotations

import random
import re

import pytest

from loader.extract.partners import joined_lines
from loader.extract.programme import _URL, _blank_urls
from loader.extract.text import folded_words, token_span, tokens
from loader.extract.title_places import after_windows
from loader.extract.titles import _AFTER_CUE, _PAREN_AFTER, _bracket_windows
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


_TITLE_PIECES = ["A", "Ab", "x", "é", "É", " ", "\n", "\t", "\u00a0", "(", ")", "(AB)", "(ABC-1)", " (CD)", "-", "1",
                 "Title of ", "Some Long Words Here ", "x" * 50, "Y" * 30]


@pytest.mark.parametrize("seed", [1, 2])
def test_titles_before_an_acronym_are_found_in_the_narrow_windows_as_in_the_bracket_windows(seed):
    rng = random.Random(seed)

    def matches(text, windows):
        return [(m.span(), m.span("t"), m.span("a")) for lo, hi in windows for m in _PAREN_AFTER.finditer(text, lo, hi)]

    for _ in range(20000):
        text = "".join(rng.choice(_TITLE_PIECES) for _ in range(rng.randint(0, 40)))
        windows = _bracket_windows(text)
        assert matches(text, after_windows(text, windows, _AFTER_CUE)) == matches(text, windows), text


def test_a_reload_of_the_vocabularies_reuses_their_matchers():
    from ontology.settings import Settings

    first, second = load_vocabularies(Settings().data), load_vocabularies(Settings().data)
    assert first is not second and first.concepts == second.concepts
    assert first.themes is second.themes and first.target_groups is second.target_groups


def _one_character_set(item) -> set[int] | None:
    """The code points one parsed pattern item matches, or None when it is not one fixed character."""
    from re import _constants as sre

    op, arg = item
    if op is sre.LITERAL:
        return {arg}
    if op is sre.IN:
        points: set[int] = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                points.add(value)
            elif kind is sre.RANGE:
                points |= set(range(value[0], value[1] + 1))
            else:
                return None  # a category (\w, \s) or a negation: may be ASCII
        return points
    return None


def test_every_sequence_ftfy_calls_bad_has_what_the_mojibake_test_looks_around():
    from re import _constants as sre
    from re import _parser

    from ftfy.badness import BADNESS_RE

    from loader.readers.text import _REACH

    singles = set(range(0x80, 0xA0)) | {ord(c) for c in "ŒœÃÂ"}
    ((op, (_, alternatives)),) = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert op is sre.BRANCH and len(alternatives) > 20
    for alternative in alternatives:
        sets = [_one_character_set(item) for item in alternative.data]
        non_ascii = [s is not None and min(s) >= 0x80 for s in sets]
        assert any(a and b for a, b in zip(non_ascii, non_ascii[1:], strict=False)) or any(
            s is not None and s <= singles for s in sets), alternative
        assert alternative.getwidth()[1] < _REACH


@pytest.mark.parametrize("seed", [1, 2])
def test_the_mojibake_test_misses_nothing_ftfy_calls_bad(seed):
    from ftfy.badness import BADNESS_RE, is_bad

    from loader.readers.text import _may_be_mojibake

    rng = random.Random(seed)
    pool = sorted({c for c in BADNESS_RE.pattern if ord(c) >= 0x80}) + list("abcxyzAZ .,?!\n\t0123") * 3
    misses = []
    for _ in range(50000):
        text = "x" * rng.randint(0, 12) + "".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        if is_bad(text) and not _may_be_mojibake(text):
            misses.append(text)
    assert misses == []


_HEADING_PIECES = ["result", "results", "résultat", "RÉSULTATS", "resultat", "réalisations", "resultaten", "ergebnisse",
                   "outcomes", "output", "achievements", "completed actions", "expected ", "key ", "main ", " ", ":",
                   "\n", "e", "r", "x", "ſ", "ı", "İ", "K", "ß", "ergebnissergebnisse"]


@pytest.mark.parametrize("seed", [1, 2])
def test_results_headings_found_at_their_words_are_the_headings_of_the_whole_scan(seed):
    from loader.extract.results import _HEADING, _headings

    rng = random.Random(seed)
    for _ in range(20000):
        text = "".join("".join(c.upper() if rng.random() < 0.2 else c for c in rng.choice(_HEADING_PIECES))
                       for _ in range(rng.randint(0, 15)))
        assert [m.span() for m in _headings(text)] == [m.span() for m in _HEADING.finditer(text)], text


def _plain_spells(title: str, acronym: str, spare: int = 1) -> bool:
    """titles.spells as first written: every word split and folded before the first is looked at."""
    import re

    from loader.extract.text import fold_word
    from loader.extract.titles import _STOP

    letters = re.sub(r"[^a-z0-9]", "", fold_word(acronym))
    if len(letters) < 2:
        return False
    words = [re.sub(r"^\W+", "", fold_word(w)) for w in re.split(r"[\s\-/'’]+", title) if re.search(r"\w", w)]
    if not words or not words[0] or words[0][0] != letters[0]:
        return False
    k = unused = 0
    for word in words:
        if k < len(letters) and word and word[0] == letters[k]:
            k += 1
        elif word not in _STOP and not word.isdigit():
            unused += 1
    return k == len(letters) and unused <= spare


_SPELL_PIECES = ["Cross", "border", "Care", "care", "of", "the", " ", "-", "/", "'", "’", "É", "é", "1", "_x", "ß", "C",
                 "c", "a", "A", "Éclat", "école", "(", "\u00a0", "ﬁ", "ｃ", "İ", "\n", " - ", " | ", " – ", "Council"]


@pytest.mark.parametrize("seed", [1, 2])
def test_spells_and_spelled_lines_are_the_plain_tests(seed):
    from loader.extract.titles import _ORG, Found, _segments, _spelled_line, spells
    from loader.records import Span

    def plain_spelled_line(text, acronym):
        for part, start in _segments(text):
            if 2 <= len(part.split()) <= 16 and _plain_spells(part, acronym, spare=2) and not _ORG.search(part):
                return Found(part, Span(start, start + len(part)))
        return None

    rng = random.Random(seed)
    spelled = 0
    for _ in range(30000):
        text = "".join(rng.choice(_SPELL_PIECES) for _ in range(rng.randint(0, 14)))
        acronym = rng.choice(["CBC", "CARE", "C-CARE", "AB", "EC", "CBA", "1A", "ÉC", "SS", "FI", "CC"])
        spare = rng.choice([0, 1, 2])
        assert spells(text, acronym, spare=spare) == _plain_spells(text, acronym, spare), (text, acronym)
        assert _spelled_line(text, acronym) == plain_spelled_line(text, acronym), (text, acronym)
        spelled += _spelled_line(text, acronym) is not None
    assert spelled > 50


_PRIORITY_PIECES = ["priority", "Priority Axis", "PRIORITÉ", "prioriteit", "Priorität", "prioritaire", "axe", "axis", "as",
                    "achse", "measure", "mesure", "Maßnahme", " ", "\n", ":", "–", "1", " 2 ", "specific objective",
                    "Objectif spécifique", "specifieke doelstelling", "spezifisches Ziel", "Social Innovation", "ı", "İ",
                    "ſ", "and "]


def _plain_find_priority(text: str):
    """find_priority as first written: every pattern searched, whatever words the text holds."""
    from loader.extract import programme as p
    from loader.records import Span

    m = p._PRIORITY_MEASURE.search(text)
    if m:
        return f"Priority {m.group('p')}, Measure {m.group('m')}", Span(*m.span())
    inline = p._PRIORITY_INLINE.search(text)
    if inline:
        return inline.group("v").strip(), Span(inline.start("v"), inline.start("v") + len(inline.group("v").strip()))
    label = p._PRIORITY_LABEL.search(text) or p._AXE.search(text)
    objective = p._OBJECTIVE.search(text)
    if label is None:
        return None
    value = f"Priority Axis: {label.group('v').strip()}" if label.re is p._PRIORITY_LABEL else label.group("v").strip()
    end = label.end()
    if objective:
        value += ("; Specific objective: " if label.re is p._PRIORITY_LABEL else " - ") + objective.group("v").strip()
        end = max(end, objective.end())
    return value, Span(label.start(), end)


@pytest.mark.parametrize("seed", [1, 2])
def test_priority_patterns_skipped_for_a_missing_word_would_not_have_matched(seed):
    from loader.extract.programme import find_priority

    rng = random.Random(seed)
    found = 0
    for _ in range(20000):
        text = "".join("".join(c.upper() if rng.random() < 0.15 else c for c in rng.choice(_PRIORITY_PIECES))
                       for _ in range(rng.randint(0, 10)))
        expected = _plain_find_priority(text)
        assert find_priority(text) == expected, text
        found += expected is not None
    assert found > 100


_ACRONYM_PIECES = ["project", "Project", "PROJECT", "projet", "Projekt", "projecten", "Micro-project", "microproject",
                   "AB", "ABC", "C-CARE", "X1", "AB-CD", "aBC", "é", "É", " ", "\n", "\t", "-", " - ", " – ", "—", ":",
                   "Title Here", "Some words", ".", "x", "\u00a0", "_", "roje", "ROJE"]


@pytest.mark.parametrize("seed", [1, 2])
def test_acronym_patterns_tried_at_their_places_find_what_the_whole_scan_finds(seed):
    from loader.extract import title_places as places
    from loader.extract import titles

    rng = random.Random(seed)
    found = 0
    for _ in range(15000):
        text = "".join(rng.choice(_ACRONYM_PIECES) for _ in range(rng.randint(0, 16)))
        for pattern, starts in ((titles._ACR_COLON, places.acr_colon_starts),
                                (titles._NEAR_PROJECT, places.near_project_starts),
                                (titles._NAMED_PROJECT, places.project_word_starts)):
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in places.matches_at(pattern, text, starts(text))] == expected, text
            found += len(expected)
    assert found > 1000


_QUOTE_PIECES = ["project", "Project", "projet", "Projekt", "Micro-project", "“", "”", "\"", "«", "»", "‘", "’", "„", "‚",
                 "'", " ", "\n", "Senior Activ", "transfrontalier", "le ", "(SA)", ":", "x", "ABC", "é"]


@pytest.mark.parametrize("seed", [1, 2])
def test_quoted_titles_tried_at_their_places_are_those_of_the_whole_scans(seed):
    from loader.extract import titles

    def plain(text):
        hits = []
        for (opening, closing), pattern in zip(((q, c) for q, c in titles._QUOTE_PAIRS for _ in (0, 1)),
                                               titles._QUOTED, strict=True):
            hits += [(m.start("t"), m.group("t").strip()) for m in pattern.finditer(text)
                     if opening in text and closing in text and len(m.group("t").split()) <= 16]
        if not hits:
            return None
        first = min(hits, key=lambda h: h[0])[1]
        longer = [t for _, t in hits if t != first and t.startswith(first) and not t[len(first)].isalnum()]
        return max(longer, key=len) if longer else first

    rng = random.Random(seed)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(_QUOTE_PIECES) for _ in range(rng.randint(0, 14)))
        result = titles._quoted_title(text, None)
        assert (result.text if result else None) == plain(text), text
        found += result is not None
    assert found > 200


_BEFORE_PIECES = ["AB", "ABC", "C-CARE", "A1", "aB", "-", "é", "É", " ", "\n", "\t", "\u00a0", "(", ")", "(Title Words)",
                  "(Cross Border", " (Ab)", "x" * 50, "Some Long Words Here ", "_", "(É", " " * 150, "A" * 150]


@pytest.mark.parametrize("seed", [1, 2])
def test_acronyms_before_a_bracket_found_at_their_places_are_those_of_the_window_scan(seed):
    from loader.extract.title_places import before_matches
    from loader.extract.titles import _PAREN_BEFORE

    rng = random.Random(seed)
    found = 0
    for _ in range(15000):
        text = "".join(rng.choice(_BEFORE_PIECES) for _ in range(rng.randint(0, 40)))
        windows = _bracket_windows(text)
        expected = [(m.span(), m.groupdict()) for lo, hi in windows for m in _PAREN_BEFORE.finditer(text, lo, hi)]
        assert [(m.span(), m.groupdict()) for m in before_matches(_PAREN_BEFORE, text, windows)] == expected, text
        found += len(expected)
    assert found > 1000


_BREAK_PIECES = [" ", " ", "\t", "\n", "\n", "\r", "\u00a0", "\u2028", "\x0b", "a", "Bc", ".", "\n\n"]
_FORMER_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*(?=\S)")  # partners._attach_people's former substitution


@pytest.mark.parametrize("seed", [1, 2])
def test_joined_lines_is_the_former_substitution(seed):
    rng = random.Random(seed)
    tabless = 0
    for _ in range(30000):
        text = "".join(rng.choice(_BREAK_PIECES) for _ in range(rng.randint(0, 25)))
        tabless += "\t" not in text and "\n" in text
        assert joined_lines(text) == _FORMER_LINE_BREAK.sub(lambda x: " " * len(x.group(0)), text), repr(text)
    assert tabless > 3000  # the constant replacement was taken
