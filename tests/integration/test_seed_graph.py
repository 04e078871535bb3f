"""The whole path on the seed documents: data/ -> build -> store -> SPARQL, REST and Gephi export.

These are the "done when" checks of the first issue, run against a store built by the real
pipeline from the repository's own data folder (no ../shared needed), and a live server that
keeps answering while the store is rebuilt under it.
"""

from __future__ import annotations

import csv
import socket
import threading
import time
from pathlib import Path

import httpx
import networkx as nx
import pytest
import uvicorn

import interreg_kg
from api.main import create_app
from loader.pipeline import build
from ontology.namespaces import sparql_prefixes
from ontology.settings import PROJECT_ROOT, Settings

DATA = PROJECT_ROOT / "data"
MEDWAY = "https://w3id.org/interreg-kg/id/organisation/medway-council"


def _personal_strings() -> set[str]:
    """What the seed documents say of people: names, e-mails and phone digits of the contacts."""
    return {"Fawad Bhatti", "fawad.bhatti@medway.gov.uk", "Steffi", "Solene", "pauline.durieu",
            "lesdeuxrives80@yahoo.fr", "1634334320", "1634 334 320", "Vicky O'Riordan", "mailto:", "tel:+"}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Settings:
    settings = Settings(store=tmp_path_factory.mktemp("seed") / "store", data=DATA)
    report = build(settings, progress=False)
    assert report.exit_code == 0, report.lines()
    return settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """uvicorn serving the app on a loopback port in a thread, as `interreg-kg serve` does."""

    def __init__(self, settings: Settings) -> None:
        self.port = _free_port()
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture(scope="module")
def server(seed_store):
    with _Server(seed_store) as url:
        yield url


def _select(url: str, query: str) -> list[dict]:
    r = httpx.post(f"{url}/sparql", data={"query": sparql_prefixes() + query},
                   headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["results"]["bindings"]


def test_sparql_finds_medway_council_as_one_organisation_leading_conmiixt_and_agir(server) -> None:
    rows = _select(server, """
        SELECT DISTINCT ?org WHERE { ?org a irg:Organisation ; schema:name ?n . FILTER(LCASE(?n) = "medway council") }""")
    assert [r["org"]["value"] for r in rows] == [MEDWAY]
    rows = _select(server, """
        SELECT ?acronym WHERE { id:organisation\\/medway-council irg:leadPartnerOf ?p . ?p irg:acronym ?acronym }
        ORDER BY ?acronym""")
    assert [r["acronym"]["value"] for r in rows] == ["AGIR", "CONMIIXT"]


def test_greater_dunkirk_and_communaute_urbaine_de_dunkerque_are_one_organisation(server) -> None:
    rows = _select(server, """
        SELECT DISTINCT ?org WHERE { ?org irg:participantIn ?p .
          { ?org schema:name ?n } UNION { ?org skos:altLabel ?n }
          FILTER(?n IN ("Communauté Urbaine de Dunkerque", "Greater Dunkirk District Council")) }""")
    assert len(rows) == 1


def test_rest_lists_the_four_seed_projects(server) -> None:
    body = httpx.get(f"{server}/api/projects", timeout=30).json()
    assert body["count"] == 4
    assert sorted(p["acronym"] for p in body["data"]) == ["AGIR", "AIMER", "CONMIIXT", "SAM"]
    assert httpx.get(f"{server}/api/projects/agir", timeout=30).status_code == 200
    assert httpx.get(f"{server}/api/projects/no-such-project", timeout=30).status_code == 404
    partner = httpx.get(f"{server}/api/partners/medway-council", timeout=30).json()
    assert sorted((p["project"]["id"], p["role"]) for p in partner["projects"]) == [
        ("agir", "lead"), ("conmiixt", "lead")]


def test_nothing_personal_is_served(server) -> None:
    r = httpx.post(f"{server}/sparql", data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                   headers={"Accept": "application/n-triples"}, timeout=60)
    assert r.status_code == 200 and len(r.text) > 10_000
    texts = [r.text, httpx.get(f"{server}/api/partners/medway-council", timeout=30).text,
             httpx.get(f"{server}/api/projects/agir", timeout=30).text]
    for text in texts:
        leaked = {s for s in _personal_strings() if s in text}
        assert leaked == set()


def test_gexf_export_has_one_node_per_organisation(seed_store, tmp_path) -> None:
    out = tmp_path / "partners.gexf"
    code = interreg_kg.main(["export", "network", "--format", "gexf", "--output", str(out),
                             "--store", str(seed_store.store)])
    assert code == 0
    graph = nx.read_gexf(out)
    csv_dir = tmp_path / "csv"
    assert interreg_kg.main(["export", "network", "--format", "csv", "--output", str(csv_dir),
                             "--store", str(seed_store.store)]) == 0
    with open(csv_dir / "nodes.csv", newline="", encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    assert graph.number_of_nodes() == len(nodes) == len({n["Id"] for n in nodes})
    medway = [n for n, d in graph.nodes(data=True) if d.get("label") == "Medway Council"]
    assert len(medway) == 1
    # Medway's neighbours: the other partners of CONMIIXT and AGIR (associated partners excluded)
    assert graph.degree(medway[0]) == 9 + 4


def test_a_rebuild_while_serving_drops_no_request(seed_store, tmp_path) -> None:
    settings = Settings(store=seed_store.store, data=DATA)
    with _Server(settings) as url:
        before = httpx.get(f"{url}/health", timeout=30).json()["build"]
        failures: list[str] = []
        answered = 0
        stop = threading.Event()

        def hammer() -> None:
            nonlocal answered
            with httpx.Client(base_url=url, timeout=30) as client:
                while not stop.is_set():
                    for path in ("/api/projects", "/api/partners/medway-council", "/health"):
                        r = client.get(path)
                        if r.status_code != 200:
                            failures.append(f"{path} {r.status_code} {r.text[:200]}")
                        answered += 1

        threads = [threading.Thread(target=hammer) for _ in range(2)]
        for t in threads:
            t.start()
        try:
            for _ in range(2):
                assert build(settings, progress=False).exit_code == 0
        finally:
            time.sleep(0.3)
            stop.set()
            for t in threads:
                t.join(timeout=30)
        after = httpx.get(f"{url}/health", timeout=30).json()["build"]
    assert failures == []
    assert answered > 20
    assert after != before
    assert Path(seed_store.store / "builds" / after).is_dir()
