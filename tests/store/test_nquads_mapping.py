"""The mapping written as N-Quads text (``loader.to_rdf.project_to_nquads``, a build's workers) gives
the bytes the former mapping's pyoxigraph terms serialised to, and ``project_to_quads`` (read back
from that text) the same quads in the same order: on the golden cases, on hand-written awkward
records and on one generated document of each kind and format. The former mapping is kept in
``tests/store/former/``."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from bench.generate import generate
from loader.bulk import nquads
from loader.description_parts import document_part
from loader.pipeline import Inputs, QuadCounts, _build_one, _display, _manifest_documents, _read_record
from loader.records import (
    Concept,
    ConceptRef,
    Document,
    Label,
    PartnerRecord,
    ProjectRecord,
    ResultRecord,
    Span,
)
from loader.statistic_parts import document_part as statistic_part
from loader.store import LOADER_VERSION, DocumentMeta, meta_nquads, meta_quads, split_contacts
from loader.to_rdf import project_to_nquads, project_to_quads, quad_kind, vocab_to_quads
from ontology.settings import PROJECT_ROOT
from tests.store.former import meta as former_meta
from tests.store.former import to_rdf as former

CASES = PROJECT_ROOT / "tests" / "rdf" / "cases"
KINDS = {(kind, fmt) for kind, fmt in (("brochure", "txt"), ("brochure", "pdf"), ("database", "txt"),
                                       ("database", "html"), ("programme", "txt"), ("programme", "html"))}
AWKWARD = 'Ville "de" Lille \\ Nord\n\r\t\x00\x1f\x7f\ufffe\uffff \U0010ffff é 中'


def _golden_records() -> list[ProjectRecord]:
    spec = importlib.util.spec_from_file_location("store_casefile", PROJECT_ROOT / "tests" / "rdf" / "casefile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [module.load_case(p) for p in sorted(CASES.iterdir()) if (p / "records.json").is_file()]


def _awkward_record() -> ProjectRecord:
    text = f"AWK {AWKWARD} 2011 mail: a.b@example.org tel +33 1 23 45 67 89 end"
    document = Document(key="awk-1", path="some\\dir/awk 1 \"q\".txt", media_type="text/plain", text=text,
                        sha256="b" * 64, language="fr", source_url="www.example.org/a b/é?x=\"1\"")
    name_span = Span(4, 4 + len(AWKWARD))
    partner = PartnerRecord(
        name=AWKWARD, key="ville-de-lille", role="lead", country="FR", city="Lille\t\"Nord\"",
        email="a.b@example.org", phone="+33 1 23 45 67 89", website="https://lille.fr/x y",
        contact_person="Jean \"JJ\" O'Neil\n", aliases=(AWKWARD, "Lille\\City", "Ville de Lille"),
        spans=(("name", name_span), ("email", Span(0, 3)), ("phone", Span(0, 3))),
        inferred=frozenset({"country", "city", "contact_person"}), key_source="alias-table",
        key_evidence=f"{AWKWARD} = alias")
    other = PartnerRecord(name="Associé\u200b", key="associe", role="associated", website="not a url <>",
                          email="no-at-sign", phone="12")
    return ProjectRecord(
        document=document, key="awk", title=f"Title {AWKWARD}", acronym="AWK\"", period="2007-2013",
        programme=ConceptRef("france-vlaanderen", "FR-VL", Span(0, 3)), priority_or_measure="Priority 1: \"x\"\n",
        start_date="2011", end_date="2013-02", total_budget_eur=Decimal("1142943.650"),
        eu_funding_eur=Decimal("5E+5"), cofinancing_rate=Decimal("0.50"), website="www.awk.eu",
        partners=(partner, other, partner), target_groups=(ConceptRef("migrants", "Migrants", Span(0, 3)),),
        themes=(ConceptRef("social-inclusion", "Inclusion"),),
        results=(ResultRecord(f"12 {AWKWARD} trained", Decimal("12"), "people\n", Span(0, 3)),
                 ResultRecord("no span", None, None, None)),
        spans=(("acronym", Span(0, 3)), ("title", Span(0, 3)), ("start_date", Span(0, 3))),
        inferred=frozenset({"period", "themes", "end_date"}))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Inputs, list[Path]]:
    """A generated corpus and one document of each kind and format, plus the first twenty."""
    out = tmp_path_factory.mktemp("nquads-corpus")
    generate(300, out, pdf=True)
    inputs = Inputs.from_data(out / "data")
    documents = _manifest_documents(out / "data", inputs)
    chosen: dict[tuple[str, str], Path] = {}
    for path in documents:
        kind = (path.stem.rsplit("_", 1)[-1], path.suffix[1:])
        chosen.setdefault(kind, path)
    assert KINDS <= set(chosen), f"the corpus lacks {KINDS - set(chosen)}"
    return inputs, list(dict.fromkeys([*(chosen[k] for k in sorted(KINDS)), *documents[:20]]))


def _former_bytes(record: ProjectRecord, meta: DocumentMeta) -> tuple[bytes, bytes, QuadCounts]:
    quads = former.project_to_quads(record)
    public, contacts = split_contacts(quads + former_meta.meta_quads(record.document.key, meta))
    counts = {"facts": 0, "provenance": 0, "metadata": 0}
    for quad in quads:
        counts[former.quad_kind(quad)] += 1
    return nquads(public), nquads(contacts), QuadCounts(**counts)


def _assert_same_as_former(record: ProjectRecord) -> None:
    quads = project_to_quads(record)
    assert quads == former.project_to_quads(record)
    assert [quad_kind(q) for q in quads] == [former.quad_kind(q) for q in quads]
    mapped = project_to_nquads(record)
    meta = DocumentMeta("c" * 64, LOADER_VERSION, "aliases", "docs/x.txt", mapped.total, "2026-01-02T03:04:05Z")
    public, contacts, counts = _former_bytes(record, meta)
    assert (mapped.public + meta_nquads(record.document.key, meta)).encode() == public
    assert mapped.contacts.encode() == contacts
    assert (mapped.facts, mapped.provenance, mapped.metadata) == (counts.facts, counts.provenance, counts.metadata)
    assert mapped.total == len(quads) > 0
    assert mapped.described == document_part(mapped.public)  # a build's part of the description graph
    assert (mapped.counted, mapped.statements) == statistic_part(mapped.public)  # and of the statistics


@pytest.mark.parametrize("record", _golden_records(), ids=lambda r: r.key)
def test_golden_cases_map_to_the_former_bytes(record: ProjectRecord) -> None:
    _assert_same_as_former(record)


def test_an_awkward_record_maps_to_the_former_bytes() -> None:
    record = _awkward_record()
    _assert_same_as_former(record)
    mapped = project_to_nquads(record)
    assert "\\u0000" in mapped.public and "\\uFFFE" in mapped.contacts  # the escapes were needed


def test_a_document_key_or_text_that_cannot_be_rdf_fails_as_before() -> None:
    record = _awkward_record()
    bad_iri = replace(record, programme=ConceptRef("a b", "x"))
    bad_text = replace(record, document=replace(record.document, text="lone \udcff surrogate"))
    for bad in (bad_iri, bad_text):
        with pytest.raises(ValueError):
            former.project_to_quads(bad)
        with pytest.raises(ValueError):
            project_to_quads(bad)
        with pytest.raises(ValueError):
            mapped = project_to_nquads(bad)
            mapped.public.encode(), mapped.contacts.encode()


def test_one_generated_document_of_each_kind_maps_to_the_former_bytes(generated) -> None:
    inputs, documents = generated
    for path in documents:
        _assert_same_as_former(_read_record(path, inputs))


def test_a_build_worker_sends_the_former_bytes_and_outcome(generated) -> None:
    inputs, documents = generated
    loaded_at = "2026-01-02T03:04:05Z"
    for path in documents[:8]:
        (outcome, part, counted), public, contacts = _build_one(path, inputs, loaded_at)
        assert part == document_part(public.decode()) and part
        lines, statements = statistic_part(public.decode())
        assert counted == (lines, statements) and lines and statements  # meta counts nothing
        record = _read_record(path, inputs)
        quads = former.project_to_quads(record)
        meta = DocumentMeta(record.document.sha256, LOADER_VERSION, inputs.alias_sha256, _display(path), len(quads),
                            loaded_at)
        expected_public, expected_contacts, counts = _former_bytes(record, meta)
        assert (public, contacts) == (expected_public, expected_contacts)
        assert outcome.status == "loaded" and outcome.quads == counts == QuadCounts.of(quads)
        assert outcome.partners == len(record.partners) and outcome.project == record.key


@pytest.mark.parametrize("source_path", ["docs/a.txt", 'C:\\docs\\"quoted".txt', "new\nline\t.txt", "é 中 😀.html"])
def test_the_meta_entry_gives_the_former_bytes(source_path: str) -> None:
    meta = DocumentMeta("d" * 64, "0.2.0", "alias\\sha", source_path, 287, "2026-01-02T03:04:05Z")
    assert meta_nquads("doc-1", meta).encode() == nquads(former_meta.meta_quads("doc-1", meta))
    assert meta_quads("doc-1", meta) == former_meta.meta_quads("doc-1", meta)


def test_vocabularies_give_the_former_quads() -> None:
    concepts = list(Inputs.from_data(PROJECT_ROOT / "data").vocab.concepts)
    concepts.append(Concept("roles", "role", "odd", (Label(AWKWARD, "EN-gb", "pref"), Label("x", "", "alt"),
                                                     Label("h", "de-CH-1996", "hidden")),
                            broader=("https://w3id.org/interreg-kg/id/role/lead",), notation="N\"1\"",
                            properties=(("http://www.w3.org/2004/02/skos/core#related", "http://example.org/é"),),
                            literal_properties=(("http://schema.org/startDate", "2014-01-01"),
                                                ("http://schema.org/endDate", "2020"),
                                                ("http://example.org/note", AWKWARD))))
    assert len(concepts) > 50
    quads = vocab_to_quads(concepts)
    assert quads == former.vocab_to_quads(concepts)
    assert nquads(quads) == nquads(former.vocab_to_quads(concepts))
