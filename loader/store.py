"""The only writer to Oxigraph: full rebuilds, incremental per-document replacement, graph:meta.

A store root holds immutable builds and a ``current`` link (``ontology.storage``). A build is two
Oxigraph stores: the public one and, beside it, the contacts store, which alone holds the
``graph:contacts/*`` graphs (personal data; ``docs/decisions/0006-contacts-store.md``). Every quad
written goes to one or the other by its graph (:func:`split_contacts`). Writing always happens in an
unpublished build directory under the writer lock, and ends with :func:`publish`:

- :func:`full_build` makes an empty build (both stores), bulk-loads it, optimises it and publishes it;
- :func:`incremental` makes a hard-link backup of both stores of the current build (cheap: Oxigraph's
  backup links the immutable SST files), replaces graphs in them, and publishes the build.

Both end, after their body and before publishing, by bringing ``graph:descriptions`` up to date and
recomputing ``graph:statistics`` from the build's public graphs (:mod:`loader.descriptions`,
:mod:`loader.statistics`), so every published build carries descriptions and dashboard figures
matching its facts. A full build whose bulk load also wrote the description graph
(:mod:`loader.streamed_descriptions`) writes the statistics its pipeline computed from the same
stream (:attr:`BuildWriter.statistics`, :mod:`loader.statistic_parts`; else it queries the store for
them) and optimises its public store once;
otherwise it optimises it before computing both graphs (their queries read it several times faster)
and again after writing them. If the body of either context fails, the unpublished build is removed and
``current`` is untouched.
Inside an incremental load, :meth:`BuildWriter.replace_document` replaces one document's graph
and its ``graph:meta`` entry in ONE SPARQL Update of the public store (``DROP SILENT GRAPH`` ...;
``INSERT DATA``), and its contacts graph in one update of the contacts store; when the public update
fails the old contacts graph is put back, so a failure leaves the document as it was. Neither store
is read by anyone before the build is published.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import IO

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from loader.descriptions import description_lines, refresh_descriptions
from loader.document_meta import DocumentMeta, meta_nquads, meta_quads, utc_now
from loader.errors import StoreError
from loader.statistics import meta_quads as statistics_meta
from loader.statistics import statistics_quads, unchanged
from ontology.namespaces import (
    CONTACTS_GRAPH_PREFIX,
    IRG,
    META_GRAPH,
    PREFIXES,
    STATISTICS_GRAPH,
    contacts_graph,
    document_graph,
)
from ontology.storage import contacts_store_path, current_build, new_build_dir, prune, publish, writer_lock

__all__ = [
    "LOADER_VERSION",
    "DocumentMeta",
    "BuildWriter",
    "full_build",
    "incremental",
    "open_current",
    "open_current_contacts",
    "split_contacts",
    "is_contacts_quad",
    "meta_quads",
    "meta_nquads",
    "insert_data",
]

try:
    LOADER_VERSION = metadata.version("interreg-kg")
except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    LOADER_VERSION = "0.1.0"

_PROV = PREFIXES["prov"]
_KEEP_BUILDS = 3


def is_contacts_quad(quad: Quad) -> bool:
    """Whether ``quad`` belongs to the contacts store (its graph is a ``graph:contacts/*`` one)."""
    graph = quad.graph_name
    return isinstance(graph, NamedNode) and graph.value.startswith(CONTACTS_GRAPH_PREFIX)


def split_contacts(quads: Iterable[Quad]) -> tuple[list[Quad], list[Quad]]:
    """``quads`` parted into (public, contacts), each in its given order.

    >>> from pyoxigraph import Literal
    >>> g = NamedNode("https://w3id.org/interreg-kg/graph/contacts/d")
    >>> public, contacts = split_contacts([Quad(NamedNode("http://a"), NamedNode("http://p"), Literal("x"), g)])
    >>> len(public), len(contacts)
    (0, 1)
    """
    public: list[Quad] = []
    contacts: list[Quad] = []
    for quad in quads:
        (contacts if is_contacts_quad(quad) else public).append(quad)
    return public, contacts


def insert_data(quads: Iterable[Quad]) -> str:
    """A SPARQL ``INSERT DATA`` of quads, grouped by graph (terms in N-Triples syntax).

    Blank nodes keep their labels, which SPARQL scopes to the one request: they become fresh nodes.

    >>> from pyoxigraph import Literal
    >>> insert_data([Quad(NamedNode("http://a"), NamedNode("http://p"), Literal('say "hi"'),
    ...                   NamedNode("http://g"))])
    'INSERT DATA {\\nGRAPH <http://g> {\\n<http://a> <http://p> "say \\\\"hi\\\\"" .\\n}\\n}'
    """
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(str(quad.graph_name), []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
    return "INSERT DATA {\n" + body + "\n}"


class BuildWriter:
    """An open, not yet published build: ``store`` the public store, ``contacts`` the contacts store.
    Obtain one from :func:`full_build` or :func:`incremental`."""

    def __init__(self, path: Path, store: Store, contacts: Store) -> None:
        self.path = path
        self.store = store
        self.contacts = contacts
        #: set when a full build's bulk load wrote the description graph (``loader.streamed_descriptions``)
        self.descriptions_written = False
        #: a full build's statistics graph made from the streamed documents (``loader.statistic_parts``),
        #: written instead of querying the store for it; None: query it
        self.statistics: list[Quad] | None = None

    def bulk_extend(self, quads: Iterable[Quad]) -> None:
        """Add many quads fast, each to the store of its graph (Oxigraph's bulk loader; not
        transactional: for fresh builds)."""
        public, contacts = split_contacts(quads)
        self.store.bulk_extend(public)
        if contacts:
            self.contacts.bulk_extend(contacts)

    def bulk_load_nquads(self, data: bytes | IO[bytes], contacts: bytes | str | Path = b"") -> None:
        """Add N-Quads fast with Oxigraph's bulk loader: one load per store given (not transactional:
        for fresh builds). Blank nodes get fresh labels, one per label in each load.

        :param data: quads of public graphs only, for the public store: bytes or a binary file object
            read to its end (``loader.bulk.NQuadsFeed``).
        :param contacts: quads of ``graph:contacts/*`` graphs only, for the contacts store: bytes, or
            the path of an N-Quads file.
        :raises SyntaxError: for text that is not N-Quads; ``OSError`` when a write or a read fails.
        """
        if not isinstance(data, bytes) or data:
            self.store.bulk_load(data, format=RdfFormat.N_QUADS)
        if isinstance(contacts, str | Path):
            self.contacts.bulk_load(path=str(contacts), format=RdfFormat.N_QUADS)
        elif contacts:
            self.contacts.bulk_load(contacts, format=RdfFormat.N_QUADS)

    def document_meta(self, document_key: str) -> DocumentMeta | None:
        """What ``graph:meta`` says about a document, or None when it was never loaded."""
        values: dict[str, str] = {}
        subject = NamedNode(document_graph(document_key))
        for quad in self.store.quads_for_pattern(subject, None, None, NamedNode(META_GRAPH)):
            values[quad.predicate.value] = quad.object.value
        if IRG + "sha256" not in values:
            return None
        return DocumentMeta(
            sha256=values[IRG + "sha256"],
            loader_version=values.get(IRG + "loaderVersion", ""),
            alias_sha256=values.get(IRG + "aliasTableSha256", ""),
            source_path=values.get(IRG + "sourcePath", ""),
            quad_count=int(values.get(IRG + "quadCount", "0")),
            loaded_at=values.get(_PROV + "generatedAtTime", ""),
        )

    def replace_graphs(self, graphs: Iterable[str], quads: Iterable[Quad],
                       meta_subject: str | None = None) -> None:
        """In one transaction of the public store: drop ``graphs`` and the meta entry ``meta_subject``,
        insert ``quads``.

        :raises StoreError: when the update fails (the build is then as it was before the call), or
            when a graph or quad is a contacts one (those go to the contacts store only).
        """
        graphs = list(graphs)
        quads = list(quads)
        if any(g.startswith(CONTACTS_GRAPH_PREFIX) for g in graphs) or any(map(is_contacts_quad, quads)):
            raise StoreError("contacts graphs are written to the contacts store only (replace_document)")
        ops = [f"DROP SILENT GRAPH <{g}>" for g in dict.fromkeys(graphs)]
        if meta_subject is not None:
            ops.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{meta_subject}> ?p ?o }} }}")
        if quads:
            ops.append(insert_data(quads))
        if not ops:
            return
        try:
            self.store.update(" ;\n".join(ops))
        except (OSError, SyntaxError, ValueError, RuntimeError) as err:
            raise StoreError(f"could not replace graphs {', '.join(graphs)}: {err}") from err

    def refresh_statistics(self, quads: list[Quad] | None = None) -> None:
        """Replace ``graph:statistics`` and its ``graph:meta`` entry (the time) with the figures of the
        build as it is now; nothing is written when the figures are unchanged. The quads are added with
        ``Store.extend`` (one transaction, keeping the blank node labels a SPARQL ``INSERT DATA`` would
        renew); the build is not published yet, so no reader sees it between the drop and the add.

        :param quads: :func:`loader.statistics.statistics_quads` of the build as it is now, when the
            caller computed them already; default: computed here.
        :raises StoreError: when they cannot be computed or written.
        """
        quads = statistics_quads(self.store) if quads is None else quads
        if quads and unchanged(self.store, quads):
            return
        self.replace_graphs([STATISTICS_GRAPH], [], meta_subject=STATISTICS_GRAPH)
        try:
            self.store.extend(quads + statistics_meta(utc_now()))
        except (OSError, ValueError, RuntimeError) as err:
            raise StoreError(f"could not write the statistics graph: {err}") from err

    def replace_document(self, document_key: str, quads: Iterable[Quad], meta: DocumentMeta) -> None:
        """Replace a document's graph and meta entry (public store, one transaction) and its contacts
        graph (contacts store, one transaction); when the first fails the second is undone.

        :raises StoreError: when either update fails (the document is then as it was before the call).
        """
        quads = list(quads)
        meta = DocumentMeta(meta.sha256, meta.loader_version, meta.alias_sha256, meta.source_path,
                            len(quads), meta.loaded_at)
        public, contacts = split_contacts(quads)
        graph = NamedNode(contacts_graph(document_key))
        before = list(self.contacts.quads_for_pattern(None, None, None, graph))
        self._replace_contacts(graph, contacts)
        try:
            self.replace_graphs([document_graph(document_key)], public + meta_quads(document_key, meta),
                                meta_subject=document_graph(document_key))
        except StoreError:
            self._replace_contacts(graph, before)
            raise

    def _replace_contacts(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Replace the contacts graph ``graph`` of the contacts store by ``quads`` in one transaction."""
        ops = [f"DROP SILENT GRAPH <{graph.value}>"] + ([insert_data(quads)] if quads else [])
        try:
            self.contacts.update(" ;\n".join(ops))
        except (OSError, SyntaxError, ValueError, RuntimeError) as err:
            raise StoreError(f"could not replace graph {graph.value}: {err}") from err

    def move_contacts_out(self) -> int:
        """Move any ``graph:contacts/*`` graph of the public store into the contacts store (a build
        made before the contacts store existed); returns the number of quads moved."""
        graphs = [g for g in self.store.named_graphs()
                  if isinstance(g, NamedNode) and g.value.startswith(CONTACTS_GRAPH_PREFIX)]
        moved = 0
        for graph in graphs:
            quads = list(self.store.quads_for_pattern(None, None, None, graph))
            self.contacts.extend(quads)
            self.store.remove_graph(graph)
            moved += len(quads)
        return moved


def _refresh_build_graphs(writer: BuildWriter) -> None:
    """Compute the description graph (in a thread: Oxigraph evaluates a query without holding the GIL)
    beside the statistics graph, then write the descriptions and then the statistics, as
    :func:`incremental` does one after the other. The statistics read no fact of the description graph
    (``docs/decisions/0008-description-graph.md``), so computing them before it is written changes
    nothing.

    :raises StoreError: when either graph cannot be computed or written (the thread has ended then).
    """
    computed: dict[str, object] = {}

    def descriptions() -> None:
        try:
            computed["lines"] = description_lines(writer.store)
        except BaseException as err:  # raised again below, in the calling thread
            computed["error"] = err

    thread = threading.Thread(target=descriptions, name="build-descriptions")
    thread.start()
    try:
        statistics = statistics_quads(writer.store)
    finally:
        thread.join()
    if "error" in computed:
        raise computed["error"]  # type: ignore[misc]
    refresh_descriptions(writer.store, computed["lines"])  # type: ignore[arg-type]
    writer.refresh_statistics(statistics)


def _close(writer: BuildWriter) -> None:
    writer.store.flush()
    writer.contacts.flush()
    _drop(writer)


def _drop(writer: BuildWriter) -> None:
    """Let go of both stores (dropping the last reference closes a database)."""
    writer.store = None  # type: ignore[assignment]
    writer.contacts = None  # type: ignore[assignment]


def _open(path: Path) -> BuildWriter:
    """Open (or create) both stores of the build at ``path``; the public one first, as it makes the folder."""
    store = Store(str(path))
    return BuildWriter(path, store, Store(str(contacts_store_path(path))))


@contextlib.contextmanager
def full_build(root: Path, *, keep: int = _KEEP_BUILDS) -> Iterator[BuildWriter]:
    """A fresh, empty build under the writer lock; optimised and published when the body succeeds.

    :raises ontology.storage.StoreBusyError: when another writer holds the lock.
    """
    root = Path(root)
    with writer_lock(root):
        path = new_build_dir(root)
        try:
            writer = _open(path)
        except OSError as err:
            shutil.rmtree(path, ignore_errors=True)
            raise StoreError(f"could not create build {path}: {err}") from err
        try:
            yield writer
            if writer.descriptions_written:
                # the bulk load wrote the description graph (loader.streamed_descriptions): the
                # statistics come from the stream too (loader.statistic_parts), or else from their
                # queries on the store as loaded; then one optimize merges everything
                writer.refresh_statistics(writer.statistics)
            else:
                # The description query reads an optimised store 4-6 times faster than a freshly
                # bulk-loaded one (41.8 against 7.2 s of CPU at 35,000 documents), so optimise, compute
                # both graphs side by side, write them, and optimise again so that their new files are
                # merged too (without it, lookups took up to 40 % longer at 5,000 documents).
                writer.store.optimize()
                _refresh_build_graphs(writer)
            writer.store.optimize()
            writer.contacts.optimize()
            _close(writer)
        except BaseException:
            _drop(writer)
            shutil.rmtree(path, ignore_errors=True)
            raise
        publish(root, path)
        prune(root, keep=keep)


@contextlib.contextmanager
def incremental(root: Path, *, keep: int = _KEEP_BUILDS) -> Iterator[BuildWriter]:
    """A hard-link copy of the current build's two stores (or empty ones) under the writer lock,
    published when the body succeeds. A current build made before the contacts store existed has its
    contacts graphs moved out of the public store in the copy.

    :raises ontology.storage.StoreBusyError: when another writer holds the lock.
    :raises StoreError: when the current build cannot be copied.
    """
    root = Path(root)
    with writer_lock(root):
        path = new_build_dir(root)
        current = current_build(root)
        try:
            if current is not None:
                Store.read_only(str(current)).backup(str(path))
                if contacts_store_path(current).is_dir():
                    Store.read_only(str(contacts_store_path(current))).backup(str(contacts_store_path(path)))
            writer = _open(path)
            writer.move_contacts_out()
        except OSError as err:
            shutil.rmtree(path, ignore_errors=True)
            raise StoreError(f"could not copy build {current} to {path}: {err}") from err
        try:
            yield writer
            refresh_descriptions(writer.store)  # before the statistics, which read the union graph
            writer.refresh_statistics()
            _close(writer)
        except BaseException:
            _drop(writer)
            shutil.rmtree(path, ignore_errors=True)
            raise
        publish(root, path)
        prune(root, keep=keep)


def open_current(root: Path) -> Store:
    """The current build's public store, read-only.

    :raises StoreError: when nothing was published under ``root`` yet.
    """
    build = current_build(Path(root))
    if build is None:
        raise StoreError(f"no build published under {root}; run `interreg-kg build` first")
    return Store.read_only(str(build))


def open_current_contacts(root: Path) -> Store:
    """The current build's contacts store, read-only (an empty store for a build without one).

    :raises StoreError: when nothing was published under ``root`` yet.
    """
    build = current_build(Path(root))
    if build is None:
        raise StoreError(f"no build published under {root}; run `interreg-kg build` first")
    path = contacts_store_path(build)
    return Store.read_only(str(path)) if path.is_dir() else Store()
