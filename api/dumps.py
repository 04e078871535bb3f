"""Whole-graph dumps (N-Quads or TriG) of a store, without the contacts graphs unless allowed.

A dump holds every named graph a reader of the service may see: the ontology, shapes, vocabularies,
document graphs, the metadata graph and loaded RDF files; the ``graph:contacts/*`` graphs (contact
persons, e-mails, phones and the full texts naming them) only with ``personal_data=True``. Each graph
is serialized on its own, so memory stays bounded by the largest graph and the parts concatenate
into one valid file (N-Quads lines; TriG blocks with their prefix directives).

>>> from pyoxigraph import Quad, NamedNode as N, Store
>>> s = Store()
>>> s.add(Quad(N("http://a"), N("http://p"), N("http://b"), N("https://w3id.org/interreg-kg/graph/meta")))
>>> s.add(Quad(N("http://a"), N("http://p"), N("http://c"), N("https://w3id.org/interreg-kg/graph/contacts/d")))
>>> b"".join(chunks(s, "nquads")).count(b"\\n")
1
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


def dump_graphs(store: Store, personal_data: bool = False) -> list[NamedNode]:
    """The named graphs a dump holds: the public ones, plus the contacts graphs when allowed."""
    graphs = public_graphs(store)
    if personal_data:
        graphs += sorted(
            (
                g
                for g in store.named_graphs()
                if isinstance(g, NamedNode) and g.value.startswith(CONTACTS_GRAPH_PREFIX)
            ),
            key=lambda g: g.value,
        )
    return graphs


def chunks(store: Store, fmt: str, personal_data: bool = False) -> Iterator[bytes]:
    """The dump as byte chunks, one per graph; every pyoxigraph object is dropped within a chunk.

    :raises ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown dump format {fmt!r}; expected one of {', '.join(FORMATS)}")
    for graph in dump_graphs(store, personal_data):
        quads = list(store.quads_for_pattern(None, None, None, graph))
        if quads:
            yield serialize(quads, format=_RDF[fmt], prefixes=PREFIXES if fmt == "trig" else None)


def write(store: Store, fmt: str, output: Path, personal_data: bool = False) -> int:
    """Write the dump to ``output`` (parent folders made); returns the number of quads written."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with output.open("wb") as handle:
        for graph in dump_graphs(store, personal_data):
            quads = list(store.quads_for_pattern(None, None, None, graph))
            count += len(quads)
            if quads:
                handle.write(serialize(quads, format=_RDF[fmt], prefixes=PREFIXES if fmt == "trig" else None))
    return count
