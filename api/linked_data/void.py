"""The VoID / DCAT description of the dataset served: size, build, licence, sources and attribution.

Served at ``/.well-known/void`` (RFC 5785 / VoID's well-known location) and at ``/dataset``, the path
of the dataset's IRI :data:`DATASET`. ``base`` is where this service answers, so that the SPARQL
endpoint and the dump links resolve.

>>> from pyoxigraph import Store
>>> triples = description(Store(), [], "http://h", build=None, version="0")
>>> any(t.object.value == "http://rdfs.org/ns/void#Dataset" for t in triples)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple

import queries
from ontology.namespaces import BASE, ID, IRG, PREFIXES

__all__ = ["DATASET", "LICENSE", "VOID", "description", "counts"]

DATASET = BASE + "dataset"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
VOID = "http://rdfs.org/ns/void#"
_XSD = PREFIXES["xsd"]
_RDF, _DCT, _DCAT = PREFIXES["rdf"], PREFIXES["dcterms"], PREFIXES["dcat"]
_HAS_SOURCE = NamedNode(PREFIXES["oa"] + "hasSource")
_REFERENCE_SOURCES = (
    ("https://keep.eu/", "Themes are mapped to the thematic classification of keep.eu (Interact programme)."),
    (
        "https://interreg.eu/",
        "Programme names, periods and CCI codes follow the Interreg programmes' own publications.",
    ),
)
_CLASSES = ("Project", "Organisation", "Participation", "SourceDocument", "Programme", "Evidence")


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(_XSD + "integer"))


def counts(store: Store, graphs: Sequence[NamedNode]) -> dict[str, int]:
    """Quads of the public graphs, distinct subjects, and instances of the main classes."""
    quads = 0
    subjects: set[str] = set()
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, g):
            quads += 1
            subjects.add(str(q.subject))
    out = {"triples": quads, "distinctSubjects": len(subjects), "graphs": len(graphs)}
    rdf_type = NamedNode(_RDF + "type")
    for name in _CLASSES:
        # a span (irg:Evidence) has no type quad: it is a subject of oa:hasSource (docs/decisions/0007)
        marker = (_HAS_SOURCE, None) if name == "Evidence" else (rdf_type, NamedNode(IRG + name))
        members: set[str] = set()
        for g in graphs:
            members.update(str(q.subject) for q in store.quads_for_pattern(None, *marker, g))
        out[name] = len(members)
    return out


def description(
    store: Store, graphs: Sequence[NamedNode], base: str, build: Path | None, version: str
) -> list[Triple]:
    """The triples describing the dataset as served from ``base`` (e.g. ``http://127.0.0.1:8000``)."""
    base = base.rstrip("/")
    ds = NamedNode(DATASET)
    out: list[Triple] = []

    def add(s, p: str, o) -> None:
        out.append(Triple(s, NamedNode(p), o))

    size = counts(store, graphs)
    add(ds, _RDF + "type", NamedNode(VOID + "Dataset"))
    add(ds, _RDF + "type", NamedNode(_DCAT + "Dataset"))
    add(ds, _DCT + "title", Literal("Interreg social-inclusion knowledge graph", language="en"))
    add(
        ds,
        _DCT + "description",
        Literal(
            "Projects of Interreg cross-border social-inclusion programmes: programmes, periods, dates, budgets, "
            "partners and their roles, target groups, themes and results, each fact traceable to the document and "
            "the span of text it was read from. Contact details of people are not part of the published data.",
            language="en",
        ),
    )
    add(ds, _DCT + "license", NamedNode(LICENSE))
    add(ds, _DCT + "hasVersion", Literal(build.name if build is not None else "in-memory"))
    add(ds, PREFIXES["owl"] + "versionInfo", Literal(version))
    add(ds, VOID + "triples", _int(size["triples"]))
    add(ds, VOID + "distinctSubjects", _int(size["distinctSubjects"]))
    add(ds, VOID + "entities", _int(size["Project"] + size["Organisation"]))
    add(ds, VOID + "uriSpace", Literal(ID))
    add(ds, VOID + "sparqlEndpoint", NamedNode(base + "/sparql"))
    add(ds, VOID + "rootResource", NamedNode(IRG.rstrip("#")))
    for prefix in ("irg", "skos", "dcterms", "prov", "org", "schema", "oa"):
        add(ds, VOID + "vocabulary", NamedNode(PREFIXES[prefix]))
    for name in _CLASSES:
        part = BlankNode(f"class-{name}")  # fixed labels: the same description gives the same bytes (ETag)
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", NamedNode(IRG + name))
        add(part, VOID + "entities", _int(size[name]))
    for fmt, media in (("nquads", "application/n-quads"), ("trig", "application/trig")):
        url = NamedNode(f"{base}/api/dump?format={fmt}")
        add(ds, VOID + "dataDump", url)
        dist = BlankNode(f"dump-{fmt}")
        add(ds, _DCAT + "distribution", dist)
        add(dist, _RDF + "type", NamedNode(_DCAT + "Distribution"))
        add(dist, _DCAT + "downloadURL", url)
        add(dist, _DCAT + "mediaType", Literal(media))
        add(dist, _DCT + "license", NamedNode(LICENSE))
    example = queries.run(store, "projects", limit=1).rows if graphs else ()
    for row in example:
        add(ds, VOID + "exampleResource", row["project"])
    if graphs:
        for n, d in enumerate(queries.run(store, "document").values()):
            source = NamedNode(d["source"]) if d["source"] else NamedNode(d["document"])
            add(ds, _DCT + "source", source)
            attribution = BlankNode(f"document-{n}")
            add(ds, PREFIXES["prov"] + "qualifiedDerivation", attribution)
            add(attribution, PREFIXES["prov"] + "entity", source)
            add(
                attribution,
                PREFIXES["rdfs"] + "label",
                Literal(f"Facts read from {d['title'] or d['document']}"),
            )
    for n, (url, note) in enumerate(_REFERENCE_SOURCES):
        add(ds, _DCT + "source", NamedNode(url))
        attribution = BlankNode(f"reference-{n}")
        add(ds, PREFIXES["prov"] + "qualifiedDerivation", attribution)
        add(attribution, PREFIXES["prov"] + "entity", NamedNode(url))
        add(attribution, PREFIXES["rdfs"] + "label", Literal(note, language="en"))
    return out
