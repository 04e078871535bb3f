"""RDF files loaded beside the documents: reference data as Turtle, N-Triples, N-Quads or TriG.

Triples files (Turtle, N-Triples) go into ``graph:file/{file key}``; quads files (N-Quads, TriG)
keep their graphs, and their default-graph triples go into ``graph:file/{file key}``. Loading a file
again replaces every graph it wrote before (``graph:meta`` lists them with ``irg:namedGraph``).
A file may not write into the graphs the loader owns (``graph:ontology``, ``graph:shapes``,
``graph:vocab/*``, ``graph:document/*``, ``graph:contacts/*``, ``graph:meta``): such a file is
refused as a whole with :class:`ProtectedGraphError`.

>>> file_key("data/reference/Keep Themes.ttl")
'keep-themes.ttl'
>>> is_rdf_file("x.trig"), is_rdf_file("x.txt")
(True, False)
>>> protected_graph(META_GRAPH), protected_graph("https://example.org/g")
(True, False)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse

from loader.errors import StoreError
from loader.store import LOADER_VERSION, BuildWriter
from ontology.namespaces import (
    CONTACTS_GRAPH_PREFIX,
    DOCUMENT_GRAPH_PREFIX,
    IRG,
    META_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    SHAPES_GRAPH,
    VOCAB_GRAPH_PREFIX,
    rdf_file_graph,
)

__all__ = [
    "RDF_FORMATS",
    "ProtectedGraphError",
    "FileLoad",
    "file_key",
    "is_rdf_file",
    "protected_graph",
    "read_rdf_file",
    "load_rdf_file",
]

#: File suffix -> Oxigraph format.
RDF_FORMATS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
}
_PROTECTED_EXACT = (ONTOLOGY_GRAPH, SHAPES_GRAPH, META_GRAPH)
_PROTECTED_PREFIXES = (VOCAB_GRAPH_PREFIX, DOCUMENT_GRAPH_PREFIX, CONTACTS_GRAPH_PREFIX)
_XSD = PREFIXES["xsd"]


class ProtectedGraphError(StoreError):
    """An RDF file aims quads at a graph only the loader writes."""


@dataclass(frozen=True, slots=True)
class FileLoad:
    """The outcome of loading one RDF file: ``status`` is ``loaded`` or ``unchanged``."""

    path: str
    status: str
    quads: int
    graphs: tuple[str, ...]


def file_key(path: str | Path) -> str:
    """The stable key of an RDF file: its lowercased name, other characters than ``a-z0-9._-`` as ``-``."""
    key = re.sub(r"[^a-z0-9._-]+", "-", Path(path).name.lower()).strip("-")
    return key or "x"


def is_rdf_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in RDF_FORMATS


def protected_graph(graph: str) -> bool:
    """True for a graph that only the loader may write."""
    return graph in _PROTECTED_EXACT or graph.startswith(_PROTECTED_PREFIXES)


def read_rdf_file(path: str | Path) -> list[Quad]:
    """Parse an RDF file into the quads it would write (default graph -> ``graph:file/{key}``).

    :raises StoreError: when the file cannot be read or parsed (the message names the file).
    :raises ProtectedGraphError: when a quad aims at a graph only the loader writes.
    """
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: not an RDF file (expected {', '.join(RDF_FORMATS)})")
    own = NamedNode(rdf_file_graph(file_key(path)))
    try:
        with path.open("rb") as handle:
            parsed = list(parse(handle, format=fmt, base_iri=path.resolve().as_uri()))
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: cannot read RDF: {err}") from err
    quads = []
    for item in parsed:
        graph = getattr(item, "graph_name", None)
        if graph is None or isinstance(graph, DefaultGraph):
            graph = own
        if protected_graph(graph.value):
            raise ProtectedGraphError(f"{path}: refused: it writes into {graph.value}, which only the loader writes")
        quads.append(Quad(item.subject, item.predicate, item.object, graph))
    return quads


def _previous(writer: BuildWriter, subject: NamedNode) -> tuple[str | None, list[str]]:
    sha, graphs = None, []
    for quad in writer.store.quads_for_pattern(subject, None, None, NamedNode(META_GRAPH)):
        if quad.predicate.value == IRG + "sha256":
            sha = quad.object.value
        elif quad.predicate.value == IRG + "namedGraph":
            graphs.append(quad.object.value)
    return sha, graphs


def load_rdf_file(writer: BuildWriter, path: str | Path, *, loaded_at: str) -> FileLoad:
    """Load (or re-load) one RDF file into an open build, in one transaction.

    Unchanged bytes (same sha256 and loader version) are skipped.

    :raises StoreError: see :func:`read_rdf_file`; the build is unchanged then.
    """
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    subject = NamedNode(rdf_file_graph(file_key(path)))
    previous_sha, previous_graphs = _previous(writer, subject)
    version = next((q.object.value for q in writer.store.quads_for_pattern(
        subject, NamedNode(IRG + "loaderVersion"), None, NamedNode(META_GRAPH))), None)
    if previous_sha == digest and version == LOADER_VERSION:
        return FileLoad(str(path), "unchanged", 0, tuple(sorted(previous_graphs)))
    quads = read_rdf_file(path)
    graphs = sorted({q.graph_name.value for q in quads} | {subject.value})
    meta = NamedNode(META_GRAPH)
    meta_quads = [
        Quad(subject, NamedNode(PREFIXES["rdf"] + "type"), NamedNode(IRG + "FileGraph"), meta),
        Quad(subject, NamedNode(IRG + "sha256"), Literal(digest), meta),
        Quad(subject, NamedNode(IRG + "loaderVersion"), Literal(LOADER_VERSION), meta),
        Quad(subject, NamedNode(IRG + "sourcePath"), Literal(str(path)), meta),
        Quad(subject, NamedNode(PREFIXES["prov"] + "generatedAtTime"),
             Literal(loaded_at, datatype=NamedNode(_XSD + "dateTime")), meta),
        Quad(subject, NamedNode(IRG + "quadCount"), Literal(str(len(quads)), datatype=NamedNode(_XSD + "integer")),
             meta),
    ] + [Quad(subject, NamedNode(IRG + "namedGraph"), NamedNode(g), meta) for g in graphs]
    writer.replace_graphs(previous_graphs + graphs, quads + meta_quads, meta_subject=subject.value)
    return FileLoad(str(path), "loaded", len(quads), tuple(graphs))
