"""The read-side fixture store: tests/api/fixtures/graph.trig loaded into an in-memory Oxigraph store,
with its description graph as every build has it (``loader/descriptions.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from loader.descriptions import refresh_descriptions

FIXTURE = Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load(path=str(FIXTURE), format=RdfFormat.TRIG)
    refresh_descriptions(s)
    return s
