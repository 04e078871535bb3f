"""The SHACL shapes catch each kind of violation, pass good data, and only warn on what real documents do."""

from __future__ import annotations

import doctest
import re

import pytest
import rdflib

import loader.check
from loader.check import check_graph
from loader.to_rdf import ontology_quads, project_to_quads

PREFIXES = """
@prefix irg: <https://w3id.org/interreg-kg/ontology#> .
@prefix id: <https://w3id.org/interreg-kg/id/> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

GOOD = """
id:project/p a irg:Project ; irg:acronym "P" ; dcterms:title "A project" ;
    schema:startDate "2010-07-01"^^xsd:date ; schema:endDate "2015-03-31"^^xsd:date ;
    irg:totalBudgetEur "1000.5"^^xsd:decimal ; irg:euFundingEur "500"^^xsd:decimal ;
    irg:cofinancingRate "0.5"^^xsd:decimal .
id:organisation/o a irg:Organisation ; schema:addressCountry "FR" ; irg:leadPartnerOf id:project/p .
id:project/p/participation/o a irg:Participation ; irg:project id:project/p ;
    irg:organisation id:organisation/o ; irg:role id:role/lead .
"""


def _check(extra: str = "", replace: tuple[str, str] | None = None):
    body = GOOD if replace is None else GOOD.replace(*replace)
    assert replace is None or body != GOOD, "the replacement did not apply"
    turtle = re.sub(r"\bid:([\w/-]+)", r"<https://w3id.org/interreg-kg/id/\1>", body + extra)
    return check_graph(rdflib.Graph().parse(data=PREFIXES + turtle, format="turtle"))


def test_doctests() -> None:
    assert doctest.testmod(loader.check).failed == 0


def test_good_data_conforms_without_results() -> None:
    report = _check()
    assert report.conforms and report.results == ()


@pytest.mark.parametrize("replace,path", [
    (('schema:startDate "2010-07-01"', 'schema:startDate "2016-01-01"'), "http://schema.org/startDate"),
    (('irg:totalBudgetEur "1000.5"', 'irg:totalBudgetEur "-3"'), "totalBudgetEur"),
    (('irg:euFundingEur "500"', 'irg:euFundingEur "-1"'), "euFundingEur"),
    (('irg:euFundingEur "500"', 'irg:euFundingEur "2000"'), "euFundingEur"),
    (('irg:cofinancingRate "0.5"', 'irg:cofinancingRate "1.2"'), "cofinancingRate"),
    (('irg:cofinancingRate "0.5"', 'irg:cofinancingRate "-0.1"'), "cofinancingRate"),
    (('schema:addressCountry "FR"', 'schema:addressCountry "fra"'), "addressCountry"),
    (('schema:addressCountry "FR"', 'schema:addressCountry "fr"'), "addressCountry"),
    (("irg:role id:role/lead .", "."), "role"),
    (("irg:organisation id:organisation/o ;", ""), "organisation"),
    (("irg:project id:project/p ;", ""), "project"),
])
def test_each_violation_kind_is_caught(replace, path) -> None:
    report = _check(replace=replace)
    assert not report.conforms
    assert [r.path for r in report.violations if path in r.path], report.lines()


def test_a_participation_with_two_roles_violates() -> None:
    report = _check(extra="id:project/p/participation/o irg:role id:role/partner .")
    assert not report.conforms
    assert any(r.path.endswith("#role>") for r in report.violations)


def test_two_leads_and_no_name_only_warn() -> None:
    report = _check(extra="id:organisation/o2 a irg:Organisation ; irg:leadPartnerOf id:project/p .\n"
                          "id:project/q a irg:Project .")
    assert report.conforms
    messages = sorted(r.message for r in report.warnings)
    assert messages == ["the project has more than one lead partner", "the project has neither a title nor an acronym"]
    assert {r.focus for r in report.warnings} == {"https://w3id.org/interreg-kg/id/project/p",
                                                  "https://w3id.org/interreg-kg/id/project/q"}


def test_report_lines_are_readable() -> None:
    report = _check(replace=('irg:cofinancingRate "0.5"', 'irg:cofinancingRate "1.2"'))
    lines = report.lines()
    assert lines[0].startswith("Violation: <https://w3id.org/interreg-kg/id/project/p> "
                               "<https://w3id.org/interreg-kg/ontology#cofinancingRate>: ")
    assert "1.2" in lines[0]
    assert lines[-1].startswith("does not conform: 1 violation(s), 0 warning(s)")


def test_golden_cases_conform_with_the_ontology(case, load_case) -> None:
    graph = rdflib.Graph()
    for quad in project_to_quads(load_case(case)) + ontology_quads():
        if "contacts/" in quad.graph_name.value:
            continue
        graph.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    report = check_graph(graph)
    assert report.conforms, report.lines()
