"""Stores for the network tests: the read side's hand-written fixture (tests/api/fixtures/graph.trig),
the seed documents of data/ built by the real pipeline, and SPARQL helpers that count independently
of the export's own query."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from loader.pipeline import build
from ontology.settings import PROJECT_ROOT, Settings
from ontology.storage import current_build
from tests.support.split_stores import load_split

FIXTURE = Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"
CASES = Path(__file__).resolve().parent / "cases"
PREFIXES = """PREFIX irg: <https://w3id.org/interreg-kg/ontology#>
PREFIX role: <https://w3id.org/interreg-kg/id/role/>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def load_trig(path: Path) -> Store:
    store = Store()
    store.load(path=str(path), format=RdfFormat.TRIG)
    return store


@pytest.fixture(scope="session")
def store() -> Store:
    """The fixture's public store (its contacts graphs go to a store of their own, as in a build)."""
    return load_split(FIXTURE)[0]


@pytest.fixture(scope="session")
def seed_root(tmp_path_factory) -> Path:
    """A store root holding the seed documents, built as `interreg-kg build` does."""
    settings = Settings(store=tmp_path_factory.mktemp("seed") / "store", data=PROJECT_ROOT / "data")
    assert build(settings, progress=False).exit_code == 0
    return settings.store


@pytest.fixture(scope="session")
def seed(seed_root) -> Store:
    return Store.read_only(str(current_build(seed_root)))


def sparql_rows(store: Store, body: str) -> list[dict]:
    """The rows of a SELECT over the public store, every value as a string (None unbound)."""
    solutions = store.query(PREFIXES + body, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in solutions]


def sparql_count(store: Store, body: str) -> int:
    """``SELECT (COUNT(...) AS ?n)``: the number."""
    return int(next(iter(store.query(PREFIXES + body, use_default_graph_as_union=True)))["n"].value)
