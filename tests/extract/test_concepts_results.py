"""Target groups, themes and results of the seed texts."""

from __future__ import annotations

from decimal import Decimal

from loader.extract.concepts import find_target_groups, find_themes
from loader.extract.results import find_results
from ontology.settings import PROJECT_ROOT

DOCS = PROJECT_ROOT / "data" / "documents"


def _text(stem: str) -> str:
    return (DOCS / f"{stem}.txt").read_text(encoding="utf-8")


def test_target_groups_in_french_and_dutch(vocab):
    agir = {c.id for c in find_target_groups(_text("001_6ad943d2a728cbed"), vocab)}
    assert {"migrants", "roma", "employers", "families", "children"} <= agir
    sam = {c.id for c in find_target_groups(_text("002_f51b94a7803afe08"), vocab)}
    assert {"long-term-unemployed", "socially-isolated-people", "volunteers"} <= sam


def test_themes_carry_english_labels_and_spans(vocab):
    text = _text("001_6ad943d2a728cbed")
    themes = find_themes(text, vocab)
    assert {"housing", "employment", "health", "social-inclusion"} <= {c.id for c in themes}
    housing = next(c for c in themes if c.id == "housing")
    assert housing.label == "housing" and text[housing.span.start:housing.span.end].lower() == "logement"


def test_numbered_results_with_quantity_and_unit():
    results = find_results(_text("000_61233fa75de99c9d"))
    assert results[0].text == "8 Local meetings mainly to prepare cross border meetings"
    assert (results[0].quantity, results[0].unit) == (Decimal("8"), "local meetings")
    aimer = [r.text for r in find_results(_text("003_d1612b52a8539e33"))]
    assert "2555 people attended IT lessons in Ostend" in aimer
    assert "100 organisations met and exchanged" in aimer
    assert all(not r.startswith(("2007", "2008")) for r in aimer)


def test_no_results_without_a_results_section():
    assert find_results("We will hold 3 meetings and 2 conferences.") == ()
