"""The statistics graph made from a build's streamed parts (``loader/statistic_parts.py``) is the one
the statistics queries make of a store holding the same quads (``loader.statistics.statistics_quads``):
the same quads, the observations' digest-labelled blank nodes included, on hand-written awkward
quads (several documents per project, budgets in several documents and of several datatypes,
programmes with broader ones, several countries per organisation, roles of the scheme, outside it,
as literals and missing, statements in several graphs)."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, Store

from loader.statistic_parts import StatisticParts, document_part, statement_key
from loader.statistics import statistics_quads
from ontology.namespaces import ID, IRG, PREFIXES

RDF, XSD, SCHEMA, SKOS = PREFIXES["rdf"], PREFIXES["xsd"], "http://schema.org/", PREFIXES["skos"]


def _iri(text: str) -> str:
    if text.startswith(("_:", '"', "<")):
        return text
    prefix, _, local = text.partition(":")
    return "<" + {"irg": IRG, "id": ID, "rdf": RDF, "schema": SCHEMA, "skos": SKOS}[prefix] + local + ">"


def _doc(graph: str, *triples: tuple[str, str, str]) -> str:
    return "".join(f"{_iri(s)} {_iri(p)} {_iri(o)} <http://g/{graph}> .\n" for s, p, o in triples)


def _decimal(value: str, datatype: str = "decimal") -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


VOCAB = _doc("vocab", ("id:programme/a", "rdf:type", "irg:Programme"), ("id:programme/b", "rdf:type", "irg:Programme"),
             ("id:programme/b", "skos:broader", "id:programme/a"), ("id:theme/t1", "rdf:type", "irg:Theme"),
             ("id:theme/t2", "rdf:type", "irg:Theme"), ("id:target-group/g1", "rdf:type", "irg:TargetGroup"),
             ("id:period/2014", "rdf:type", "irg:ProgrammingPeriod"))


def _project(graph: str, project: str, *more: tuple[str, str, str]) -> str:
    return _doc(graph, (f"id:project/{project}", "rdf:type", "irg:Project"),
                (f"id:document/{graph}", "rdf:type", "irg:SourceDocument"), *more)


def _participation(x: str, org: str, project: str, role: str | None, country: str | None) -> list[tuple[str, str, str]]:
    found = [(f"id:participation/{x}", "rdf:type", "irg:Participation"),
             (f"id:participation/{x}", "irg:organisation", f"id:organisation/{org}"),
             (f"id:participation/{x}", "irg:project", f"id:project/{project}"),
             (f"id:organisation/{org}", "rdf:type", "irg:Organisation"),
             (f"id:organisation/{org}", "irg:participantIn", f"id:project/{project}")]
    if role is not None:
        found.append((f"id:participation/{x}", "irg:role", role))
    if role == "id:role/lead":
        found.append((f"id:organisation/{org}", "irg:leadPartnerOf", f"id:project/{project}"))
    if country is not None:
        found.append((f"id:organisation/{org}", "schema:addressCountry", f'"{country}"'))
    return found


def _statement(graph: str, n: int, subject: str = "id:project/p1") -> tuple[str, str, str]:
    return (f"<{ID}statement/{graph.encode().hex()[:8]:0>8}{n:08x}>", "rdf:subject", subject)


DOCUMENTS = [
    VOCAB,
    _project("d1", "p1", ("id:project/p1", "irg:period", "id:period/2014"),
             ("id:project/p1", "irg:programme", "id:programme/b"),
             ("id:project/p1", "irg:totalBudgetEur", _decimal("1.50")),
             ("id:project/p1", "irg:euFundingEur", _decimal("0")),
             ("id:project/p1", "irg:theme", "id:theme/t1"), ("id:project/p1", "irg:targetGroup", "id:target-group/g1"),
             *_participation("x1", "lille", "p1", "id:role/lead", "FR"),
             *_participation("x2", "kent", "p1", "id:role/partner", "GB"),
             _statement("d1", 1), _statement("d1", 2), ("<http://other/statement>", "rdf:subject", "id:project/p1")),
    # the same project again: another budget (MAX), another period and programme, the same statement
    _project("d2", "p1", ("id:project/p1", "irg:period", "id:period/2021"),
             ("id:project/p1", "irg:programme", "id:programme/a"),
             ("id:project/p1", "irg:totalBudgetEur", _decimal("2.5")),
             ("id:project/p1", "irg:euFundingEur", _decimal("12345678901234567.123456789012345678")),
             *_participation("x1", "lille", "p1", "id:role/lead", "BE"),
             *_participation("x3", "medway", "p1", "id:role/unknown", None),
             *_participation("x4", "kent", "p1", None, "GB"),
             _statement("d1", 1), _statement("d2", 1)),
    _project("d3", "p2", ("id:project/p2", "irg:period", "id:period/2014"),
             ("id:project/p2", "irg:programme", "id:programme/a"),
             ("id:project/p2", "irg:totalBudgetEur", _decimal("-3.25")),
             ("id:project/p2", "irg:euFundingEur", _decimal("+000.50")),
             ("id:project/p2", "irg:theme", "id:theme/t1"), ("id:project/p2", "irg:theme", "id:theme/t2"),
             ("id:project/p2", "irg:theme", "id:theme/untyped"),
             *_participation("x5", "lille", "p2", "<http://other/role>", "FR"),
             *_participation("x6", "kent", "p2", '"lead"', "FR"),
             _statement("d3", 1, "id:project/p2")),
    # a budget and links of a project typed in no document, and an untyped participation
    _doc("d4", ("id:project/p9", "irg:totalBudgetEur", _decimal("7")),
         ("id:project/p9", "irg:period", "id:period/2014"), ("id:organisation/lille", "irg:participantIn", "id:project/p9"),
         ("id:participation/x9", "irg:role", "id:role/lead"), ("id:participation/x9", "irg:project", "id:project/p1"),
         ("id:participation/x9", "irg:organisation", "id:organisation/medway"),
         ("id:organisation/kent", "irg:leadPartnerOf", "id:project/p9"),
         ("id:project/p2", "irg:programme", "id:programme/untyped")),
    _project("d5", "p3", ("id:project/p3", "irg:totalBudgetEur", _decimal("10.")),
             ("id:project/p3", "irg:euFundingEur", _decimal(".25")),
             ("id:project/p3", "irg:period", "id:period/2021")),
]
#: values the parts do not sum as Oxigraph would (it may store them otherwise, or overflow): the build
#: then queries the store
NOT_EXACT = [_decimal("1e3", "double"), _decimal("4", "integer"), _decimal("abc"), _decimal("1.0000000000000000001"),
             _decimal("123456789012345678901234.5"), '"12"^^<http://example.org/money>']


def _queried(texts: list[str]) -> set[str]:
    store = Store()
    store.bulk_load("".join(texts).encode(), format=RdfFormat.N_QUADS)
    return {str(q) for q in statistics_quads(store)}


def _streamed(texts: list[str]) -> set[str] | None:
    parts = StatisticParts()
    for text in texts:
        parts.add(*document_part(text))
    quads = parts.quads()
    return None if quads is None else {str(q) for q in quads}


def _figure(quads: set[str], name: str) -> list[str]:
    return sorted(q.split(" ")[2] for q in quads if f"#{name}>" in q)


def test_awkward_parts_give_what_the_queries_give() -> None:
    queried = _queried(DOCUMENTS)
    assert _streamed(DOCUMENTS) == queried
    assert _figure(queried, "statementCount") == [f'"5"^^<{XSD}integer>']  # d1's first one in two documents
    assert len([q for q in queried if "#totalBudgetSumEur>" in q]) > 3  # sums per period, programme, whole


@pytest.mark.parametrize("order", [slice(None, None, -1), slice(None, None, 2)])
def test_any_order_or_subset_of_documents_gives_what_the_queries_give(order: slice) -> None:
    texts = DOCUMENTS[order]
    assert _streamed(texts) == _queried(texts)


@pytest.mark.parametrize("values", [("0", "0"), ("1.50", "2.50"), ("-1", "1"), ("-0.0", "0.000"), ("0.1", "0.2"),
                                    ("9999999999999999.99", "0.01"), ("1.123456789012345678", "100"),
                                    ("-5", "-7.5", "2")])
def test_budget_sums_are_oxigraphs(values: tuple[str, ...]) -> None:
    texts = [_project(f"d{i}", f"p{i}", (f"id:project/p{i}", "irg:totalBudgetEur", _decimal(v)),
                      (f"id:project/p{i}", "irg:period", "id:period/2014")) for i, v in enumerate(values)]
    queried = _queried(texts)
    assert _streamed(texts) == queried
    assert len(_figure(queried, "totalBudgetSumEur")) == 2  # the period's and the whole graph's


@pytest.mark.parametrize("value", NOT_EXACT)
def test_a_budget_oxigraph_may_read_otherwise_makes_the_build_query_the_store(value: str) -> None:
    text = _project("d9", "p9", ("id:project/p9", "irg:totalBudgetEur", value))
    assert _streamed([*DOCUMENTS, text]) is None
    assert _queried([*DOCUMENTS, text])  # which computes them


def test_no_documents_give_the_empty_figures() -> None:
    assert _streamed([]) == _queried([]) != set()


@pytest.mark.parametrize("triple", [("_:b1", "irg:participantIn", "id:project/p1"),
                                    ("id:organisation/o", "schema:addressCountry", "_:b2"),
                                    ("id:organisation/o", "schema:addressCountry", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'),
                                    ("id:organisation/o", "schema:addressCountry", _decimal("1.0")),
                                    ("id:project/p1", "irg:role", '"x"^^<http://example.org/t>')])
def test_a_blank_node_or_a_typed_literal_makes_the_parts_unusable(triple: tuple[str, str, str]) -> None:
    parts = StatisticParts()
    parts.add(*document_part(DOCUMENTS[1]))
    assert parts.quads() is not None
    parts.add(*document_part(_doc("d9", triple)))
    assert not parts.usable and parts.quads() is None  # the build queries the store


def test_a_line_without_a_counted_predicate_or_type_is_left_out() -> None:
    text = _doc("d1", ("id:project/p1", "rdf:type", "irg:Measure"), ("id:project/p1", "schema:name", '"P"'),
                ("id:project/p1", "rdf:type", "irg:Project"), _statement("d1", 3))
    counted, statements = document_part(text)
    assert counted == f"<{ID}project/p1> <{RDF}type> <{IRG}Project> .\n"
    assert statements == [statement_key(_statement("d1", 3)[0])] and isinstance(statements[0], int)

