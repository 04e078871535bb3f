"""Whole-graph dumps (N-Quads or TriG) of a build: its public store, and its contacts store when allowed.

A dump holds every named graph a reader of the service may see: the ontology, shapes, vocabularies,
document graphs, the metadata graph and loaded RDF files (the public store's named graphs); the
``graph:contacts/*`` graphs of the contacts store (contact persons, e-mails, phones and the full
texts naming them) only when the caller passes that store, which it does only when personal data
may be served. Each graph is serialized on its own, so memory stays bounded by the largest graph
and the parts concatenate into one valid file (N-Quads lines; TriG blocks with their prefix directives).

>>> from pyoxigraph import Quad, NamedNode as N, Store
>>> s, c = Store(), Store()
>>> s.add(Quad(N("http://a"), N("http://p"), N("http://b"), N("https://w3id.org/interreg-kg/graph/meta")))
>>> c.add(Quad(N("http://a"), N("http://p"), N("http://c"), N("https://w3id.org/interreg-kg/graph/contacts/d")))
>>> b"".join(chunks(s, "nquads")).count(b"\\n"), b"".join(chunks(s, "nquads", c)).count(b"\\n")
(1, 2)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store, serialize

from ontology.namespaces import CONTACTS_GRAPH_PREFIX, PREFIXES
from queries import public_graphs

__all__ = ["FORMATS", "MEDIA_TYPES", "EXTENSIONS", "dump_graphs", "chunks", "write"]

FORMATS = ("nquads", "trig")
MEDIA_TYPES = {"nquads": "application/n-quads", "trig": "application/trig"}
EXTENSIONS = {"nquads": "nq", "trig": "trig"}
_RDF = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG}


def dump_graphs(store: Store, contacts: Store | None = None) -> list[tuple[Store, NamedNode]]:
    """The named graphs a dump holds, each with its store: the public store's graphs (never a
    contacts graph), then, when ``contacts`` is given, the contacts store's graphs, each sorted."""
    graphs = [(store, g) for g in public_graphs(store)]
    if contacts is not None:
        held = sorted((g for g in contacts.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value)
        graphs += [(contacts, g) for g in held if g.value.startswith(CONTACTS_GRAPH_PREFIX)]
    return graphs


def chunks(store: Store, fmt: str, contacts: Store | None = None) -> Iterator[bytes]:
    """The dump as byte chunks, one per graph; every pyoxigraph object is dropped within a chunk.

    :param contacts: the contacts store, to add its graphs (personal data: only where allowed).
    :raises ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown dump format {fmt!r}; expected one of {', '.join(FORMATS)}")
    for source, graph in dump_graphs(store, contacts):
        quads = list(source.quads_for_pattern(None, None, None, graph))
        if quads:
            yield serialize(quads, format=_RDF[fmt], prefixes=PREFIXES if fmt == "trig" else None)


def write(store: Store, fmt: str, output: Path, contacts: Store | None = None) -> int:
    """Write the dump to ``output`` (parent folders made); returns the number of quads written.

    :param contacts: the contacts store, to add its graphs (personal data: only where allowed).
    """
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with output.open("wb") as handle:
        for source, graph in dump_graphs(store, contacts):
            quads = list(source.quads_for_pattern(None, None, None, graph))
            count += len(quads)
            if quads:
                handle.write(serialize(quads, format=_RDF[fmt], prefixes=PREFIXES if fmt == "trig" else None))
    return count
