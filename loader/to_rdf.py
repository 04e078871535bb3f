"""Typed records -> RDF quads, exactly in the shape ``docs/graph-model.md`` gives.

One function per record type; all IRIs come from ``ontology.iris``. The mapping is pure and
deterministic: the same record gives the same list of quads in the same order, and no blank node
is ever made. Personal contact details (person, e-mail, telephone) and their provenance go to the
document's contacts graph; everything else to its document graph.

>>> from loader.records import Document, ProjectRecord, Span
>>> doc = Document(key="d1", path="data/d1.txt", media_type="text/plain", text="AGIR", sha256="0" * 64)
>>> quads = project_to_quads(ProjectRecord(document=doc, key="agir", acronym="AGIR",
...                                        spans=(("acronym", Span(0, 4)),)))
>>> quads == project_to_quads(ProjectRecord(document=doc, key="agir", acronym="AGIR",
...                                         spans=(("acronym", Span(0, 4)),)))
True
>>> sorted({q.graph_name.value.rsplit("/", 2)[-2] for q in quads})  # the text goes with the contacts
['contacts', 'document']
"""

from __future__ import annotations

import calendar
import functools
from decimal import Decimal
from urllib.parse import quote

from pyoxigraph import NamedNode, Quad

from loader.document_lines import KINDS, DocumentLines, MappedDocument, kind_index
from loader.nquads import iri, literal, quoted
from loader.records import Document, PartnerRecord, ProjectRecord, ResultRecord, Span
from loader.static_rdf import CONCEPT_CLASSES, ontology_quads, shapes_quads, vocab_to_quads  # re-exported
from ontology.iris import (
    mint_concept,
    mint_contact,
    mint_measure,
    mint_organisation,
    mint_participation,
    mint_project,
    mint_result,
    mint_statement,
)
from ontology.namespaces import (
    IRG,
    PREFIXES,
)

__all__ = [
    "MappedDocument",
    "project_to_quads",
    "project_to_nquads",
    "document_to_quads",
    "partner_to_quads",
    "result_to_quads",
    "span_to_quads",
    "date_value",
    "web_iri",
    "quad_kind",
    "vocab_to_quads",
    "ontology_quads",
    "shapes_quads",
    "CONCEPT_CLASSES",
    "ROLE_SHORTCUTS",
]

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
XSD = PREFIXES["xsd"]
SKOS = PREFIXES["skos"]
DCTERMS = PREFIXES["dcterms"]
PROV = PREFIXES["prov"]
SCHEMA = PREFIXES["schema"]
OA = PREFIXES["oa"]
VCARD = PREFIXES["vcard"]
DCAT = PREFIXES["dcat"]

#: The shortcut property from organisation to project for each role (``irg:participantIn`` always).
ROLE_SHORTCUTS: dict[str, str] = {
    "lead": IRG + "leadPartnerOf",
    "partner": IRG + "partnerOf",
    "associated": IRG + "associatedPartnerOf",
}

_TRUE = literal("true", datatype=XSD + "boolean")


_n = iri  # the N-Quads text of an IRI (ValueError when it is not one)
_known = functools.cache(iri)  # the same, for the few constant IRIs of the ontology
_s = quoted  # the N-Quads text of a simple literal


def _dec(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return literal(text, datatype=XSD + "decimal")


def date_value(iso: str, *, end: bool) -> tuple[str, str]:
    """The ``xsd:date`` lexical form and precision of an ISO date written at any precision.

    A month or a year is stored as its first day for a start and its last day for an end.

    >>> date_value("2015-03", end=True), date_value("2015-02", end=True)[0]
    (('2015-03-31', 'month'), '2015-02-28')
    >>> date_value("2010", end=False), date_value("2010", end=True)[0], date_value("2010-07-01", end=True)
    (('2010-01-01', 'year'), '2010-12-31', ('2010-07-01', 'day'))
    """
    parts = iso.split("-")
    year = int(parts[0])
    if len(parts) == 3:
        return f"{year:04d}-{int(parts[1]):02d}-{int(parts[2]):02d}", "day"
    if len(parts) == 2:
        month = int(parts[1])
        day = calendar.monthrange(year, month)[1] if end else 1
        return f"{year:04d}-{month:02d}-{day:02d}", "month"
    return (f"{year:04d}-12-31" if end else f"{year:04d}-01-01"), "year"


def web_iri(url: str) -> str | None:
    """An IRI for a web address as written (``http://`` added when no scheme), or None if unusable.

    >>> web_iri("www.medway.gov.uk/agir"), web_iri("https://a.eu/x y"), web_iri("  ")
    ('http://www.medway.gov.uk/agir', 'https://a.eu/x%20y', None)
    """
    url = url.strip()
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    iri = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    try:
        NamedNode(iri)
    except ValueError:
        return None
    return iri


def _valid_iri(iri: str) -> str | None:
    try:
        NamedNode(iri)
    except ValueError:
        return None
    return iri


def span_to_quads(document: Document, span: Span, graph: NamedNode | None = None) -> list[Quad]:
    """The evidence of one span: the span node ``id:document/{k}#char=s,e`` (an ``irg:Evidence`` by
    ``ontology/interreg.ttl``'s definition, no type quad) with its source document, offsets and quote.

    :param document: the document the span points into.
    :param span: the 0-based, end-exclusive code point offsets into ``document.text``.
    :param graph: the graph to write into (default: the document's graph).
    :returns: four quads: ``oa:hasSource``, ``oa:start``, ``oa:end`` and ``oa:exact``.

    >>> from loader.records import Document, Span
    >>> doc = Document(key="d1", path="d1.txt", media_type="text/plain", text="AGIR 2010", sha256="0" * 64)
    >>> [(q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in span_to_quads(doc, Span(0, 4))]
    [('hasSource', 'https://w3id.org/interreg-kg/id/document/d1'), ('start', '0'), ('end', '4'), ('exact', 'AGIR')]
    """
    q = DocumentLines(document)
    q.span(span, _n(graph.value) if graph is not None else None)
    return q.quads()


def _document(q: DocumentLines, document: Document) -> None:
    d = q.doc_iri
    q.add(d, RDF + "type", _known(IRG + "SourceDocument"))
    q.add(d, DCTERMS + "title", _s(document.path.replace("\\", "/").rsplit("/", 1)[-1]))
    if document.language:
        q.add(d, DCTERMS + "language", _s(document.language))
    q.add(d, DCTERMS + "format", _s(document.media_type))
    if document.source_url and (src := web_iri(document.source_url)):
        q.add(d, DCTERMS + "source", _n(src))
    q.add(d, IRG + "sha256", _s(document.sha256))
    # The whole text names people (contact blocks): it goes with the personal data, not the facts.
    q.add(d, IRG + "plainText", _s(document.text), q.contacts)


def document_to_quads(document: Document) -> list[Quad]:
    """The ``irg:SourceDocument`` node: file name, language, format, source, digest; its plain text
    goes into the contacts graph, which is never served, because it names people."""
    q = DocumentLines(document)
    _document(q, document)
    return q.quads()


def _result(q: DocumentLines, record: ProjectRecord, result: ResultRecord) -> None:
    node = mint_result(record.key, result.text)
    q.add(mint_project(record.key), IRG + "result", _n(node))
    q.add(node, RDF + "type", _known(IRG + "Result"))
    q.add(node, RDFS + "label", _s(result.text))
    if result.quantity is not None:
        q.add(node, IRG + "quantity", _dec(result.quantity))
    if result.unit:
        q.add(node, IRG + "unit", _s(result.unit))
    if result.span is not None:
        q.add(node, PROV + "wasDerivedFrom", _n(q.span(result.span)))


def result_to_quads(record: ProjectRecord, result: ResultRecord) -> list[Quad]:
    """One ``irg:Result`` of the project: label, quantity, unit, and the span it was read from."""
    q = DocumentLines(record.document)
    _result(q, record, result)
    return q.quads()


def _partner(q: DocumentLines, record: ProjectRecord, partner: PartnerRecord) -> None:
    org = mint_organisation(partner.key)
    project = mint_project(record.key)
    part = mint_participation(record.key, partner.key)

    def fact(p: str, o: str, field: str, s: str = org, graph: str | None = None) -> None:
        q.fact(s, p, o, span=partner.span_of(field), inferred=field in partner.inferred, graph=graph)

    q.add(org, RDF + "type", _known(IRG + "Organisation"))
    fact(SCHEMA + "name", _s(partner.name), "name")
    if partner.key_source:
        _key_statement(q, org, SCHEMA + "name", partner.name, partner.key_source, partner.key_evidence)
    for alias in partner.aliases:
        if alias != partner.name:
            fact(SKOS + "altLabel", _s(alias), "aliases")
            if partner.key_source:
                _key_statement(q, org, SKOS + "altLabel", alias, "in-document", f"{alias} = {partner.name}")
    if partner.country:
        fact(SCHEMA + "addressCountry", _s(partner.country), "country")
    if partner.city:
        fact(SCHEMA + "addressLocality", _s(partner.city), "city")
    if partner.website and (site := web_iri(partner.website)):
        fact(SCHEMA + "url", _n(site), "website")

    q.add(part, RDF + "type", _known(IRG + "Participation"))
    q.add(part, IRG + "project", _n(project))
    q.add(part, IRG + "organisation", _n(org))
    fact(IRG + "role", _n(mint_concept("role", partner.role)), "role", s=part)
    evidence = partner.span_of("role") or partner.span_of("name")
    if evidence is not None:
        q.add(part, PROV + "wasDerivedFrom", _n(q.span(evidence)))
    q.add(org, IRG + "participantIn", _n(project))
    if partner.role in ROLE_SHORTCUTS:
        q.add(org, ROLE_SHORTCUTS[partner.role], _n(project))

    contact_values = [
        (VCARD + "fn", _s(partner.contact_person) if partner.contact_person else None, "contact_person"),
        (VCARD + "hasEmail", _mailto(partner.email), "email"),
        (VCARD + "hasTelephone", _tel(partner.phone), "phone"),
    ]
    if any(value is not None for _, value, _ in contact_values):
        contact = mint_contact(record.key, partner.key, record.document.key)
        q.add(part, DCAT + "contactPoint", _n(contact), q.contacts)
        # the contacts graph, stored apart from the document graph, says whose contact point this is
        q.add(part, IRG + "project", _n(project), q.contacts)
        q.add(part, IRG + "organisation", _n(org), q.contacts)
        q.add(contact, RDF + "type", _known(VCARD + "Individual"), q.contacts)
        for p, value, field in contact_values:
            if value is not None:
                fact(p, value, field, s=contact, graph=q.contacts)


def partner_to_quads(record: ProjectRecord, partner: PartnerRecord) -> list[Quad]:
    """An organisation, its participation in the project (with shortcuts) and its contact point."""
    q = DocumentLines(record.document)
    _partner(q, record, partner)
    return q.quads()


def _key_statement(q: DocumentLines, org: str, predicate: str, name: str, source: str, evidence: str | None) -> None:
    """Why ``name`` is the organisation ``org``: ``irg:keySource`` and ``irg:keyEvidence`` on its statement."""
    st = mint_statement(q.key, org, predicate, _s(name))  # the statement of the fact itself
    q.add(st, RDF + "subject", _n(org))
    q.add(st, RDF + "predicate", _n(predicate))
    q.add(st, RDF + "object", _s(name))
    q.add(st, IRG + "keySource", _s(source))
    if evidence:
        q.add(st, IRG + "keyEvidence", _s(evidence))


def _mailto(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    valid = _valid_iri("mailto:" + quote(email.strip(), safe="@.+-_'!~*()"))
    return None if valid is None else _n(valid)


def _tel(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return _n("tel:" + digits) if len(digits.lstrip("+")) >= 3 else None


def _project(record: ProjectRecord) -> DocumentLines:
    q = DocumentLines(record.document)
    _document(q, record.document)
    p = mint_project(record.key)

    def fact(pred: str, o: str, field: str) -> None:
        q.fact(p, pred, o, span=record.span_of(field), inferred=field in record.inferred)

    q.add(p, RDF + "type", _known(IRG + "Project"))
    q.add(p, PROV + "wasDerivedFrom", _n(q.doc_iri))
    if record.title:
        fact(DCTERMS + "title", _s(record.title), "title")
    if record.acronym:
        fact(IRG + "acronym", _s(record.acronym), "acronym")
    if record.programme is not None:
        fact(IRG + "programme", _n(mint_concept("programme", record.programme.id)), "programme")
    if record.period:
        fact(IRG + "period", _n(mint_concept("period", record.period)), "period")
    if record.priority_or_measure:
        programme_id = record.programme.id if record.programme is not None else None
        measure = mint_measure(programme_id, record.priority_or_measure)
        fact(IRG + "measure", _n(measure), "priority_or_measure")
        q.add(measure, RDF + "type", _known(IRG + "Measure"))
        q.add(measure, RDFS + "label", _s(record.priority_or_measure))
        if programme_id is not None:
            q.add(measure, IRG + "programme", _n(mint_concept("programme", programme_id)))
    for field, pred, precision_pred, end in (
        ("start_date", SCHEMA + "startDate", IRG + "startDatePrecision", False),
        ("end_date", SCHEMA + "endDate", IRG + "endDatePrecision", True),
    ):
        value = getattr(record, field)
        if value:
            lexical, precision = date_value(value, end=end)
            fact(pred, literal(lexical, datatype=XSD + "date"), field)
            q.add(p, precision_pred, _n(mint_concept("precision", precision)))
    for field, pred in (("total_budget_eur", IRG + "totalBudgetEur"), ("eu_funding_eur", IRG + "euFundingEur"),
                        ("cofinancing_rate", IRG + "cofinancingRate")):
        value = getattr(record, field)
        if value is not None:
            fact(pred, _dec(value), field)
    if record.website and (site := web_iri(record.website)):
        fact(SCHEMA + "url", _n(site), "website")
    for ref in record.target_groups:
        q.fact(p, IRG + "targetGroup", _n(mint_concept("target-group", ref.id)), span=ref.span,
               inferred="target_groups" in record.inferred)
    for ref in record.themes:
        q.fact(p, IRG + "theme", _n(mint_concept("theme", ref.id)), span=ref.span,
               inferred="themes" in record.inferred)
    for result in record.results:
        _result(q, record, result)
    for partner in record.partners:
        _partner(q, record, partner)
    return q


def project_to_quads(record: ProjectRecord) -> list[Quad]:
    """All quads of one project record: its document graph and its contacts graph.

    :param record: what one document says about one project.
    :returns: the quads, in a deterministic order, without duplicates or blank nodes.
    :raises ValueError: when a value cannot be written as RDF (e.g. an impossible date, an invalid IRI).
    """
    return _project(record).quads()


def project_to_nquads(record: ProjectRecord) -> MappedDocument:
    """The quads of :func:`project_to_quads` as N-Quads text for a build's two stores (what a full
    build's workers send to the bulk loader), without making a pyoxigraph term per quad.

    :param record: what one document says about one project.
    :returns: the public and contacts N-Quads (each line as ``pyoxigraph.serialize`` writes it, in the
        order of :func:`project_to_quads`) and the counts of each kind.
    :raises ValueError: as :func:`project_to_quads`.
    """
    return _project(record).mapped()


def quad_kind(quad: Quad) -> str:
    """``facts``, ``provenance`` or ``metadata``: how a document quad counts in load reports.

    Statements, evidence (spans) and ``prov:wasDerivedFrom`` links are provenance; the source
    document node is metadata; the rest are facts.
    """
    s = quad.subject.value if isinstance(quad.subject, NamedNode) else ""
    return KINDS[kind_index(s, quad.predicate.value)]
