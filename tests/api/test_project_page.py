"""``GET /api/projects/{id}`` reads the project's facts (``queries/rest/project_facts.rq``) instead of
the ``project`` and ``project_details`` queries (api/routes/project_page.py): its answer must be byte
for byte the former one.

The former route is the same route with :func:`api.routes.project_page.project_row`,
:func:`~api.routes.project_page.detail_rows` and :func:`~api.routes.project_page.partner_rows`
answering None (then it runs the three queries, as before). Both are asked for every project of the API fixture
and of a hand-written store of awkward projects: several values of a field from several documents,
duplicates of one value, a precision without its date, labels in other languages only, a measure
labelled in many graphs, ill-typed and oddly typed values, a project with nothing but its type,
lists whose labels differ only in case or accents, items without a label, a result labelled twice,
partners without a role or a name, names that differ only in case, an organisation in two roles or
with two countries, a participation that is not typed as one.
"""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, Store

import api.routes.project_page as project_page
import queries
from api.main import create_app
from loader.descriptions import refresh_descriptions
from loader.pipeline import build
from ontology.settings import PROJECT_ROOT, Settings
from tests.api.former.project_page import router as former_router
from tests.support.asgi_client import Client

AWKWARD = """
PREFIX irg: <https://w3id.org/interreg-kg/ontology#>
BASE <https://w3id.org/interreg-kg/id/>
PREFIX g: <https://w3id.org/interreg-kg/graph/document/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
<https://w3id.org/interreg-kg/graph/vocab/themes> {
  <theme/housing> skos:prefLabel "Housing"@en, "Logement"@fr .
  <theme/health> skos:prefLabel "housing"@en-GB .
  <target-group/roma> skos:prefLabel "Roma"@en .
  <target-group/elderly> skos:prefLabel "Élderly people"@en, "elderly people"@en-US .
  <target-group/youth> skos:prefLabel "Youth"@en .
}
<https://w3id.org/interreg-kg/graph/vocab/programmes> {
  <programme/p1> skos:prefLabel "Programme one"@en, "Programme un"@fr .
  <programme/p2> skos:prefLabel "Programme deux"@fr .
  <programme/p3> skos:prefLabel "Programme three"@en, "Programme III"@en-GB .
  <period/2007-2013> skos:prefLabel "Programming period 2007-2013"@en .
}
g:d1 {
  <project/two-titles> a irg:Project ; irg:acronym "TWO" ; dcterms:title "First title" ;
    schema:startDate "2010-01-01"^^xsd:date ; irg:startDatePrecision <precision/day> ;
    irg:totalBudgetEur "100.50"^^xsd:decimal ; irg:programme <programme/p1> ; irg:measure <measure/m1> .
  <measure/m1> rdfs:label "Measure one" .
  <project/same-twice> a irg:Project ; irg:acronym "SAME" ; dcterms:title "Same title" ;
    irg:programme <programme/p1> ; irg:period <period/2007-2013> ; irg:measure <measure/m1> ;
    schema:endDate "2012-12-31"^^xsd:date ; irg:endDatePrecision <precision/month> ;
    irg:euFundingEur "10"^^xsd:integer ; irg:cofinancingRate "0.75"^^xsd:double ; schema:url <http://same.example> ;
    prov:wasDerivedFrom <document/d1> ; irg:theme <theme/housing>, <theme/health>, <theme/unlabelled> ;
    irg:targetGroup <target-group/roma>, <target-group/elderly> ; irg:result <result/r1>, <result/r2> .
  <project/lists> a irg:Project ; irg:acronym "LISTS" ; prov:wasDerivedFrom <document/d1> ;
    irg:theme <theme/housing>, <theme/health>, <theme/unlabelled> ; irg:targetGroup <target-group/roma> ;
    irg:result <result/r1>, <result/r2> .
  <document/d1> dcterms:title "Étude d'inclusion" ; dcterms:source <http://source.example/d1> .
  <result/r1> rdfs:label "a guide" .
  <result/r2> rdfs:label "A Guide"@en .
  <project/precision-only> a irg:Project ; irg:startDatePrecision <precision/year> ; irg:endDatePrecision <precision/day> .
  <project/french-label> a irg:Project ; irg:programme <programme/p2> ; irg:measure <measure/m2> .
  <measure/m2> rdfs:label "Mesure deux"@fr .
  <project/bare> a irg:Project .
  <project/two-labels> a irg:Project ; irg:programme <programme/p3> .
}
g:d2 {
  <project/two-titles> a irg:Project ; irg:acronym "TWO" ; dcterms:title "Second title" ;
    schema:startDate "2009-06-01"^^xsd:date ; irg:startDatePrecision <precision/month> ;
    irg:totalBudgetEur "99"^^xsd:decimal ; irg:programme <programme/p3> ; irg:measure <measure/m1> .
  <measure/m1> rdfs:label "Measure one" .
  <measure/m2> rdfs:label "Mesure deux"@fr, "Maatregel twee"@nl .
  <project/same-twice> a irg:Project ; irg:acronym "SAME" ; dcterms:title "Same title" ;
    irg:programme <programme/p1> ; irg:period <period/2007-2013> ; irg:measure <measure/m1> ;
    schema:endDate "2012-12-31"^^xsd:date ; irg:endDatePrecision <precision/month> ;
    irg:euFundingEur "10"^^xsd:integer ; irg:cofinancingRate "0.75"^^xsd:double ; schema:url <http://same.example> ;
    prov:wasDerivedFrom <document/d2> .
  <document/d2> dcterms:title "Zweite Studie" .
  <project/two-titles> irg:result <result/r3> ; irg:targetGroup <target-group/youth> ; prov:wasDerivedFrom <document/d2> .
  <result/r3> rdfs:label "Result three" , "Résultat trois"@fr .
}
g:d5 {
  <project/lists/participation/a> a irg:Participation ; irg:project <project/lists> ;
    irg:organisation <organisation/alpha> ; irg:role <role/partner> .
  <project/lists/participation/b> a irg:Participation ; irg:project <project/lists> ;
    irg:organisation <organisation/beta> ; irg:role <role/lead> .
  <project/lists/participation/c> a irg:Participation ; irg:project <project/lists> ;
    irg:organisation <organisation/gamma> .
  <project/lists/participation/d> a irg:Participation ; irg:project <project/lists> ;
    irg:organisation <organisation/delta> ; irg:role <role/associated> .
  <project/lists/participation/e> a irg:Participation ; irg:project <project/lists> ;
    irg:organisation <organisation/nameless> ; irg:role <role/partner> .
  <project/lists/participation/untyped> irg:project <project/lists> ; irg:organisation <organisation/omega> .
  <organisation/alpha> a irg:Organisation ; <http://schema.org/name> "Équipe Alpha" ;
    <http://schema.org/addressCountry> "FR" ; <http://schema.org/addressLocality> "Lille" .
  <organisation/beta> a irg:Organisation ; <http://schema.org/name> "beta council" ; <http://schema.org/url> <http://beta.example> .
  <organisation/gamma> a irg:Organisation ; <http://schema.org/name> "Beta Council" .
  <organisation/delta> a irg:Organisation ; <http://schema.org/name> "équipe alpha" .
  <organisation/nameless> a irg:Organisation .
  <project/two-titles/participation/x> a irg:Participation ; irg:project <project/two-titles> ;
    irg:organisation <organisation/twice> ; irg:role <role/partner>, <role/associated> .
  <organisation/twice> a irg:Organisation ; <http://schema.org/name> "Twice" ;
    <http://schema.org/addressCountry> "BE" .
  <project/same-twice/participation/y> a irg:Participation ; irg:project <project/same-twice> ;
    irg:organisation <organisation/two-countries> ; irg:role <role/lead> .
  <organisation/two-countries> a irg:Organisation ; <http://schema.org/name> "Two Countries" ;
    <http://schema.org/addressCountry> "BE", "NL" .
}
<https://w3id.org/interreg-kg/graph/vocab/roles> {
  <role/lead> skos:prefLabel "Lead partner"@en .
  <role/partner> skos:prefLabel "Partner"@en .
}
g:d3 {
  <project/odd-types> a irg:Project ; irg:acronym "ODD"@en ; irg:cofinancingRate "1e0"^^xsd:double ;
    irg:euFundingEur "12"^^xsd:long .
  <project/same-twice> irg:measure <measure/m1> .
  <measure/m1> rdfs:label "Measure one" .
}
"""


#: values the route itself cannot answer (it fails on them, before and after): for the row alone
ILL_TYPED = """
PREFIX irg: <https://w3id.org/interreg-kg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX schema: <http://schema.org/>
<https://w3id.org/interreg-kg/graph/document/d4> {
  <https://w3id.org/interreg-kg/id/project/ill-typed> a irg:Project ; schema:startDate "sometime"^^xsd:date ;
    irg:totalBudgetEur "a lot"^^xsd:decimal ; schema:endDate "2014"^^xsd:gYear ;
    irg:euFundingEur <http://odd.example/money> .
}
"""


#: values the page's model does not take (a number where it wants a string): the route fails, before and after
NOT_FOR_THE_MODEL = """
PREFIX irg: <https://w3id.org/interreg-kg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX schema: <http://schema.org/>
<https://w3id.org/interreg-kg/graph/document/d6> {
  <https://w3id.org/interreg-kg/id/project/numbered> a irg:Project ; irg:acronym "5"^^xsd:integer .
  <https://w3id.org/interreg-kg/id/project/numbered/participation/p> a irg:Participation ;
    irg:project <https://w3id.org/interreg-kg/id/project/lists> ;
    irg:organisation <https://w3id.org/interreg-kg/id/organisation/dated> .
  <https://w3id.org/interreg-kg/id/organisation/dated> a irg:Organisation ;
    schema:addressLocality "2010-01-01"^^xsd:date .
}
"""


def _awkward(*more: str) -> Store:
    store = Store()
    for text in (AWKWARD, *more):
        store.load(text.encode("utf-8"), format=RdfFormat.TRIG)
    refresh_descriptions(store)  # the organisations' description graph, as every build has it
    return store


def _ids(store: Store) -> list[str]:
    rows = store.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a <https://w3id.org/interreg-kg/ontology#Project> } }")
    return sorted(r["p"].value.rsplit("/", 1)[-1] for r in rows)


#: request headers each page is asked with: plain, JSON-LD, gzip, CORS, JSON refused
VARIANTS = [{}, {"accept": "application/ld+json"}, {"accept-encoding": "gzip"}, {"origin": "http://elsewhere.example"},
            {"accept": "text/csv"}]


def _client(store: Store | None = None, contacts: Store | None = None, settings: Settings | None = None) -> Client:
    app = (create_app(settings) if settings is not None
           else create_app(Settings(response_cache_mb=0), store=store, contacts=contacts))
    app.include_router(former_router)
    return Client(app)


def _answer(client: Client, method: str, path: str, headers: dict) -> tuple:
    """Status, headers and body of a request (the exception's type when the app raised one)."""
    try:
        response = client.request(method, path, headers=headers)
    except Exception as exc:  # noqa: BLE001 -- a route failing on a value: the former must fail alike
        return (type(exc).__name__,)
    return response.status_code, list(response.headers.items()), response.content


def _same_pages(client: Client, ids: list[str]) -> int:
    """Ask every page as the route and as the former route (each variant of :data:`VARIANTS`, HEAD,
    and again naming the ETag it gave) and hold the answers equal: status, headers and bytes. A problem
    document names the path asked: the former's is read with the route's path (and the lengths of
    the two problem documents are not compared). Returns the pages
    answered 200."""
    answered = 0
    for i in [*ids, "no-such-project", "not an id"]:
        for method, headers in [("GET", h) for h in VARIANTS] + [("HEAD", {})]:
            now = _answer(client, method, f"/api/projects/{i}", headers)
            former = _answer(client, method, f"/api/former/projects/{i}", headers)
            if len(former) == 3 and former[0] != 200:  # the paths differ in length: so do the lengths
                path = f"/api/projects/{i}".encode()
                former = (former[0], [h for h in former[1] if h[0] != "content-length"],
                          former[2].replace(b"/api/former/projects/" + i.encode(), path))
                now = (now[0], [h for h in now[1] if h[0] != "content-length"], now[2])
            assert now == former, (i, method, headers)
            answered += now[0] == 200 and method == "GET" and not headers
            if now[0] == 200 and method == "GET" and not headers:
                tag = dict(now[1])["etag"]
                again = _answer(client, "GET", f"/api/projects/{i}", {"if-none-match": tag})
                assert again[0] == 304
                assert again == _answer(client, "GET", f"/api/former/projects/{i}", {"if-none-match": tag})
    return answered


@pytest.mark.parametrize("which", ["fixture", "awkward", "ill-typed", "not for the model"])
def test_the_page_is_the_former_one_byte_for_byte(which, store, contacts):
    served = {"fixture": store, "awkward": _awkward(), "ill-typed": _awkward(ILL_TYPED),
              "not for the model": _awkward(NOT_FOR_THE_MODEL)}[which]
    client = _client(served, contacts if which == "fixture" else Store())
    ids = _ids(served)
    assert len(ids) >= 3
    failing = {"numbered", "lists"} if which == "not for the model" else set()
    assert _same_pages(client, ids) == len(ids) - len(failing)
    for i in failing:  # a number for the acronym, a date for a partner's city: the model refuses them, in both
        assert _answer(client, "GET", f"/api/projects/{i}", {}) == ("ValidationError",)


def test_the_pages_of_the_seed_build_are_the_former_ones(tmp_path):
    """On a build on disk, the queries run in the query workers."""
    settings = Settings(store=tmp_path / "store", data=PROJECT_ROOT / "data", response_cache_mb=0)
    assert build(settings, progress=False).exit_code == 0
    client = _client(settings=settings)
    ids = [p["id"] for p in client.get("/api/projects", params={"limit": 1000}).json()["data"]]
    assert len(ids) >= 4
    assert _same_pages(client, ids) == len(ids)


def test_the_route_keeps_its_openapi_operation():
    operation = create_app(store=Store()).openapi()["paths"]["/api/projects/{project_id}"]
    assert list(operation) == ["get"]
    get = operation["get"]
    assert get["summary"] == "One project" and get["operationId"] == "get_project_api_projects__project_id__get"
    assert get["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ProjectDetail"}
    assert "404" in get["responses"] and [p["name"] for p in get["parameters"]] == ["project_id"]


def test_other_methods_are_refused_as_before(store):
    client = _client(store)
    for method in ("POST", "PUT", "DELETE"):
        now, former = (client.request(method, f"/api/{p}projects/agir") for p in ("", "former/"))
        assert now.status_code == former.status_code == 405
        assert now.headers["allow"] == former.headers["allow"] == "GET"


def test_the_facts_give_the_project_row_or_ask_for_the_project_query():
    store = _awkward(ILL_TYPED)
    facts = queries.load(project_page.FACTS)
    asked_again = set()
    for i in _ids(store):
        iri = f"https://w3id.org/interreg-kg/id/project/{i}"
        row = project_page.project_row(queries.run(store, facts, {"project": iri}).rows)
        former = queries.run(store, "project", {"project": iri}).rows[0]
        if row is None:
            asked_again.add(i)
        else:
            assert row == former, i
    # several values of a field (titles, start dates, budgets, programmes; two English labels of a
    # programme, two labels of a measure) take the project query; one value stated in several
    # documents, or a programme labelled in other languages only, do not
    assert asked_again == {"two-titles", "two-labels", "french-label"}
    assert project_page.project_row(queries.run(store, facts, {"project": "http://e/none"}).rows) == {}


def _rows_or_asked_again(stores, query, convert, former_query):
    """For every project of ``stores``: ``convert`` of ``query``'s rows, held to ``former_query``'s rows,
    or None (the route then asks ``former_query``). Returns the projects asked again and the rows listed."""
    asked_again, listed = set(), 0
    text = queries.load(query)
    for served in stores:
        for i in _ids(served):
            iri = f"https://w3id.org/interreg-kg/id/project/{i}"
            rows = convert(queries.run(served, text, {"project": iri}).rows)
            former = list(queries.run(served, former_query, {"project": iri}).rows)
            if rows is None:
                asked_again.add(i)
            else:
                assert rows == former, i
                listed += len(rows)
    return asked_again, listed


def test_the_facts_give_the_detail_rows_or_ask_for_the_query():
    asked_again, listed = _rows_or_asked_again(
        [_awkward(ILL_TYPED)], project_page.FACTS, project_page.detail_rows, "project_details")
    # elderly people has two English labels and result r3 two labels: their projects take the query
    assert asked_again == {"two-titles", "same-twice"}
    assert listed == 7  # the lists project: its document, two results, a target group, three themes


def test_the_participations_give_the_partner_rows_or_ask_for_the_query(store):
    asked_again, listed = _rows_or_asked_again(
        [_awkward(ILL_TYPED), store], project_page.PARTICIPATIONS, project_page.partner_rows, "project_partners")
    # an organisation with two countries (same-twice); with two roles (two-titles) two partners would
    # tie in the order; the untyped participation is no partner
    assert asked_again == {"two-titles", "same-twice"}
    assert listed >= 5 + 6  # the lists project's five partners, the fixture's


def test_the_row_has_the_project_query_columns():
    assert project_page.COLUMNS == queries.run(Store(), "project").variables
