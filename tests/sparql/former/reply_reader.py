"""The former reader of a worker's reply on the event loop (:class:`api.sparql.replies.ReplyReader` before it
read the rest of a reply in the call that learnt its size), kept as it was to compare the new one with."""

from __future__ import annotations

import io
import os
import struct

__all__ = ["ReplyReader"]


class ReplyReader:
    """One reply of a worker read from ``fd`` as it arrives, a chunk per call of :meth:`read`, so that
    the event loop never waits for the rest of a long answer (the worker may still be writing it).

    The framing is :class:`multiprocessing.connection.Connection`'s, as the worker writes it: a
    4-byte big-endian length (-1, then an 8-byte one, for 2 GB and more) and the message. A reply
    that does not come in the first read is read into one buffer of its size (``readinto``): the
    kernel writes the bytes where they stay, with no chunks to join.
    """

    __slots__ = ("_fd", "_first", "_buffer", "_have", "_size", "_head")

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._first = b""  # what came before the message's size was known
        self._buffer: bytearray | None = None  # the whole reply, once its size is known
        self._have = 0
        self._size = -1  # the message's length once the header is read
        self._head = 4

    def read(self) -> bool:
        """Read what the pipe holds; whether the message is now whole.

        :raises EOFError: the worker closed the pipe (it died).
        """
        if self._buffer is None:
            try:
                chunk = os.read(self._fd, 65536)
            except BlockingIOError:
                return False
            if not chunk:
                raise EOFError("the query worker closed its pipe")
            self._first += chunk
            self._have = len(self._first)
            if not self._parse_head():
                return False
            if self._have >= self._head + self._size:
                return True
            self._buffer = bytearray(self._head + self._size)
            self._buffer[: self._have] = self._first
            self._first = b""
            return False
        with io.FileIO(self._fd, "rb", closefd=False) as pipe:
            count = pipe.readinto(memoryview(self._buffer)[self._have:])
        if count is None:  # nothing there after all (non-blocking)
            return False
        if count == 0:
            raise EOFError("the query worker closed its pipe")
        self._have += count
        return self._have >= self._head + self._size

    def _parse_head(self) -> bool:
        if self._size >= 0:
            return True
        if self._have < 4:
            return False
        (size,) = struct.unpack("!i", self._first[:4])
        if size == -1:
            self._head = 12
            if self._have < 12:
                return False
            (size,) = struct.unpack("!Q", self._first[4:12])
        self._size = size
        return True

    def message(self) -> memoryview:
        """The whole message (after :meth:`read` said so), not copied."""
        data = self._first if self._buffer is None else self._buffer
        return memoryview(data)[self._head:self._head + self._size]
