"""Typed records: the one contract between extraction and RDF.

Extractors produce these frozen dataclasses and nothing else; ``loader.to_rdf`` turns them into
quads; ``ProjectRecord.to_json`` gives the v1 JSON contract of ``interreg-kg extract --json``.
Every field read from a text can name the :class:`Span` it came from (``spans``), and every field
whose value was inferred rather than read is named in ``inferred``.

>>> doc = Document(key="d1", path="d1.txt", media_type="text/plain", text="AGIR", sha256="0" * 64)
>>> rec = ProjectRecord(document=doc, key="agir", acronym="AGIR", spans=(("acronym", Span(0, 4)),))
>>> rec.span_of("acronym")
Span(start=0, end=4)
>>> rec.to_json()["acronym"], rec.to_json()["partners"]
('AGIR', [])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "ROLES",
    "Span",
    "Document",
    "ConceptRef",
    "PartnerRecord",
    "ResultRecord",
    "ProjectRecord",
    "Label",
    "Concept",
    "date_precision",
]

ROLES = ("lead", "partner", "associated", "unknown")
SpanMap = tuple[tuple[str, "Span"], ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start`` (inclusive) to ``end`` (exclusive) of a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Document:
    """A source document as read: its plain text and where it came from.

    ``key`` is the stable document key (the slug of the file name), which names its graphs.
    ``sha256`` is the digest of the file's bytes; ``text`` is the NFC plain text that spans
    point into. ``project_key`` is a curated project key (the manifest's ``project`` column).
    """

    key: str
    path: str
    media_type: str
    text: str
    sha256: str
    language: str | None = None
    source_url: str | None = None
    project_key: str | None = None

    def quote(self, span: Span) -> str:
        return self.text[span.start:span.end]


@dataclass(frozen=True, slots=True)
class ConceptRef:
    """A concept of a vocabulary (programme, target group, theme) found in a text."""

    id: str
    label: str
    span: Span | None = None


def _spans_get(spans: SpanMap, name: str) -> Span | None:
    for key, span in spans:
        if key == name:
            return span
    return None


@dataclass(frozen=True, slots=True)
class PartnerRecord:
    """One organisation taking part in the project, as one document gives it.

    ``key`` is the organisation key (alias table, else the normalised name); ``aliases`` are
    other names the same document gives it. ``role`` is one of :data:`ROLES`; ``country`` is
    ISO 3166-1 alpha-2; ``phone`` is E.164. ``key_source`` says why the name has its key
    (``alias-table`` or ``normalised-name``) and ``key_evidence`` gives the alias table's row or the
    normalised name: the evidence of every merge of organisations across documents.
    """

    name: str
    key: str
    role: str = "unknown"
    country: str | None = None
    city: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    contact_person: str | None = None
    aliases: tuple[str, ...] = ()
    spans: SpanMap = ()
    inferred: frozenset[str] = frozenset()
    key_source: str | None = None
    key_evidence: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role {self.role!r} is not one of {ROLES}")
        if self.country is not None and (len(self.country) != 2 or not self.country.isupper()):
            raise ValueError(f"country {self.country!r} is not an ISO 3166-1 alpha-2 code")

    def span_of(self, name: str) -> Span | None:
        return _spans_get(self.spans, name)

    def to_json(self) -> dict:
        return {
            "id": self.key,
            "name": self.name,
            "role": self.role,
            "country": self.country,
            "city": self.city,
            "email": self.email,
            "phone": self.phone,
            "website": self.website,
            "contact_person": self.contact_person,
            "inferred": sorted(self.inferred),
        }


@dataclass(frozen=True, slots=True)
class ResultRecord:
    """A result or output as written, with its number and unit when it has one."""

    text: str
    quantity: Decimal | None = None
    unit: str | None = None
    span: Span | None = None


def date_precision(iso: str) -> str:
    """``day``, ``month`` or ``year`` for an ISO date written at that precision.

    >>> date_precision("2015-03"), date_precision("2010"), date_precision("2010-07-01")
    ('month', 'year', 'day')
    """
    return {4: "year", 7: "month", 10: "day"}[len(iso)]


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    """Everything one document says about one project.

    Dates are ISO strings at the text's precision (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``);
    amounts are euro ``Decimal`` values; ``cofinancing_rate`` is a fraction in [0, 1].
    """

    document: Document
    key: str
    title: str | None = None
    acronym: str | None = None
    programme: ConceptRef | None = None
    period: str | None = None
    priority_or_measure: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    total_budget_eur: Decimal | None = None
    eu_funding_eur: Decimal | None = None
    cofinancing_rate: Decimal | None = None
    website: str | None = None
    partners: tuple[PartnerRecord, ...] = ()
    target_groups: tuple[ConceptRef, ...] = ()
    themes: tuple[ConceptRef, ...] = ()
    results: tuple[ResultRecord, ...] = ()
    spans: SpanMap = ()
    inferred: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for name in ("start_date", "end_date"):
            value = getattr(self, name)
            if value is not None and len(value) not in (4, 7, 10):
                raise ValueError(f"{name} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if self.cofinancing_rate is not None and not 0 <= self.cofinancing_rate <= 1:
            raise ValueError(f"cofinancing_rate {self.cofinancing_rate} is outside [0, 1]")

    def span_of(self, name: str) -> Span | None:
        return _spans_get(self.spans, name)

    def to_json(self) -> dict:
        """The v1 JSON contract of ``interreg-kg extract --json`` (one object per document)."""
        return {
            "document": self.document.path,
            "language": self.document.language,
            "title": self.title,
            "acronym": self.acronym,
            "programme": None if self.programme is None
            else {"id": self.programme.id, "label": self.programme.label},
            "period": self.period,
            "priority_or_measure": self.priority_or_measure,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "total_budget_eur": _num(self.total_budget_eur),
            "eu_funding_eur": _num(self.eu_funding_eur),
            "cofinancing_rate": _num(self.cofinancing_rate),
            "website": self.website,
            "partners": [p.to_json() for p in self.partners],
            "target_groups": [{"id": c.id, "label": c.label} for c in self.target_groups],
            "themes": [{"id": c.id, "label": c.label} for c in self.themes],
            "results": [r.text for r in self.results],
            "inferred": sorted(self.inferred),
        }


@dataclass(frozen=True, slots=True)
class Label:
    """One label of a concept: ``kind`` is ``pref``, ``alt`` or ``hidden``; ``lang`` en/fr/nl/de."""

    text: str
    lang: str
    kind: str = "alt"


@dataclass(frozen=True, slots=True)
class Concept:
    """A SKOS concept of one of our schemes, which is also an entry of the extractor's dictionary.

    ``kind`` is the IRI kind (``ontology.iris.KINDS``: programme, theme, target-group, ...);
    ``scheme`` the scheme's name (its graph is ``vocab_graph(scheme)``); ``broader`` holds IRIs;
    ``properties`` holds extra (predicate IRI, value) pairs, values being IRIs or plain strings
    as ``literal_properties`` says.
    """

    scheme: str
    kind: str
    id: str
    labels: tuple[Label, ...]
    broader: tuple[str, ...] = ()
    notation: str | None = None
    properties: tuple[tuple[str, str], ...] = ()
    literal_properties: tuple[tuple[str, str], ...] = field(default=())

    def pref_label(self, lang: str = "en") -> str:
        for label in self.labels:
            if label.kind == "pref" and label.lang == lang:
                return label.text
        for label in self.labels:
            if label.kind == "pref":
                return label.text
        return self.id
