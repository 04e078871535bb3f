"""Describing one resource of the graph, and writing descriptions as RDF.

:func:`describe` gives the triples about an IRI that the public graphs hold: every triple with it as
subject, the triples of the things that exist only as part of it (participations, results and spans
whose IRI starts with it), and the triples that point at it (its participants, what was
derived from a document). A concept scheme also brings every concept in its vocabulary graph.
The contacts store (personal data, ``graph:contacts/*``) is read only when the caller passes it,
which the routes do only when :mod:`api.privacy` allows.

>>> from pyoxigraph import Quad, NamedNode as N, Store
>>> s = Store(); g = N("https://w3id.org/interreg-kg/graph/document/d")
>>> s.add(Quad(N("https://w3id.org/interreg-kg/id/project/x"), N("http://p"), N("http://o"), g))
>>> len(describe(s, [g], "https://w3id.org/interreg-kg/id/project/x"))
1
>>> local_path("https://w3id.org/interreg-kg/id/project/x"), iri_of("/id/project/x")
('/id/project/x', 'https://w3id.org/interreg-kg/id/project/x')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, Triple, serialize

from ontology.namespaces import BASE, ID, PREFIXES, VOCAB_GRAPH_PREFIX

__all__ = ["RDF_TYPES", "describe", "write", "local_path", "iri_of", "MAX_INCOMING"]

RDF_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
}
MAX_INCOMING = 2000
_SKOS = PREFIXES["skos"]
_RDF_TYPE = PREFIXES["rdf"] + "type"


def local_path(iri: str) -> str | None:
    """The path this service answers ``iri`` at, or None for an IRI that is not ours."""
    return "/" + iri[len(BASE) :] if iri.startswith(BASE) else None


def iri_of(path: str) -> str:
    """The IRI a local path stands for (the inverse of :func:`local_path`)."""
    return BASE + path.lstrip("/")


def _triples(
    store: Store, graphs: Iterable[NamedNode], subject=None, predicate=None, obj=None, contacts: Store | None = None
) -> Iterable[Triple]:
    """Triples of the pattern in ``graphs`` of ``store`` (one probe over all graphs, then kept by graph),
    then in every graph of ``contacts`` when given."""
    wanted = set(graphs)
    for q in store.quads_for_pattern(subject, predicate, obj, None):
        if q.graph_name in wanted:
            yield q.triple
    if contacts is not None:
        for q in contacts.quads_for_pattern(subject, predicate, obj, None):
            yield q.triple


def describe(store: Store, graphs: Sequence[NamedNode], iri: str, contacts: Store | None = None) -> list[Triple]:
    """The triples about ``iri`` in ``graphs`` (see the module docstring), and in the contacts store
    ``contacts`` when given (personal data: only where allowed), without duplicates, sorted."""
    node = NamedNode(iri)
    out: dict[str, Triple] = {}

    def add(triples: Iterable[Triple]) -> None:
        for t in triples:
            out.setdefault(str(t), t)

    add(_triples(store, graphs, subject=node, contacts=contacts))
    children = {
        t.object
        for t in out.values()
        if isinstance(t.object, NamedNode) and t.object.value.startswith((iri + "/", iri + "#"))
    }
    for t in list(_triples(store, graphs, obj=node, contacts=contacts))[:MAX_INCOMING]:
        add([t])
        if isinstance(t.subject, NamedNode) and t.subject.value.startswith((iri + "/", iri + "#")):
            children.add(t.subject)
    for child in sorted(children, key=lambda n: n.value)[:MAX_INCOMING]:
        add(_triples(store, graphs, subject=child, contacts=contacts))
    if iri.startswith(ID + "scheme/"):
        scheme_graph = NamedNode(VOCAB_GRAPH_PREFIX + iri[len(ID + "scheme/") :])
        if scheme_graph in graphs:
            add(q.triple for q in store.quads_for_pattern(None, None, None, scheme_graph))
    return sorted(out.values(), key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))


def write(triples: Sequence[Triple | Quad], media_type: str) -> bytes:
    """``triples`` serialized in the RDF format of ``media_type`` (a key of :data:`RDF_TYPES`)."""
    fmt = RDF_TYPES[media_type]
    prefixes = {**PREFIXES, "id": ID, "void": "http://rdfs.org/ns/void#"} if fmt is RdfFormat.TURTLE else None
    return serialize(list(triples), format=fmt, prefixes=prefixes)
