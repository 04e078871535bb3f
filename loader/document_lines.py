"""The quads of one document as an ordered set of N-Quads lines, the builder ``loader.to_rdf``'s
mapping writes into: each line is kept once (first insertion wins) with its kind (facts,
provenance, metadata: ``loader.to_rdf.quad_kind``) and its store (public, or contacts for the
document's contacts graph), and read out either as text for a build's two stores
(:meth:`DocumentLines.mapped`) or as pyoxigraph quads (:meth:`DocumentLines.quads`, Oxigraph reading
the same text back)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Quad, RdfFormat, parse

from loader.description_parts import DESCRIBED_PREDICATES, DESCRIBED_TYPES
from loader.nquads import iri, iri_value, literal, quoted
from loader.records import Document, Span
from loader.statistic_parts import COUNTED_PREDICATES, COUNTED_TYPES, STATEMENT_PREDICATE, statement_key
from ontology.iris import mint_document, mint_span, mint_statement
from ontology.namespaces import ID, IRG, PREFIXES, contacts_graph, document_graph

__all__ = ["KINDS", "DocumentLines", "MappedDocument", "integer", "kind_index"]

RDF = PREFIXES["rdf"]
XSD = PREFIXES["xsd"]
PROV = PREFIXES["prov"]
OA = PREFIXES["oa"]
KINDS = ("facts", "provenance", "metadata")
_TRUE = literal("true", datatype=XSD + "boolean")
_INTEGER = "^^" + iri(XSD + "integer")
_STATEMENT_PREFIX = ID + "statement/"
_DOCUMENT_PREFIX = ID + "document/"
_DERIVED = PROV + "wasDerivedFrom"
_TYPE = RDF + "type"


def integer(value: int) -> str:
    """The N-Quads text of an ``xsd:integer`` literal."""
    if type(value) is int:  # digits and a sign: nothing to escape
        return f'"{value}"{_INTEGER}'
    return literal(str(value), datatype=XSD + "integer")


class DocumentLines:
    """An ordered set of quads as N-Quads lines (first insertion wins), each with its kind
    (:func:`quad_kind`) and its store (public, or contacts for the document's contacts graph), with
    helpers for provenance. Subjects and predicates are given as IRIs (each checked once), objects
    and graphs as term texts (``loader.nquads``)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.key = document.key
        self.doc_iri = mint_document(self.key)
        self.graph = iri(document_graph(self.key))
        self.contacts = iri(contacts_graph(self.key))
        self._doc_text = iri(self.doc_iri)
        self._spans_valid = "#" not in self.doc_iri  # then every doc#char=s,e is a valid IRI
        self._lines: dict[str, int] = {}  # line -> kind index, + 3 for the contacts store
        self._subjects: dict[str, int] = {}  # subject IRI (checked) -> its kind index
        self._predicates: set[str] = set()  # checked
        self._described: dict[str, None] = {}  # the public lines the description graph reads, no graph
        self._counted: list[str] = []  # the public lines the statistics read (loader.statistic_parts)
        self._statements: list[int | str] = []

    def add(self, s: str, p: str, o: str, graph: str | None = None) -> None:
        kind = self._subjects.get(s)
        if kind is None:
            iri(s)
            kind = self._subjects[s] = kind_index(s, "")
        if p not in self._predicates:
            iri(p)
            self._predicates.add(p)
        g = graph or self.graph
        line = f"<{s}> <{p}> {o} {g} .\n"
        if line not in self._lines:
            self._lines[line] = (1 if p == _DERIVED else kind) + (3 if g == self.contacts else 0)
            if p in DESCRIBED_PREDICATES and g != self.contacts and (p != _TYPE or o in DESCRIBED_TYPES):
                self._described[f"<{s}> <{p}> {o}"] = None
            if p in COUNTED_PREDICATES and g != self.contacts and (p != _TYPE or o in COUNTED_TYPES):
                self._counted.append(f"<{s}> <{p}> {o} .\n")
            elif p == STATEMENT_PREDICATE and g != self.contacts:
                self._statements.append(statement_key(f"<{s}>"))

    def span(self, span: Span, graph: str | None = None) -> str:
        """Add the evidence of ``span`` (:func:`span_to_quads`); returns the span's IRI."""
        g = graph or self.graph
        ev = mint_span(self.key, span.start, span.end)
        if self._spans_valid and type(span.start) is int and type(span.end) is int:
            self._subjects.setdefault(ev, 1)
        self.add(ev, OA + "hasSource", self._doc_text, g)
        self.add(ev, OA + "start", integer(span.start), g)
        self.add(ev, OA + "end", integer(span.end), g)
        self.add(ev, OA + "exact", quoted(self.document.quote(span)), g)
        return ev

    def fact(self, s: str, p: str, o: str, *, span: Span | None, inferred: bool,
             graph: str | None = None) -> None:
        """Add ``s p o`` and, when it was read or inferred, its reified statement (its type,
        ``rdf:Statement``, is left to ``rdf:subject``'s domain)."""
        self.add(s, p, o, graph)
        if span is None and not inferred:
            return
        st = mint_statement(self.key, s, p, iri_value(o))
        self._subjects.setdefault(st, 1)  # id:statement/ and hex digits: a valid IRI
        self.add(st, RDF + "subject", f"<{s}>", graph)  # s and p were checked by the first add
        self.add(st, RDF + "predicate", f"<{p}>", graph)
        self.add(st, RDF + "object", o, graph)
        if span is not None:
            self.add(st, PROV + "wasDerivedFrom", f"<{self.span(span, graph)}>", graph)
        if inferred:
            self.add(st, IRG + "inferred", _TRUE, graph)

    def text(self) -> str:
        return "".join(self._lines)

    def quads(self) -> list[Quad]:
        """The quads, in the order they were first added (Oxigraph reads back the lines)."""
        return list(parse(self.text().encode(), format=RdfFormat.N_QUADS)) if self._lines else []

    def mapped(self) -> MappedDocument:
        counts = [0] * 6
        public: list[str] = []
        contacts: list[str] = []
        for line, code in self._lines.items():
            counts[code] += 1
            (contacts if code >= 3 else public).append(line)
        return MappedDocument("".join(public), "".join(contacts), counts[0] + counts[3], counts[1] + counts[4],
                              counts[2] + counts[5], list(self._described), "".join(self._counted), self._statements)


@dataclass(frozen=True, slots=True)
class MappedDocument:
    """The quads of one record as N-Quads text for the two stores of a build, in mapping order:
    ``public`` (the document graph) and ``contacts`` (its contacts graph), and how many quads of
    each kind (:func:`quad_kind`) the two hold together. The same quads as :func:`project_to_quads`."""

    public: str
    contacts: str
    facts: int
    provenance: int
    metadata: int
    #: what :func:`loader.description_parts.document_part` gives for ``public``, gathered as it was written
    described: list[str] = field(default_factory=list)
    #: what :func:`loader.statistic_parts.document_part` gives for ``public``: counted lines, statements
    counted: str = ""
    statements: list[int | str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.facts + self.provenance + self.metadata


def kind_index(s: str, p: str) -> int:
    """0 facts, 1 provenance, 2 metadata: :func:`quad_kind` of a quad with subject IRI ``s`` ("" for
    a blank node) and predicate IRI ``p``."""
    if s.startswith(_STATEMENT_PREFIX) or "#char=" in s or p == _DERIVED:
        return 1
    return 2 if s.startswith(_DOCUMENT_PREFIX) else 0
