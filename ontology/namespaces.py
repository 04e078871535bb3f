"""The IRIs every part of interreg-kg agrees on: vocabularies, data, named graphs.

This module is a leaf: the write path (``loader``) and the read path (``api``) both import it, and it
imports nothing of theirs. IRIs are plain ``str`` here; wrap them in ``pyoxigraph.NamedNode`` or
``rdflib.URIRef`` where a term is needed.

>>> IRG + "Project"
'https://w3id.org/interreg-kg/ontology#Project'
>>> document_graph("000_61233fa75de99c9d")
'https://w3id.org/interreg-kg/graph/document/000_61233fa75de99c9d'
"""

from __future__ import annotations

__all__ = [
    "BASE",
    "IRG",
    "ID",
    "GRAPH",
    "PREFIXES",
    "ONTOLOGY_GRAPH",
    "SHAPES_GRAPH",
    "META_GRAPH",
    "STATISTICS_GRAPH",
    "DESCRIPTIONS_GRAPH",
    "VOCAB_GRAPH_PREFIX",
    "DOCUMENT_GRAPH_PREFIX",
    "CONTACTS_GRAPH_PREFIX",
    "RDF_FILE_GRAPH_PREFIX",
    "vocab_graph",
    "document_graph",
    "contacts_graph",
    "rdf_file_graph",
    "sparql_prefixes",
]

BASE = "https://w3id.org/interreg-kg/"
IRG = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

ONTOLOGY_GRAPH = GRAPH + "ontology"
SHAPES_GRAPH = GRAPH + "shapes"
META_GRAPH = GRAPH + "meta"
STATISTICS_GRAPH = GRAPH + "statistics"  # dashboard figures computed with each build (docs/graph-model.md)
DESCRIPTIONS_GRAPH = GRAPH + "descriptions"  # one deduplicated description per item, computed with each build
VOCAB_GRAPH_PREFIX = GRAPH + "vocab/"
DOCUMENT_GRAPH_PREFIX = GRAPH + "document/"
CONTACTS_GRAPH_PREFIX = GRAPH + "contacts/"
RDF_FILE_GRAPH_PREFIX = GRAPH + "file/"

PREFIXES: dict[str, str] = {
    "irg": IRG,
    "id": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "http://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def vocab_graph(scheme: str) -> str:
    """Named graph of one SKOS concept scheme, e.g. ``vocab_graph("programmes")``."""
    return VOCAB_GRAPH_PREFIX + scheme


def document_graph(document_key: str) -> str:
    """Named graph holding the facts read from one source document."""
    return DOCUMENT_GRAPH_PREFIX + document_key


def contacts_graph(document_key: str) -> str:
    """Companion graph holding the personal contact details read from one document."""
    return CONTACTS_GRAPH_PREFIX + document_key


def rdf_file_graph(file_key: str) -> str:
    """Named graph for a triples file loaded beside the documents (reference data)."""
    return RDF_FILE_GRAPH_PREFIX + file_key


def sparql_prefixes() -> str:
    """The PREFIX lines for every prefix in :data:`PREFIXES`, for queries and examples.

    >>> "PREFIX irg: <https://w3id.org/interreg-kg/ontology#>" in sparql_prefixes()
    True
    """
    return "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"
