"""The short path (``api.sparql.short_path``): queries reach the SPARQL routes' function without the
router and the REST layers, with the app's CORS, gzip and error answers; everything else goes on
through the app."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from api.main import create_app
from api.sparql.short_path import takes
from tests.support.asgi_client import Client

EX = "http://example.org/short-path/"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    store.extend(Quad(NamedNode(f"{EX}s{i}"), NamedNode(f"{EX}title"), Literal(f"title number {i}"), NamedNode(EX + "g"))
                 for i in range(60))
    return store


@pytest.fixture
def client(store) -> Client:
    return Client(create_app(store=store))


def _scope(method: str, path: str, query_string: bytes = b"", root_path: str = "") -> dict:
    return {"type": "http", "method": method, "path": path, "query_string": query_string, "root_path": root_path}


@pytest.mark.parametrize(("scope", "taken"), [
    (_scope("POST", "/sparql"), "/sparql"),
    (_scope("POST", "/sparql/contacts"), "/sparql/contacts"),
    (_scope("GET", "/sparql", b"query=ASK%20%7B%7D&default-graph-uri=x"), "/sparql"),
    (_scope("GET", "/sparql", b"update=DROP%20ALL"), "/sparql"),
    (_scope("GET", "/base/sparql", b"query=ASK%7B%7D", root_path="/base"), "/sparql"),
    (_scope("GET", "/sparql"), None),  # the service description or the editor page
    (_scope("GET", "/sparql", b"queryx=1&named-graph-uri=query"), None),  # "query" only inside other names
    (_scope("HEAD", "/sparql", b"query=ASK%7B%7D"), None),
    (_scope("OPTIONS", "/sparql"), None),  # CORS preflight
    (_scope("POST", "/sparql/"), None),
    (_scope("GET", "/api/projects", b"query=x"), None),
    ({"type": "websocket", "path": "/sparql"}, None),
])
def test_only_protocol_queries_take_the_short_path(scope, taken):
    assert takes(scope) == taken


def test_queries_are_answered_without_the_router(store):
    app = create_app(store=store)
    app.router.routes = []  # no route at all: only the short path can answer
    client = Client(app)
    answer = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert client.get("/sparql", headers={"Accept": "text/turtle"}).status_code == 404  # the description is a route


def test_answers_carry_the_apps_cors_and_gzip(client):
    response = client.post("/sparql", data={"query": ALL}, headers={
        "Origin": "https://yasgui.org", "Accept-Encoding": "gzip", "Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "interreg-kg-truncated" in response.headers["access-control-expose-headers"].lower()
    assert response.headers["content-encoding"] == "gzip" and "accept-encoding" in response.headers["vary"].lower()
    assert len(response.text.splitlines()) == 61
    plain = client.post("/sparql", data={"query": ALL}, headers={"Accept": "text/csv", "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and "access-control-allow-origin" not in plain.headers
    assert plain.text == response.text


def test_a_large_answer_is_gzipped_whole_and_a_small_one_not_at_all(client):
    large = ALL.replace("}", "VALUES ?n { " + " ".join(map(str, range(100))) + " } }")  # 6,000 rows
    zipped = client.post("/sparql", data={"query": large}, headers={"Accept-Encoding": "gzip"})
    plain = client.post("/sparql", data={"query": large}, headers={"Accept-Encoding": "identity"})
    assert len(plain.content) > 128 * 1024 and zipped.headers["content-encoding"] == "gzip"
    assert int(zipped.headers["content-length"]) < len(plain.content) / 5
    assert zipped.json() == plain.json() and len(plain.json()["results"]["bindings"]) == 6000
    assert "accept-encoding" in plain.headers["vary"].lower()
    small = client.post("/sparql", data={"query": "ASK {}"}, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers and "accept-encoding" not in small.headers.get("vary", "").lower()


@pytest.mark.parametrize(("request_args", "status"), [
    ({"data": {"query": "SELEKT nothing"}}, 400),
    ({"data": {"update": "DROP ALL"}}, 403),
    ({"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
    ({"data": {"query": ALL}, "headers": {"Accept": "image/png"}}, 406),
])
def test_errors_are_the_apps_problem_documents(client, request_args, status):
    response = client.post("/sparql", **request_args)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["instance"] == "/sparql" and body["detail"]


def test_an_error_without_a_handler_is_a_server_error(store, monkeypatch):
    async def broken(request, contacts):
        raise RuntimeError("boom")

    monkeypatch.setattr("api.routes.sparql.protocol_response", broken)
    app = create_app(store=store)

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await http.post("/sparql", data={"query": "ASK {}"})

    assert asyncio.run(send()).status_code == 500


@pytest.mark.parametrize(("scheme", "server", "path", "host"), [
    ("http", ("127.0.0.1", 8000), "/sparql", b"example.org:8080"),
    ("https", ("127.0.0.1", 443), "/sparql", None),
    ("http", ("::1", 8000), "/sp?ar#ql", b"not a host"),
])
def test_the_base_iri_is_the_request_url_without_its_query(scheme, server, path, host):
    from starlette.requests import Request

    from api.routes.sparql import _endpoint_url

    scope = {"type": "http", "scheme": scheme, "server": server, "path": path, "query_string": b"query=ASK%7B%7D",
             "headers": [] if host is None else [(b"host", host)]}
    assert _endpoint_url(Request(scope)) == str(Request(scope).url.replace(query="")) != ""
