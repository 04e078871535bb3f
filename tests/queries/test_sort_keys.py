"""Queries ordered by one computed sort key order their rows as the column-wise ORDER BY did.

``projects_by_theme``, ``projects_by_target_group``, ``projects_by_programme``, ``partner`` and
``organisation_name_evidence`` sort on one string joining their sort fields with U+0001 (Oxigraph
reads each compared term's string from the store at every comparison, so one key per row sorts
faster), the three listings on that string's parts built apart (the concept's part, the project's
text cut to 15 characters, its whole text, the project IRI). Here labels, acronyms and names are prefixes of one another, differ only in case or are
missing, and documents repeat an organisation's names: each query's rows must come in the order the
column-wise ORDER BY of the same query gives.
"""

from __future__ import annotations

import re

import pytest
from pyoxigraph import QuerySolutions, RdfFormat, Store

import queries
from loader.descriptions import refresh_descriptions

IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"
_BASES = {"id": ID, "graph": "https://w3id.org/interreg-kg/graph/"}


def _project(key: str, acronym: str | None, title: str | None) -> str:
    facts = [f"id:project/{key} a irg:Project", "irg:period id:period/2007-2013"]
    if acronym is not None:
        facts.append(f'irg:acronym "{acronym}"')
    if title is not None:
        facts.append(f'dcterms:title "{title}"@en')
    for theme in ("ab", "abc", "nolabel"):
        facts.append(f"irg:theme id:theme/{theme}")
    facts += ["irg:targetGroup id:target-group/ab", "irg:targetGroup id:target-group/Ab",
              "irg:programme id:programme/ab", "irg:programme id:programme/abc"]
    part = (f"id:project/{key}/participation/org a irg:Participation ; irg:project id:project/{key} ; "
            f"irg:organisation id:organisation/org ; irg:role id:role/{'lead' if key == 'p1' else 'partner'} .")
    return " ; ".join(facts) + " .\n" + part + "\n"


# acronyms and titles that tie when lower-cased, are prefixes of each other, or are missing
_PROJECTS = "".join(_project(k, a, t) for k, a, t in [
    ("p1", "AB", None), ("p2", "ab", "Zeta"), ("p3", "Abc", None), ("p4", None, "Ab"),
    ("p5", None, None), ("p6", "a b", None)])


def _names(doc: str, names: list[tuple[str, str]]) -> str:
    out = [f"id:document/{doc} a irg:SourceDocument .",
           'id:organisation/org a irg:Organisation ; schema:addressCountry "BE" .']
    for i, (predicate, name) in enumerate(names):
        out.append(f'id:organisation/org {predicate} "{name}" .')
        out.append(f'id:statement/{doc}{i} rdf:subject id:organisation/org ; '
                   f'rdf:predicate {predicate} ; rdf:object "{name}" ; irg:keySource "alias" .')
    return "\n".join(out)


DATA = f"""
@prefix irg: <{IRG}> .
@prefix id: <{ID}> .
@prefix graph: <https://w3id.org/interreg-kg/graph/> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

graph:vocab {{
  id:theme/ab skos:prefLabel "Ab"@en . id:theme/abc skos:prefLabel "ab c"@en .
  id:target-group/ab skos:prefLabel "Ab"@en . id:target-group/Ab skos:prefLabel "ab"@en .
  id:programme/ab skos:prefLabel "Interreg"@en . id:programme/abc skos:prefLabel "interreg A"@en .
}}
graph:meta {{
  graph:document/d1 irg:sourceDocument id:document/d1 ; irg:sourcePath "d1.txt" .
  graph:document/d2 irg:sourceDocument id:document/d2 .
}}
graph:document/d1 {{
  {_PROJECTS}
  {_names("d1", [("schema:name", "Ab"), ("skos:altLabel", "ab"), ("skos:altLabel", "Ab c")])}
}}
graph:document/d2 {{
  {_names("d2", [("schema:name", "Ab"), ("schema:name", "a"), ("skos:altLabel", "ab")])}
}}
graph:document/d3 {{
  id:organisation/org a irg:Organisation ; schema:name "Ab" .
}}
"""

# the column-wise ORDER BY each query had before its computed key, the texts compared as plain strings
# (before, a title's language tag set it apart from an acronym of the same lower-cased text; see
# test_a_title_ties_with_an_acronym_on_the_project)
COLUMN_WISE = {
    "projects_by_theme":
        'STR(LCASE(COALESCE(?label, ""))) ?theme STR(LCASE(COALESCE(?acronym, ?title, ""))) ?project',
    "projects_by_target_group":
        'STR(LCASE(COALESCE(?label, ""))) ?target_group STR(LCASE(COALESCE(?acronym, ?title, ""))) ?project',
    "projects_by_programme":
        'STR(LCASE(COALESCE(?label, ""))) ?projectProgramme STR(LCASE(COALESCE(?acronym, ?title, ""))) ?project',
    "partner": '?organisation STR(LCASE(COALESCE(?acronym, ?title, ""))) ?project ?role',
    "organisation_name_evidence": "?organisation ?nameKind ?name ?keySource ?keyEvidence",
}


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    # prefixed names may not hold "/": the IRIs written out in full
    text = re.sub(r"\b(id|graph):([\w/-]+)", lambda m: f"<{_BASES[m[1]]}{m[2]}>", DATA)
    s.load(text.encode(), format=RdfFormat.TRIG)
    refresh_descriptions(s)  # as every build has it: partner reads it
    return s


def _rows(store: Store, text: str) -> list[tuple]:
    result = store.query(text, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return [tuple(str(row[v]) if row[v] is not None else None for v in result.variables) for row in result]


@pytest.mark.parametrize("name", sorted(COLUMN_WISE))
def test_one_key_orders_as_the_columns_did(store: Store, name: str) -> None:
    text = queries.load(name).text
    # one key per row (?sortKey) or the parts of that key built apart (concept, project head, project),
    # then terms of the query compared only where rows tie on it (partner: project, role)
    assert re.search(r"^ORDER BY \?\w+Key(?: \?\w+)*\s*\Z", text, re.M), f"{name}: its sort"
    column_wise = re.sub(r"^ORDER BY [^\n]*\s*\Z", f"ORDER BY {COLUMN_WISE[name]}\n", text, flags=re.M)
    got, expected = _rows(store, text), _rows(store, column_wise)
    assert len(got) >= 4, f"{name}: the fixture should give several rows to order, got {got}"
    assert got == expected


@pytest.mark.parametrize("name", ["projects_by_theme", "partner"])
def test_a_title_ties_with_an_acronym_on_the_project(store: Store, name: str) -> None:
    """Deliberate change: p4 (no acronym, title "Ab"@en) and p1 (acronym "AB") both sort as "ab" and
    now tie-break on the project IRI, p1 first; the column-wise ORDER BY put the tagged title first."""
    projects = [r for row in _rows(store, queries.load(name).text) for r in row if r and "/project/p" in r]
    first = projects[: projects.index(f"<{ID}project/p3>") + 1]
    assert first == [f"<{ID}project/{k}>" for k in ("p5", "p6", "p1", "p2", "p4", "p3")]


def test_ties_and_prefixes_are_in_the_fixture(store: Store) -> None:
    rows = _rows(store, queries.load("projects_by_theme").text)
    acronyms = [r[3] for r in rows if r[0] == f"<{ID}theme/ab>"]
    # lower-cased ties (AB / ab) and a prefix (ab / abc), each project once per theme
    assert sorted(a for a in acronyms if a is not None) == ['"AB"', '"Abc"', '"a b"', '"ab"']
    assert len(acronyms) == 6
