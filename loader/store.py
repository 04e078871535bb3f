"""The only writer to Oxigraph: full rebuilds, incremental per-document replacement, graph:meta.

A store root holds immutable builds and a ``current`` link (``ontology.storage``). Writing always
happens in an unpublished build directory under the writer lock, and ends with :func:`publish`:

- :func:`full_build` makes an empty build, bulk-loads it, optimises it and publishes it;
- :func:`incremental` makes a hard-link backup of the current build (cheap: Oxigraph's backup
  links the immutable SST files), replaces graphs in it, and publishes it.

Both end, after their body and before publishing, by recomputing ``graph:statistics`` from the
build's public graphs (:mod:`loader.statistics`), so every published build carries dashboard figures
matching its facts. If the body of either context fails, the unpublished build is removed and
``current`` is untouched.
Inside an incremental load, :meth:`BuildWriter.replace_document` replaces one document's graphs
and its ``graph:meta`` entry in ONE SPARQL Update (``DROP SILENT GRAPH`` ...; ``INSERT DATA``),
which Oxigraph applies as one transaction: a reader of that build sees the old graphs or the new
ones, never a mix, and a failure leaves them as they were.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from loader.errors import StoreError
from loader.statistics import meta_quads as statistics_meta
from loader.statistics import statistics_quads, unchanged
from ontology.iris import mint_document
from ontology.namespaces import IRG, META_GRAPH, PREFIXES, STATISTICS_GRAPH, contacts_graph, document_graph
from ontology.storage import current_build, new_build_dir, prune, publish, writer_lock

__all__ = [
    "LOADER_VERSION",
    "DocumentMeta",
    "BuildWriter",
    "full_build",
    "incremental",
    "open_current",
    "meta_quads",
    "insert_data",
]

try:
    LOADER_VERSION = metadata.version("interreg-kg")
except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    LOADER_VERSION = "0.1.0"

_XSD = PREFIXES["xsd"]
_PROV = PREFIXES["prov"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_KEEP_BUILDS = 3


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What ``graph:meta`` records about one loaded document (the inputs of the skip rule)."""

    sha256: str
    loader_version: str
    alias_sha256: str
    source_path: str
    quad_count: int = 0
    loaded_at: str = ""

    def same_inputs(self, other: DocumentMeta | None) -> bool:
        """True when ``other`` was loaded from the same bytes, loader version and alias table."""
        return other is not None and (self.sha256, self.loader_version, self.alias_sha256) == (
            other.sha256, other.loader_version, other.alias_sha256)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def meta_quads(document_key: str, meta: DocumentMeta) -> list[Quad]:
    """The ``graph:meta`` entry of a document graph (``docs/graph-model.md``)."""
    g = NamedNode(META_GRAPH)
    s = NamedNode(document_graph(document_key))

    def q(p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, NamedNode(p), o, g)

    return [
        q(_RDF_TYPE, NamedNode(IRG + "DocumentGraph")),
        q(IRG + "sourceDocument", NamedNode(mint_document(document_key))),
        q(IRG + "contactsGraph", NamedNode(contacts_graph(document_key))),
        q(IRG + "sha256", Literal(meta.sha256)),
        q(IRG + "loaderVersion", Literal(meta.loader_version)),
        q(IRG + "aliasTableSha256", Literal(meta.alias_sha256)),
        q(IRG + "sourcePath", Literal(meta.source_path)),
        q(_PROV + "generatedAtTime", Literal(meta.loaded_at or _now(), datatype=NamedNode(_XSD + "dateTime"))),
        q(IRG + "quadCount", Literal(str(meta.quad_count), datatype=NamedNode(_XSD + "integer"))),
    ]


def insert_data(quads: Iterable[Quad]) -> str:
    """A SPARQL ``INSERT DATA`` of quads, grouped by graph (terms in N-Triples syntax).

    Blank nodes keep their labels, which SPARQL scopes to the one request: they become fresh nodes.

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
    """An open, not yet published build. Obtain one from :func:`full_build` or :func:`incremental`."""

    def __init__(self, path: Path, store: Store) -> None:
        self.path = path
        self.store = store

    def bulk_extend(self, quads: Iterable[Quad]) -> None:
        """Add many quads fast (Oxigraph's bulk loader; not transactional: for fresh builds)."""
        self.store.bulk_extend(quads)

    def bulk_load_nquads(self, data: bytes) -> None:
        """Add N-Quads text fast (Oxigraph's bulk loader parses it; not transactional: for fresh builds)."""
        if data:
            self.store.bulk_load(data, format=RdfFormat.N_QUADS)

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
        """In one transaction: drop ``graphs`` and the meta entry ``meta_subject``, insert ``quads``.

        :raises StoreError: when the update fails (the build is then as it was before the call).
        """
        ops = [f"DROP SILENT GRAPH <{g}>" for g in dict.fromkeys(graphs)]
        if meta_subject is not None:
            ops.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{meta_subject}> ?p ?o }} }}")
        quads = list(quads)
        if quads:
            ops.append(insert_data(quads))
        if not ops:
            return
        try:
            self.store.update(" ;\n".join(ops))
        except (OSError, SyntaxError, ValueError, RuntimeError) as err:
            raise StoreError(f"could not replace graphs {', '.join(graphs)}: {err}") from err

    def refresh_statistics(self) -> None:
        """Replace ``graph:statistics`` and its ``graph:meta`` entry (the time) with the figures of the
        build as it is now; nothing is written when the figures are unchanged. The quads are added with
        ``Store.extend`` (one transaction, keeping the blank node labels a SPARQL ``INSERT DATA`` would
        renew); the build is not published yet, so no reader sees it between the drop and the add.

        :raises StoreError: when they cannot be computed or written.
        """
        quads = statistics_quads(self.store)
        if quads and unchanged(self.store, quads):
            return
        self.replace_graphs([STATISTICS_GRAPH], [], meta_subject=STATISTICS_GRAPH)
        try:
            self.store.extend(quads + statistics_meta(_now()))
        except (OSError, ValueError, RuntimeError) as err:
            raise StoreError(f"could not write the statistics graph: {err}") from err

    def replace_document(self, document_key: str, quads: Iterable[Quad], meta: DocumentMeta) -> None:
        """Replace a document's graph, its contacts graph and its meta entry in one transaction."""
        quads = list(quads)
        meta = DocumentMeta(meta.sha256, meta.loader_version, meta.alias_sha256, meta.source_path,
                            len(quads), meta.loaded_at)
        self.replace_graphs([document_graph(document_key), contacts_graph(document_key)],
                            quads + meta_quads(document_key, meta),
                            meta_subject=document_graph(document_key))


def _close(writer: BuildWriter) -> None:
    writer.store.flush()
    writer.store = None  # type: ignore[assignment]  # dropping the last reference closes the database


@contextlib.contextmanager
def full_build(root: Path, *, keep: int = _KEEP_BUILDS) -> Iterator[BuildWriter]:
    """A fresh, empty build under the writer lock; optimised and published when the body succeeds.

    :raises ontology.storage.StoreBusyError: when another writer holds the lock.
    """
    root = Path(root)
    with writer_lock(root):
        path = new_build_dir(root)
        writer = BuildWriter(path, Store(str(path)))
        try:
            yield writer
            writer.refresh_statistics()
            writer.store.optimize()
            _close(writer)
        except BaseException:
            writer.store = None  # type: ignore[assignment]
            shutil.rmtree(path, ignore_errors=True)
            raise
        publish(root, path)
        prune(root, keep=keep)


@contextlib.contextmanager
def incremental(root: Path, *, keep: int = _KEEP_BUILDS) -> Iterator[BuildWriter]:
    """A hard-link copy of the current build (or an empty one) under the writer lock, published
    when the body succeeds.

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
            writer = BuildWriter(path, Store(str(path)))
        except OSError as err:
            shutil.rmtree(path, ignore_errors=True)
            raise StoreError(f"could not copy build {current} to {path}: {err}") from err
        try:
            yield writer
            writer.refresh_statistics()
            _close(writer)
        except BaseException:
            writer.store = None  # type: ignore[assignment]
            shutil.rmtree(path, ignore_errors=True)
            raise
        publish(root, path)
        prune(root, keep=keep)


def open_current(root: Path) -> Store:
    """The current build, read-only.

    :raises StoreError: when nothing was published under ``root`` yet.
    """
    build = current_build(Path(root))
    if build is None:
        raise StoreError(f"no build published under {root}; run `interreg-kg build` first")
    return Store.read_only(str(build))
