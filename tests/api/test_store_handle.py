"""The store handle follows ``current``: a new build is served at once, requests in flight keep theirs."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

import queries
from api.errors import StoreUnavailableError
from api.main import create_app
from api.store import StoreHandle
from ontology.namespaces import IRG, document_graph
from ontology.settings import Settings
from ontology.storage import publish


def _with_extra_project(store: Store) -> Store:
    bigger = Store()
    bigger.bulk_extend(store.quads_for_pattern(None, None, None, None))
    extra = NamedNode("https://w3id.org/interreg-kg/id/project/extra")
    graph = NamedNode(document_graph("d999"))
    bigger.add(Quad(extra, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(IRG + "Project"),
                    graph))
    bigger.add(Quad(extra, NamedNode(IRG + "acronym"), Literal("EXTRA"), graph))
    return bigger


def test_nothing_published_is_unavailable(tmp_path, make_client):
    handle = StoreHandle(root=tmp_path)
    with pytest.raises(StoreUnavailableError, match="no build"):
        handle.snapshot()
    client = make_client(create_app(Settings(store=tmp_path)))
    response = client.get("/health")
    assert response.status_code == 503 and "no build" in response.json()["detail"]


def test_the_handle_switches_builds_and_old_requests_keep_theirs(tmp_path, store, make_build):
    first = make_build(tmp_path, store)
    publish(tmp_path, first)
    handle = StoreHandle(root=tmp_path)
    old = handle.snapshot()
    assert old.build == first.resolve() and handle.snapshot() is old
    assert queries.run(old.store, "counts", default_graph=old.graphs).values()[0]["projects"] == 3

    second = make_build(tmp_path, _with_extra_project(store))
    publish(tmp_path, second)
    new = handle.snapshot()
    assert new.build == second.resolve() and new is not old
    assert queries.run(new.store, "counts", default_graph=new.graphs).values()[0]["projects"] == 4
    # a request that took the old snapshot before the switch still reads the old build
    assert queries.run(old.store, "counts", default_graph=old.graphs).values()[0]["projects"] == 3
    assert len(new.graphs) == len(old.graphs) + 1
    assert not any("contacts" in g.value for g in new.graphs)


def test_the_app_serves_the_new_build_without_restart(tmp_path, store, make_build, make_client):
    first = make_build(tmp_path, store)
    publish(tmp_path, first)
    client = make_client(create_app(Settings(store=tmp_path)))
    assert client.get("/health").json()["build"] == first.name
    assert client.get("/api/projects").json()["count"] == 3
    second = make_build(tmp_path, _with_extra_project(store))
    publish(tmp_path, second)
    assert client.get("/health").json()["build"] == second.name
    assert client.get("/api/projects").json()["count"] == 4
    assert client.get("/api/projects/extra").json()["acronym"] == "EXTRA"


def test_a_handle_needs_a_root_or_a_store():
    with pytest.raises(ValueError):
        StoreHandle()


def test_on_open_is_called_once_per_build_opened(tmp_path, store, make_build):
    opened = []
    first = make_build(tmp_path, store)
    publish(tmp_path, first)
    handle = StoreHandle(root=tmp_path, on_open=opened.append)
    snapshot = handle.snapshot()
    handle.snapshot()
    assert [s.build for s in opened] == [first.resolve()] and opened[0] is snapshot
    second = make_build(tmp_path, _with_extra_project(store))
    publish(tmp_path, second)
    handle.snapshot()
    handle.snapshot()
    assert [s.build for s in opened] == [first.resolve(), second.resolve()]


def test_a_build_opened_by_the_app_has_its_project_listing_read_before_the_first_list_request(
        tmp_path, store, make_build, monkeypatch):
    import api.listing as listing
    import api.routes.projects as projects

    threads = []

    def read_soon(snapshot):
        threads.append(started := original(snapshot))
        return started

    original = projects.read_listing_soon
    monkeypatch.setattr(projects, "read_listing_soon", read_soon)
    build = make_build(tmp_path, store)
    publish(tmp_path, build)
    app = create_app(Settings(store=tmp_path))
    app.state.store_handle.snapshot()  # what the lifespan does when the server starts
    assert len(threads) == 1
    threads[0].join(timeout=60)
    held = listing._held.get(build.resolve())
    assert held is not None and len(held.rows) == 3  # the fixture's three projects, read by the thread
