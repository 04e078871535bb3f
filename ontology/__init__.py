"""The shared vocabulary of interreg-kg: namespaces, IRI minting, settings, store layout, and the
ontology and SHACL shapes as Turtle files.

A leaf package: ``loader`` (write path) and ``api`` (read path) both import it; it imports neither.

>>> ONTOLOGY_TTL.name, SHAPES_TTL.name
('interreg.ttl', 'shapes.ttl')
>>> ONTOLOGY_TTL.is_file() and SHAPES_TTL.is_file()
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ontology.namespaces import (
    GRAPH,
    ID,
    IRG,
    META_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    SHAPES_GRAPH,
    contacts_graph,
    document_graph,
    rdf_file_graph,
    vocab_graph,
)

__all__ = [
    "ONTOLOGY_TTL",
    "SHAPES_TTL",
    "IRG",
    "ID",
    "GRAPH",
    "PREFIXES",
    "ONTOLOGY_GRAPH",
    "SHAPES_GRAPH",
    "META_GRAPH",
    "vocab_graph",
    "document_graph",
    "contacts_graph",
    "rdf_file_graph",
]


def _resource(name: str) -> Path:
    return Path(str(resources.files(__name__).joinpath(name)))


#: The OWL ontology (loaded into ``graph:ontology``).
ONTOLOGY_TTL: Path = _resource("interreg.ttl")
#: The SHACL shapes (loaded into ``graph:shapes``; used by ``interreg-kg check``).
SHAPES_TTL: Path = _resource("shapes.ttl")
