"""A full build is ONE bulk load per store, fed by the mapped documents as they come
(``loader/bulk.py``, ``docs/decisions/0003-process-model.md``)."""

from __future__ import annotations

import doctest
import io
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, NamedNode

import loader.bulk
from loader.bulk import NQuadsFeed
from loader.pipeline import PARALLEL_MIN, build
from loader.store import BuildWriter, open_current, open_current_contacts
from loader.to_rdf import shapes_quads
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, SHAPES_GRAPH, contacts_graph, document_graph
from ontology.settings import Settings
from ontology.storage import current_build

ITEMS = [("one", b'<http://a> <http://p> "1" <http://g> .\n', b'<http://c> <http://p> "x" <http://k> .\n'),
         ("failed", b"", b""),
         ("two", b'<http://b> <http://p> "2" <http://g> .\n<http://b> <http://p> "3" <http://g> .\n', b"")]


def test_doctests() -> None:
    assert doctest.testmod(loader.bulk).failed == 0


def test_the_feed_hands_out_every_byte_in_order_never_more_than_asked() -> None:
    head = b'<http://h> <http://p> "0" <http://g> .\n'
    seen, contacts = [], io.BytesIO()
    feed = NQuadsFeed(ITEMS, seen.append, contacts, head=head)
    pieces = []
    while piece := feed.read(7):
        assert len(piece) <= 7
        pieces.append(piece)
    assert b"".join(pieces) == head + b"".join(public for _, public, _ in ITEMS)
    assert seen == ["one", "failed", "two"]
    assert contacts.getvalue() == ITEMS[0][2]
    assert feed.read(7) == b"" and feed.error is None


def test_the_feed_reports_a_result_when_its_bytes_are_first_needed() -> None:
    seen: list[str] = []
    feed = NQuadsFeed(ITEMS, seen.append, io.BytesIO())
    feed.read(10)
    assert seen == ["one"]
    assert feed.read(-1) == ITEMS[0][1][10:]
    assert seen == ["one"]
    feed.read(-1)
    assert seen == ["one", "failed", "two"]


def test_the_feed_keeps_what_its_results_raised() -> None:
    def results():
        yield ITEMS[0]
        raise KeyError("worker died")

    feed = NQuadsFeed(results(), lambda _: None, io.BytesIO())
    assert feed.read(-1) == ITEMS[0][1]
    with pytest.raises(KeyError):
        feed.read(-1)
    assert isinstance(feed.error, KeyError)


def _spy_loads(monkeypatch) -> list[tuple[str, str]]:
    """Record each bulk load of a build: (public data type, contacts type); refuse bulk_extend."""
    calls: list[tuple[str, str]] = []
    real = BuildWriter.bulk_load_nquads

    def spy(self, data, contacts=b""):
        calls.append((type(data).__name__, type(contacts).__name__))
        return real(self, data, contacts)

    def refused(self, quads):
        raise AssertionError("a full build adds no quads outside the bulk load")

    monkeypatch.setattr(BuildWriter, "bulk_load_nquads", spy)
    monkeypatch.setattr(BuildWriter, "bulk_extend", refused)
    return calls


def test_a_build_is_one_bulk_load_of_each_store(settings, inputs, monkeypatch) -> None:
    calls = _spy_loads(monkeypatch)
    report = build(settings, progress=False, inputs=inputs)
    assert report.exit_code == 0 and report.projects == 3
    assert calls == [("NQuadsFeed", "bytes"), ("bytes", "str")]  # the public store, then the contacts store
    public, contacts = open_current(settings.store), open_current_contacts(settings.store)
    for key in ("alpha", "beta", "gamma"):
        assert public.contains_named_graph(NamedNode(document_graph(key)))
        assert contacts.contains_named_graph(NamedNode(contacts_graph(key)))
    assert all(g.value.startswith(CONTACTS_GRAPH_PREFIX) for g in contacts.named_graphs())
    assert not [g for g in public.named_graphs() if g.value.startswith(CONTACTS_GRAPH_PREFIX)]


def _failing_extract(real):
    def extract(document, vocab, aliases):
        name = Path(document.path).name
        if name in ("beta.txt", "d005.txt"):
            raise RuntimeError(f"extractor crashed on {name}")
        return real(document, vocab, aliases)
    return extract


def test_an_unexpected_error_while_mapping_stops_the_build_with_that_error(settings, inputs) -> None:
    inputs = type(inputs)(inputs.vocab, inputs.aliases, inputs.manifest, _failing_extract(inputs.extract))
    with pytest.raises(RuntimeError, match="extractor crashed on beta.txt"):
        build(settings, progress=False, inputs=inputs)
    assert current_build(settings.store) is None
    assert list((settings.store / "builds").iterdir()) == []


def test_an_unexpected_error_in_a_worker_stops_the_build_with_that_error(tmp_path, helpers) -> None:
    docs = {f"d{i:03d}.txt": f"D{i:03d} | Project {i}\nlead: Ville de Lille, FR\n" for i in range(PARALLEL_MIN + 2)}
    data = helpers.write_data(tmp_path / "many", docs)
    inputs = helpers.make_inputs(data)
    inputs = type(inputs)(inputs.vocab, inputs.aliases, inputs.manifest, _failing_extract(inputs.extract))
    store = tmp_path / "many-store"
    with pytest.raises(RuntimeError, match="extractor crashed on d005.txt"):
        build(Settings(store=store, data=data), progress=False, inputs=inputs, workers=2)
    assert current_build(store) is None


def _blank_nodes(quads) -> set:
    return {t for q in quads for t in (q.subject, q.object) if isinstance(t, BlankNode)}


def test_blank_nodes_of_the_shapes_stay_joined_across_the_stream(settings, inputs) -> None:
    """The bulk loader relabels blank nodes: one label must stay one node over the whole load."""
    build(settings, progress=False, inputs=inputs)
    stored = list(open_current(settings.store).quads_for_pattern(None, None, None, NamedNode(SHAPES_GRAPH)))
    expected = shapes_quads()
    assert len(stored) == len(expected)
    assert len(_blank_nodes(stored)) == len(_blank_nodes(expected)) > 0
