"""The projects' descriptions (``queries/descriptions/build_projects.rq``) and the listings reading them.

``projects``, ``projects_by_target_group`` and ``projects_by_theme`` read each project's columns from
its description where the build wrote them (every column they take one SAMPLE of has at most one value)
and group the facts of the other projects as before. Each is held against its former text
(``tests/queries/former/listings/``) on stores of awkward projects: acronyms agreeing in their first 15
characters or differing only in case, characters of several bytes, a project with a title only and one
with neither, one with two acronyms, two titles in two languages, two programmes or a programme with
two English labels (whose SAMPLE the store's order decides), dates in several documents, an untyped
project with facts, concepts without English labels. SAMPLE picks by the order the store gives values
in, which differs between stores holding the same quads (in memory, inserted in another order; on disk):
the listings are compared on each. A full build's description parts give the same graph as the query.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, QuerySolutions, RdfFormat, Store, Variable

import queries
from loader.description_parts import DescriptionParts, document_part
from loader.descriptions import description_lines, refresh_descriptions
from ontology.namespaces import DESCRIPTIONS_GRAPH
from tests.queries import test_deduplicated_answers as dedup
from tests.queries.test_project_listings import EDGE

FORMER = Path(__file__).resolve().parent / "former" / "listings"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"
LISTINGS = ("projects", "projects_by_programme", "projects_by_target_group", "projects_by_theme")

#: projects whose listed columns have several values across documents, and other awkward facts
AWKWARD = """
@prefix irg: <https://w3id.org/interreg-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

graph:document/e3 {
  id:project/a1 irg:acronym "zeta" ; dcterms:title "Zeta, a title long enough"@en , "Zeta, un titre"@fr ;
    schema:startDate "2009-01-01"^^xsd:date ; schema:endDate "2011-12-31"^^xsd:date .
  id:project/c3 a irg:Project ; irg:acronym "AB" ; irg:programme id:programme/iv-a .
  id:project/b1 irg:acronym "Ärztenetz Grenzregion, long" .
  id:project/d1 a irg:Project ; irg:acronym "Δέλτα" ; dcterms:title "Delta"@en ; irg:programme id:programme/fr-be ;
    irg:period id:period/2007-2013 ; irg:targetGroup id:target-group/migrants ; irg:theme id:theme/jobs ;
    schema:startDate "2008-03-01"^^xsd:date ; schema:endDate "2010-06-30"^^xsd:date .
  id:organisation/o1 irg:participantIn id:project/d1 , id:project/a1 ; schema:addressCountry "FR" .
  id:organisation/o2 irg:participantIn id:project/d1 ; schema:addressCountry "BE" .
  id:project/untyped irg:acronym "Untyped" ; irg:targetGroup id:target-group/migrants ; irg:theme id:theme/jobs .
}
graph:document/e4 {
  id:project/d1 a irg:Project ; irg:acronym "Δέλτα" ; dcterms:title "Delta"@en ;
    schema:startDate "2007-12-01"^^xsd:date ; schema:endDate "2010-06-30"^^xsd:date .
  id:organisation/o1 irg:participantIn id:project/d1 .
  id:project/c2 irg:title "not a dcterms title" .
}
"""

#: parameter values the listings are run with, one parameter at a time (None: unbound), and together
VALUES = {
    "projects": {"programme": ["fr-be", "iv-a", "interreg", "other"], "period": ["2007-2013", "2014-2020"],
                 "country": ["FR", "BE"], "target_group": ["migrants", "youth"], "theme": ["housing", "jobs"],
                 "q": ["alpha", "Ä", "delta", "zeta"]},
    "projects_by_programme": {"programme": ["fr-be", "iv-a", "interreg", "other"], "period": ["2007-2013", "2014-2020"]},
    "projects_by_target_group": {"target_group": ["migrants", "youth", "elderly", "none"]},
    "projects_by_theme": {"theme": ["housing", "Housing", "jobs", "unlabelled", "none"]},
}
KINDS = {"programme": "programme", "period": "period", "target_group": "target-group", "theme": "theme"}


def _substitutions(name: str) -> list[dict]:
    """No parameter, each parameter alone with each of its values, and the first value of each together."""
    params = VALUES[name]
    one_by_one = [{p: v} for p, values in params.items() for v in values]
    return [{}, *one_by_one, {p: values[0] for p, values in params.items()}]


def _term(param: str, value: str):
    from pyoxigraph import Literal

    return NamedNode(f"{ID}{KINDS[param]}/{value}") if param in KINDS else Literal(value)


def _quads(text: str) -> list[Quad]:
    store = Store()
    store.load(dedup._trig(text).encode("utf-8"), format=RdfFormat.TRIG)
    return list(store.quads_for_pattern(None, None, None, None))


def _with_descriptions(store: Store, quads: list[Quad]) -> Store:
    store.extend(quads)
    refresh_descriptions(store)
    return store


def _without_descriptions(quads: list[Quad]) -> Store:
    """A store of the facts alone (one written by hand, or by an older build): every project is grouped."""
    store = Store()
    store.extend(quads)
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Store]:
    quads = _quads(EDGE + AWKWARD)
    return {"memory": _with_descriptions(Store(), quads),
            "memory, reversed": _with_descriptions(Store(), list(reversed(quads))),
            "disk": _with_descriptions(Store(str(tmp_path_factory.mktemp("listings"))), quads),
            "no descriptions": _without_descriptions(quads),
            "fixture": _with_descriptions(Store(), _fixture_quads())}


def _fixture_quads() -> list[Quad]:
    store = Store()
    store.load(path=str(Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"),
               format=RdfFormat.TRIG)
    return list(store.quads_for_pattern(None, None, None, None))


def _rows(store: Store, text: str, substitutions: dict) -> list[tuple]:
    bound = {Variable(p): _term(p, v) for p, v in substitutions.items()}
    solutions = store.query(text, substitutions=bound, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [tuple(None if s[n] is None else str(s[n]) for n in names) for s in solutions]


@pytest.mark.parametrize("name", LISTINGS)
@pytest.mark.parametrize("which", ["memory", "memory, reversed", "disk", "no descriptions", "fixture"])
def test_a_listing_answers_as_its_former_text(stores, which, name):
    store = stores[which]
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    assert {p.name for p in queries.load(name).parameters} == {p.name for p in queries.parse(former, name=name).parameters}
    answered = 0
    for substitutions in _substitutions(name) if which != "fixture" else [{}]:
        got = _rows(store, current, substitutions)
        assert got == _rows(store, former, substitutions), (name, substitutions)
        answered += len(got)
    assert answered


def _listing(store: Store, project: str) -> dict[str, str]:
    return {q.predicate.value.rpartition("#")[2]: str(q.object) for q in store.quads_for_pattern(
        NamedNode(f"{ID}project/{project}"), None, None, NamedNode(DESCRIPTIONS_GRAPH))}


def test_only_the_projects_with_one_value_per_sampled_column_have_their_columns_written(stores):
    store = stores["memory"]
    # d1: one acronym, title, programme and period over two documents; the least start, the greatest end
    assert _listing(store, "d1") == {
        "participantCount": '"2"^^<http://www.w3.org/2001/XMLSchema#integer>', "listingKey": '"δέλτα"',
        "listingAcronym": '"Δέλτα"', "listingTitle": '"Delta"@en',
        "listingProgramme": f"<{ID}programme/fr-be>", "listingProgrammeLabel": '"France-Belgium"@en',
        "listingPeriod": f"<{ID}period/2007-2013>", "listingStartDate": '"2007-12-01"^^<http://www.w3.org/2001/XMLSchema#date>',
        "listingEndDate": '"2010-06-30"^^<http://www.w3.org/2001/XMLSchema#date>'}
    # neither acronym nor title: the empty key; a title only: the lower-cased title, language kept
    assert _listing(store, "c2")["listingKey"] == '""' and "listingAcronym" not in _listing(store, "c2")
    assert _listing(store, "c1")["listingKey"] == '"a title only, long enough to pass fifteen"@en'
    # two acronyms (a1, c3, b1), two titles (a1), two programmes (c3), a programme with two English labels
    # (b2): only the count; an untyped project: nothing
    for project in ("a1", "c3", "b1", "b2"):
        assert set(_listing(store, project)) == {"participantCount"}, project
    assert _listing(store, "untyped") == {}
    assert _listing(store, "a1")["participantCount"] == '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_the_store_order_decides_the_sample_of_a_project_with_two_acronyms(stores):
    # the awkward projects are met: the stores pick different acronyms for one of them, and each listing
    # shows its store's pick (the former texts, compared above, pick the same)
    picks = {which: {r[0]: r[1] for r in _rows(stores[which], queries.load("projects").text, {})}
             for which in ("memory", "memory, reversed", "disk")}
    ambiguous = [f"<{ID}project/{p}>" for p in ("a1", "c3", "b1")]
    assert any(len({picks[w][p] for w in picks}) > 1 for p in ambiguous)


def test_the_description_parts_make_what_the_query_makes(stores):
    store = stores["memory"]
    by_graph: dict[str, list[str]] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        if quad.graph_name != NamedNode(DESCRIPTIONS_GRAPH):
            by_graph.setdefault(str(quad.graph_name), []).append(f"{quad} .\n")
    parts = DescriptionParts()
    for lines in by_graph.values():
        parts.add(document_part("".join(lines)))
    made = parts.lines()
    assert made == description_lines(store)
    assert any(b"listingKey" in line for line in made) and any(b"participantCount" in line for line in made)
