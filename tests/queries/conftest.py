"""The read-side fixture store: tests/api/fixtures/graph.trig loaded into an in-memory Oxigraph store."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

FIXTURE = Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load(path=str(FIXTURE), format=RdfFormat.TRIG)
    return s
