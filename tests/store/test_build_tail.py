"""What a full build does after its bulk load (``loader.store.full_build``). Without RDF files beside
its documents, the bulk load wrote the description graph (``loader/streamed_descriptions.py``) and
the statistics were computed from the streamed documents (``loader/statistic_parts.py``): it writes
the statistics and optimises once. With them, it optimises the public store,
computes the description and statistics graphs side by side, writes them, optimises again. Either
way the stores are the same, and a failure in any computation publishes nothing."""

from __future__ import annotations

import re
import threading

import pytest
from pyoxigraph import NamedNode, Store

import loader.store
import loader.streamed_descriptions
from loader.description_parts import DescriptionParts
from loader.descriptions import description_quads
from loader.errors import StoreError
from loader.pipeline import build, load_paths
from loader.statistic_parts import StatisticParts
from loader.statistics import statistics_quads
from loader.store import BuildWriter, open_current
from ontology.namespaces import DESCRIPTIONS_GRAPH, META_GRAPH, STATISTICS_GRAPH
from ontology.settings import Settings
from ontology.storage import contacts_store_path, current_build


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


AWKWARD = {
    "alpha.txt": "ALPHA | Alpha\nlead: Ville de Lille, FR\npartner: Medway Council, GB\nunknown: Kent Council, GB\n",
    "beta.txt": "BETA | Beta\nlead: VILLE DE LILLE, FR\npartner: Ville-de-Lille, BE\nassociated: Medway Council\n",
    "broken.txt": "BROKEN | EXTRACT-FAIL\nlead: Nobody, FR\n",
    "gamma.txt": "GAMMA | Gamma\nassociated: Migrant Help, GB\nlead: Medway Council, GB\n",
}
FILE = ("<https://w3id.org/interreg-kg/id/organisation/ville-de-lille> <http://schema.org/name> "
        "\"Lille from a file\" .\n")


def _both_graphs_as_queried(store) -> None:
    held = {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(DESCRIPTIONS_GRAPH))}
    assert held and held == {str(q) for q in description_quads(store)}
    stats = {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(STATISTICS_GRAPH))}
    assert stats and stats == {str(q) for q in statistics_quads(store)}
    stamped = {q.object.value for q in store.quads_for_pattern(NamedNode(DESCRIPTIONS_GRAPH), None, None,
                                                                  NamedNode(META_GRAPH))}
    assert "https://w3id.org/interreg-kg/ontology#DescriptionGraph" in stamped


def _dump(root) -> list[str]:
    """Both stores of the current build, sorted, the times of graph:meta aside, blank node labels
    (which every bulk load makes anew: the shapes') masked."""
    build_path = current_build(root)
    stores = [Store.read_only(str(build_path)), Store.read_only(str(contacts_store_path(build_path)))]
    return sorted(re.sub(r"_:\w+", "_:b", str(q)) for s in stores for q in s
                  if not q.predicate.value.endswith("generatedAtTime"))


def test_a_build_streams_its_descriptions_and_statistics_then_optimises_once(settings, inputs, monkeypatch) -> None:
    events = _record(monkeypatch)
    assert build(settings, progress=False, inputs=inputs).exit_code == 0
    assert events == ["statistics written", "optimize public", "optimize contacts"]  # no query of the store
    _both_graphs_as_queried(open_current(settings.store))


def test_a_build_with_rdf_files_beside_its_documents_queries_the_store_for_its_descriptions(
        settings, inputs, monkeypatch) -> None:
    (settings.data / "documents" / "lille.nt").write_text(FILE, encoding="utf-8")
    events = _record(monkeypatch)
    assert build(settings, progress=False, inputs=inputs).exit_code == 0
    computed = {"descriptions computed", "statistics computed"}
    assert events[0] == "optimize public" and set(events[1:3]) == computed
    assert events[3:] == ["descriptions written", "statistics written", "optimize public", "optimize contacts"]
    store = open_current(settings.store)
    _both_graphs_as_queried(store)
    names = {q.object.value for q in store.quads_for_pattern(None, None, None, NamedNode(DESCRIPTIONS_GRAPH))}
    assert "Lille from a file" in names  # the file's facts are described too


def test_a_streamed_build_stores_what_a_querying_build_stores(tmp_path, helpers, monkeypatch) -> None:
    data = helpers.write_data(tmp_path / "data", AWKWARD)
    inputs = helpers.make_inputs(data)
    streamed = Settings(store=tmp_path / "streamed", data=data)

    def unused(store):
        raise AssertionError("a streamed build does not query the store for its descriptions or statistics")

    monkeypatch.setattr(loader.store, "description_lines", unused)
    monkeypatch.setattr(loader.store, "statistics_quads", unused)
    report = build(streamed, progress=False, inputs=inputs, workers=1)
    monkeypatch.undo()
    assert [o.status for o in report.outcomes].count("failed") == 1
    store = open_current(streamed.store)
    _both_graphs_as_queried(store)
    lille = NamedNode("https://w3id.org/interreg-kg/id/organisation/ville-de-lille")
    assert len(list(store.quads_for_pattern(lille, NamedNode("http://schema.org/name"), None,
                                            NamedNode(DESCRIPTIONS_GRAPH)))) == 3
    del store
    monkeypatch.setattr(loader.streamed_descriptions.StreamedDescriptions, "nquads", lambda self: b"")
    monkeypatch.setattr(StatisticParts, "quads", lambda self: None)
    queried = Settings(store=tmp_path / "queried", data=data)
    build(queried, progress=False, inputs=inputs, workers=1)
    assert _dump(streamed.store) == _dump(queried.store)


def test_a_reload_after_a_streamed_build_keeps_its_descriptions_up_to_date(settings, inputs) -> None:
    build(settings, progress=False, inputs=inputs)
    (settings.data / "documents" / "gamma.txt").write_text("GAMMA | Gamma\nlead: Migrant Aid, GB\n",
                                                          encoding="utf-8")
    assert load_paths([settings.data / "documents" / "gamma.txt"], settings, progress=False,
                      inputs=inputs).exit_code == 0
    store = open_current(settings.store)
    _both_graphs_as_queried(store)
    names = {q.object.value for q in store.quads_for_pattern(None, None, None, NamedNode(DESCRIPTIONS_GRAPH))}
    assert "Migrant Aid" in names and "Migrant Help" not in names


@pytest.mark.parametrize("which", ["description_lines", "statistics_quads"])
def test_a_failure_computing_either_graph_publishes_nothing(settings, inputs, monkeypatch, which) -> None:
    def failing(store):
        raise StoreError(f"{which} failed")

    (settings.data / "documents" / "lille.nt").write_text(FILE, encoding="utf-8")  # the querying tail
    threads = threading.active_count()
    monkeypatch.setattr(loader.store, which, failing)
    with pytest.raises(StoreError, match=f"{which} failed"):
        build(settings, progress=False, inputs=inputs)
    assert current_build(settings.store) is None
    assert list((settings.store / "builds").iterdir()) == []
    assert threading.active_count() == threads  # the descriptions' thread has ended


@pytest.mark.parametrize("which", ["descriptions", "statistics"])
def test_a_failure_in_a_streamed_build_publishes_nothing(settings, inputs, monkeypatch, which) -> None:
    def failing(*args):
        raise StoreError(f"{which} failed")

    threads = threading.active_count()
    if which == "descriptions":
        monkeypatch.setattr(DescriptionParts, "lines", failing)
    else:
        monkeypatch.setattr(StatisticParts, "quads", failing)
    with pytest.raises(StoreError, match=f"{which} failed"):
        build(settings, progress=False, inputs=inputs)
    assert current_build(settings.store) is None
    assert list((settings.store / "builds").iterdir()) == []
    assert threading.active_count() == threads  # the contacts store's load has ended
