"""The read side over a build of two stores (docs/decisions/0006-contacts-store.md): queries run on
the public store's union default graph; the routes that serve personal data read the contacts store,
and only when INTERREG_KG_PERSONAL_DATA is on; off, the contacts store is not even opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

import queries
from api.main import create_app
from ontology.settings import Settings
from ontology.storage import contacts_store_path, new_build_dir, publish
from tests.support.asgi_client import Client
from tests.support.split_stores import load_split

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "graph.trig"
CONTACT = "/id/project/agir/participation/medway-council/contact/d001"
EX = "http://example.org/"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """A published build of the fixture, laid out as the loader lays it out: two stores."""
    root = tmp_path_factory.mktemp("two-stores") / "store"
    build = new_build_dir(root)
    for path, source in zip((build, contacts_store_path(build)), load_split(FIXTURE), strict=True):
        disk = Store(str(path))
        disk.bulk_extend(source)
        disk.flush()
        del disk
    publish(root, build)
    return root


def _client(root: Path, personal: bool) -> tuple[Client, object]:
    app = create_app(Settings(store=root))
    app.state.personal_data = personal
    return Client(app), app


def test_personal_routes_read_the_contacts_store_of_the_build(root) -> None:
    client, app = _client(root, True)
    try:
        served = client.get("/api/projects/agir/contacts")
        assert served.status_code == 200
        assert [(r["organisation"]["id"], r["name"], r["email"]) for r in served.json()["data"]] == [
            ("medway-council", "Fawad Bhatti", "mailto:fawad.bhatti@medway.gov.uk")]
        assert client.get("/api/projects/sam-eurometropool/contacts").json()["data"][0]["telephone"] == \
            "tel:+33320113416"
        page = client.get(CONTACT, headers={"Accept": "application/n-triples"})
        assert page.status_code == 200 and "Fawad Bhatti" in page.text
        dump = Store()
        dump.load(client.get("/api/dump").content, format=RdfFormat.N_QUADS)
        assert any("/graph/contacts/" in g.value for g in dump.named_graphs())
        snapshot = app.state.store_handle.snapshot()
        assert len(snapshot.contacts_store()) > 0 and not any(
            "/graph/contacts/" in g.value for g in snapshot.store.named_graphs())
    finally:
        app.state.query_pool.close()


def test_off_no_route_serves_the_contacts_store_and_it_is_never_opened(root) -> None:
    client, app = _client(root, False)
    try:
        assert client.get("/api/projects/agir/contacts").status_code == 403
        assert client.get(CONTACT).status_code == 404
        assert client.get("/sparql/contacts", params={"query": "ASK {}"}).status_code == 403
        for text in (client.get("/api/dump").text, client.get("/id/project/agir").text,
                     client.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"},
                                headers={"Accept": "text/csv"}).text):
            assert not [s for s in ("Fawad", "Bhatti", "mailto:", "tel:+44", "pauline.durieu") if s in text]
        assert app.state.store_handle.snapshot()._contacts == {}  # never opened
    finally:
        app.state.query_pool.close()


def test_a_build_whose_public_store_holds_contacts_is_not_served(tmp_path) -> None:
    root = tmp_path / "store"
    build = new_build_dir(root)
    disk = Store(str(build))  # the layout before the contacts store: everything in one store
    disk.add(Quad(NamedNode(EX + "p"), NamedNode(EX + "name"), Literal("Jeanne"),
                  NamedNode("https://w3id.org/interreg-kg/graph/contacts/d1")))
    disk.flush()
    del disk
    publish(root, build)
    client, app = _client(root, False)
    try:
        refused = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert refused.status_code == 503 and "Jeanne" not in refused.text and "rebuild" in refused.text
    finally:
        app.state.query_pool.close()


def _two_graphs() -> Store:
    store = Store()
    for graph, value in (("g1", "one"), ("g2", "two")):
        store.add(Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal(value), NamedNode(EX + graph)))
    return store


def test_queries_run_on_the_union_default_graph_unless_narrowed() -> None:
    query = queries.parse("# title: T\nSELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", name="t")
    in_graphs = queries.parse("# title: G\nSELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", name="g")
    store = _two_graphs()
    assert [r["o"] for r in queries.run(store, query).values()] == ["one", "two"]
    assert [r["g"] for r in queries.run(store, in_graphs).values()] == [EX + "g1", EX + "g2"]
    narrowed = [NamedNode(EX + "g2")]
    assert [r["o"] for r in queries.run(store, query, default_graph=narrowed).values()] == ["two"]
    assert [r["g"] for r in queries.run(store, in_graphs, default_graph=narrowed).values()] == [EX + "g2"]
    assert queries.run(store, query, default_graph=[]).values() == []  # narrowed to nothing


def test_the_endpoint_runs_on_the_union_and_narrows_to_the_graphs_named() -> None:
    client = Client(create_app(store=_two_graphs()))
    csv = {"Accept": "text/csv"}

    def values(**params) -> list[str]:
        response = client.get("/sparql", params=params, headers=csv)
        assert response.status_code == 200, response.text
        return sorted(response.text.split("\r\n")[1:-1])

    assert values(query="SELECT ?o WHERE { ?s ?p ?o }") == ["one", "two"]
    assert values(query="SELECT ?o WHERE { ?s ?p ?o }", **{"default-graph-uri": EX + "g1"}) == ["one"]
    assert values(query=f"SELECT ?o FROM <{EX}g2> WHERE {{ ?s ?p ?o }}") == ["two"]
    assert values(query=f"SELECT ?g FROM NAMED <{EX}g2> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == [EX + "g2"]
