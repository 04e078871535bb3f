"""Golden cases: each input read, extracted and scored against its expected facts.

``cases/<case>/`` holds ``input.*`` (txt, html or pdf), ``expected.json`` (the facts, in the v1
record shape) and ``case.json`` (the manifest facts given to the reader, the F1 the case must reach
and the exact values of key fields). Adding a case is adding a folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from loader.documents import read_document
from loader.evaluate import score_pairs
from loader.extract import extract
from loader.manifest import Manifest, ManifestEntry

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    name: str
    input: Path
    expected: dict
    meta: dict


def load_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in CASES_DIR.iterdir() if p.is_dir()):
        inputs = sorted(folder.glob("input.*"))
        assert len(inputs) == 1, f"{folder}: expected exactly one input.* file"
        cases.append(Case(folder.name, inputs[0], json.loads((folder / "expected.json").read_text("utf-8")),
                          json.loads((folder / "case.json").read_text("utf-8"))))
    return cases


CASES = load_cases()


def _record(case, vocab, aliases):
    meta = case.meta
    manifest = Manifest((ManifestEntry(case.input.name, meta.get("project"), meta.get("language"),
                                       meta.get("source_url")),))
    document = read_document(case.input, manifest=manifest)
    return extract(document, vocab, aliases)


def test_there_are_cases_of_every_format():
    assert {c.input.suffix for c in CASES} == {".txt", ".html", ".pdf"}
    assert len(CASES) >= 6


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_reaches_its_f1(case, vocab, aliases):
    record = _record(case, vocab, aliases)
    report = score_pairs([(case.name, case.expected, record.to_json())], verbose=True)
    assert report.overall_f1 >= case.meta["min_f1"], "\n".join(report.misses) + "\n" + report.table()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_key_fields_are_exact(case, vocab, aliases):
    record = _record(case, vocab, aliases)
    got = record.to_json()
    got["programme.id"] = record.programme.id if record.programme else None
    got["key"] = record.key
    for name, want in case.meta["exact"].items():
        assert got[name] == want, f"{case.name}: {name} is {got[name]!r}, expected {want!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_field_set_has_a_span_quoting_the_text(case, vocab, aliases):
    record = _record(case, vocab, aliases)
    named = {name for name, _ in record.spans}
    for name in ("title", "acronym", "start_date", "end_date", "total_budget_eur", "eu_funding_eur",
                 "cofinancing_rate", "website", "priority_or_measure"):
        if getattr(record, name) is not None:
            assert name in named, f"{name} has no span"
    if record.programme is not None and "programme" not in record.inferred:
        assert record.programme.span is not None
    for name, span in record.spans:
        assert record.document.quote(span).strip(), f"{name} span quotes nothing"
    if record.acronym:
        assert record.document.quote(record.span_of("acronym")) == record.acronym
