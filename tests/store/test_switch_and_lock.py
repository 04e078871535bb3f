"""One writer at a time; a published build never changes; ``current`` switches atomically."""

from __future__ import annotations

import os

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from loader.pipeline import build, load_paths
from loader.store import DocumentMeta, full_build, incremental, open_current
from ontology.namespaces import document_graph
from ontology.storage import StoreBusyError, current_build, writer_lock


def _projects(store) -> int:
    return len(list(store.quads_for_pattern(None, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                            NamedNode("https://w3id.org/interreg-kg/ontology#Project"), None)))


def test_a_reader_opened_before_keeps_its_build_and_a_reopen_sees_the_new_one(settings, inputs, data_dir) -> None:
    build(settings, progress=False, inputs=inputs)
    first = current_build(settings.store)
    reader = open_current(settings.store)
    assert _projects(reader) == 3
    (data_dir / "documents" / "epsilon.txt").write_text("EPS | Epsilon\nlead: Ville de Lille, FR\n", encoding="utf-8")
    report = load_paths([data_dir / "documents" / "epsilon.txt"], settings, progress=False, inputs=inputs)
    assert report.exit_code == 0
    second = current_build(settings.store)
    assert second != first and first.is_dir()
    assert _projects(reader) == 3, "the old reader must keep answering from its own build"
    assert _projects(open_current(settings.store)) == 4
    assert os.readlink(settings.store / "current").startswith("builds/")


def test_the_lock_refuses_a_second_writer(settings, inputs, data_dir) -> None:
    build(settings, progress=False, inputs=inputs)
    before = current_build(settings.store)
    with writer_lock(settings.store):
        with pytest.raises(StoreBusyError):
            load_paths([data_dir / "documents"], settings, progress=False, inputs=inputs)
        with pytest.raises(StoreBusyError):
            build(settings, progress=False, inputs=inputs)
    assert current_build(settings.store) == before
    with incremental(settings.store):
        with pytest.raises(StoreBusyError):
            with full_build(settings.store):
                pass


def test_a_failing_write_publishes_nothing_and_leaves_no_build(settings, inputs) -> None:
    build(settings, progress=False, inputs=inputs)
    before = current_build(settings.store)
    builds = set((settings.store / "builds").iterdir())
    with pytest.raises(RuntimeError, match="boom"):
        with incremental(settings.store) as writer:
            writer.replace_document("zeta", [Quad(NamedNode("http://a"), NamedNode("http://p"), Literal("x"),
                                                  NamedNode(document_graph("zeta")))],
                                    DocumentMeta("0" * 64, "t", "t", "zeta.txt"))
            raise RuntimeError("boom")
    assert current_build(settings.store) == before
    assert set((settings.store / "builds").iterdir()) == builds
    assert not open_current(settings.store).contains_named_graph(NamedNode(document_graph("zeta")))


def test_replace_document_swaps_graphs_in_one_update(settings, inputs) -> None:
    build(settings, progress=False, inputs=inputs)
    g = NamedNode(document_graph("alpha"))
    with incremental(settings.store) as writer:
        old = writer.document_meta("alpha")
        new_quad = Quad(NamedNode("http://a"), NamedNode("http://p"), Literal('say "hi"\n'), g)
        writer.replace_document("alpha", [new_quad], DocumentMeta("1" * 64, "v", "a", "alpha.txt"))
        assert list(writer.store.quads_for_pattern(None, None, None, g)) == [new_quad]
        meta = writer.document_meta("alpha")
    assert old is not None and old.sha256 != meta.sha256
    assert (meta.sha256, meta.quad_count) == ("1" * 64, 1)


def test_a_multi_operation_update_is_one_transaction(tmp_path) -> None:
    """What replace_document relies on: Oxigraph rolls back a whole update when one operation fails."""
    from pyoxigraph import Store

    store = Store(str(tmp_path / "db"))
    store.update("INSERT DATA { GRAPH <http://g> { <http://a> <http://p> 1 } GRAPH <http://h> { <http://a> <http://p> 2 } }")
    before = {str(q) for q in store}
    with pytest.raises(RuntimeError, match="already exists"):
        store.update("DROP SILENT GRAPH <http://g> ; INSERT DATA { GRAPH <http://g> { <http://n> <http://p> 3 } } ;"
                     " CREATE GRAPH <http://h>")
    assert {str(q) for q in store} == before


def test_store_doctests() -> None:
    import doctest

    import loader.store

    result = doctest.testmod(loader.store)
    assert result.attempted > 0 and result.failed == 0
