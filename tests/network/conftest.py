"""The fixture store of the read side (tests/api/fixtures/graph.trig), for the network exports."""

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
