"""Fixtures of the RDF tests: the golden case folders and their JSON -> record reader."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"


def _casefile():
    spec = importlib.util.spec_from_file_location("rdf_casefile", HERE / "casefile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


casefile = _casefile()


def case_folders() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "records.json").is_file())


@pytest.fixture(params=case_folders(), ids=lambda p: p.name)
def case(request) -> Path:
    return request.param


@pytest.fixture
def load_case():
    return casefile.load_case
