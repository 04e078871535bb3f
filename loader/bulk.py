"""One streaming bulk load per store for a full build: documents mapped in forked workers, their
N-Quads fed to Oxigraph's bulk loader as the workers return them.

- :class:`ForkedMap` maps items in order in forked worker processes (or in this process).
- :class:`NQuadsFeed` is the binary file object ``Store.bulk_load`` reads: each ``read`` hands out
  the next bytes of the current item's public N-Quads and, when they are spent, takes the next
  result from the workers, reports it, and sets its contacts N-Quads aside.
- :func:`stream_load` runs the one bulk load of the public store over a feed, then the one bulk load
  of the contacts store over what was set aside (``docs/decisions/0003-process-model.md``).

Oxigraph's bulk loader parses in the calling thread, releasing the GIL between reads, and writes
batches of a million quads in threads of its own; so the parse, the load and the workers overlap.
It gives blank nodes fresh labels, the same label in one load getting the same node: a blank node
label must not be shared by two documents (``pyoxigraph.BlankNode()`` makes unique ones).
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Generic, TypeVar

from pyoxigraph import Quad, RdfFormat, serialize

from loader.store import BuildWriter, split_contacts

__all__ = ["ForkedMap", "NQuadsFeed", "nquads", "stream_load", "worker_count"]

Item = TypeVar("Item")
Result = TypeVar("Result")

_forked: tuple[Callable, tuple] | None = None  # (function, extra arguments), set before forking workers


def nquads(quads: Iterable[Quad]) -> bytes:
    """``quads`` as N-Quads bytes (empty for none).

    >>> from pyoxigraph import NamedNode, Literal
    >>> nquads([Quad(NamedNode("http://a"), NamedNode("http://p"), Literal("x"), NamedNode("http://g"))])
    b'<http://a> <http://p> "x" <http://g> .\\n'
    """
    quads = list(quads)
    return serialize(quads, format=RdfFormat.N_QUADS) if quads else b""


def worker_count(items: int, wanted: int | None, minimum: int) -> int:
    """How many processes map ``items``: 1 (this one) below ``minimum`` items, for ``wanted`` < 2 or
    where processes cannot be forked; else ``wanted`` (default: one per core).

    >>> worker_count(10, 4, minimum=64), worker_count(100, 4, minimum=64)
    (1, 4)
    """
    wanted = wanted if wanted is not None else (os.cpu_count() or 1)
    if items < minimum or wanted < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return wanted


def _call_forked(item: object) -> object:
    assert _forked is not None, "ForkedMap sets the function before forking"
    function, args = _forked
    return function(item, *args)


class ForkedMap(Generic[Item, Result]):
    """``function(item, *args)`` for each item, in order, as a context manager giving the iterator.

    With ``workers`` >= 2 the processes are forked on entry (they inherit ``function`` and ``args``,
    nothing is pickled but the items and results) and stopped on exit; otherwise the items are mapped
    lazily in this process. ``function`` must be a module-level function and its result picklable.

    >>> with ForkedMap(divmod, [7, 9], (4,), workers=1) as results:
    ...     list(results)
    [(1, 3), (2, 1)]
    """

    def __init__(self, function: Callable[..., Result], items: list[Item], args: tuple = (), *,
                 workers: int) -> None:
        self.function, self.items, self.args, self.workers = function, items, args, workers
        self.pool = None

    def __enter__(self) -> Iterator[Result]:
        global _forked
        if self.workers < 2:
            return (self.function(item, *self.args) for item in self.items)
        _forked = (self.function, self.args)
        try:
            self.pool = multiprocessing.get_context("fork").Pool(self.workers)
        finally:
            _forked = None
        chunk = max(1, min(16, len(self.items) // (self.workers * 8)))
        return self.pool.imap(_call_forked, self.items, chunksize=chunk)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


class NQuadsFeed(Generic[Result]):
    """A readable binary file over ``results``, each ``(result, public N-Quads, contacts N-Quads)``.

    :param results: the mapped items, in order; ``head`` is read before the first.
    :param on_result: called with each ``result`` as its bytes are first needed (reports, progress).
    :param contacts: a binary file receiving each item's contacts N-Quads.
    :param head: N-Quads read first (the ontology, shapes and vocabularies of a build).
    :param on_end: called once when ``results`` are spent (the contacts file is then complete).
    :param tail: called once after ``on_end``: N-Quads read last (a full build's description graph,
        made from what ``on_result`` saw).

    ``error`` keeps what ``results`` or ``on_result`` raised: pyoxigraph 0.5 raises it again from
    ``bulk_load``, and :func:`stream_load` makes sure of it whatever Oxigraph reports instead.

    >>> import io
    >>> sink = io.BytesIO()
    >>> feed = NQuadsFeed([("a", b"<http://a> <http://p> <http://o> .\\n", b"c\\n")], print, sink)
    >>> feed.read(12), feed.read(100), feed.read(100), sink.getvalue()
    a
    (b'<http://a> <', b'http://p> <http://o> .\\n', b'', b'c\\n')
    """

    def __init__(self, results: Iterable[tuple[Result, bytes, bytes]], on_result: Callable[[Result], object],
                 contacts: IO[bytes], head: bytes = b"", on_end: Callable[[], object] | None = None,
                 tail: Callable[[], bytes] | None = None) -> None:
        self._results = iter(results)
        self._on_end = on_end
        self._tail = tail
        self._on_result = on_result
        self._contacts = contacts
        self._buffer = head
        self._at = 0
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        """At most ``size`` bytes (all of the current item's when ``size`` < 0); ``b""`` at the end."""
        try:
            while self._at >= len(self._buffer) and self._next():
                pass
        except BaseException as err:
            self.error = err
            raise
        end = len(self._buffer) if size < 0 else self._at + size
        piece = self._buffer[self._at:end]
        self._at += len(piece)
        return piece

    def _next(self) -> bool:
        for result, public, contacts in self._results:
            if contacts:
                self._contacts.write(contacts)
            self._on_result(result)
            self._buffer, self._at = public, 0
            return True
        if self._on_end is not None:
            self._on_end()
            self._on_end = None
        if self._tail is not None:
            tail, self._tail = self._tail, None
            self._buffer, self._at = tail(), 0
            return True
        return False


def stream_load(writer: BuildWriter, results: Iterable[tuple[Result, bytes, bytes]],
                on_result: Callable[[Result], object], head: Iterable[Quad] = (),
                tail: Callable[[], bytes] | None = None) -> None:
    """Load ``head`` and every result's N-Quads into a fresh build: ONE bulk load of the public store
    reading an :class:`NQuadsFeed` (the quads of ``graph:contacts/*`` graphs set aside in a temporary
    file), and ONE bulk load of the contacts store from that file, in a thread started when the last
    result is read: it runs beside the public store's last batch, which Oxigraph writes after the
    end of the stream. ``tail()``, when given, is called after the last result (and after the
    contacts load started): the public N-Quads it returns are read last.

    :raises BaseException: what ``results`` or ``on_result`` raised (the bulk load stops there);
        ``SyntaxError`` or ``OSError`` from Oxigraph for bad N-Quads or a failed write. The build is
        then partly written: the caller drops it (``loader.store.full_build`` does). Both loads have
        ended when this returns or raises.
    """
    public, contacts = split_contacts(head)
    with tempfile.NamedTemporaryFile(prefix="interreg-kg-contacts-", suffix=".nq") as spool:
        spool.write(nquads(contacts))
        contacts_load = _ContactsLoad(writer, spool)
        feed = NQuadsFeed(results, on_result, spool, head=nquads(public), on_end=contacts_load.start, tail=tail)
        try:
            writer.bulk_load_nquads(feed)
        except BaseException as err:
            if feed.error is not None and feed.error is not err:
                raise feed.error from err
            raise
        finally:
            contacts_load.join()
        contacts_load.start()  # no-op when the feed started it
        contacts_load.join()
        if contacts_load.error is not None:
            raise contacts_load.error


class _ContactsLoad:
    """The contacts store's bulk load from the spool file, in a thread of its own."""

    def __init__(self, writer: BuildWriter, spool: IO[bytes]) -> None:
        self.writer, self.spool = writer, spool
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self) -> None:
        if self.thread is not None:
            return
        self.spool.flush()
        self.thread = threading.Thread(target=self._run, name="contacts-bulk-load")
        self.thread.start()

    def _run(self) -> None:
        try:
            if self.spool.tell():
                self.writer.bulk_load_nquads(b"", contacts=self.spool.name)
        except BaseException as err:  # raised again by stream_load in the calling thread
            self.error = err

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()
