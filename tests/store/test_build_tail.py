"""What a full build does after its bulk load (``loader.store.full_build``): optimise the public store,
compute the description and statistics graphs side by side, write them, optimise again; a failure in
either computation publishes nothing."""

from __future__ import annotations

import threading

import pytest
from pyoxigraph import NamedNode

import loader.store
from loader.descriptions import description_quads
from loader.errors import StoreError
from loader.pipeline import build
from loader.statistics import statistics_quads
from loader.store import BuildWriter, open_current
from ontology.namespaces import DESCRIPTIONS_GRAPH, STATISTICS_GRAPH
from ontology.storage import current_build


class _Spy:
    """A store whose ``optimize`` is recorded in ``events``."""

    def __init__(self, store, name: str, events: list[str]) -> None:
        self._store, self._name, self._events = store, name, events

    def optimize(self) -> None:
        self._events.append(f"optimize {self._name}")
        self._store.optimize()

    def __getattr__(self, name: str):
        return getattr(self._store, name)


def _record(monkeypatch) -> list[str]:
    events: list[str] = []
    real_open = loader.store._open

    def spied_open(path):
        writer = real_open(path)
        writer.store = _Spy(writer.store, "public", events)
        writer.contacts = _Spy(writer.contacts, "contacts", events)
        return writer

    def recorded(name, real):
        def call(*args, **kwargs):
            result = real(*args, **kwargs)
            events.append(name)
            return result
        return call

    monkeypatch.setattr(loader.store, "_open", spied_open)
    monkeypatch.setattr(loader.store, "description_lines", recorded("descriptions computed",
                                                                    loader.store.description_lines))
    monkeypatch.setattr(loader.store, "statistics_quads", recorded("statistics computed", loader.store.statistics_quads))
    monkeypatch.setattr(loader.store, "refresh_descriptions", recorded("descriptions written",
                                                                     loader.store.refresh_descriptions))
    monkeypatch.setattr(BuildWriter, "refresh_statistics", recorded("statistics written",
                                                                    BuildWriter.refresh_statistics))
    return events


def test_a_build_optimises_computes_both_graphs_writes_them_and_optimises_again(settings, inputs,
                                                                                 monkeypatch) -> None:
    events = _record(monkeypatch)
    assert build(settings, progress=False, inputs=inputs).exit_code == 0
    computed = {"descriptions computed", "statistics computed"}
    assert events[0] == "optimize public" and set(events[1:3]) == computed
    assert events[3:] == ["descriptions written", "statistics written", "optimize public", "optimize contacts"]
    store = open_current(settings.store)
    held = {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(DESCRIPTIONS_GRAPH))}
    assert held and held == {str(q) for q in description_quads(store)}
    stats = {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(STATISTICS_GRAPH))}
    assert stats and stats == {str(q) for q in statistics_quads(store)}


@pytest.mark.parametrize("which", ["description_lines", "statistics_quads"])
def test_a_failure_computing_either_graph_publishes_nothing(settings, inputs, monkeypatch, which) -> None:
    def failing(store):
        raise StoreError(f"{which} failed")

    threads = threading.active_count()
    monkeypatch.setattr(loader.store, which, failing)
    with pytest.raises(StoreError, match=f"{which} failed"):
        build(settings, progress=False, inputs=inputs)
    assert current_build(settings.store) is None
    assert list((settings.store / "builds").iterdir()) == []
    assert threading.active_count() == threads  # the descriptions' thread has ended
