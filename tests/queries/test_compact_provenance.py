"""The queries that read provenance answer from what the mapping writes (spans that are their own
selectors, statements without a type quad): docs/decisions/0007-compact-provenance.md."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

import queries
from api.linked_data.void import counts
from loader.records import Document, PartnerRecord, ProjectRecord, Span
from loader.to_rdf import project_to_quads
from ontology.namespaces import IRG, META_GRAPH, document_graph

ID = "https://w3id.org/interreg-kg/id/"
TEXT = {"a": "ACME: Ville de Lille (FR), lead.", "b": "ACME. Partners: Ville de Lille, Mairie de Lille."}


def _record(key: str) -> ProjectRecord:
    text = TEXT[key]
    doc = Document(key=key, path=f"data/{key}.txt", media_type="text/plain", text=text, sha256=key * 64)
    start = text.index("Ville de Lille")
    aliases = ("Mairie de Lille",) if key == "b" else ()
    partner = PartnerRecord(name="Ville de Lille", key="ville-de-lille", role="lead" if key == "a" else "partner",
                            country="FR", aliases=aliases, spans=(("name", Span(start, start + 14)),),
                            inferred=frozenset() if key == "a" else frozenset({"country"}),
                            key_source="normalised-name", key_evidence="ville-de-lille")
    return ProjectRecord(document=doc, key="acme", acronym="ACME", spans=(("acronym", Span(0, 4)),),
                         partners=(partner,))


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    for key in ("a", "b"):
        s.extend(q for q in project_to_quads(_record(key)) if "/graph/contacts/" not in q.graph_name.value)
        graph = NamedNode(document_graph(key))
        s.add(Quad(graph, NamedNode(IRG + "sourceDocument"), NamedNode(ID + f"document/{key}"), NamedNode(META_GRAPH)))
        s.add(Quad(graph, NamedNode(IRG + "sourcePath"), Literal(f"data/{key}.txt"), NamedNode(META_GRAPH)))
    return s


def test_fact_provenance_gives_offsets_quote_and_document_of_each_read_fact(store: Store) -> None:
    rows = queries.run(store, "fact_provenance", {"subject": ID + "organisation/ville-de-lille"}).values()
    read = {(r["predicate"].rsplit("/", 1)[-1], r["document"].rsplit("/", 1)[-1], r["start"], r["end"], r["quote"])
            for r in rows if r["span"]}
    assert read == {("name", "a", 6, 20, "Ville de Lille"), ("name", "b", 16, 30, "Ville de Lille")}
    inferred = [(r["object"], r["inferred"], r["span"]) for r in rows if r["inferred"]]
    assert inferred == [("FR", True, None)]


def test_fact_provenance_gives_a_participation_its_span(store: Store) -> None:
    participation = ID + "project/acme/participation/ville-de-lille"
    rows = queries.run(store, "fact_provenance", {"subject": participation}).values()
    direct = [(r["document"].rsplit("/", 1)[-1], r["start"], r["quote"]) for r in rows if r["predicate"] is None]
    assert sorted(direct) == [("a", 6, "Ville de Lille"), ("b", 16, "Ville de Lille")]


def test_document_facts_list_each_span_with_its_selector_values(store: Store) -> None:
    rows = queries.run(store, "document_facts", {"document": "b"}).values()
    acronym = [(r["start"], r["end"], r["quote"]) for r in rows if (r["predicate"] or "").endswith("#acronym")]
    assert acronym == [(0, 4, "ACME")]
    participation = [r for r in rows if r["predicate"] is None]
    assert [(r["subject"].rsplit("/", 1)[-1], r["quote"]) for r in participation] == [("ville-de-lille", "Ville de Lille")]


def test_name_evidence_is_one_row_per_name_over_the_documents(store: Store) -> None:
    rows = queries.run(store, "organisation_name_evidence").values()
    got = [(r["name"], r["nameKind"], r["keySource"], r["keyEvidence"], r["documentCount"],
            sorted(r["documents"].split("\n")), r["countries"]) for r in rows]  # documents in no set order
    assert got == [
        ("Ville de Lille", "name", "normalised-name", "ville-de-lille", 2, ["data/a.txt", "data/b.txt"], "FR"),
        ("Mairie de Lille", "other name", "in-document", "Mairie de Lille = Ville de Lille", 1, ["data/b.txt"], "FR"),
    ]


def test_statements_are_counted_without_a_type_quad(store: Store) -> None:
    statements = {q.subject.value for q in store.quads_for_pattern(None, None, None, None)
                  if q.subject.value.startswith(ID + "statement/")}
    assert queries.run(store, "counts").values()[0]["statements"] == len(statements) > 0


def test_void_counts_spans_as_evidence(store: Store) -> None:
    graphs = [g for g in store.named_graphs() if "/graph/document/" in g.value]
    spans = {q.subject.value for q in store.quads_for_pattern(None, None, None, None) if "#char=" in q.subject.value}
    assert counts(store, graphs)["Evidence"] == len(spans) == 4
