"""The SPARQL endpoints follow the design of the contacts store (docs/decisions/0006-contacts-store.md):
``/sparql`` reads the build's public store only, whatever the personal-data switch says, so no query
of it reaches a contact detail; ``/sparql/contacts`` serves the contacts store over the same protocol
only when the switch is on (403 otherwise), with every form of dataset.

The stores are written here (the loader refuses contacts graphs from files): one document graph in
the public store, one contacts graph in the contacts store. Queries go through the ASGI app in
process (no worker pool for a store in memory), and through the workers for a build on disk.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from api.main import create_app
from api.privacy import graph_admitted
from api.store import MixedStoreError
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, DOCUMENT_GRAPH_PREFIX

EX = "http://example.org/interreg-kg-tests/"
NAME = "Jeanne Exemple"
CONTACTS = CONTACTS_GRAPH_PREFIX + "d900"
DOCUMENT = DOCUMENT_GRAPH_PREFIX + "d900"
FN = "http://www.w3.org/2006/vcard/ns#fn"
PUBLIC_QUAD = Quad(NamedNode(EX + "project/1"), NamedNode(EX + "title"), Literal("Public project"), NamedNode(DOCUMENT))
CONTACT_QUAD = Quad(NamedNode(EX + "person/1"), NamedNode(FN), Literal(NAME), NamedNode(CONTACTS))


def _stores() -> tuple[Store, Store]:
    public, contacts = Store(), Store()
    public.add(PUBLIC_QUAD)
    contacts.add(CONTACT_QUAD)
    return public, contacts


def _get(app, path: str = "/sparql", **params) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get(path, params=params, headers={"Accept": "application/sparql-results+json"})

    return asyncio.run(send())


@pytest.fixture(scope="module")
def apps():
    public, contacts = _stores()
    closed, opened = create_app(store=public, contacts=contacts), create_app(store=public, contacts=contacts)
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
ALL_FORMS = [NAME_IN_DEFAULT, NAME_IN_NAMED, NAME_FROM, NAME_FROM_NAMED]


@pytest.mark.parametrize("personal", [False, True])
@pytest.mark.parametrize("query", ALL_FORMS)
def test_no_query_of_sparql_reaches_the_contacts_whatever_the_switch(apps, personal, query):
    assert NAME not in _values(_get(apps[personal], query=query))


@pytest.mark.parametrize("query", ALL_FORMS)
def test_off_the_contacts_endpoint_is_forbidden(apps, query):
    refused = _get(apps[False], "/sparql/contacts", query=query)
    assert refused.status_code == 403 and NAME not in refused.text
    assert "INTERREG_KG_PERSONAL_DATA" in refused.json()["detail"]


@pytest.mark.parametrize("query", ALL_FORMS)
def test_on_every_form_of_the_contacts_dataset_holds_the_contacts(apps, query):
    assert NAME in _values(_get(apps[True], "/sparql/contacts", query=query))


def test_each_endpoint_lists_its_own_graphs(apps):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _values(_get(apps[True], query=query)) == {DOCUMENT}
    assert _values(_get(apps[False], query=query)) == {DOCUMENT}
    assert _values(_get(apps[True], "/sparql/contacts", query=query)) == {CONTACTS}


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_protocol_parameters_naming_contacts(apps, param):
    query = NAME_IN_DEFAULT if param == "default-graph-uri" else NAME_IN_NAMED
    for personal in (False, True):  # never on /sparql
        refused = _get(apps[personal], query=query, **{param: CONTACTS})
        assert refused.status_code == 403 and "contact" in refused.text and NAME not in refused.text
    assert NAME in _values(_get(apps[True], "/sparql/contacts", query=query, **{param: CONTACTS}))


def test_a_public_graph_parameter_narrows_the_contacts_endpoint(apps):
    narrowed = _get(apps[True], "/sparql/contacts", query=NAME_IN_DEFAULT, **{"default-graph-uri": DOCUMENT})
    assert NAME not in _values(narrowed)


def test_the_single_decision_point():
    assert not graph_admitted(CONTACTS, False) and graph_admitted(CONTACTS, True)
    assert graph_admitted(DOCUMENT, False)


def test_a_public_store_holding_contacts_graphs_is_refused():
    public, contacts = _stores()
    public.add(CONTACT_QUAD)  # as a build made before the contacts store had them
    with pytest.raises(MixedStoreError):
        create_app(store=public)


@pytest.mark.parametrize("personal", [False, True])
def test_the_worker_pool_of_a_published_build_follows_the_design(tmp_path, personal):
    """Queries over a build on disk run in worker processes: /sparql reads the public store, and
    /sparql/contacts the contacts store only when the switch is on."""
    from ontology.settings import Settings
    from ontology.storage import contacts_store_path, new_build_dir, publish

    root = tmp_path / "store"
    build = new_build_dir(root)
    for path, quad in ((build, PUBLIC_QUAD), (contacts_store_path(build), CONTACT_QUAD)):
        store = Store(str(path))
        store.add(quad)
        store.flush()
        del store
    publish(root, build)
    app = create_app(Settings(store=root))
    app.state.personal_data = personal
    try:
        assert "Public project" in _values(_get(app, query="SELECT ?t WHERE { ?s ?p ?t }"))
        assert NAME not in _values(_get(app, query=NAME_IN_DEFAULT))
        contacts = _get(app, "/sparql/contacts", query=NAME_IN_DEFAULT)
        if personal:
            assert NAME in _values(contacts)
        else:
            assert contacts.status_code == 403 and NAME not in contacts.text
    finally:
        app.state.query_pool.close()


def test_the_service_descriptions_list_the_graphs_of_their_store(apps):
    async def describe(app, path: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get(path, headers={"Accept": "text/turtle"})

    for personal in (False, True):
        public = asyncio.run(describe(apps[personal], "/sparql"))
        assert public.status_code == 200 and CONTACTS not in public.text and DOCUMENT in public.text
        assert "UnionDefaultGraph" in public.text
    assert asyncio.run(describe(apps[False], "/sparql/contacts")).status_code == 403
    contacts = asyncio.run(describe(apps[True], "/sparql/contacts"))
    assert contacts.status_code == 200 and CONTACTS in contacts.text and DOCUMENT not in contacts.text
