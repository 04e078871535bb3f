"""The answer descriptor of a worker stays watched by the event loop between queries (no registration
per query), a thread's query on the same worker in between is read by the thread, and a worker that
died while idle is found by the job it refuses and replaced, on both paths, without the loop spinning
on its closed pipe."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time

import pytest

from api.sparql.execute import Job
from api.sparql.pool import QueryPool
from ontology.storage import current_build
from tests.sparql.conftest import DOCUMENT_GRAPH


def _job(query: str, accept: str | None = "text/csv") -> Job:
    return Job(query, (DOCUMENT_GRAPH,), (DOCUMENT_GRAPH,), accept)


@pytest.fixture
def build(contacts_root):
    return current_build(contacts_root)


def test_the_loop_keeps_watching_a_worker_between_queries_and_a_thread_reads_its_own_answer(build):
    pool = QueryPool(size=1, timeout=10)

    async def scenario() -> list[bytes]:
        loop = asyncio.get_running_loop()
        bodies = [(await pool.run_async(build, _job("ASK {}"))).body]
        (worker,) = pool._workers
        assert worker.loop is loop and worker.on_reply is None  # still watched, no one waiting
        # a thread's query on the same worker while the loop runs: the thread reads the answer
        bodies.append((await loop.run_in_executor(None, pool.run, build, _job("SELECT ?o WHERE { ?s ?p ?o }"))).body)
        await asyncio.sleep(0.05)
        bodies += [(await pool.run_async(build, _job("ASK { ?s ?p ?o }"))).body for _ in range(3)]
        assert worker.loop is loop and pool._workers == [worker]
        return bodies

    try:
        assert asyncio.run(scenario()) == [b"true", b"o\r\nPublic project\r\n", b"true", b"true", b"true"]
        assert pool.killed == pool.cancelled == 0
    finally:
        pool.close()


def test_a_worker_that_died_idle_under_the_loop_is_replaced_and_not_spun_on(build):
    pool = QueryPool(size=1, timeout=10)

    async def scenario() -> bytes:
        await pool.run_async(build, _job("ASK {}"))
        (worker,) = pool._workers
        os.kill(worker.pid, signal.SIGKILL)
        started = time.thread_time()
        await asyncio.sleep(0.5)  # its closed pipe is readable: the loop must stop watching it
        assert time.thread_time() - started < 0.25, "the event loop spun on a dead worker's pipe"
        assert worker.loop is None
        answer = await pool.run_async(build, _job("ASK {}"))  # refused by the dead one, taken by its replacement
        assert pool._workers != [worker] and worker.pid not in pool.pids
        return answer.body

    try:
        assert asyncio.run(scenario()) == b"true"
        assert pool.killed == pool.cancelled == 0
    finally:
        pool.close()


def test_a_worker_killed_from_a_thread_while_the_loop_watches_it_is_unwatched_on_the_loop(build):
    pool = QueryPool(size=1, timeout=10)

    async def scenario() -> bytes:
        loop = asyncio.get_running_loop()
        await pool.run_async(build, _job("ASK {}"))
        (worker,) = pool._workers
        killer = threading.Thread(target=pool._replace, args=(worker,))
        killer.start()
        killer.join()
        await asyncio.sleep(0.05)  # the loop's thread unwatches it, then its pipe closes
        assert worker.loop is None and worker.recv.closed
        assert pool._workers and pool._workers[0] is not worker and loop.is_running()
        return (await pool.run_async(build, _job("ASK {}"))).body

    try:
        assert asyncio.run(scenario()) == b"true"
    finally:
        pool.close()
