"""The synthetic corpus: its shape, its determinism, and extraction agreeing with its expected records."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
from collections import Counter
from pathlib import Path

from bench.agreement import compare_folder
from bench.generate import generate
from loader.cli_extract import extract_paths

from .conftest import CORPUS_SIZE

# fields the generator writes in every shape and extraction is expected to read back
STABLE_FIELDS = ("programme", "period", "start_date", "end_date", "total_budget_eur", "eu_funding_eur", "website")
# the least share of documents that must agree, a margin below what extraction reaches (1,000 documents:
# dates 100%, lead 100%, title and acronym 100%, no page refused; partner ids, countries and cities 99.8%;
# the misses are PDF pages whose font wrote a town's "ň" as "?")
MINIMUM = {"start_date": 0.95, "end_date": 0.95, "lead": 0.95, "partner_ids": 0.9, "partner_countries": 0.9,
           "partner_cities": 0.9, "title": 0.95, "acronym": 0.95}


def _extract(paths: list[str], data: Path) -> list[dict]:
    records, _ = extract_paths(paths, data, errors=io.StringIO())
    return [r.to_json() for r in records]


def test_every_document_has_an_expected_record_of_the_same_stem(corpus: Path) -> None:
    docs = sorted(p for p in (corpus / "docs").iterdir() if p.suffix != ".csv")
    expected = sorted((corpus / "expected").iterdir())
    assert len(docs) == CORPUS_SIZE
    assert [p.stem for p in docs] == [p.stem for p in expected]
    record = json.loads(expected[0].read_text(encoding="utf-8"))
    assert set(record) >= {"document", "language", "title", "acronym", "programme", "partners", "start_date"}
    with open(corpus / "docs" / "manifest.csv", encoding="utf-8") as f:
        assert {row["file"] for row in csv.DictReader(f)} == {p.name for p in docs}


def test_languages_shapes_and_reused_organisations(corpus: Path) -> None:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (corpus / "expected").iterdir()]
    assert {r["language"] for r in records} == {"en", "fr", "nl", "de"}
    assert {p.stem.rsplit("_", 1)[1] for p in (corpus / "docs").iterdir() if p.suffix != ".csv"} == {
        "database", "programme", "brochure"}
    uses = Counter(p["id"] for r in records for p in r["partners"])
    assert max(uses.values()) >= 3  # some organisations recur across projects
    assert sum(1 for n in uses.values() if n == 1) > len(uses) / 3  # most take part once
    with open(corpus / "data" / "aliases" / "organisations.csv", encoding="utf-8") as f:
        names_per_key = Counter(row["key"] for row in csv.DictReader(f))
    assert any(n >= 3 for n in names_per_key.values())  # names in several languages


def test_the_same_seed_gives_the_same_corpus(tmp_path: Path) -> None:
    generate(6, tmp_path / "a", pdf=False)
    generate(6, tmp_path / "b", pdf=False)
    a = {p.name: p.read_bytes() for p in (tmp_path / "a" / "docs").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b" / "docs").iterdir()}
    assert a == b and len(a) == 7
    generate(6, tmp_path / "c", seed=7, pdf=False)
    assert {p.name: p.read_bytes() for p in (tmp_path / "c" / "docs").iterdir()} != a


def test_extraction_agrees_with_the_expected_records(corpus: Path) -> None:
    records = _extract([str(corpus / "docs")], corpus / "data")
    assert len(records) >= CORPUS_SIZE * 0.95  # every page of the three shapes names its project
    agreement = compare_folder(corpus / "expected", records)
    low = {f: round(agreement.rate(f), 2) for f in STABLE_FIELDS if agreement.rate(f) < 0.8}
    assert not low, agreement.misses[:10]
    below = {f: round(agreement.rate(f), 2) for f, least in MINIMUM.items() if agreement.rate(f) < least}
    assert not below, agreement.misses[:10]


def _work(paths: list[str], data: Path) -> list[dict]:
    return _extract(paths, data)


def test_extraction_in_parallel_processes_gives_the_same_records(corpus: Path) -> None:
    docs = sorted(str(p) for p in (corpus / "docs").iterdir() if p.suffix != ".csv")
    alone = _extract(docs, corpus / "data")
    with multiprocessing.get_context("fork").Pool(2) as pool:
        halves = pool.starmap(_work, [(docs[0::2], corpus / "data"), (docs[1::2], corpus / "data")])
    together = sorted(halves[0] + halves[1], key=lambda r: r["document"])
    assert together == sorted(alone, key=lambda r: r["document"])
    assert len(together) == len(alone) > 0
