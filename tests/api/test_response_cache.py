"""The per-build response cache (api/response_cache.py): a hit gives the same bytes and headers without
running the route; a new build misses; personal data, no-store answers and errors are never kept; 304
still works; the byte bound evicts; 0 MB turns it off; a store in memory is never cached."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from api.deps import Queries
from api.main import create_app
from api.response_cache import LRU
from ontology.namespaces import IRG, document_graph
from ontology.settings import Settings
from ontology.storage import contacts_store_path, publish
from tests.support.asgi_client import Client


def _published(root, store, contacts, make_build):
    build = make_build(root, store)
    disk = Store(str(contacts_store_path(build)))
    disk.bulk_extend(contacts.quads_for_pattern(None, None, None, None))
    disk.flush()
    del disk
    publish(root, build)
    return build


@pytest.fixture
def served(tmp_path, store, contacts, make_build):
    """A client of an app serving an on-disk build of the fixture (with its contacts store)."""
    _published(tmp_path, store, contacts, make_build)
    app = create_app(Settings(store=tmp_path))
    return Client(app), app.state.response_cache


def _failing(*args, **kwargs):
    raise AssertionError("the route ran: the answer was not served from the cache")


def test_a_hit_gives_the_same_bytes_and_headers_without_running_the_route(served, monkeypatch):
    client, cache = served
    first = client.get("/api/projects/agir")
    assert first.status_code == 200 and (cache.misses, cache.hits, len(cache)) == (1, 0, 1)
    monkeypatch.setattr(Queries, "run_many_async", _failing)  # the project route's queries go through it
    second = client.get("/api/projects/agir")
    assert (cache.hits, second.status_code) == (1, 200)
    assert second.content == first.content and list(second.headers.items()) == list(first.headers.items())
    assert second.json()["acronym"] == "AGIR" and second.headers["etag"] == first.headers["etag"]


def test_the_request_headers_the_stack_varies_on_are_part_of_the_key(served):
    client, cache = served
    plain = client.get("/api/projects", headers={"accept-encoding": "identity"})
    zipped = client.get("/api/projects", headers={"accept-encoding": "gzip"})
    linked = client.get("/api/projects", headers={"accept": "application/ld+json", "accept-encoding": "identity"})
    cors = client.get("/api/projects", headers={"origin": "https://example.org", "accept-encoding": "identity"})
    assert len(cache) == 4 and cache.hits == 0
    assert "content-encoding" not in plain.headers and zipped.headers["content-encoding"] == "gzip"
    assert zipped.json() == plain.json()
    assert linked.headers["content-type"] == "application/ld+json" and "@context" in linked.json()
    assert cors.headers["access-control-allow-origin"] == "*" and "access-control-allow-origin" not in plain.headers
    again = client.get("/api/projects", headers={"accept": "application/ld+json", "accept-encoding": "identity"})
    assert cache.hits == 1 and again.content == linked.content
    assert again.headers["content-type"] == "application/ld+json"


def test_a_new_build_misses(tmp_path, store, contacts, make_build):
    _published(tmp_path, store, contacts, make_build)
    app = create_app(Settings(store=tmp_path))
    client, cache = Client(app), app.state.response_cache
    assert client.get("/api/projects").json()["count"] == 3
    assert client.get("/api/projects").json()["count"] == 3 and cache.hits == 1
    bigger = Store()
    bigger.bulk_extend(store.quads_for_pattern(None, None, None, None))
    extra, graph = NamedNode("https://w3id.org/interreg-kg/id/project/extra"), NamedNode(document_graph("d999"))
    bigger.add(Quad(extra, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(IRG + "Project"),
                    graph))
    bigger.add(Quad(extra, NamedNode(IRG + "acronym"), Literal("EXTRA"), graph))
    _published(tmp_path, bigger, contacts, make_build)
    answer = client.get("/api/projects")
    assert answer.json()["count"] == 4 and cache.hits == 1 and cache.misses == 2


def test_personal_data_is_never_kept(served):
    client, cache = served
    contact = "/id/project/agir/participation/medway-council/contact/d001"
    assert client.get(contact).status_code == 404 and len(cache) == 0
    client.app.state.personal_data = True
    for _ in range(2):
        served = client.get(contact, headers={"accept": "application/n-triples"})
        assert served.status_code == 200 and "mailto:fawad.bhatti@medway.gov.uk" in served.text
    for _ in range(2):
        contacts = client.get("/api/projects/agir/contacts")
        assert contacts.status_code == 200 and contacts.headers["cache-control"] == "private, no-store"
        assert contacts.json()["count"] > 0
        described = client.get("/id/project/agir", headers={"accept": "text/turtle"})
        assert described.status_code == 200
    assert len(cache) == 0 and cache.hits == 0


def test_errors_are_not_kept(served):
    client, cache = served
    for _ in range(2):
        assert client.get("/api/projects/no-such-project").status_code == 404
        assert client.get("/api/projects/agir/contacts").status_code == 403  # personal data is off
        assert client.get("/api/projects", params={"country": "Belgium"}).status_code in (400, 422)
    assert len(cache) == 0 and cache.hits == 0


def test_304_still_works_and_is_kept_per_validator(served):
    client, cache = served
    tag = client.get("/api/projects/agir").headers["etag"]
    for _ in range(2):
        unchanged = client.get("/api/projects/agir", headers={"if-none-match": tag})
        assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == tag
    assert cache.hits == 1
    other = client.get("/api/projects/agir", headers={"if-none-match": 'W/"something-else"'})
    assert other.status_code == 200 and other.headers["etag"] == tag and other.json()["acronym"] == "AGIR"


def test_head_and_get_are_kept_apart(served):
    client, cache = served
    got = client.get("/api/projects/agir")
    head = client.head("/api/projects/agir")
    head_again = client.head("/api/projects/agir")
    assert head.status_code == head_again.status_code == 200 and head_again.content == b""
    assert got.content and head_again.headers["etag"] == got.headers["etag"] and cache.hits == 1


def test_the_bounds_evict_the_least_recently_used(served):
    client, cache = served
    client.get("/api/projects/agir")
    one = cache.bytes
    cache.max_entries = 2
    client.get("/api/projects/sam-eurometropool")
    client.get("/api/projects/conmiixt")
    assert len(cache) == 2 and cache.bytes <= cache.max_bytes
    client.get("/api/projects/conmiixt")
    client.get("/api/projects/agir")  # evicted first: worked out again
    assert cache.hits == 1 and cache.misses == 4
    cache.clear()
    cache.max_bytes = 4 * one  # an answer over an eighth of the bound is not kept
    client.get("/api/projects/agir")
    assert len(cache) == 0 and cache.bytes == 0


def test_the_lru_bounds_entries_and_bytes():
    lru = LRU(max_bytes=100, max_entries=3)
    for i in range(5):
        lru.put(i, 10, str(i))
    assert len(lru) == 3 and lru.get(0) is None and lru.get(4) == "4" and lru.bytes == 30
    lru.put("big", 101, "x")
    assert lru.get("big") is None and len(lru) == 3
    lru.put("wide", 90, "w")  # 120 bytes: the two least recently used (2, then 3) go; 4 was just read
    assert len(lru) == 2 and lru.bytes == 100 and lru.get("wide") == "w" and lru.get(4) == "4"
    assert lru.get(3) is None and lru.get(2) is None


def test_zero_megabytes_turns_it_off(tmp_path, store, contacts, make_build):
    _published(tmp_path, store, contacts, make_build)
    app = create_app(Settings(store=tmp_path, response_cache_mb=0))
    client = Client(app)
    assert client.get("/api/projects/agir").status_code == client.get("/api/projects/agir").status_code == 200
    assert len(app.state.response_cache) == 0 and app.state.response_cache.hits == 0
    assert Settings.from_env({"INTERREG_KG_RESPONSE_CACHE_MB": "0"}).response_cache_mb == 0
    assert Settings.from_env({}).response_cache_mb == 64
    with pytest.raises(ValueError, match="INTERREG_KG_RESPONSE_CACHE_MB"):
        Settings.from_env({"INTERREG_KG_RESPONSE_CACHE_MB": "-1"})


def test_a_store_given_in_memory_is_never_cached(store, contacts):
    app = create_app(store=store, contacts=contacts)
    client = Client(app)
    assert client.get("/api/projects").json()["count"] == 3
    assert client.get("/api/projects").json()["count"] == 3
    assert len(app.state.response_cache) == 0 and app.state.response_cache.misses == 0


def test_sparql_is_not_cached(served):
    client, cache = served
    for _ in range(2):
        answer = client.get("/sparql", params={"query": "SELECT (1 AS ?x) WHERE {}"},
                            headers={"accept": "application/sparql-results+json"})
        assert answer.status_code == 200
    assert len(cache) == 0


def test_identical_requests_at_once_run_the_route_once(served, monkeypatch):
    client, cache = served
    runs = []
    original = Queries.run_many_async

    async def counting(self, batch, *args, **kwargs):
        runs.append(batch)
        return await original(self, batch, *args, **kwargs)

    monkeypatch.setattr(Queries, "run_many_async", counting)  # the project route runs its queries as one batch

    async def burst():
        transport = httpx.ASGITransport(app=client.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await asyncio.gather(*(http.get("/api/projects/agir") for _ in range(4)))

    answers = asyncio.run(burst())
    assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1
    assert len(runs) == 1 and (cache.misses, cache.hits) == (1, 3)
