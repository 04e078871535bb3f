"""Documents that are not project descriptions: refused with a reason naming the file, counted in exit codes."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

import pytest

from loader import cli_extract
from loader.errors import ExtractionError, NotAProjectError
from loader.extract import extract
from loader.extract.acceptance import check_accepted, refusal
from loader.pipeline import Inputs, load_paths
from loader.records import ConceptRef, Document, PartnerRecord, ProjectRecord
from ontology.settings import PROJECT_ROOT, Settings

DATA = PROJECT_ROOT / "data"
SEEDS = sorted((DATA / "documents").glob("*.txt"))

COOKIE_BANNER = ("We use cookies to improve your experience on our website. By clicking \"Accept all\", you agree "
                 "to the storing of cookies on your device.\nAccept all\nReject\nCookie settings\nPrivacy policy\n")
HOME_EN = ("Interreg 2 Seas Mers Zeeën\nHome\nAbout the programme\nProjects\nCalls\nNews\n"
           "The Interreg 2 Seas programme 2014-2020 is a European Territorial Cooperation Programme covering "
           "England, France, the Netherlands and Belgium (Flanders). The programme has a total ERDF budget of "
           "€ 241 million.\nFind out how to apply for funding in our next call, which opens on 1 March 2016.\n")
HOME_FR = ("Programme Interreg V France-Wallonie-Vlaanderen\nAccueil | Le programme | Projets | Appels à projets\n"
           "Le programme de coopération transfrontalière soutient des projets entre la France et la Belgique. "
           "Doté de 170 millions d'euros de FEDER pour la période 2014-2020.\n")
NAME_ONLY = "SOLIDAR\nA newsletter about the SOLIDAR project.\nSubscribe to our newsletter.\n"
# Not a social-inclusion project, and still a project: accepted.
TRANSPORT = ("RAIL4SEAS - Rail links for the 2 Seas\nProgramme: Interreg 2 Seas 2014-2020\n"
             "Lead partner: Provincie West-Vlaanderen\nStart date: 01/09/2016\n")


def _doc(text: str, path: str = "x.txt") -> Document:
    return Document(key="x", path=path, media_type="text/plain", text=text, sha256="0" * 64, language="en")


def _record(**fields) -> ProjectRecord:
    return ProjectRecord(document=_doc("x"), key="x", **fields)


@pytest.mark.parametrize("fields", [
    {"acronym": "AGIR", "partners": (PartnerRecord(name="Medway Council", key="medway-council"),)},
    {"title": "Senior friendly communities", "start_date": "2010-07"},
    {"acronym": "AGIR", "end_date": "2015"},
    {"title": "Transcards", "total_budget_eur": Decimal("1000")},
    {"acronym": "AGIR", "eu_funding_eur": Decimal("0")},
    {"acronym": "AGIR", "programme": ConceptRef("iv-a-2-seas", "Interreg IV A 2 Seas")},
])
def test_a_name_and_one_more_fact_is_accepted(fields) -> None:
    record = _record(**fields)
    assert refusal(record) is None
    assert check_accepted(record) is record


@pytest.mark.parametrize("fields, reason", [
    ({}, "no project title or acronym"),
    ({"start_date": "2010", "partners": (PartnerRecord(name="A", key="a"),)}, "no project title or acronym"),
    ({"acronym": "AGIR"}, "a name (AGIR) but no programme, partner, date or budget"),
    ({"acronym": "AGIR", "programme": ConceptRef("iv-a-2-seas", "Interreg IV A 2 Seas"),
      "inferred": frozenset({"programme", "period"})}, "a name (AGIR) but no programme"),
    ({"title": "Interreg 2 Seas Programme", "programme": ConceptRef("v-a-2-seas", "Interreg V A 2 Seas")},
     "is a programme's name"),
])
def test_refusals_say_why(fields, reason) -> None:
    record = _record(**fields)
    assert reason in refusal(record)
    with pytest.raises(NotAProjectError) as caught:
        check_accepted(record)
    assert isinstance(caught.value, ExtractionError)
    assert caught.value.path == "x.txt" and str(caught.value).startswith("x.txt: not a project description")


@pytest.mark.parametrize("text", [COOKIE_BANNER, HOME_EN, HOME_FR, NAME_ONLY])
def test_pages_that_describe_no_project_are_refused(text, vocab, aliases) -> None:
    assert refusal(extract(_doc(text), vocab, aliases)) is not None


@pytest.mark.parametrize("text", [TRANSPORT] + [p.read_text(encoding="utf-8") for p in SEEDS])
def test_project_pages_are_accepted_whatever_their_theme(text, vocab, aliases) -> None:
    assert refusal(extract(_doc(text), vocab, aliases)) is None


def _write(folder: Path, files: dict[str, bytes | str]) -> list[str]:
    paths = []
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        paths.append(str(path))
    return paths


def _junk(folder: Path) -> list[str]:
    return _write(folder, {"cookies.txt": COOKIE_BANNER, "home.html": f"<html><body><p>{HOME_EN}</p></body></html>",
                           "empty.txt": "", "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                           "fake.pdf": b"%PDF-1.4 not really"})


def test_extract_names_each_refused_file_with_its_reason_and_exits_1(tmp_path, capsys) -> None:
    parser = argparse.ArgumentParser(prog="interreg-kg")
    cli_extract.register(parser.add_subparsers())
    junk = _junk(tmp_path)
    args = parser.parse_args(["extract", *junk, str(SEEDS[1]), "--json", "--data", str(DATA)])
    code = args.func(args)
    captured = capsys.readouterr()
    assert code == 1
    assert [r["acronym"] for r in json.loads(captured.out)] == ["AGIR"]
    errors = captured.err.strip().splitlines()
    assert len(errors) == len(junk)
    for path, line in zip(junk, errors, strict=True):
        assert line.startswith(f"error: {path}: ") and line.count(path) == 1
    assert "not a project description" in errors[0] and "not a project description" in errors[1]
    assert "empty" in errors[2] and "binary" in errors[3] and "PDF" in errors[4]


def test_evaluate_scores_a_refused_document_and_notes_it(tmp_path, capsys) -> None:
    records, failed = cli_extract.extract_paths(_write(tmp_path, {"c.txt": COOKIE_BANNER}), DATA,
                                                errors=None, accept=False)
    assert failed == 0 and len(records) == 1
    assert "note: " in capsys.readouterr().err


def test_load_reports_refused_documents_as_failed_and_loads_the_rest(tmp_path) -> None:
    settings = Settings(store=tmp_path / "store", data=DATA)
    report = load_paths(_junk(tmp_path) + [str(SEEDS[1])], settings, progress=False,
                        inputs=Inputs.from_data(DATA))
    assert report.exit_code == 1
    assert [o.status for o in report.outcomes] == ["failed"] * 5 + ["loaded"]
    assert all(Path(o.path).name in o.message for o in report.failed)
    assert "not a project description" in report.failed[0].message
    assert report.projects == 1
