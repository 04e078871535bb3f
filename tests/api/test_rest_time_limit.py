"""REST queries have the endpoint's time limit: on a build on disk a route's named queries run in the
query workers (api/deps.py), and one past ``INTERREG_KG_QUERY_TIMEOUT`` is stopped (its worker is
killed) and answered 503 with a message saying so, while other requests are answered meanwhile and
after. The slow query is a cross product of the hand-written fixture's triples, served by a route
this test adds to the app (the packaged queries are all quick on a store this small)."""

from __future__ import annotations

import threading
import time

import httpx
import psutil
import pytest

import queries
from api.deps import Queries, QueriesDep
from api.sparql.errors import QueryTimeoutError
from api.sparql.pool import QueryPool
from api.store import Snapshot
from ontology.settings import Settings
from ontology.storage import publish
from tests.sparql.conftest import LiveServer

LIMIT_S = 2.0
#: counting the rows of a 12-fold cross product of the store's triples: far longer than the limit
SLOW = queries.parse("# title: Slow\nSELECT (COUNT(*) AS ?n) WHERE { "
                     + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(12)) + " }", name="slow")


@pytest.fixture(scope="module")
def root(tmp_path_factory, store, make_build):
    folder = tmp_path_factory.mktemp("rest-limit") / "store"
    publish(folder, make_build(folder, store))
    return folder


@pytest.fixture(scope="module")
def live(root):
    """The app on the build, queries stopped after 2 s, two workers, a route running the slow query."""
    server = LiveServer(Settings(store=root, query_timeout=LIMIT_S, query_workers=2, response_cache_mb=0))

    @server.app.get("/api/slow-for-tests")
    def slow(reads: QueriesDep) -> dict:
        return {"n": reads.run(SLOW).values()[0]["n"]}

    with server:
        assert httpx.get(f"{server.url}/api/projects/agir", timeout=60).status_code == 200  # workers are up
        yield server


def test_a_rest_query_past_the_limit_is_stopped_and_answered_503(live):
    outcome: dict = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["response"] = httpx.get(f"{live.url}/api/slow-for-tests", timeout=60)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)  # the slow query runs in a worker now
    pool = live.app.state.query_pool
    busy = set(pool.pids)
    quick = httpx.get(f"{live.url}/api/projects/agir", timeout=30)
    assert quick.status_code == 200 and quick.json()["acronym"] == "AGIR"
    assert "response" not in outcome, "the quick request must be answered while the slow one still runs"
    thread.join(timeout=30)
    response, seconds = outcome["response"], outcome["seconds"]
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    detail = response.json()["detail"]
    assert "longer than the limit of 2 s" in detail and "INTERREG_KG_QUERY_TIMEOUT" in detail
    assert response.json()["instance"] == "/api/slow-for-tests"
    assert LIMIT_S <= seconds < LIMIT_S + 10, seconds
    killed = busy - set(pool.pids)
    assert pool.killed >= 1 and killed, "the worker that ran the slow query was replaced"
    for pid in killed:  # its work really stopped: the process is gone
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    after = httpx.get(f"{live.url}/api/partners/medway-council", timeout=30)
    assert after.status_code == 200 and after.json()["name"]


def test_every_read_route_runs_its_queries_in_the_workers(live, monkeypatch):
    """No route but the project list reads the store in the server's own process: with the in-process
    path refused, each answers from the workers (which a test's monkeypatch does not reach). The list
    pages a per-build listing it reads once in the server (api/listing.py)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a REST query ran in the server process")

    monkeypatch.setattr(queries, "run", refuse)
    for path in ("/api/projects/agir", "/api/partners", "/api/partners?country=GB&city=Amiens", "/api/partners/medway-council", "/api/programmes",
                 "/api/programmes/iv-a", "/api/target-groups", "/api/themes", "/api/stats", "/api/queries/counts",
                 "/"):
        answer = httpx.get(f"{live.url}{path}", timeout=30)
        assert answer.status_code == 200, (path, answer.text)


def test_a_parameter_error_still_answers_400_from_the_server(live):
    answer = httpx.get(f"{live.url}/api/queries/lead_partners_by_country", params={"country": "FRANCE"}, timeout=30)
    assert answer.status_code == 400 and "country" in answer.json()["detail"]


def test_the_runner_stops_a_slow_batch_and_its_worker(root):
    pool = QueryPool(1, timeout=1.0)
    try:
        from ontology.storage import current_build

        reads = Queries(Snapshot.of(__import__("pyoxigraph").Store.read_only(str(current_build(root))),
                                    current_build(root)), pool)
        assert reads.run("counts").values()[0]["projects"] == 3
        first = set(pool.pids)
        with pytest.raises(QueryTimeoutError, match="longer than the limit of 1 s"):
            reads.run_many([("counts", None, None, 0), (SLOW, None, None, 0)])
        assert pool.killed == 1 and set(pool.pids).isdisjoint(first)
        assert reads.run("counts").values()[0]["projects"] == 3  # a fresh worker answers
    finally:
        pool.close()


def test_a_client_that_goes_away_has_its_query_stopped(root):
    """With a limit far away (60 s), closing the connection is what stops the slow query's worker."""
    import socket

    server = LiveServer(Settings(store=root, query_timeout=60, query_workers=2, response_cache_mb=0))

    @server.app.get("/api/slow-for-tests")
    def slow(reads: QueriesDep) -> dict:
        return {"n": reads.run(SLOW).values()[0]["n"]}

    with server:
        assert httpx.get(f"{server.url}/api/projects/agir", timeout=60).status_code == 200
        pool = server.app.state.query_pool
        before = set(pool.pids)
        with socket.create_connection(("127.0.0.1", server.port)) as client:
            client.sendall(b"GET /api/slow-for-tests HTTP/1.1\r\nHost: test\r\n\r\n")
            time.sleep(1.0)  # the slow query runs in a worker now
            assert pool.cancelled == 0
        deadline = time.monotonic() + 20
        while pool.cancelled == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (pool.cancelled, pool.killed) == (1, 0), "the worker of the abandoned request was not stopped"
        gone = before - set(pool.pids)
        assert len(gone) == 1
        for pid in gone:
            assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
        assert httpx.get(f"{server.url}/api/projects/agir", timeout=30).status_code == 200
