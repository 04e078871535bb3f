"""The former way a query worker sent its answer (before :func:`api.sparql.worker.send_message`), kept
as it was to hold the new one to the same bytes: the answer joined into one copy by ``encode_answer``,
then written by ``Connection.send_bytes`` (``serve_jobs``'s ``replies.send_bytes(reply)``)."""

from __future__ import annotations

from multiprocessing.connection import Connection

from api.sparql.execute import Answer

_ANSWER = b"A"


def encode_answer(answer: Answer) -> bytes:
    """The former ``encode_answer`` of an answer (the error branch is unchanged)."""
    media = answer.media_type.encode("ascii")
    return b"".join((_ANSWER, b"1" if answer.truncated else b"0", bytes((len(media),)), media, answer.body))


def send(replies: Connection, reply: bytes) -> None:
    """The former ``serve_jobs`` write of a reply."""
    replies.send_bytes(reply)
