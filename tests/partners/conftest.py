"""Fixtures of the partner tests: the repository's alias table and gazetteer, read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.aliases import AliasTable, load_alias_table
from loader.extract.places import Gazetteer, load_gazetteer

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def aliases() -> AliasTable:
    return load_alias_table(DATA)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(DATA)
