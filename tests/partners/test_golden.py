"""Golden cases: each folder of ``cases/`` holds an input (``input.txt``, or ``input.ref`` naming a
document of the repository) and ``expected.json``, the partners in the contract's JSON shape plus
their ``aliases``. Adding a case is adding a folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loader.extract.partners import extract_partners

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"


def _input(case: Path) -> str:
    ref = case / "input.ref"
    path = ROOT / ref.read_text(encoding="utf-8").strip() if ref.exists() else case / "input.txt"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_golden_case(case: Path, aliases, gazetteer) -> None:
    text = _input(case)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    got = []
    for partner in extract_partners(text, None, aliases, gazetteer):
        row = partner.to_json()
        row["aliases"] = list(partner.aliases)
        got.append(row)
    assert got == expected


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_spans_quote_the_names(case: Path, aliases, gazetteer) -> None:
    text = _input(case)
    for partner in extract_partners(text, None, aliases, gazetteer):
        span = partner.span_of("name")
        assert span is not None and 0 <= span.start <= span.end <= len(text)
        quoted = text[span.start:span.end]
        assert quoted.casefold() == partner.name.casefold()
        for field in ("email", "website", "city"):
            span = partner.span_of(field)
            if span is not None and field not in partner.inferred:
                assert text[span.start:span.end] == getattr(partner, field)
        if partner.span_of("phone") is not None:
            quoted_phone = text[partner.span_of("phone").start:partner.span_of("phone").end]
            assert [c for c in quoted_phone if c.isdigit()][-8:] == [c for c in partner.phone if c.isdigit()][-8:]
