"""bench/measure.py ``bulk_load``: pyoxigraph's own bulk load of a build's quads, timed in wall and
CPU seconds, every quad of the build (and of its contacts store) loaded."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from bench import measure
from ontology.storage import contacts_store_path


def _store(path: Path, quads: int, graph: str) -> None:
    store = Store(str(path))
    g = NamedNode(f"https://example.org/{graph}")
    store.extend(Quad(NamedNode(f"https://example.org/s{i}"), NamedNode("https://example.org/p"), Literal(str(i)), g)
                 for i in range(quads))
    store.flush()
    del store


def test_the_bulk_load_of_a_build_counts_both_stores_and_its_cpu(tmp_path: Path) -> None:
    build = tmp_path / "build"
    _store(build, 2_000, "public")
    _store(contacts_store_path(build), 30, "contacts")
    work = tmp_path / "work"
    work.mkdir()
    timing = measure.bulk_load(build, work)
    assert timing.quads == 2_030
    assert timing.seconds > 0 and timing.cpu_seconds > 0
    assert list(work.iterdir()) == []  # the dump and the loaded store are removed
