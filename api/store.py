"""The store a server reads, re-opened when a new build is published.

A :class:`StoreHandle` serves :class:`Snapshot` objects: an open read-only store, the build it came
from, its public graphs (every named graph but ``graph:contacts/*``) and its contacts graphs (read
only when :mod:`api.privacy` allows), worked out once per build.
On each :meth:`StoreHandle.snapshot` call the handle looks at where ``current`` points
(:func:`ontology.storage.current_build`); if that is another build, it opens the new one and swaps.
A request holds the snapshot it was given for its whole life, so requests in flight keep reading
the old build and none is dropped; the old store closes when its last reader lets go of it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Store

from api.errors import StoreUnavailableError
from ontology.namespaces import CONTACTS_GRAPH_PREFIX
from ontology.storage import current_build
from queries import public_graphs

__all__ = ["Snapshot", "StoreHandle"]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One opened build: ``store``, ``build`` (None for a store given in memory), ``graphs`` (the public
    ones) and ``contacts`` (the ``graph:contacts/*`` ones, sorted)."""

    store: Store
    build: Path | None
    graphs: tuple[NamedNode, ...] = field(default=())
    contacts: tuple[NamedNode, ...] = field(default=())

    @classmethod
    def of(cls, store: Store, build: Path | None = None) -> Snapshot:
        contacts = sorted((g for g in store.named_graphs()
                           if isinstance(g, NamedNode) and g.value.startswith(CONTACTS_GRAPH_PREFIX)),
                          key=lambda g: g.value)
        return cls(store, build, tuple(public_graphs(store)), tuple(contacts))


class StoreHandle:
    """Hands out the current build's snapshot, switching when ``current`` moves.

    :param root: a store root (see :mod:`ontology.storage`); its current build is opened read-only.
    :param store: a store to serve as it is (tests, embedding); then ``root`` is not used.

    >>> handle = StoreHandle(store=Store())
    >>> handle.snapshot().build is None, handle.snapshot().graphs
    (True, ())
    """

    def __init__(self, root: Path | None = None, store: Store | None = None) -> None:
        if root is None and store is None:
            raise ValueError("StoreHandle needs a store root or a store")
        self.root = None if root is None else Path(root)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None if store is None else Snapshot.of(store)

    def snapshot(self) -> Snapshot:
        """The snapshot of the current build, opening it first if ``current`` has moved.

        :raises StoreUnavailableError: nothing is published yet, or the build cannot be opened.
        """
        if self.root is None:
            assert self._snapshot is not None
            return self._snapshot
        build = current_build(self.root)
        held = self._snapshot
        if held is not None and held.build == build:
            return held
        if build is None:
            if held is not None:
                return held  # ``current`` is being replaced right now: keep serving what we have
            raise StoreUnavailableError(f"no build is published under {self.root} yet; run a load first")
        with self._lock:
            if self._snapshot is None or self._snapshot.build != build:
                try:
                    self._snapshot = Snapshot.of(Store.read_only(str(build)), build)
                except OSError as exc:
                    if self._snapshot is not None:
                        return self._snapshot
                    raise StoreUnavailableError(f"cannot open the build {build}: {exc}") from exc
            return self._snapshot
