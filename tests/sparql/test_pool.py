"""The query worker pool on its own: answers, errors carried back, time limit, busy workers, crashes."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from api.errors import NotAcceptableError
from api.sparql.errors import QueryTimeoutError, WorkerCrashedError, WorkersBusyError
from api.sparql.execute import Job
from api.sparql.pool import QueryPool
from ontology.storage import current_build
from tests.sparql.conftest import DOCUMENT_GRAPH

# 2**40 rows to count (the build's public store holds one triple: the rows come from VALUES)
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?v{i} {{ 1 2 }}" for i in range(40)) + " }"


def _job(query: str, accept: str | None = None) -> Job:
    return Job(query, (DOCUMENT_GRAPH,), (DOCUMENT_GRAPH,), accept)


@pytest.fixture
def build(contacts_root):
    return current_build(contacts_root)


def test_answers_and_errors_come_back(build):
    pool = QueryPool(size=1, timeout=10)
    try:
        answer = pool.run(build, _job("SELECT ?o WHERE { ?s ?p ?o }", "text/csv"))
        assert answer.body.decode().splitlines() == ["o", "Public project"] and not answer.truncated
        with pytest.raises(SyntaxError):
            pool.run(build, _job("SELECT ?o WHERE {"))
        with pytest.raises(NotAcceptableError):
            pool.run(build, _job("ASK {}", "image/png"))
        assert len(pool.pids) == 1  # errors do not cost a worker
    finally:
        pool.close()
    assert pool.pids == []


def test_a_worker_is_killed_at_the_limit_and_replaced(build):
    pool = QueryPool(size=1, timeout=1)
    try:
        pool.run(build, _job("ASK {}"))
        first = pool.pids
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError):
            pool.run(build, _job(ENDLESS))
        assert 1.0 <= time.monotonic() - started < 10.0
        assert pool.killed == 1 and pool.pids != first
        assert bool(pool.run(build, _job("ASK {}")).body)
    finally:
        pool.close()


def test_busy_workers_refuse_after_the_limit(build):
    pool = QueryPool(size=1, timeout=1.5)
    try:
        pool.run(build, _job("ASK {}"))
        outcome = []

        def block() -> None:
            try:
                pool.run(build, _job(ENDLESS))
            except QueryTimeoutError as exc:
                outcome.append(exc)

        blocker = threading.Thread(target=block)
        blocker.start()
        time.sleep(0.3)
        pool.timeout = 0.5  # the next request waits at most 0.5 s for the one worker, busy for 1.2 s more
        started = time.monotonic()
        with pytest.raises(WorkersBusyError):
            pool.run(build, _job("ASK {}"))
        assert 0.5 <= time.monotonic() - started < 3.0
        blocker.join()
        assert len(outcome) == 1
    finally:
        pool.close()


def test_a_crashed_worker_is_replaced(build):
    pool = QueryPool(size=1, timeout=10)
    try:
        pool.run(build, _job("ASK {}"))
        (pid,) = pool.pids
        threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
        with pytest.raises(WorkerCrashedError):
            pool.run(build, _job(ENDLESS))
        assert pool.pids and pool.pids != [pid]
        assert pool.run(build, _job("ASK {}")).media_type.startswith("application/sparql-results+json")
    finally:
        pool.close()


def test_a_pool_needs_a_worker():
    with pytest.raises(ValueError):
        QueryPool(size=0)


def test_a_worker_that_died_while_idle_is_not_given_a_query(build):
    pool = QueryPool(size=1, timeout=10)
    try:
        pool.run(build, _job("ASK {}"))
        (pid,) = pool.pids
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
        assert pool.run(build, _job("ASK {}")).body  # answered by the replacement, no error
        assert pool.pids and pool.pids != [pid]
    finally:
        pool.close()
