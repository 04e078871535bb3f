"""The store a server reads, re-opened when a new build is published.

A :class:`StoreHandle` serves :class:`Snapshot` objects: the build's public store open read-only,
the build it came from, the public store's named graphs (worked out once per build), and a way to
the build's contacts store (``graph:contacts/*``: personal data), opened read-only the first time a
route that :mod:`api.privacy` allows asks for it (``docs/decisions/0006-contacts-store.md``).
The public store holds no personal data, so queries read it with the union default graph.
On each :meth:`StoreHandle.snapshot` call the handle looks at where ``current`` points (one
``readlink`` while it names the build held, else :func:`ontology.storage.current_build`); if that
is another build, it opens the new one and swaps.
A request holds the snapshot it was given for its whole life, so requests in flight keep reading
the old build and none is dropped; the old store closes when its last reader lets go of it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Store

from api.errors import StoreUnavailableError
from ontology.namespaces import CONTACTS_GRAPH_PREFIX
from ontology.storage import contacts_store_path, current_build, public_store_path

_CURRENT_LINK = "current"  # the link under a store root that ontology.storage.publish points at the build

__all__ = ["Snapshot", "StoreHandle", "MixedStoreError"]


class MixedStoreError(ValueError):
    """A public store holding ``graph:contacts/*`` graphs (a build made before the contacts store)."""


def _named_graphs(store: Store) -> tuple[NamedNode, ...]:
    """The store's named graphs, sorted; :class:`MixedStoreError` when one is a contacts graph."""
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value)
    mixed = next((g for g in graphs if g.value.startswith(CONTACTS_GRAPH_PREFIX)), None)
    if mixed is not None:
        raise MixedStoreError(f"the public store holds the contacts graph {mixed.value}; personal data goes "
                              "to the contacts store: rebuild with `interreg-kg build`")
    return tuple(graphs)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One opened build: ``store`` (the public store), ``build`` (None for a store given in memory),
    ``graphs`` (the public store's named graphs, sorted) and the contacts store, given (in memory) or
    opened from ``contacts_path`` on the first :meth:`contacts_store` call."""

    store: Store
    build: Path | None
    graphs: tuple[NamedNode, ...] = field(default=())
    contacts_path: Path | None = None
    _contacts: dict[str, Store] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, store: Store, build: Path | None = None, contacts: Store | None = None) -> Snapshot:
        """The snapshot of a public ``store`` (and its ``contacts`` store, for a store in memory).

        :raises MixedStoreError: ``store`` holds contacts graphs.
        """
        snapshot = cls(store, build, _named_graphs(store),
                       None if build is None else contacts_store_path(build))
        if contacts is not None:
            snapshot._contacts["store"] = contacts
        return snapshot

    def contacts_store(self) -> Store:
        """The build's contacts store (read-only; empty when the build has none). Personal data: call
        it only where :mod:`api.privacy` allows.

        :raises OSError: the contacts store exists but cannot be opened.
        """
        held = self._contacts.get("store")
        if held is None:
            path = self.contacts_path
            held = Store.read_only(str(path)) if path is not None and path.is_dir() else Store()
            held = self._contacts.setdefault("store", held)
        return held


class StoreHandle:
    """Hands out the current build's snapshot, switching when ``current`` moves.

    :param root: a store root (see :mod:`ontology.storage`); its current build is opened read-only.
    :param store: a public store to serve as it is (tests, embedding); then ``root`` is not used.
    :param contacts: the contacts store served beside ``store`` (default: an empty one).
    :param on_open: called with each build's snapshot once it is opened (from the thread that opened
        it, outside the handle's lock); must not raise. Not called for ``store``.
    :raises MixedStoreError: ``store`` holds contacts graphs.

    >>> handle = StoreHandle(store=Store())
    >>> handle.snapshot().build is None, handle.snapshot().graphs, len(handle.snapshot().contacts_store())
    (True, (), 0)
    """

    def __init__(self, root: Path | None = None, store: Store | None = None, contacts: Store | None = None,
                 on_open: Callable[[Snapshot], None] | None = None) -> None:
        if root is None and store is None:
            raise ValueError("StoreHandle needs a store root or a store")
        self.root = None if root is None else Path(root)
        self._link_path = None if root is None else str(Path(root) / _CURRENT_LINK)
        self._by_link: tuple[str, Snapshot] | None = None  # a text of ``current`` and the snapshot of its build
        self._lock = threading.Lock()
        self._on_open = on_open
        self._snapshot: Snapshot | None = None if store is None else Snapshot.of(store, contacts=contacts or Store())

    def snapshot(self) -> Snapshot:
        """The snapshot of the current build, opening it first if ``current`` has moved.

        :raises StoreUnavailableError: nothing is published yet, or the build cannot be opened (or
            its public store holds contacts graphs: it was made before the contacts store).
        """
        if self.root is None:
            assert self._snapshot is not None
            return self._snapshot
        link = self._read_link()
        known = self._by_link
        if known is not None and link == known[0]:
            return known[1]  # ``current`` still names the same build: one readlink, no resolving
        snapshot = self._current_snapshot()
        if link is not None and snapshot.build == (self.root / link).resolve():
            self._by_link = (link, snapshot)
        return snapshot

    def _read_link(self) -> str | None:
        try:
            return os.readlink(self._link_path)
        except OSError:
            return None

    def _current_snapshot(self) -> Snapshot:
        assert self.root is not None
        build = current_build(self.root)
        held = self._snapshot
        if held is not None and held.build == build:
            return held
        if build is None:
            if held is not None:
                return held  # ``current`` is being replaced right now: keep serving what we have
            raise StoreUnavailableError(f"no build is published under {self.root} yet; run a load first")
        opened = None
        with self._lock:
            if self._snapshot is None or self._snapshot.build != build:
                try:
                    self._snapshot = opened = Snapshot.of(Store.read_only(str(public_store_path(build))), build)
                except MixedStoreError as exc:
                    raise StoreUnavailableError(f"cannot serve the build {build}: {exc}") from exc
                except OSError as exc:
                    if self._snapshot is not None:
                        return self._snapshot
                    raise StoreUnavailableError(f"cannot open the build {build}: {exc}") from exc
            snapshot = self._snapshot
        if opened is not None and self._on_open is not None:
            self._on_open(opened)
        return snapshot
