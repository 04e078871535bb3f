"""End to end on the repository's seed documents: the real vocabularies, aliases and extractor."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from loader.check import check_store
from loader.pipeline import build, load_paths
from loader.store import open_current
from ontology.namespaces import IRG, META_GRAPH, SHAPES_GRAPH, document_graph
from ontology.settings import PROJECT_ROOT, Settings

DATA = PROJECT_ROOT / "data"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Settings, object]:
    settings = Settings(store=tmp_path_factory.mktemp("e2e") / "store", data=DATA)
    return settings, build(settings, progress=False)


def _manifest() -> dict[str, str]:
    lines = (DATA / "documents" / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[1] for line in lines if line.strip()}


def test_every_seed_document_loads_into_its_own_graph(built) -> None:
    settings, report = built
    manifest = _manifest()
    assert report.exit_code == 0, report.lines()
    assert len(report.outcomes) == len(manifest) and report.projects == len(manifest)
    store = open_current(settings.store)
    for name, curated in manifest.items():
        graph = NamedNode(document_graph(Path(name).stem))
        projects = {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, NamedNode(IRG + "Project"), graph)}
        assert projects == {f"https://w3id.org/interreg-kg/id/project/{curated}"}, name
    assert report.organisations > 0 and report.participations >= report.organisations


def test_the_seed_store_has_no_violations(built) -> None:
    settings, _ = built
    assert check_store(settings.store).conforms


def test_reloading_the_seed_documents_changes_nothing(built) -> None:
    settings, _ = built
    before = {str(q) for q in open_current(settings.store)}
    report = load_paths([DATA / "documents"], settings, progress=False)
    assert [o.status for o in report.outcomes] == ["unchanged"] * len(_manifest())
    assert {str(q) for q in open_current(settings.store)} == before


def test_a_rebuild_gives_the_same_facts(built, tmp_path) -> None:
    settings, _ = built
    again = Settings(store=tmp_path / "again", data=DATA)
    assert build(again, progress=False).exit_code == 0

    def facts(root: Path) -> set[str]:
        # graph:meta holds load times; graph:shapes has fresh blank node labels (SHACL lists) per parse
        return {str(q) for q in open_current(root) if q.graph_name.value not in (META_GRAPH, SHAPES_GRAPH)}

    first, second = facts(settings.store), facts(again.store)
    assert second == first and len(first) > 1000
