"""The description graph a full build makes from its documents' quads (``loader/description_parts.py``)
is what the build queries (``loader.descriptions.description_lines``) give on a store of those quads:
the same organisation under several names, languages and graphs, places in several cases, roles of
the scheme, outside it, as literals, missing and doubled, participations spread over graphs or untyped,
organisations untyped or literal."""

from __future__ import annotations

import doctest

import pytest
from pyoxigraph import RdfFormat, Store

import loader.description_parts
from loader.description_parts import DescriptionParts, document_part
from loader.descriptions import description_lines
from loader.errors import StoreError

ORG, PART, ROLE, PROJECT = ("https://w3id.org/interreg-kg/id/organisation/", "https://w3id.org/interreg-kg/id/participation/",
                            "https://w3id.org/interreg-kg/id/role/", "https://w3id.org/interreg-kg/id/project/")
IRG, S = "https://w3id.org/interreg-kg/ontology#", "http://schema.org/"
TYPE, SKOS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _graph(name: str, triples: list[tuple[str, str, str]]) -> str:
    g = f"<https://w3id.org/interreg-kg/graph/document/{name}>"
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o in triples)


def o(key: str) -> str:
    return f"<{ORG}{key}>"


def p(key: str) -> str:
    return f"<{PART}{key}>"


def pr(key: str) -> str:
    return f"<{PROJECT}{key}>"


def _participation(part: str, org: str | None, project: str | None, *roles: str, typed: bool = True) -> list:
    triples = [(p(part), f"<{TYPE}>", f"<{IRG}Participation>")] if typed else []
    triples += [(p(part), f"<{IRG}organisation>", org)] if org else []
    triples += [(p(part), f"<{IRG}project>", project)] if project else []
    return triples + [(p(part), f"<{IRG}role>", role) for role in roles]


def _organisation(key: str, *facts: tuple[str, str]) -> list:
    return [(o(key), f"<{TYPE}>", f"<{IRG}Organisation>")] + [(o(key), f"<{pred}>", value) for pred, value in facts]


GRAPHS = {
    "one": _organisation("lille", (S + "name", '"Ville de Lille"'), (S + "name", '"Stadt Lille"@de'),
                         (S + "addressLocality", '"LILLE"'), (S + "addressCountry", '"FR"'),
                         (S + "url", "<http://lille.fr/>"), (SKOS + "altLabel", '"Mairie \\"Lille\\"\\n"'))
    + _organisation("quiet")  # no name, no project: a count of 0 and nothing else
    + _participation("a", o("lille"), pr("x"), f"<{ROLE}lead>")
    + _participation("b", o("lille"), pr("y"))  # no role
    + _participation("c", o("untyped"), pr("x"), f"<{ROLE}other>")
    + _participation("d", o("untyped"), pr("z"), '"lead"')  # a role as a literal: outside the scheme
    + _participation("e", None, pr("w"), f"<{ROLE}associated>")  # its organisation is in graph "two"
    + _participation("f", o("lille"), pr("v"), f"<{ROLE}lead>", typed=False)  # not a participation
    + _participation("g", '"Someone"', pr("x"), f"<{ROLE}partner>")  # a literal organisation
    + _participation("h", o("lille"), '"a literal project"', f"<{ROLE}unknown>")
    + _participation("i", o("lille"), pr("u"), f"<{ROLE}partner>", f"<{ROLE}associated>")
    + [(o("lille"), f"<{IRG}participantIn>", pr("x")), (o("lille"), f"<{IRG}participantIn>", pr("y")),
       (o("lille"), f"<{IRG}leadPartnerOf>", pr("x"))],
    "two": _organisation("lille", (S + "name", '"Lille Métropole"@en-gb'), (S + "name", '"Ville de Lille"'),
                         (S + "name", '"Lille"^^<http://www.w3.org/2001/XMLSchema#token>'),
                         (S + "addressLocality", '"Lille"'), (S + "addressLocality", '"İSTANBUL ΟΔΟΣ STRAßE"'),
                         (S + "addressLocality", "<http://example.org/place/Lille>"))
    + _participation("a", o("lille"), pr("x"), f"<{ROLE}partner>")  # a second role for the same one
    + _participation("e", o("other"), None, typed=False)
    + _organisation("other", (S + "name", '"Zeta"'), (S + "name", '"alpha"'), (S + "name", '"Ålborg"'))
    + [(o("lille"), f"<{IRG}participantIn>", pr("x")), (o("other"), f"<{IRG}leadPartnerOf>", pr("w"))]
    + [(o("not-an-organisation"), f"<{S}name>", '"Only named"'), (pr("x"), f"<{S}name>", '"Project X"')],
}


def _store(graphs: dict[str, str]) -> Store:
    store = Store()
    store.bulk_load("".join(graphs.values()).encode(), format=RdfFormat.N_QUADS)
    return store


def _parts(graphs: dict[str, str]) -> DescriptionParts:
    parts = DescriptionParts()
    for text in graphs.values():
        parts.add(document_part(text))
    return parts


def test_doctests() -> None:
    assert doctest.testmod(loader.description_parts).failed == 0


def test_the_parts_make_what_the_queries_make_on_awkward_quads() -> None:
    graphs = {name: _graph(name, triples) for name, triples in GRAPHS.items()}
    expected = description_lines(_store(graphs))
    got = _parts(graphs).lines()
    assert got == expected
    text = b"\n".join(sorted(got)).decode()
    for fragment in ('projectInOtherRole> <' + PROJECT + "z>", "projectInNoRole", "projectAsAssociated",
                     'οδος straße"', 'participantInCount> "0"', 'projectsAsLeadCount> "1"', "displayName"):
        assert fragment in text  # the awkward cases above are really met


@pytest.mark.parametrize("order", [list(GRAPHS), list(reversed(GRAPHS))])
def test_the_parts_do_not_depend_on_the_order_of_the_documents(order) -> None:
    graphs = {name: _graph(name, GRAPHS[name]) for name in order}
    assert _parts(graphs).lines() == description_lines(_store(graphs))


def test_a_document_part_keeps_only_what_the_queries_read() -> None:
    text = _graph("one", [*_organisation("lille", (S + "name", '"with spaces and > . signs"')),
                          (o("lille"), f"<{S}description>", '"not read"'),
                          (o("lille"), f"<{TYPE}>", f"<{IRG}Programme>")])
    assert document_part(text + text) == [f"{o('lille')} <{TYPE}> <{IRG}Organisation>",
                                          f'{o("lille")} <{S}name> "with spaces and > . signs"']


def test_no_organisation_gives_no_description() -> None:
    assert DescriptionParts().lines() == set() == description_lines(Store())


def test_a_blank_node_makes_the_parts_unusable() -> None:
    parts = DescriptionParts()
    parts.add(document_part(_graph("one", [("_:b1", f"<{TYPE}>", f"<{IRG}Organisation>")])))
    assert parts.usable is False
    with pytest.raises(StoreError, match="blank node"):
        parts.lines()


@pytest.mark.parametrize("query", ["_PROJECTS_QUERY", "_ORGANISATIONS_QUERY"])
def test_a_failing_query_stops_the_parts_whichever_thread_ran_it(query, tmp_path, monkeypatch) -> None:
    graphs = {name: _graph(name, triples) for name, triples in GRAPHS.items()}
    graphs["project"] = _graph("project", [(pr("x"), f"<{TYPE}>", f"<{IRG}Project>"),
                                           (pr("x"), f"<{IRG}acronym>", '"X"')])
    assert _parts(graphs).lines() == description_lines(_store(graphs))  # both queries have work
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")  # not a CONSTRUCT
    monkeypatch.setattr(loader.description_parts, query, broken)
    with pytest.raises(StoreError, match="broken.rq is not a CONSTRUCT query"):
        _parts(graphs).lines()
