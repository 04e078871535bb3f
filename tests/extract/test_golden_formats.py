"""Every seed is a golden case in all three formats, and the renderers that made them keep the facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extract_speed import render_html, render_pdf
from loader.documents import read_document
from loader.extract import extract
from loader.readers import html_to_text

CASES = Path(__file__).parent / "cases"
SEEDS = ("agir", "aimer", "conmiixt", "sam")


@pytest.mark.parametrize("seed", SEEDS)
def test_each_seed_has_a_txt_html_and_pdf_case(seed):
    for fmt in ("txt", "html", "pdf"):
        folder = CASES / f"seed-{seed}-{fmt}"
        assert (folder / f"input.{fmt}").is_file() and (folder / "expected.json").is_file()
        assert (folder / "expected.json").read_text("utf-8") == (CASES / f"seed-{seed}-txt" / "expected.json").read_text(
            "utf-8")


def test_rendered_html_drops_the_site_chrome_and_keeps_lists():
    page = render_html("Projet AGIR\nPartenaires :\n- Medway Council\n- Amiens Métropole\nTotal budget: 1 EUR")
    text = html_to_text(page)
    assert text.split("\n") == ["Projet AGIR", "Partenaires :", "Medway Council", "Amiens Métropole",
                                "Total budget: 1 EUR"]


def test_rendered_pdf_reads_back_to_the_same_project(tmp_path, vocab, aliases):
    source = CASES / "seed-aimer-txt" / "input.txt"
    path = render_pdf(source.read_text("utf-8"), tmp_path / "aimer.pdf")
    record = extract(read_document(path), vocab, aliases)
    assert (record.acronym, record.start_date, record.end_date) == ("AIMER", "2008-10-31", "2012-12-30")
