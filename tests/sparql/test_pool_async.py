"""``QueryPool.run_async`` (the route's path, on the event loop) keeps ``run``'s contract: answers and
errors come back, the time limit kills and replaces the worker, busy workers refuse after the limit,
and sync and async callers share the workers. Also the bytes the pipes carry, and the keyword
pre-checks of ``api.sparql.text``."""

from __future__ import annotations

import asyncio
import os
import struct
import threading
import time

import pytest

from api.errors import NotAcceptableError
from api.sparql.errors import QueryTimeoutError, WorkersBusyError
from api.sparql.execute import Answer, Job
from api.sparql.pool import QueryPool, _ReplyReader
from api.sparql.text import dataset_clauses, service_endpoints
from api.sparql.worker import decode_answer, decode_job, encode_answer, encode_job
from ontology.storage import current_build
from tests.sparql.conftest import DOCUMENT_GRAPH
from tests.sparql.test_pool import ENDLESS


def _job(query: str, accept: str | None = None) -> Job:
    return Job(query, (DOCUMENT_GRAPH,), (DOCUMENT_GRAPH,), accept)


@pytest.fixture
def build(contacts_root):
    return current_build(contacts_root)


def test_answers_and_errors_come_back_on_the_event_loop(build):
    pool = QueryPool(size=1, timeout=10)

    async def scenario() -> None:
        answer = await pool.run_async(build, _job("SELECT ?o WHERE { ?s ?p ?o }", "text/csv"))
        assert answer.body.decode().splitlines() == ["o", "Public project"] and not answer.truncated
        with pytest.raises(SyntaxError):
            await pool.run_async(build, _job("SELECT ?o WHERE {"))
        with pytest.raises(NotAcceptableError):
            await pool.run_async(build, _job("ASK {}", "image/png"))

    try:
        asyncio.run(scenario())
        assert len(pool.pids) == 1
    finally:
        pool.close()


def test_many_concurrent_queries_share_two_workers(build):
    pool = QueryPool(size=2, timeout=10)

    async def scenario() -> list[Answer]:
        return await asyncio.gather(*(pool.run_async(build, _job("ASK { ?s ?p ?o }", "text/csv"))
                                      for _ in range(12)))

    try:
        answers = asyncio.run(scenario())
        assert [a.body for a in answers] == [b"true"] * 12
        assert len(pool.pids) == 2
    finally:
        pool.close()


def test_the_time_limit_kills_and_replaces_the_worker_on_the_event_loop(build):
    pool = QueryPool(size=1, timeout=1)
    try:
        pool.run(build, _job("ASK {}"))
        first = pool.pids
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError):
            asyncio.run(pool.run_async(build, _job(ENDLESS)))
        assert 1.0 <= time.monotonic() - started < 10.0
        assert pool.killed == 1 and pool.pids != first
        assert asyncio.run(pool.run_async(build, _job("ASK {}"))).body
    finally:
        pool.close()


def test_a_waiting_async_caller_gives_up_after_the_limit_and_the_worker_is_not_lost(build):
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
        pool.timeout = 0.5
        started = time.monotonic()
        with pytest.raises(WorkersBusyError):
            asyncio.run(pool.run_async(build, _job("ASK {}")))
        assert 0.5 <= time.monotonic() - started < 3.0
        blocker.join()
        assert len(outcome) == 1
        pool.timeout = 10
        assert pool.run(build, _job("ASK {}")).body  # the replacement went to the idle queue, not the gone waiter
    finally:
        pool.close()


def test_a_worker_freed_by_a_thread_goes_to_an_async_waiter(build):
    pool = QueryPool(size=1, timeout=10)
    try:
        pool.run(build, _job("ASK {}"))
        slow = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?v{i} {{ 1 2 }}" for i in range(18)) + " }"
        done = []
        thread = threading.Thread(target=lambda: done.append(pool.run(build, _job(slow))))

        async def scenario() -> Answer:
            thread.start()
            await asyncio.sleep(0.05)  # the thread holds the only worker
            return await pool.run_async(build, _job("ASK {}", "text/csv"))

        answer = asyncio.run(scenario())
        thread.join()
        assert answer.body == b"true" and len(done) == 1
    finally:
        pool.close()


def test_jobs_and_answers_cross_the_pipe_unchanged():
    job = Job("SELECT * { ?s ?p ?o }", ("http://e/g",), (), "text/csv", 7, "http://h/sparql")
    assert decode_job(encode_job("/store", job)) == ("/store", job)
    answer = Answer("é,\r\n".encode(), "application/sparql-results+json; charset=utf-8", False)
    assert decode_answer(encode_answer(answer)) == answer
    with pytest.raises(SyntaxError, match="bad"):
        decode_answer(encode_answer(error=SyntaxError("bad query")))


@pytest.mark.parametrize("query, expected", [
    ("select * from <http://g/1> { }", (["http://g/1"], [])),
    ("SELECT * FrOm NaMeD <http://g/2> { }", ([], ["http://g/2"])),
    ("SELECT * { ?s ?p ?o }", ([], [])),
])
def test_from_is_found_whatever_its_case(query, expected):
    assert dataset_clauses(query) == expected


def test_service_is_found_whatever_its_case():
    assert service_endpoints("select * { service <http://x/sparql> { } }") == ["http://x/sparql"]
    assert service_endpoints("SELECT * { ?s ?p ?o }") == []


def test_an_answer_longer_than_the_pipe_buffer_is_read_whole_under_uvloop(build):
    """uvloop (uvicorn's loop when installed) leaves a watched descriptor non-blocking: a long answer
    was cut at EAGAIN and reported as a dead worker (500)."""
    import uvloop

    pool = QueryPool(size=1, timeout=20)
    rows = " ".join(f'("{i:06d}{"x" * 200}")' for i in range(2_000))  # ~420 kB of CSV, pipes hold 64 kB
    query = f"SELECT ?v WHERE {{ VALUES (?v) {{ {rows} }} }}"
    try:
        for _ in range(3):
            answer = uvloop.run(pool.run_async(build, _job(query, "text/csv")))
            lines = answer.body.decode().splitlines()
            assert len(lines) == 2_001 and lines[-1].startswith("001999")
        assert len(pool.pids) == 1  # the worker was never taken for dead
    finally:
        pool.close()


def _pipe_with(*pieces: bytes) -> list[bool]:
    """Write ``pieces`` one at a time into a pipe and read each with one reader; its answers."""
    read_end, write_end = os.pipe()
    reader = _ReplyReader(read_end)
    try:
        said = []
        for piece in pieces:
            os.write(write_end, piece)
            said.append(reader.read())
        return said + [bytes(reader.message())]
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_reply_is_read_whole_from_pieces():
    message = b"A0\x05text/" + b"x" * 100_000
    framed = struct.pack("!i", len(message)) + message
    *said, whole = _pipe_with(framed[:2], framed[2:50], framed[50:60_000], framed[60_000:])
    assert said == [False, False, False, True] and whole == message


def test_a_reply_with_the_long_header_is_read():
    framed = struct.pack("!i", -1) + struct.pack("!Q", 5) + b"hello"
    *said, whole = _pipe_with(framed[:6], framed[6:13], framed[13:])
    assert said == [False, False, True] and whole == b"hello"


def test_a_closed_pipe_is_an_eof():
    read_end, write_end = os.pipe()
    os.close(write_end)
    try:
        with pytest.raises(EOFError):
            _ReplyReader(read_end).read()
    finally:
        os.close(read_end)
