"""Properties of the records -> RDF mapping that every record must have."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from pyoxigraph import BlankNode, NamedNode

import loader.to_rdf
from loader.records import Concept, Document, Label, PartnerRecord, ProjectRecord, Span
from loader.to_rdf import (
    date_value,
    ontology_quads,
    project_to_quads,
    quad_kind,
    shapes_quads,
    vocab_to_quads,
    web_iri,
)
from ontology.namespaces import (
    CONTACTS_GRAPH_PREFIX,
    DOCUMENT_GRAPH_PREFIX,
    IRG,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
)


def test_doctests() -> None:
    assert doctest.testmod(loader.to_rdf).failed == 0


def test_same_record_gives_identical_quads(case, load_case) -> None:
    first, second = project_to_quads(load_case(case)), project_to_quads(load_case(case))
    assert first == second
    assert len(first) == len(set(first)), "duplicate quads"


def test_no_blank_nodes_and_only_document_or_contacts_graphs(case, load_case) -> None:
    record = load_case(case)
    quads = project_to_quads(record)
    assert not any(isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode) for q in quads)
    graphs = {q.graph_name.value for q in quads}
    assert graphs <= {DOCUMENT_GRAPH_PREFIX + record.document.key, CONTACTS_GRAPH_PREFIX + record.document.key}


def test_personal_details_stay_in_the_contacts_graph(case, load_case) -> None:
    record = load_case(case)
    personal = {v for p in record.partners for v in (p.email, p.contact_person) if v}
    doc_objects = " ".join(q.object.value for q in project_to_quads(record)
                           if q.graph_name.value.startswith(DOCUMENT_GRAPH_PREFIX)
                           )
    for value in personal:
        assert value not in doc_objects


def _record(**fields) -> ProjectRecord:
    doc = Document(key="d9", path="x/d9.txt", media_type="text/plain", text="PROJ Ville de Lille 2011",
                   sha256="a" * 64)
    return ProjectRecord(document=doc, key="proj", **fields)


def _objects(quads, predicate: str) -> list[str]:
    return [str(q.object) for q in quads if q.predicate.value == predicate]


def test_dates_get_precision_and_period_ends() -> None:
    quads = project_to_quads(_record(acronym="P", start_date="2011", end_date="2012-02"))
    assert _objects(quads, "http://schema.org/startDate") == ['"2011-01-01"^^<http://www.w3.org/2001/XMLSchema#date>']
    assert _objects(quads, "http://schema.org/endDate") == ['"2012-02-29"^^<http://www.w3.org/2001/XMLSchema#date>']
    assert _objects(quads, IRG + "startDatePrecision") == ["<https://w3id.org/interreg-kg/id/precision/year>"]
    assert _objects(quads, IRG + "endDatePrecision") == ["<https://w3id.org/interreg-kg/id/precision/month>"]


def test_amounts_are_canonical_decimals() -> None:
    quads = project_to_quads(_record(acronym="P", total_budget_eur=Decimal("1142943.650"),
                                     eu_funding_eur=Decimal("5E+5"), cofinancing_rate=Decimal("0.50")))
    xsd_decimal = "^^<http://www.w3.org/2001/XMLSchema#decimal>"
    assert _objects(quads, IRG + "totalBudgetEur") == [f'"1142943.65"{xsd_decimal}']
    assert _objects(quads, IRG + "euFundingEur") == [f'"500000"{xsd_decimal}']
    assert _objects(quads, IRG + "cofinancingRate") == [f'"0.5"{xsd_decimal}']


@pytest.mark.parametrize("role,shortcut", [("lead", "leadPartnerOf"), ("partner", "partnerOf"),
                                           ("associated", "associatedPartnerOf"), ("unknown", None)])
def test_role_shortcuts(role: str, shortcut: str | None) -> None:
    partner = PartnerRecord(name="Ville de Lille", key="ville-de-lille", role=role, spans=(("name", Span(5, 19)),))
    quads = project_to_quads(_record(acronym="P", partners=(partner,)))
    org_links = {q.predicate.value.removeprefix(IRG) for q in quads
                 if q.subject.value.endswith("organisation/ville-de-lille") and q.predicate.value.startswith(IRG)}
    assert org_links == {"participantIn"} | ({shortcut} if shortcut else set())


def test_read_and_inferred_facts_have_statements() -> None:
    partner = PartnerRecord(name="Ville de Lille", key="ville-de-lille", role="partner", country="FR",
                            spans=(("name", Span(5, 19)),), inferred=frozenset({"country"}))
    quads = project_to_quads(_record(acronym="PROJ", spans=(("acronym", Span(0, 4)),), partners=(partner,)))
    statements = {}
    for q in quads:
        if q.subject.value.startswith("https://w3id.org/interreg-kg/id/statement/"):
            statements.setdefault(q.subject.value, {})[q.predicate.value.rsplit("#", 1)[-1]] = q.object
    by_predicate = {s["predicate"].value: s for s in statements.values()}
    assert by_predicate[IRG + "acronym"]["wasDerivedFrom"].value.endswith("d9#char=0,4")
    assert by_predicate["http://schema.org/name"]["wasDerivedFrom"].value.endswith("d9#char=5,19")
    assert by_predicate["http://schema.org/addressCountry"]["inferred"].value == "true"
    assert "wasDerivedFrom" not in by_predicate["http://schema.org/addressCountry"]


def test_provenance_is_compact() -> None:
    """A span is one node of four quads (its source, offsets and quote: its own selector); neither
    spans nor statements get a type quad (docs/decisions/0007-compact-provenance.md)."""
    partner = PartnerRecord(name="Ville de Lille", key="ville-de-lille", role="partner", country="FR",
                            spans=(("name", Span(5, 19)), ("role", Span(5, 19))), inferred=frozenset({"country"}))
    quads = project_to_quads(_record(acronym="PROJ", spans=(("acronym", Span(0, 4)),), partners=(partner,)))
    spans: dict[str, dict[str, str]] = {}
    for q in quads:
        if "#char=" in q.subject.value:
            assert q.predicate.value.rsplit("#", 1)[-1] not in spans.setdefault(q.subject.value, {})
            spans[q.subject.value][q.predicate.value.rsplit("#", 1)[-1]] = q.object.value
    doc = "https://w3id.org/interreg-kg/id/document/d9"
    assert spans == {doc + "#char=0,4": {"hasSource": doc, "start": "0", "end": "4", "exact": "PROJ"},
                     doc + "#char=5,19": {"hasSource": doc, "start": "5", "end": "19", "exact": "Ville de Lille"}}
    typed = {q.subject.value for q in quads if q.predicate.value.endswith("#type")}
    assert not {s for s in typed if "/statement/" in s or "#char=" in s or "/selector/" in s}
    assert not [q for q in quads if "/selector/" in q.subject.value or "/selector/" in str(q.object)]


def test_web_addresses_become_iris() -> None:
    assert web_iri("http://www.interreg-fwvl.eu/nl/prj/178.html") == "http://www.interreg-fwvl.eu/nl/prj/178.html"
    assert web_iri("www.amiens.fr") == "http://www.amiens.fr"
    assert date_value("2008-06-30", end=True) == ("2008-06-30", "day")


def test_vocab_concepts_go_to_their_scheme_graph() -> None:
    concepts = [
        Concept("programmes", "programme", "iii-a", (Label("Interreg IIIA", "en", "pref"),),
                broader=("https://w3id.org/interreg-kg/id/programme/iii",), notation="IIIA",
                literal_properties=((IRG + "countryCode", "FR"),)),
        Concept("periods", "period", "2000-2006", (Label("2000-2006", "en", "pref"),),
                literal_properties=(("http://schema.org/startDate", "2000-01-01"),)),
    ]
    quads = vocab_to_quads(concepts)
    assert quads == vocab_to_quads(concepts)
    graphs = {q.subject.value: q.graph_name.value for q in quads if q.predicate.value.endswith("#inScheme")}
    assert graphs == {
        "https://w3id.org/interreg-kg/id/programme/iii-a": "https://w3id.org/interreg-kg/graph/vocab/programmes",
        "https://w3id.org/interreg-kg/id/period/2000-2006": "https://w3id.org/interreg-kg/graph/vocab/periods",
    }
    types = {q.object.value for q in quads if q.subject.value.endswith("iii-a") and q.predicate.value.endswith("type")}
    assert types == {"http://www.w3.org/2004/02/skos/core#Concept", IRG + "Programme"}
    labels = [q.object for q in quads if q.predicate.value.endswith("prefLabel")]
    assert labels[0].language == "en"
    assert _objects(quads, "http://schema.org/startDate") == ['"2000-01-01"^^<http://www.w3.org/2001/XMLSchema#date>']


def test_ontology_and_shapes_go_to_their_graphs() -> None:
    assert {q.graph_name.value for q in ontology_quads()} == {ONTOLOGY_GRAPH}
    assert {q.graph_name.value for q in shapes_quads()} == {SHAPES_GRAPH}


def test_quad_kinds(case, load_case) -> None:
    quads = project_to_quads(load_case(case))
    kinds = {quad_kind(q) for q in quads}
    assert kinds == {"facts", "provenance", "metadata"}
    plain = [q for q in quads if q.predicate.value == IRG + "plainText"]
    assert [quad_kind(q) for q in plain] == ["metadata"]
    assert all(quad_kind(q) == "provenance" for q in quads if q.subject.value.startswith(
        "https://w3id.org/interreg-kg/id/statement/"))
    assert isinstance(quads[0].subject, NamedNode)
