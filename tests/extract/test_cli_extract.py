"""The extract and evaluate subcommands: output, folder walking, errors and exit codes."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from loader import cli_extract
from ontology.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
SEEDS = sorted((DATA / "documents").glob("*.txt"))
CASES = Path(__file__).parent / "cases"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="interreg-kg")
    cli_extract.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_extract_json_gives_one_v1_object_per_document(capsys):
    code = run("extract", *map(str, SEEDS), "--json", "--data", str(DATA))
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["document"] for r in out] == [str(p) for p in SEEDS]
    assert [r["acronym"] for r in out] == ["CONMIIXT", "AGIR", "SAM", "AIMER"]
    assert set(out[0]) >= {"title", "programme", "period", "start_date", "end_date", "total_budget_eur",
                           "eu_funding_eur", "cofinancing_rate", "partners", "target_groups", "themes",
                           "results", "inferred", "language"}
    assert out[2]["inferred"] == ["period", "programme"]  # SAM: the programme comes from its source URL


def test_folders_are_walked_for_supported_files(tmp_path, capsys):
    shutil.copy(SEEDS[1], tmp_path / "agir.txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(CASES / "seed-sam-html" / "input.html", tmp_path / "sub" / "sam.html")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    code = run("extract", str(tmp_path), "--json", "--data", str(DATA))
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [Path(r["document"]).name for r in out] == ["agir.txt", "sam.html"]


def test_a_bad_document_is_named_on_stderr_and_the_others_go_on(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code = run("extract", str(empty), str(SEEDS[3]), str(tmp_path / "missing.pdf"), "--json", "--data", str(DATA))
    captured = capsys.readouterr()
    assert code == 1
    assert [r["acronym"] for r in json.loads(captured.out)] == ["AIMER"]
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert str(empty) in errors[0] and "empty" in errors[0]
    assert "missing.pdf" in errors[1]


def test_source_url_option_lets_the_programme_be_inferred(tmp_path, capsys):
    page = tmp_path / "sam.html"
    shutil.copy(CASES / "seed-sam-html" / "input.html", page)
    run("extract", str(page), "--json", "--data", str(DATA), "--source-url", "http://www.interreg-fwvl.eu/nl/prj/178.html")
    record = json.loads(capsys.readouterr().out)[0]
    assert record["programme"]["label"] == "Interreg France-Wallonie-Vlaanderen"
    assert "programme" in record["inferred"]


def test_summary_without_json(capsys):
    assert run("extract", str(SEEDS[0]), "--data", str(DATA)) == 0
    out = capsys.readouterr().out
    assert "CONMIIXT" in out and "Interreg III A" in out and "2007-10-01" in out


def test_usage_errors_exit_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        run("extract")
    assert info.value.code == 2
    assert run("evaluate", str(tmp_path / "nope"), str(SEEDS[0]), "--data", str(DATA)) == 2
    assert "not a folder" in capsys.readouterr().err


def _gold_dir(tmp_path: Path, acronym: str) -> Path:
    gold = json.loads((CASES / "seed-agir-txt" / "expected.json").read_text("utf-8"))
    gold["acronym"] = acronym
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / f"{SEEDS[1].stem}.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_evaluate_prints_the_table_and_passes_its_minimum(tmp_path, capsys):
    code = run("evaluate", str(_gold_dir(tmp_path, "AGIR")), str(SEEDS[1]), "--min", "0.9", "--data", str(DATA))
    out = capsys.readouterr().out
    assert code == 0
    assert "acronym                 1.00  1.00  1.00  1/0/0" in out
    assert float(out.strip().splitlines()[-1].split()[-1]) >= 0.9


def test_evaluate_below_its_minimum_exits_1(tmp_path, capsys):
    gold = _gold_dir(tmp_path, "NOT-AGIR")
    code = run("evaluate", str(gold), str(SEEDS[1]), "--min", "0.999", "--verbose", "--data", str(DATA))
    captured = capsys.readouterr()
    assert code == 1
    assert "acronym: gold='NOT-AGIR' out='AGIR'" in captured.out
    assert "below --min" in captured.err
