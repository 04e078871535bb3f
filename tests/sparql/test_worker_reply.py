"""A worker's reply leaves in one ``writev`` of its parts (:func:`api.sparql.worker.send_message`) with
the same bytes on the pipe as the former ``Connection.send_bytes(encode_answer(answer))``, and both
readers of the server (``Connection.recv_bytes`` for ``QueryPool.run``, the event loop's reply
reader for ``run_async``) read it back whole, small or larger than the pipe's buffer."""

from __future__ import annotations

import os
import threading
from multiprocessing.connection import Connection

import pytest

from api.sparql.execute import Answer
from api.sparql.replies import ReplyReader
from api.sparql.worker import answer_parts, decode_answer, encode_answer, encode_rows, send_message
from queries import Rows
from tests.sparql.former import worker_reply as former

_SIZES = [0, 1, 16_383, 16_384, 16_385, 65_536, 200_000, 1_500_000]


def _answers() -> list[Answer]:
    answers = []
    for size in _SIZES:
        body = bytes((i * 7 + size) % 251 for i in range(size))
        answers.append(Answer(body, "application/sparql-results+json; charset=utf-8", size % 2 == 1))
        answers.append(Answer(body, "text/csv; charset=utf-8", False))
    return answers


def _piped(write) -> bytes:
    """Everything ``write(fd)`` puts on a pipe (read in a thread, so a large message never blocks it)."""
    read_fd, write_fd = os.pipe()
    chunks = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(read_fd, 1 << 16), b"")))
    reader.start()
    try:
        write(write_fd)
    finally:
        os.close(write_fd)
        reader.join()
        os.close(read_fd)
    return b"".join(chunks)


@pytest.mark.parametrize("answer", _answers(), ids=lambda a: f"{len(a.body)}-{a.media_type[:8]}-{a.truncated}")
def test_the_reply_is_the_former_bytes_on_the_pipe(answer):
    assert b"".join(answer_parts(answer)) == former.encode_answer(answer) == encode_answer(answer)
    new = _piped(lambda fd: send_message(fd, answer_parts(answer)))
    def former_write(fd: int) -> None:
        connection = Connection(os.dup(fd), readable=False)
        try:
            former.send(connection, former.encode_answer(answer))
        finally:
            connection.close()

    old = _piped(former_write)
    assert new == old and len(new) > len(answer.body)


def test_both_readers_of_the_server_read_every_reply_whole():
    replies = [answer_parts(a) for a in _answers()]
    replies.append((encode_rows((Rows(("x",), ({"x": "1"},), 1),)),))
    replies.append((encode_answer(error=ValueError("boom")),))
    read_fd, write_fd = os.pipe()
    try:
        writer = threading.Thread(target=lambda: [send_message(write_fd, parts) for parts in replies])
        writer.start()
        received = Connection(os.dup(read_fd), writable=False)
        try:
            for parts in replies:  # as QueryPool.run reads them, one after the other
                assert received.recv_bytes() == b"".join(parts)
        finally:
            received.close()
            writer.join()
        for parts in replies:  # as the event loop's reader does, in pieces as they come (one reply a job)
            writer = threading.Thread(target=send_message, args=(write_fd, parts))
            writer.start()
            reader = ReplyReader(read_fd)
            while not reader.read():
                pass
            writer.join()
            assert bytes(reader.message()) == b"".join(parts)
        assert decode_answer(b"".join(replies[0])) == _answers()[0]
    finally:
        os.close(write_fd)
        os.close(read_fd)


def test_a_closed_pipe_is_an_error_the_worker_sees():
    read_fd, write_fd = os.pipe()
    os.close(read_fd)
    try:
        with pytest.raises(BrokenPipeError):
            send_message(write_fd, (b"A0", b"x"))
    finally:
        os.close(write_fd)


def _nonblocking_pipe() -> tuple[int, int]:
    """A pipe as the pool reads a worker's answers: widened (``workers._widen_pipe``), non-blocking."""
    import fcntl

    from api.sparql.workers import ANSWER_PIPE_BYTES, _widen_pipe

    read_fd, write_fd = os.pipe()
    _widen_pipe(read_fd)
    assert fcntl.fcntl(read_fd, fcntl.F_GETPIPE_SZ) >= ANSWER_PIPE_BYTES
    os.set_blocking(read_fd, False)
    return read_fd, write_fd


@pytest.mark.parametrize("size", [10, 65_536, 200_000, 900_000])
def test_a_reply_already_whole_in_the_pipe_is_read_in_one_call(size):
    answer = Answer(bytes(i % 253 for i in range(size)), "text/csv; charset=utf-8", False)
    read_fd, write_fd = _nonblocking_pipe()
    try:
        send_message(write_fd, answer_parts(answer))
        reader = ReplyReader(read_fd)
        assert reader.read()  # whole in this call: the former reader needed a second one from 64 kB on
        assert decode_answer(reader.message()) == answer
        assert former_reader_calls(answer) == (1 if size < 65_000 else 2)
    finally:
        os.close(write_fd)
        os.close(read_fd)


def former_reader_calls(answer: Answer) -> int:
    """How many ``read`` calls the former reader (``tests/sparql/former/reply_reader.py``) took for the
    same reply written whole."""
    from tests.sparql.former.reply_reader import ReplyReader as Former

    read_fd, write_fd = _nonblocking_pipe()
    try:
        send_message(write_fd, answer_parts(answer))
        reader, calls = Former(read_fd), 1
        while not reader.read():
            calls += 1
        assert decode_answer(reader.message()) == answer
        return calls
    finally:
        os.close(write_fd)
        os.close(read_fd)


def test_a_reply_arriving_in_parts_is_read_as_it_comes():
    answer = Answer(bytes(i % 241 for i in range(300_000)), "application/sparql-results+json", True)
    data = former.encode_answer(answer)
    framed = len(data).to_bytes(4, "big") + data
    read_fd, write_fd = _nonblocking_pipe()
    try:
        reader = ReplyReader(read_fd)
        assert not reader.read()  # nothing yet
        for start, end in [(0, 2), (2, 70_000), (70_000, 150_001), (150_001, len(framed))]:
            os.write(write_fd, framed[start:end])
            assert reader.read() == (end == len(framed))
        assert decode_answer(reader.message()) == answer
        os.close(write_fd)
        write_fd = -1
        with pytest.raises(EOFError):
            ReplyReader(read_fd).read()
    finally:
        if write_fd >= 0:
            os.close(write_fd)
        os.close(read_fd)
