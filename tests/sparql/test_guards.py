"""The endpoint cannot be brought down or turned against others: time limit, row limit, body limit, SERVICE."""

from __future__ import annotations

import threading
import time

import httpx
import psutil
import pytest

from ontology.settings import Settings
from tests.sparql.conftest import PROTOCOL_GRAPHS, Listener, LiveServer

#: a cross product of 24 copies of the store's triples: more rows to count than the universe has time
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(24)) + " }"
TRIPLES = sum(len(t) for t in PROTOCOL_GRAPHS.values())
ALL_ROWS = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'http://kasei') || CONTAINS(STR(?g), 'example')) }"


LIMIT_S = 3.0


@pytest.fixture(scope="module")
def short_server(protocol_root):
    """Queries stopped after 3 s, results cut at 2 rows, two workers."""
    with LiveServer(Settings(store=protocol_root, query_timeout=LIMIT_S, max_rows=2, query_workers=2)) as live:
        httpx.get(f"{live.url}/sparql", params={"query": "ASK {}"}, timeout=60)  # the workers are up
        yield live


def test_a_query_that_would_run_for_hours_is_stopped_while_others_are_answered(short_server):
    outcome: dict = {}

    def endless() -> None:
        started = time.monotonic()
        outcome["response"] = httpx.get(f"{short_server.url}/sparql", params={"query": ENDLESS}, timeout=60)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=endless)
    thread.start()
    time.sleep(0.5)  # the endless query is running in a worker now
    pool = short_server.app.state.query_pool
    busy_pids = set(pool.pids)
    assert busy_pids, "a worker runs the endless query"
    quick = httpx.get(f"{short_server.url}/sparql", params={"query": "ASK {}"}, timeout=30)
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert "response" not in outcome, "the quick query must be answered while the endless one still runs"
    thread.join(timeout=30)
    response, seconds = outcome["response"], outcome["seconds"]
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "longer than the limit of 3 s" in response.json()["detail"]
    assert LIMIT_S <= seconds < LIMIT_S + 10, seconds
    assert pool.killed >= 1
    killed = busy_pids - set(pool.pids)
    assert killed, "the worker that ran the endless query was replaced"
    for pid in killed:  # its work really stopped: the process is gone
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    after = httpx.get(f"{short_server.url}/sparql", params={"query": "ASK {}"}, timeout=30)
    assert after.status_code == 200


def test_rows_are_cut_at_the_limit_and_the_response_says_so(short_server):
    cut = httpx.get(f"{short_server.url}/sparql", params={"query": ALL_ROWS}, timeout=30)
    assert cut.status_code == 200
    assert len(cut.json()["results"]["bindings"]) == 2
    assert cut.headers["interreg-kg-truncated"] == "2"
    as_csv = httpx.get(f"{short_server.url}/sparql", params={"query": ALL_ROWS}, headers={"Accept": "text/csv"})
    assert len(as_csv.text.strip().splitlines()) == 3 and as_csv.headers["interreg-kg-truncated"] == "2"
    graph = httpx.get(f"{short_server.url}/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }",
                                                            "default-graph-uri": list(PROTOCOL_GRAPHS)},
                      headers={"Accept": "application/n-triples"})
    assert len(graph.text.strip().splitlines()) == 2 and graph.headers["interreg-kg-truncated"] == "2"


def test_a_result_within_the_limit_is_not_marked(short_server):
    response = httpx.get(f"{short_server.url}/sparql", params={"query": ALL_ROWS + " LIMIT 2"})
    assert len(response.json()["results"]["bindings"]) == 2
    assert "interreg-kg-truncated" not in response.headers


def test_the_truncation_header_is_visible_to_browsers(short_server):
    response = httpx.get(f"{short_server.url}/sparql", params={"query": ALL_ROWS},
                         headers={"Origin": "https://example.org"})
    assert "interreg-kg-truncated" in response.headers["access-control-expose-headers"].lower()


def test_bodies_over_a_megabyte_are_refused(protocol_server):
    big = b"ASK {}" + b" " * 1_000_001
    response = httpx.post(f"{protocol_server.url}/sparql", content=big,
                          headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    as_form = httpx.post(f"{protocol_server.url}/sparql", data={"query": "ASK {}" + " " * 1_000_001})
    assert as_form.status_code == 413

    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(11):
            yield b" " * 100_000
    chunked = httpx.post(f"{protocol_server.url}/sparql", content=chunks(),
                         headers={"Content-Type": "application/sparql-query"})
    assert chunked.status_code == 413
    just_under = httpx.post(f"{protocol_server.url}/sparql", content=b"ASK {}" + b" " * 900_000,
                            headers={"Content-Type": "application/sparql-query"})
    assert just_under.status_code == 200


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX far: <{base}> SELECT * WHERE {{ SERVICE far:sparql {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <{escaped}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE<{url}>{{ ?s ?p ?o }} }} }}",
    "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
])
def test_a_service_call_is_refused_and_nothing_leaves(protocol_server, listener, template):
    base = listener.url.rsplit("/", 1)[0] + "/"
    query = template.format(url=listener.url, base=base, escaped=listener.url.replace("sparql", "sp\\u0061rql"))
    response = httpx.post(f"{protocol_server.url}/sparql", data={"query": query}, timeout=30)
    assert response.status_code == 403, response.text
    assert "INTERREG_KG_SERVICE_ALLOW" in response.json()["detail"]
    time.sleep(0.3)
    assert listener.connections == 0 and listener.requests == []


def test_an_allowed_endpoint_is_really_called(protocol_root):
    with Listener() as remote, Listener() as other:
        settings = Settings(store=protocol_root, service_allow=(remote.url,))
        with LiveServer(settings) as live:
            query = f"SELECT ?remote WHERE {{ SERVICE <{remote.url}> {{ ?s ?p ?remote }} }}"
            response = httpx.get(f"{live.url}/sparql", params={"query": query}, timeout=30)
            assert response.status_code == 200, response.text
            assert [b["remote"]["value"] for b in response.json()["results"]["bindings"]] == ["from afar"]
            assert len(remote.requests) == 1 and remote.requests[0].startswith(b"POST /sparql ")
            refused = httpx.get(f"{live.url}/sparql", params={
                "query": f"SELECT * WHERE {{ SERVICE <{other.url}> {{ ?s ?p ?o }} }}"}, timeout=30)
            assert refused.status_code == 403
            description = httpx.get(f"{live.url}/sparql").text
            assert "BasicFederatedQuery" in description
        time.sleep(0.3)
        assert other.connections == 0


def test_the_allow_list_setting_takes_absolute_iris_only():
    env = {"INTERREG_KG_SERVICE_ALLOW": " https://a.example/sparql , http://b.example/q "}
    assert Settings.from_env(env).service_allow == ("https://a.example/sparql", "http://b.example/q")
    assert Settings.from_env({}).service_allow == ()
    with pytest.raises(ValueError, match="INTERREG_KG_SERVICE_ALLOW"):
        Settings.from_env({"INTERREG_KG_SERVICE_ALLOW": "query.wikidata.org/sparql"})
