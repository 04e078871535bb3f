"""The build/load/check subcommands: arguments, exit codes and readable output."""

from __future__ import annotations

import argparse
import doctest

import pytest

import loader.cli_load
from loader.cli_load import EXIT_FAILED, EXIT_OK, EXIT_USAGE, register
from loader.pipeline import build, load_paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interreg-kg")
    register(parser.add_subparsers(dest="command", required=True))
    return parser


def test_doctests() -> None:
    assert doctest.testmod(loader.cli_load).failed == 0


def test_store_defaults_to_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("INTERREG_KG_STORE", str(tmp_path / "envstore"))
    args = _parser().parse_args(["check"])
    assert loader.cli_load._settings(args).store == tmp_path / "envstore"
    args = _parser().parse_args(["build", "--store", str(tmp_path / "s"), "--no-progress"])
    assert loader.cli_load._settings(args).store == tmp_path / "s" and args.no_progress


def test_load_of_a_missing_path_is_a_usage_error(tmp_path, capsys) -> None:
    args = _parser().parse_args(["load", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s")])
    assert args.func(args) == EXIT_USAGE
    assert "nope.txt" in capsys.readouterr().err


def test_check_exits_1_on_violations_and_prints_them(settings, inputs, tmp_path, capsys) -> None:
    build(settings, progress=False, inputs=inputs)
    args = _parser().parse_args(["check", "--store", str(settings.store)])
    assert args.func(args) == EXIT_OK
    assert capsys.readouterr().out.strip().endswith("triples")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix irg: <https://w3id.org/interreg-kg/ontology#> .\n"
                   "<https://w3id.org/interreg-kg/id/project/bad> a irg:Project ; irg:acronym \"BAD\" ;\n"
                   "  irg:cofinancingRate 1.5 .\n", encoding="utf-8")
    assert load_paths([bad], settings, progress=False, inputs=inputs).exit_code == 0
    assert args.func(args) == EXIT_FAILED
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Violation: <https://w3id.org/interreg-kg/id/project/bad> ")
    assert "cofinancingRate" in out[0]
    assert out[-1].startswith("does not conform: 1 violation(s)")


def test_check_without_a_store_fails_readably(tmp_path, capsys) -> None:
    args = _parser().parse_args(["check", "--store", str(tmp_path / "empty")])
    assert args.func(args) == EXIT_FAILED
    assert "interreg-kg build" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["load"], ["build", "--bogus"]])
def test_bad_arguments_exit_2(argv) -> None:
    with pytest.raises(SystemExit) as exc:
        _parser().parse_args(argv)
    assert exc.value.code == 2


def test_a_busy_store_is_a_usage_error(settings, tmp_path, capsys) -> None:
    from ontology.settings import PROJECT_ROOT
    from ontology.storage import writer_lock

    doc = tmp_path / "x.txt"
    doc.write_text("anything", encoding="utf-8")
    args = _parser().parse_args(["load", str(doc), "--store", str(settings.store), "--data", str(PROJECT_ROOT / "data")])
    with writer_lock(settings.store):
        assert args.func(args) == EXIT_USAGE
    assert "another writer" in capsys.readouterr().err
