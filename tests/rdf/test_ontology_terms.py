"""Every irg: term the mapping writes and the graph model names is declared, labelled and explained."""

from __future__ import annotations

import re
from pathlib import Path

import rdflib

from ontology import ONTOLOGY_TTL, SHAPES_TTL
from ontology.namespaces import IRG

ROOT = Path(__file__).resolve().parents[2]
RDFS = rdflib.RDFS
OWL = rdflib.OWL


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_TTL, format="turtle")


def _used_terms() -> set[str]:
    code = "\n".join((ROOT / "loader" / name).read_text(encoding="utf-8")
                     for name in ("to_rdf.py", "store.py", "rdf_files.py"))
    terms = set(re.findall(r'IRG \+ "(\w+)"', code))
    model = (ROOT / "docs" / "graph-model.md").read_text(encoding="utf-8")
    terms |= set(re.findall(r"\birg:(\w+)", model))
    terms |= set(re.findall(r"\birg:(\w+)", SHAPES_TTL.read_text(encoding="utf-8")))
    return terms


def test_every_used_term_is_declared_with_label_and_comment() -> None:
    graph = _ontology()
    terms = _used_terms()
    assert {"Project", "Participation", "leadPartnerOf", "plainText", "DocumentGraph"} <= terms
    missing = []
    for term in sorted(terms):
        iri = rdflib.URIRef(IRG + term)
        kinds = set(graph.objects(iri, rdflib.RDF.type))
        labels = [lit for lit in graph.objects(iri, RDFS.label) if lit.language == "en"]
        comments = [lit for lit in graph.objects(iri, RDFS.comment) if lit.language == "en"]
        if not kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty} or not labels or not comments:
            missing.append(term)
    assert missing == []


def test_classes_align_to_w3c_vocabularies() -> None:
    graph = _ontology()
    sub = {(str(s).removeprefix(IRG), str(o)) for s, o in graph.subject_objects(RDFS.subClassOf)}
    assert ("Participation", "http://www.w3.org/ns/org#Membership") in sub
    assert ("Organisation", "http://www.w3.org/ns/org#Organization") in sub
    assert ("Evidence", "http://www.w3.org/ns/oa#SpecificResource") in sub
    for cls in ("Project", "Organisation", "Participation", "Programme", "ProgrammeFamily", "ProgrammingPeriod",
                "Measure", "TargetGroup", "Theme", "Role", "Result", "SourceDocument", "Evidence",
                "DocumentGraph"):
        assert (rdflib.URIRef(IRG + cls), rdflib.RDF.type, OWL.Class) in graph, cls


def test_no_domain_or_range_is_declared() -> None:
    graph = _ontology()
    assert list(graph.triples((None, RDFS.domain, None))) == []
    assert list(graph.triples((None, RDFS.range, None))) == []


def test_package_doctests() -> None:
    import doctest

    import ontology

    assert doctest.testmod(ontology).attempted > 0 and doctest.testmod(ontology).failed == 0
