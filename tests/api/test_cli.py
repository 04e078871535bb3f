"""``serve``, ``query`` and ``export network`` as registered on an argparse parser."""

from __future__ import annotations

import argparse
import json

import networkx as nx
import pytest

from api.cli import register
from ontology.storage import publish


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="interreg-kg")
    register(parser.add_subparsers(dest="command"))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return args.func(args)


@pytest.fixture(scope="module")
def root(tmp_path_factory, store, make_build):
    root = tmp_path_factory.mktemp("store")
    publish(root, make_build(root, store))
    return root


def test_query_by_name_as_json(root, capsys):
    assert _run(["query", "counts", "--format", "json", "--store", str(root)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["projects"], row["organisations"], row["participations"]) == (3, 8, 10)


def test_query_with_parameters_as_csv_and_tsv(root, capsys):
    assert _run(["query", "projects", "--param", "country=BE", "--format", "csv", "--store", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("project,acronym,title") and len(lines) == 2 and ",SAM," in lines[1]
    assert _run(["query", "partners", "--format", "tsv", "--limit", "2", "--store", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:2] == ["organisation", "name"] and len(lines) == 3


def test_query_as_a_table_compacts_iris(root, capsys):
    assert _run(["query", "organisations_in_most_projects", "--store", str(root)]) == 0
    out = capsys.readouterr().out
    assert "id:organisation/medway-council" in out and "Medway Council" in out and "(8 of 8 rows)" in out


def test_query_from_a_file(root, tmp_path, capsys):
    path = tmp_path / "acronyms.rq"
    path.write_text("# title: Acronyms\n# param a: string -- an acronym\n"
                    "SELECT ?p ?a WHERE { ?p <https://w3id.org/interreg-kg/ontology#acronym> ?a }\n", encoding="utf-8")
    assert _run(["query", str(path), "--param", "a=AGIR", "--format", "json", "--store", str(root)]) == 0
    assert [r["p"] for r in json.loads(capsys.readouterr().out)] == ["https://w3id.org/interreg-kg/id/project/agir"]


def test_an_unknown_query_is_a_usage_error_listing_the_names(root, capsys):
    assert _run(["query", "nope", "--store", str(root)]) == 2
    err = capsys.readouterr().err
    assert "unknown query 'nope'" in err and "projects_by_country" in err


@pytest.mark.parametrize("param", ["country=FRA", "colour=red", "novalue"])
def test_bad_parameters_are_usage_errors(root, capsys, param):
    assert _run(["query", "projects", "--param", param, "--store", str(root)]) == 2
    assert "interreg-kg:" in capsys.readouterr().err


def test_a_query_file_that_does_not_parse_is_a_problem(root, tmp_path, capsys):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE { ?x }\n", encoding="utf-8")
    assert _run(["query", str(path), "--store", str(root)]) == 1
    assert "broken" in capsys.readouterr().err


def test_no_build_is_a_problem(tmp_path, capsys):
    assert _run(["query", "counts", "--store", str(tmp_path)]) == 1
    assert _run(["export", "network", "--format", "gexf", "--output", str(tmp_path / "x.gexf"),
                 "--store", str(tmp_path)]) == 1
    assert "no build is published" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_export_network_files(root, tmp_path, fmt):
    output = tmp_path / f"partners.{fmt}"
    assert _run(["export", "network", "--format", fmt, "--output", str(output), "--store", str(root)]) == 0
    text = output.read_text(encoding="utf-8")
    assert "Medway Council" in text and "Bhatti" not in text


def test_export_network_csv_folder_and_associated(root, tmp_path):
    assert _run(["export", "network", "--format", "csv", "--output", str(tmp_path / "plain"),
                 "--store", str(root)]) == 0
    assert _run(["export", "network", "--format", "csv", "--output", str(tmp_path / "wide"),
                 "--include-associated", "--store", str(root)]) == 0
    plain = (tmp_path / "plain" / "edges.csv").read_text(encoding="utf-8").splitlines()
    wide = (tmp_path / "wide" / "edges.csv").read_text(encoding="utf-8").splitlines()
    assert plain[0].startswith("Source,Target,Type,Weight") and len(wide) == len(plain) + 1
    assert (tmp_path / "plain" / "nodes.csv").read_text(encoding="utf-8").startswith("Id,Label,")


def test_export_reads_back(root, tmp_path):
    output = tmp_path / "p.graphml"
    assert _run(["export", "network", "--format", "graphml", "--output", str(output), "--store", str(root)]) == 0
    assert nx.read_graphml(output).number_of_nodes() == 8


def test_export_needs_format_and_output(capsys):
    assert _run(["export", "network", "--format", "gexf"]) == 2
    assert _run(["export", "network", "--format", "pdf", "--output", "x"]) == 2


def test_serve_runs_uvicorn_on_the_store(root, monkeypatch):
    import uvicorn

    monkeypatch.delenv("INTERREG_KG_HOST", raising=False)
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port: seen.update(app=app, host=host, port=port))
    assert _run(["serve", "--port", "8123", "--store", str(root)]) == 0
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.store_handle.snapshot().build.parent.parent == root.resolve()


def test_serve_logs_requests_unless_told_not_to(root, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **options: calls.append(options))
    assert _run(["serve", "--port", "8123", "--store", str(root)]) == 0
    assert _run(["serve", "--port", "8123", "--store", str(root), "--no-access-log"]) == 0
    assert calls == [{}, {"access_log": False}]  # uvicorn's default (a line per request), then none
