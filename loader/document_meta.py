"""What ``graph:meta`` records about one loaded document, and its quads (``docs/graph-model.md``).

The entry holds the inputs of the reload skip rule (the document's sha256, the loader version, the
alias table's digest) and what a reader wants to know of the load (source path, quad count, time).

>>> meta = DocumentMeta("ab12", "0.2.0", "cd34", "docs/a.txt", 10, "2026-11-27T19:50:00Z")
>>> meta.same_inputs(DocumentMeta("ab12", "0.2.0", "cd34", "elsewhere/a.txt"))
True
>>> len(meta_quads("a", meta)), len(meta_nquads("a", meta).splitlines())
(9, 9)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pyoxigraph import Quad, RdfFormat, parse

from loader.nquads import iri, literal, quoted
from ontology.iris import mint_document
from ontology.namespaces import IRG, META_GRAPH, PREFIXES, contacts_graph, document_graph

__all__ = ["DocumentMeta", "meta_nquads", "meta_quads", "utc_now"]

_XSD = PREFIXES["xsd"]
_PROV = PREFIXES["prov"]
_RDF_TYPE = PREFIXES["rdf"] + "type"


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


def utc_now() -> str:
    """The time now in UTC as ``xsd:dateTime`` text, to the second (``2026-11-27T19:50:00Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def meta_nquads(document_key: str, meta: DocumentMeta) -> str:
    """The ``graph:meta`` entry of a document graph (``docs/graph-model.md``) as N-Quads text, the lines
    ``pyoxigraph.serialize`` writes for :func:`meta_quads`.

    :raises ValueError: when the document key makes no valid IRI.
    """
    g = iri(META_GRAPH)
    s = iri(document_graph(document_key))
    xsd = _XSD
    objects = (
        (_RDF_TYPE, iri(IRG + "DocumentGraph")),
        (IRG + "sourceDocument", iri(mint_document(document_key))),
        (IRG + "contactsGraph", iri(contacts_graph(document_key))),
        (IRG + "sha256", quoted(meta.sha256)),
        (IRG + "loaderVersion", quoted(meta.loader_version)),
        (IRG + "aliasTableSha256", quoted(meta.alias_sha256)),
        (IRG + "sourcePath", quoted(meta.source_path)),
        (_PROV + "generatedAtTime", literal(meta.loaded_at or utc_now(), datatype=xsd + "dateTime")),
        (IRG + "quadCount", literal(str(meta.quad_count), datatype=xsd + "integer")),
    )
    return "".join(f"{s} <{p}> {o} {g} .\n" for p, o in objects)


def meta_quads(document_key: str, meta: DocumentMeta) -> list[Quad]:
    """The ``graph:meta`` entry of a document graph (``docs/graph-model.md``): :func:`meta_nquads` read
    back by Oxigraph."""
    return list(parse(meta_nquads(document_key, meta).encode(), format=RdfFormat.N_QUADS))
