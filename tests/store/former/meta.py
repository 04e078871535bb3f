"""THE FORMER ``graph:meta`` entry of a document (``loader.store.meta_quads`` before the N-Quads
text writer), built from pyoxigraph terms: tests hold ``loader.store.meta_nquads`` to its bytes."""

from __future__ import annotations

from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode, Quad

from loader.store import DocumentMeta
from ontology.iris import mint_document
from ontology.namespaces import IRG, META_GRAPH, PREFIXES, contacts_graph, document_graph

_XSD = PREFIXES["xsd"]
_PROV = PREFIXES["prov"]
_RDF_TYPE = PREFIXES["rdf"] + "type"


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
