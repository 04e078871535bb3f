"""A query worker process: jobs in on stdin, answers out on stdout (see :mod:`api.sparql.pool`).

Started as ``python -c "from api.sparql.worker import main; main()"``: a fresh interpreter that
imports only pyoxigraph, :mod:`api.sparql.execute` and :mod:`queries` (not the web framework), says it
is ready, then serves jobs until its stdin closes. A job is a protocol query (:class:`Job`: its
answer is serialized bytes) or the named queries of a REST request (:class:`RowsJob`: its answer
is their :class:`queries.Rows`, pickled). It holds the stores jobs name open read-only (the last two:
a build's public store and its contacts store) and opens another when a job names it. A reply
leaves in one ``writev`` of its parts (:func:`send_message`): the body is not copied into a joined
message, and the server is woken once for it rather than for its length and then its bytes.
"""

from __future__ import annotations

import os
import pickle
import struct
from multiprocessing.connection import Connection

from api.sparql.execute import Answer, Job, NamedRun, RowsJob

__all__ = ["serve_jobs", "main", "READY", "encode_job", "decode_job", "encode_answer", "decode_answer",
           "encode_rows", "decode_rows", "answer_parts", "send_message"]

READY = "ready"
_ANSWER, _ERROR, _ROWS = b"A", b"E", b"R"  # _ROWS also marks a RowsJob


def encode_job(path: str, job: Job | RowsJob) -> bytes:
    """``(store path, job)`` as the bytes the server sends (a pickled tuple of plain values; a
    :class:`RowsJob` pickled whole: named queries, parameters and paging).

    >>> decode_job(encode_job("/s", Job("ASK {}", None, ("http://e/g",), "text/csv", 5)))
    ('/s', Job(query='ASK {}', default_graph=None, named_graphs=('http://e/g',), accept='text/csv', max_rows=5, base_iri=None))
    >>> decode_job(encode_job("/s", RowsJob((NamedRun("/q.rq", (("n", "1"),)),))))
    ('/s', RowsJob(runs=(NamedRun(query='/q.rq', params=(('n', '1'),), limit=None, offset=0),)))
    """
    if isinstance(job, RowsJob):  # plain tuples: a dataclass pickles through dataclasses.fields(), 40 us a time
        runs = tuple((r.query, r.params, r.limit, r.offset) for r in job.runs)
        return pickle.dumps((path, _ROWS, runs), protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.dumps((path, job.query, job.default_graph, job.named_graphs, job.accept, job.max_rows,
                         job.base_iri), protocol=pickle.HIGHEST_PROTOCOL)


def decode_job(data: bytes) -> tuple[str, Job | RowsJob]:
    """The inverse of :func:`encode_job`."""
    path, *fields = pickle.loads(data)
    if len(fields) == 2 and fields[0] == _ROWS:
        return path, RowsJob(tuple(NamedRun(*run) for run in fields[1]))
    return path, Job(*fields)


def encode_rows(rows: tuple) -> bytes:
    """The answer to a :class:`RowsJob`: ``R`` and, pickled, each :class:`queries.Rows` as a plain
    ``(variables, rows, total)`` tuple.

    >>> from queries import Rows
    >>> decode_rows(encode_rows((Rows(("x",), ({"x": None},), 1),)))
    (Rows(variables=('x',), rows=({'x': None},), total=1),)
    """
    plain = tuple((r.variables, r.rows, r.total) for r in rows)
    return _ROWS + pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL)


def decode_rows(data: bytes | memoryview) -> tuple:
    """The rows in ``data`` (:func:`encode_rows`).

    :raises Exception: the error the worker sent (:func:`encode_answer`).
    """
    view = memoryview(data)
    if view[:1] == _ERROR:
        raise pickle.loads(view[1:])
    if view[:1] != _ROWS:
        raise ValueError("not the answer to a named-query job")
    from queries import Rows

    return tuple(Rows(*plain) for plain in pickle.loads(view[1:]))


def encode_answer(answer: Answer | None = None, error: BaseException | None = None) -> bytes:
    """An answer as ``A``, ``1``/``0`` (truncated), the media type's length (one byte), the media type
    and the body; or an error as ``E`` and the pickled exception (its text in a RuntimeError when it
    does not pickle).

    >>> decode_answer(encode_answer(Answer(b"x\\r\\n", "text/csv; charset=utf-8", True)))
    Answer(body=b'x\\r\\n', media_type='text/csv; charset=utf-8', truncated=True)
    """
    if answer is not None:
        media = answer.media_type.encode("ascii")
        return b"".join((_ANSWER, b"1" if answer.truncated else b"0", bytes((len(media),)), media, answer.body))
    try:
        return _ERROR + pickle.dumps(error, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return _ERROR + pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))


def answer_parts(answer: Answer) -> tuple[bytes, ...]:
    """:func:`encode_answer`'s bytes of ``answer`` in parts, the body not copied (``b"".join`` of them
    is ``encode_answer(answer)``).

    >>> b"".join(answer_parts(Answer(b"x", "text/csv", False))) == encode_answer(Answer(b"x", "text/csv", False))
    True
    """
    media = answer.media_type.encode("ascii")
    return b"".join((_ANSWER, b"1" if answer.truncated else b"0", bytes((len(media),)), media)), answer.body


def send_message(fd: int, parts: tuple[bytes, ...]) -> None:
    """Write ``b"".join(parts)`` to the pipe ``fd`` as one message of
    :class:`multiprocessing.connection.Connection` (its 4-byte length, or -1 and an 8-byte length
    from 2 GB on, then the bytes), in one ``writev`` while the pipe takes it all.

    Connection's ``send_bytes`` writes the length and a message over 16 kB in two system calls,
    each of which may wake the server for a part of the reply, and the reply's parts would first be
    joined into one copy; here neither happens.

    :raises OSError: the pipe is closed (the server went away).
    """
    size = sum(len(part) for part in parts)
    head = struct.pack("!i", size) if size <= 0x7FFFFFFF else struct.pack("!iQ", -1, size)
    pending = [memoryview(head), *(memoryview(part) for part in parts if len(part))]
    while pending:
        written = os.writev(fd, pending)
        while pending and written >= len(pending[0]):
            written -= len(pending.pop(0))
        if pending and written:
            pending[0] = pending[0][written:]


def decode_answer(data: bytes | memoryview) -> Answer:
    """The :class:`Answer` in ``data`` (:func:`encode_answer`); the body is its one copy.

    :raises Exception: the error the worker sent.
    """
    view = memoryview(data)
    if view[:1] == _ERROR:
        raise pickle.loads(view[1:])
    end = 3 + view[2]
    return Answer(bytes(view[end:]), bytes(view[3:end]).decode("ascii"), view[1:2] == b"1")


def serve_jobs(jobs: Connection, replies: Connection) -> None:
    """Receive jobs (:func:`encode_job`), send back answers or errors (:func:`encode_answer`), until EOF."""
    from pyoxigraph import Store

    from api.sparql.execute import run, run_rows

    replies.send((READY, os.getpid()))
    opened: dict[str, Store] = {}  # path -> store, the most recently used last
    while True:
        try:
            path, job = decode_job(jobs.recv_bytes())
        except (EOFError, OSError):
            return  # the server went away
        try:
            store = opened.pop(path, None)
            if store is None:
                while len(opened) > 1:  # let an old build's store close before opening another
                    del opened[next(iter(opened))]
                store = Store.read_only(path)
            opened[path] = store
            del store
            if isinstance(job, RowsJob):
                reply: tuple[bytes, ...] = (encode_rows(run_rows(opened[path], job)),)
            else:
                reply = answer_parts(run(opened[path], job))
        except Exception as exc:  # sent to the server, which maps it to an HTTP status
            reply = (encode_answer(error=exc),)
        try:
            send_message(replies.fileno(), reply)
        except (BrokenPipeError, OSError):
            return


def main() -> None:
    """Entry point: replies go to the original stdout, anything printed goes to stderr."""
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    serve_jobs(Connection(0, writable=False), replies)
