"""Kept answers (loader.extract.memo) change no answer: the list and sentence readers, which keep the
answers of lines and sentences across pages, give what the former readers (tests/extract/former/
*_before_memo.py, which keep nothing) give, page after page, on a generated corpus whose pages repeat
lines and sentences, on the hand-written cases, and with two gazetteers in turn."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.generate import generate
from loader.documents import read_document
from loader.extract import partner_blocks, partner_names, partner_sentences
from loader.extract import places as pl
from loader.extract.memo import memoised, memoised_per_gazetteer
from tests.extract.former import blocks_before_memo, sentences_before_memo

CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    """Texts of 40 generated pages (.txt and .html; templated, so lines and sentences repeat), the
    hand-written cases, and the generated pages again (every line and sentence seen before)."""
    out = tmp_path_factory.mktemp("corpus")
    generate(40, out, pdf=False)
    docs = sorted(p for p in (out / "docs").iterdir() if p.suffix in (".txt", ".html"))
    texts = [read_document(p).text for p in docs]
    cases = [(d / "input.txt").read_text(encoding="utf-8") for d in sorted(CASES.iterdir()) if (d / "input.txt").is_file()]
    assert len(texts) >= 40 and len(cases) >= 10
    return texts + cases + texts


def _rows(mentions) -> list[tuple]:
    return [dataclasses.astuple(m) for m in mentions]


def _other_gazetteer() -> pl.Gazetteer:
    """A gazetteer that reads some names otherwise: the same line is an entry for one, a place for the other."""
    return pl.Gazetteer(places={"kent county council": ("Kent County Council", "GB"), "gent": ("Gent", "BE")},
                        regions={"vlaanderen": ("Vlaanderen", "BE")})


def test_readers_give_the_former_readers_answers_page_after_page(pages):
    for gaz in (pl.default_gazetteer(), _other_gazetteer(), pl.default_gazetteer()):
        listed = quiet = 0
        for text in pages:
            new_lists, old_lists = partner_blocks.read_lists(text, gaz), blocks_before_memo.read_lists(text, gaz)
            assert _rows(new_lists) == _rows(old_lists), text[:200]
            new_said = partner_sentences.sentence_mentions(text, gaz)
            assert _rows(new_said) == _rows(sentences_before_memo.sentence_mentions(text, gaz)), text[:200]
            listed += len(new_lists) + len(new_said)
        quiet = len(partner_sentences._quiet_sentences(gaz))
        assert listed > 100 and quiet > 100  # the readers found partners, and skipped sentences


def test_a_sentence_naming_a_partner_is_never_held_as_quiet():
    gaz = pl.default_gazetteer()
    text = "The project is led by Kent County Council. It will help. Partners are Stadt Aachen and Ville de Lille."
    for _ in range(2):
        names = [m.name for m in partner_sentences.sentence_mentions(text, gaz)]
        assert names == [m.name for m in sentences_before_memo.sentence_mentions(text, gaz)]
        assert names[0] == "Kent County Council" and "Aachen" in names[1]
    held = partner_sentences._quiet_sentences(gaz)
    assert "It will help." in held
    assert "The project is led by Kent County Council." not in held
    assert "Partners are Stadt Aachen and Ville de Lille." not in held


def test_entries_are_placed_in_each_text_and_each_mention_is_new():
    gaz = pl.default_gazetteer()
    first = partner_names.parse_entry("Stadt Aachen (DE) (lead partner)", 0, "Partners: Stadt Aachen (DE)", gaz)
    again = partner_names.parse_entry("Stadt Aachen (DE) (lead partner)", 5, "xxxxxxxxxx Stadt Aachen", gaz)
    assert (first.name, first.start, first.role, first.facts) == ("Stadt Aachen", 10, "lead", {"country": "DE"})
    assert (again.start, again.end) == (11, 23)
    first.aliases.append("changed")
    first.facts["city"] = "changed"
    third = partner_names.parse_entry("Stadt Aachen (DE) (lead partner)", 0, "Stadt Aachen", gaz)
    assert third.aliases == [] and third.facts == {"country": "DE"}


def test_memoised_computes_once_per_arguments_and_is_bounded():
    calls = []

    @memoised(maxsize=3)
    def square(x, y=None):
        calls.append(x)
        return x * x

    assert [square(2), square(2), square(3), square(2, None)] == [4, 4, 9, 4]
    assert calls == [2, 3, 2]  # (2,) and (2, None) are other arguments
    for x in range(10):
        assert square(x) == x * x
    assert len(square.memo) <= 3


def test_memoised_per_gazetteer_keeps_one_memo_per_gazetteer_object():
    calls = []

    @memoised_per_gazetteer(maxsize=100)
    def town(name, gaz):
        calls.append(name)
        return gaz.place(name)

    one, other = pl.Gazetteer(places={"gent": ("Gent", "BE")}), pl.Gazetteer(places={"gent": ("Gand", "BE")})
    assert [town("Gent", one), town("Gent", other), town("Gent", one)] == [("Gent", "BE"), ("Gand", "BE"), ("Gent", "BE")]
    assert calls == ["Gent", "Gent"]
    assert len(town.held) == 2


@pytest.mark.parametrize("text", [
    "Deutschland:\nPartners:\n- Stadt Aachen\n- Caritas Dresden\n",
    "Deutschland:\nIntro text here\nPartners:\n- Stadt Aachen\n",
    "France\nLead partner: Ville de Lille\n\nBelgique\nPartners:\n- Stad Gent\n",
    "Nederland\n\nLead partner:\nGemeente Venlo\n\nNews\nPartenaires :\n- Ville de Lille\n",
])
def test_the_country_line_before_a_list_is_read_when_the_list_opens(text):
    gaz = pl.default_gazetteer()
    rows = _rows(partner_blocks.read_lists(text, gaz))
    assert rows == _rows(blocks_before_memo.read_lists(text, gaz)) and rows
    if text.startswith("Deutschland:\nPartners"):
        assert [r[7] for r in rows] == [{"country": "DE"}, {"country": "DE"}]  # facts
