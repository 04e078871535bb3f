"""The SPARQL endpoint follows the personal-data switch of api.privacy: off (the default) the contacts
graphs are outside every dataset; on, they are in the default graph union, among the named graphs,
and may be named by default-graph-uri, named-graph-uri and FROM.

The store is written here (the loader refuses contacts graphs from files): one document graph, one
contacts graph. Queries go through the ASGI app in process (no worker pool for an in-memory store).
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from api.main import create_app
from api.privacy import dataset_graphs, graph_admitted
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, DOCUMENT_GRAPH_PREFIX

EX = "http://example.org/interreg-kg-tests/"
NAME = "Jeanne Exemple"
CONTACTS = CONTACTS_GRAPH_PREFIX + "d900"
DOCUMENT = DOCUMENT_GRAPH_PREFIX + "d900"
FN = "http://www.w3.org/2006/vcard/ns#fn"


def _store() -> Store:
    store = Store()
    store.extend([
        Quad(NamedNode(EX + "project/1"), NamedNode(EX + "title"), Literal("Public project"), NamedNode(DOCUMENT)),
        Quad(NamedNode(EX + "person/1"), NamedNode(FN), Literal(NAME), NamedNode(CONTACTS)),
    ])
    return store


def _get(app, **params) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/sparql", params=params,
                                    headers={"Accept": "application/sparql-results+json"})

    return asyncio.run(send())


@pytest.fixture(scope="module")
def apps():
    store = _store()
    closed, opened = create_app(store=store), create_app(store=store)
    closed.state.personal_data = False
    opened.state.personal_data = True
    return {False: closed, True: opened}


def _values(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return {cell["value"] for row in rows for cell in row.values()}


NAME_IN_DEFAULT = f"SELECT ?n WHERE {{ ?p <{FN}> ?n }}"
NAME_IN_NAMED = f"SELECT ?g ?n WHERE {{ GRAPH ?g {{ ?p <{FN}> ?n }} }}"
NAME_FROM = f"SELECT ?n FROM <{CONTACTS}> WHERE {{ ?p <{FN}> ?n }}"
NAME_FROM_NAMED = f"SELECT ?n FROM NAMED <{CONTACTS}> WHERE {{ GRAPH ?g {{ ?p <{FN}> ?n }} }}"


@pytest.mark.parametrize("query", [NAME_IN_DEFAULT, NAME_IN_NAMED, NAME_FROM, NAME_FROM_NAMED])
def test_off_no_query_reaches_the_contacts(apps, query):
    assert NAME not in _values(_get(apps[False], query=query))


@pytest.mark.parametrize("query", [NAME_IN_DEFAULT, NAME_IN_NAMED, NAME_FROM, NAME_FROM_NAMED])
def test_on_every_form_of_the_dataset_holds_the_contacts(apps, query):
    assert NAME in _values(_get(apps[True], query=query))


def test_on_the_contacts_graph_is_a_named_graph_beside_the_public_ones(apps):
    graphs = _values(_get(apps[True], query="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert graphs == {CONTACTS, DOCUMENT}
    assert _values(_get(apps[False], query="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")) == {DOCUMENT}


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_protocol_parameters_naming_contacts_follow_the_switch(apps, param):
    query = NAME_IN_DEFAULT if param == "default-graph-uri" else NAME_IN_NAMED
    refused = _get(apps[False], query=query, **{param: CONTACTS})
    assert refused.status_code == 403 and "contact" in refused.text
    assert NAME in _values(_get(apps[True], query=query, **{param: CONTACTS}))


def test_a_public_graph_parameter_still_narrows_when_on(apps):
    assert NAME not in _values(_get(apps[True], query=NAME_IN_DEFAULT, **{"default-graph-uri": DOCUMENT}))


def test_the_single_decision_point():
    public, contacts = [NamedNode(DOCUMENT)], [NamedNode(CONTACTS)]
    assert dataset_graphs(public, contacts, False) == (NamedNode(DOCUMENT),)
    assert set(dataset_graphs(public, contacts, True)) == {NamedNode(DOCUMENT), NamedNode(CONTACTS)}
    assert not graph_admitted(CONTACTS, False) and graph_admitted(CONTACTS, True)
    assert graph_admitted(DOCUMENT, False)


@pytest.mark.parametrize("personal", [False, True])
def test_the_worker_pool_of_a_published_build_follows_the_switch(tmp_path, personal):
    """Queries over a store on disk run in worker processes: the dataset they get follows the switch too."""
    from ontology.settings import Settings
    from ontology.storage import new_build_dir, publish

    root = tmp_path / "store"
    build = new_build_dir(root)
    store = Store(str(build))
    store.extend(_store())
    store.flush()
    del store
    publish(root, build)
    app = create_app(Settings(store=root))
    app.state.personal_data = personal
    try:
        assert (NAME in _values(_get(app, query=NAME_IN_DEFAULT))) is personal
    finally:
        app.state.query_pool.close()


def test_the_service_description_lists_the_graphs_the_switch_gives(apps):
    async def describe(app) -> str:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await client.get("/sparql", headers={"Accept": "text/turtle"})
            assert response.status_code == 200
            return response.text

    assert CONTACTS not in asyncio.run(describe(apps[False])) and DOCUMENT in asyncio.run(describe(apps[False]))
    assert CONTACTS in asyncio.run(describe(apps[True]))
