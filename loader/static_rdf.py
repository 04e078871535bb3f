"""The quads every build starts with: the ontology, the SHACL shapes and the vocabularies.

A full build puts them at the head of its bulk load (``loader/pipeline.py``); an incremental load
writes them into a build that has none. The vocabularies are written as N-Quads text
(``loader.nquads``) and read back by Oxigraph, as the documents' quads are (``loader.to_rdf``).

>>> from loader.records import Concept, Label
>>> [str(q.object) for q in vocab_to_quads([Concept("roles", "role", "lead", (Label("Lead", "EN", "pref"),))])
...  if q.predicate.value.endswith("prefLabel")]
['"Lead"@en']
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from loader.nquads import iri, literal, quoted
from loader.records import Concept
from ontology import ONTOLOGY_TTL, SHAPES_TTL
from ontology.iris import mint_concept
from ontology.namespaces import IRG, ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH, vocab_graph

__all__ = ["CONCEPT_CLASSES", "ontology_quads", "shapes_quads", "vocab_to_quads"]

_RDF_TYPE = PREFIXES["rdf"] + "type"
_SKOS = PREFIXES["skos"]
_XSD_DATE = PREFIXES["xsd"] + "date"
_DATES = (PREFIXES["schema"] + "startDate", PREFIXES["schema"] + "endDate")
_LABELS = {"pref": "prefLabel", "alt": "altLabel", "hidden": "hiddenLabel"}

#: The class of ours each concept kind gets besides ``skos:Concept``.
CONCEPT_CLASSES: dict[str, str] = {
    "programme": IRG + "Programme",
    "programme-family": IRG + "ProgrammeFamily",
    "period": IRG + "ProgrammingPeriod",
    "theme": IRG + "Theme",
    "keep-theme": IRG + "Theme",
    "target-group": IRG + "TargetGroup",
    "role": IRG + "Role",
    "precision": IRG + "DatePrecision",
    "measure": IRG + "Measure",
}


def vocab_to_quads(concepts: Iterable[Concept]) -> list[Quad]:
    """SKOS quads of vocabulary concepts, each into ``graph:vocab/{scheme}``, in order, without
    duplicates.

    :raises ValueError: for an IRI, a language tag or a concept kind that cannot be written.

    >>> from loader.records import Concept, Label
    >>> qs = vocab_to_quads([Concept("roles", "role", "lead", (Label("lead partner", "en", "pref"),))])
    >>> sorted({q.predicate.value.rsplit("#", 1)[-1] for q in qs})
    ['inScheme', 'prefLabel', 'type']
    """
    lines: dict[str, None] = {}
    for c in concepts:
        g = iri(vocab_graph(c.scheme))
        node = iri(mint_concept(c.kind, c.id))
        scheme = iri(mint_concept("scheme", c.scheme))

        def add(s: str, p: str, o: str, g: str = g) -> None:
            lines.setdefault(f"{s} {iri(p)} {o} {g} .\n", None)

        add(scheme, _RDF_TYPE, iri(_SKOS + "ConceptScheme"))
        add(node, _RDF_TYPE, iri(_SKOS + "Concept"))
        if c.kind in CONCEPT_CLASSES:
            add(node, _RDF_TYPE, iri(CONCEPT_CLASSES[c.kind]))
        add(node, _SKOS + "inScheme", scheme)
        for label in c.labels:
            add(node, _SKOS + _LABELS.get(label.kind, "altLabel"), literal(label.text, language=label.lang or None))
        for broader in c.broader:
            add(node, _SKOS + "broader", iri(broader))
        if c.notation:
            add(node, _SKOS + "notation", quoted(c.notation))
        for pred, value in c.properties:
            add(node, pred, iri(value))
        for pred, value in c.literal_properties:
            add(node, pred, literal(value, datatype=_XSD_DATE) if pred in _DATES and len(value) == 10
                else quoted(value))
    return list(parse("".join(lines).encode(), format=RdfFormat.N_QUADS)) if lines else []


def _turtle_quads(path, graph: str) -> list[Quad]:
    with open(path, "rb") as handle:
        return [Quad(t.subject, t.predicate, t.object, NamedNode(graph))
                for t in parse(handle, format=RdfFormat.TURTLE)]


def ontology_quads() -> list[Quad]:
    """``ontology/interreg.ttl`` into ``graph:ontology``."""
    return _turtle_quads(ONTOLOGY_TTL, ONTOLOGY_GRAPH)


def shapes_quads() -> list[Quad]:
    """``ontology/shapes.ttl`` into ``graph:shapes`` (its lists are blank nodes, as SHACL needs)."""
    return _turtle_quads(SHAPES_TTL, SHAPES_GRAPH)
