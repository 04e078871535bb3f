"""The project listing of a build, held by the read path: the rows ``GET /api/projects`` pages.

A build never changes, so the rows of the named query ``projects`` (unfiltered, in its order) are
read once per build, the first time a list is asked for (behind a lock: one reading however many
requests arrive meanwhile); the projects passing each value of a filter
(``queries/listing/{filter}_values.rq``: the pattern of the query's own filter) and the projects'
acronyms and titles folded for the word search (``queries/listing/search_texts.rq``) are read the
first time a request uses them. Every page is then cut in Python from the positions and orders kept
here. A store handed in memory may change under its owner, so its listing is read anew for each
request (as :mod:`api.response_cache` never keeps its answers).

>>> from pyoxigraph import Quad, Store
>>> agir, irg = NamedNode("https://w3id.org/interreg-kg/id/project/agir"), "https://w3id.org/interreg-kg/ontology#"
>>> store = Store()
>>> store.extend([Quad(agir, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(irg + "Project")),
...               Quad(agir, NamedNode(irg + "acronym"), Literal("AGIR")),
...               Quad(agir, NamedNode(irg + "theme"), NamedNode("https://w3id.org/interreg-kg/id/theme/housing"))])
>>> listing = Listing.read(store)
>>> listing.row(0)["acronym"], listing.positions(store, {"theme": [NamedNode("https://w3id.org/interreg-kg/id/theme/housing")]})
('AGIR', {0})
>>> listing.positions(store, {"country": [Literal("BE")]}), listing.with_words(store, ["agi"]), listing.order(None)
(set(), {0}, (0,))
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store

import queries
from api.routes.filtering import fold, sort_rows
from api.store import Snapshot

__all__ = ["COLUMNS", "FILTERS", "Listing", "listing_of", "KEPT_BUILDS"]

_DIR = queries.QUERY_DIR / "listing"
#: listings kept at once: the current build's, and the one before while requests may still read it
KEPT_BUILDS = 2

Term = NamedNode | Literal


#: the columns of ``projects`` a listing keeps (what :func:`api.rows.project_summary` and the sorts read)
COLUMNS = ("project", "acronym", "title", "projectProgramme", "programmeLabel", "projectPeriod",
           "startDate", "endDate", "participants")
_SHARED = ("projectProgramme", "programmeLabel", "projectPeriod")  # few distinct values: kept once each


#: the filters a listing knows, each read (all its values at once) from ``queries/listing/{name}_values.rq``
FILTERS = ("programme", "period", "theme", "target_group", "country")


@dataclass(frozen=True, slots=True)
class Listing:
    """Every project row of one build, by position, and what the list filters need: read at once for
    the rows, and for each filter (and the word search) the first time it is used.

    :param rows: the rows of ``projects`` without parameters, in the query's order: per row the
        Python values (see :func:`queries.value`) of :data:`COLUMNS`, in that order (see :meth:`row`).
    :param keys: sort field -> the key of a row (see :func:`api.routes.filtering.sort_rows`).
    """

    rows: tuple[tuple, ...]
    keys: Mapping[str, Callable[[dict], object]] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _passing: dict[str, dict[Term, array]] = field(default_factory=dict, compare=False, repr=False)
    _texts: list[tuple[str, ...]] = field(default_factory=list, compare=False, repr=False)
    _orders: dict[str | None, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def read(cls, store: Store, keys: Mapping[str, Callable[[dict], object]] | None = None) -> Listing:
        """The listing of ``store``: the rows of ``projects`` (at 35,000 documents about 2 s of CPU and
        16 MB of Python objects; the first use of a filter adds 0.5-0.8 s and under 1 MB, of the word
        search about 2 s and 3 MB).

        :param keys: the sort keys :meth:`order` may be asked for.
        :raises OSError: the store cannot be read.
        """
        rows = tuple(
            tuple(sys.intern(v) if c in _SHARED and isinstance(v, str) else v
                  for c in COLUMNS for v in (queries.value(r[c]),))
            for r in queries.run(store, "projects").rows
        )
        listing = cls(rows, dict(keys or {}))
        listing._index.update((str(r[0]), i) for i, r in enumerate(rows))
        return listing

    def _filter(self, store: Store, name: str) -> dict[Term, array]:
        """Value -> positions (ascending) of the filter ``name``, read from ``store`` once."""
        held = self._passing.get(name)
        if held is None:
            with self._lock:
                held = self._passing.get(name)
                if held is None:
                    held = {}
                    for r in queries.run(store, queries.load(_DIR / f"{name}_values.rq")).rows:
                        members = (self._index.get(p) for p in r["projects"].value.split(" "))
                        held[r["value"]] = array("i", sorted(i for i in members if i is not None))
                    self._passing[name] = held
        return held

    def _folded_texts(self, store: Store) -> tuple[str, ...]:
        """Per position, the project's acronyms and titles folded and joined by spaces, read once."""
        if not self._texts:
            with self._lock:
                if not self._texts:
                    texts: list[list[str]] = [[] for _ in self.rows]
                    for r in queries.run(store, queries.load(_DIR / "search_texts.rq")).rows:
                        i = self._index.get(r["project"].value)
                        if i is not None:
                            texts[i].append(fold(r["text"].value))
                    self._texts.append(tuple(" ".join(t) for t in texts))
        return self._texts[0]

    def row(self, position: int) -> dict:
        """The row at ``position`` as a mapping of :data:`COLUMNS` to values (a row of ``projects``)."""
        return dict(zip(COLUMNS, self.rows[position], strict=True))

    def position(self, project: str) -> int | None:
        """The row position of the project IRI ``project``, or None when it is not listed."""
        return self._index.get(project)

    def positions(self, store: Store, filters: Mapping[str, Sequence[Term]]) -> set[int] | None:
        """The positions of the rows passing every filter (any of its values), or None when no filter
        has a value. A value the build does not hold passes nothing.

        :param store: the store the listing was read from (for a filter not read yet).
        :raises KeyError: a filter name not in :data:`FILTERS`.
        """
        result: set[int] | None = None
        for name, values in filters.items():
            if not values:
                continue
            if name not in FILTERS:
                raise KeyError(name)
            by_value = self._filter(store, name)
            found: set[int] = set()
            for value in values:
                found.update(by_value.get(value, ()))
            result = found if result is None else result & found
        return result

    def partner_positions(self, store: Store, organisations: Iterable[str]) -> set[int]:
        """The positions of the projects the organisations (IRIs) take part in, from
        ``queries/listing/partner_projects.rq`` (the projects of the ``partner`` query's rows).

        :raises queries.ParameterError: a value that is not an IRI.
        """
        query = queries.load(_DIR / "partner_projects.rq")
        found: set[int] = set()
        for organisation in organisations:
            for r in queries.run(store, query, {"organisation": organisation}).rows:
                if (i := self._index.get(r["project"].value)) is not None:
                    found.add(i)
        return found

    def with_words(self, store: Store, wanted: Sequence[str], within: Iterable[int] | None = None) -> set[int]:
        """The positions (of ``within``, default all) whose acronyms and titles hold every word of
        ``wanted`` (folded words, see :func:`api.routes.filtering.words`), as a prefix or inside a word.

        :param store: the store the listing was read from (for the texts, read the first time).
        """
        texts = self._folded_texts(store)
        candidates = range(len(self.rows)) if within is None else within
        return {i for i in candidates if all(w in texts[i] for w in wanted)}

    def order(self, sort: str | None) -> tuple[int, ...]:
        """The row positions in the order ``sort`` gives (None: the query's order), worked out once.

        :raises KeyError: ``sort`` names a field without a key.
        """
        held = self._orders.get(sort)
        if held is None:
            rows = [self.row(i) for i in range(len(self.rows))]
            where = {id(r): i for i, r in enumerate(rows)}
            held = tuple(where[id(r)] for r in sort_rows(rows, sort, self.keys))
            held = self._orders.setdefault(sort, held)
        return held


_lock = threading.Lock()
_held: OrderedDict[Path, Listing] = OrderedDict()


def listing_of(snapshot: Snapshot, keys: Mapping[str, Callable[[dict], object]] | None = None) -> Listing:
    """The listing of the snapshot's build: read once per build on disk (the first caller reads it,
    others wait for it), read anew for a store in memory.

    :param keys: the sort keys, used when the listing is read.
    :raises OSError: the store cannot be read.
    """
    build = snapshot.build
    if build is None:
        return Listing.read(snapshot.store, keys)
    held = _held.get(build)
    if held is not None:
        return held
    with _lock:
        held = _held.get(build)
        if held is None:
            held = Listing.read(snapshot.store, keys)
            _held[build] = held
            while len(_held) > KEPT_BUILDS:
                _held.popitem(last=False)
        else:
            _held.move_to_end(build)
        return held
