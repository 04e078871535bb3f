"""``GET /api/projects`` cut from the build's listing (api/listing.py) answers what the former route
answered (tests/api/former/list_projects.py, mounted beside it): the same rows, order, count and
errors, for every filter, their combinations and repetitions, each sort, word search, partner,
active day and offsets, on generated stores, the hand-written fixture and the seed build of data/."""

from __future__ import annotations

import doctest
import itertools
import random

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

import api.listing as listing_module
import queries
from api.main import create_app
from loader.descriptions import refresh_descriptions
from loader.pipeline import build
from ontology.settings import PROJECT_ROOT, Settings
from tests.api.former.list_projects import router as former_router
from tests.support.asgi_client import Client

BASE = "https://w3id.org/interreg-kg/id/"
IRG = "https://w3id.org/interreg-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
SORTS = ["acronym", "title", "start_date", "end_date", "participants"]
WORDS = ["inclusion", "migr", "équipe", "EQUIPE", "roma older", "zzz", "!!"]


def _n(path: str) -> NamedNode:
    return NamedNode(BASE + path)


def generated_store(seed: int, projects: int = 70) -> Store:
    """A store in the shape of docs/graph-model.md drawn at random: projects described by one or two
    documents (so facts repeat and titles differ by language), some without acronym, title or dates,
    acronyms equal but for case or accents, a two-level programme hierarchy, organisations in one or
    two countries taking part in several projects, and the description graph every build has."""
    rng = random.Random(seed)
    irg = lambda local: NamedNode(IRG + local)  # noqa: E731
    quads: list[Quad] = []
    vocab = NamedNode("https://w3id.org/interreg-kg/graph/vocab/programmes")
    generations = ["iv-a", "iv-b", "v-a"]
    programmes = {f"{g}-p{i}": g for g in generations for i in range(3)}
    for p, g in programmes.items():
        quads += [Quad(_n(f"programme/{p}"), RDF_TYPE, irg("Programme"), vocab),
                  Quad(_n(f"programme/{p}"), NamedNode(SKOS + "broader"), _n(f"programme-family/{p[-2:]}"), vocab),
                  Quad(_n(f"programme-family/{p[-2:]}"), NamedNode(SKOS + "broader"), _n(f"programme/{g}"), vocab),
                  Quad(_n(f"programme/{p}"), NamedNode(SKOS + "prefLabel"), Literal(f"Programme {p}", language="en"),
                       vocab)]
    for g in generations:
        quads.append(Quad(_n(f"programme/{g}"), NamedNode(SKOS + "prefLabel"), Literal(g.upper(), language="en"), vocab))
    acronyms = ["AGIR", "agir", "Équipe", "EQUIPE", "Roma Net", "MIGR", "b2", "", "Zeta", "alpha"]
    titles = ["Inclusion of migrants", "Équipe pour l'inclusion", "Older people at home", "Roma older people",
              "Housing first", "", "Migration et santé"]
    organisations = [f"org-{i}" for i in range(25)]
    countries = ["BE", "FR", "NL", "GB", "DE"]
    for o in organisations:
        graph = NamedNode(f"https://w3id.org/interreg-kg/graph/document/o{o}")
        quads.append(Quad(_n(f"organisation/{o}"), RDF_TYPE, irg("Organisation"), graph))
        quads.append(Quad(_n(f"organisation/{o}"), NamedNode(SCHEMA + "name"), Literal(o.title()), graph))
        for c in rng.sample(countries, rng.choice([0, 1, 1, 1, 2])):
            quads.append(Quad(_n(f"organisation/{o}"), NamedNode(SCHEMA + "addressCountry"), Literal(c), graph))
    for i in range(projects):
        project = _n(f"project/p{i:03d}")
        programme = rng.choice(list(programmes))
        for d in range(rng.choice([1, 1, 2])):
            graph = NamedNode(f"https://w3id.org/interreg-kg/graph/document/d{i:03d}-{d}")

            def fact(p: NamedNode, o: NamedNode | Literal, project=project, graph=graph, quads=quads) -> None:
                quads.append(Quad(project, p, o, graph))

            fact(RDF_TYPE, irg("Project"))
            if (acronym := rng.choice(acronyms)) and d == 0:
                fact(irg("acronym"), Literal(acronym))
            if title := rng.choice(titles):
                fact(NamedNode(DCTERMS + "title"), Literal(title, language=["en", "fr"][d]))
            if rng.random() < 0.9:
                fact(irg("programme"), _n(f"programme/{programme}"))
                fact(irg("period"), _n(f"period/{['2007-2013', '2014-2020'][programme.startswith('v')]}"))
            if rng.random() < 0.8:
                fact(NamedNode(SCHEMA + "startDate"), Literal(f"20{rng.randint(8, 14):02d}-0{rng.randint(1, 9)}-01",
                                                              datatype=XSD_DATE))
            if rng.random() < 0.7:
                fact(NamedNode(SCHEMA + "endDate"), Literal(f"20{rng.randint(12, 19):02d}-1{rng.randint(0, 2)}-28",
                                                            datatype=XSD_DATE))
            for tg in rng.sample(["migrants", "roma", "older-people"], rng.randint(0, 2)):
                fact(irg("targetGroup"), _n(f"target-group/{tg}"))
            for theme in rng.sample(["housing", "health", "social-inclusion"], rng.randint(0, 2)):
                fact(irg("theme"), _n(f"theme/{theme}"))
            for o in rng.sample(organisations, rng.randint(0, 4)):
                org = _n(f"organisation/{o}")
                participation = _n(f"project/p{i:03d}/participation/{o}")
                quads += [Quad(org, irg("participantIn"), project, graph),
                          Quad(participation, RDF_TYPE, irg("Participation"), graph),
                          Quad(participation, irg("project"), project, graph),
                          Quad(participation, irg("organisation"), org, graph)]
    store = Store()
    store.extend(quads)
    refresh_descriptions(store)
    return store


def _client(store: Store | None = None, settings: Settings | None = None) -> Client:
    app = create_app(settings) if settings is not None else create_app(Settings(response_cache_mb=0), store=store)
    app.include_router(former_router)
    return Client(app)


def _same(client: Client, params: dict) -> dict:
    """The route's answer, after checking it is the former route's (status and body)."""
    new = client.get("/api/projects", params=params)
    former = client.get("/former/projects", params=params)
    assert new.status_code == former.status_code, (params, new.text, former.text)
    answer, expected = new.json(), former.json()
    if new.status_code != 200:  # a problem document names the path asked: the two differ there alone
        assert answer.pop("instance") == "/api/projects" and expected.pop("instance") == "/former/projects"
    assert answer == expected, params
    return answer


def _cases(values: dict[str, list[str]]) -> list[dict]:
    """Requests: each filter value alone and paged, pairs of filters, repeated values, each sort
    both ways, words, partners, active days, and values of the wrong type."""
    cases: list[dict] = [{}, {"limit": 5}, {"limit": 7, "offset": 3}, {"offset": 10_000}]
    for name, vals in values.items():
        for v in vals:
            cases += [{name: v}, {name: v, "limit": 3, "offset": 2}]
        cases.append({name: vals[:3]})
    names = [n for n in values if values[n]]
    for a, b in itertools.combinations(names, 2):
        cases.append({a: values[a][0], b: values[b][-1]})
        cases.append({a: values[a][:2], b: values[b][0], "sort": "-start_date"})
    for field in SORTS:
        for sort in (field, "-" + field):
            cases += [{"sort": sort}, {"sort": sort, "limit": 4, "offset": 5}]
            if values.get("country"):
                cases.append({"sort": sort, "country": values["country"][0]})
    for w in WORDS:
        cases += [{"q": w}, {"q": w, "sort": "title"}]
        if values.get("theme"):
            cases.append({"q": w, "theme": values["theme"][0], "limit": 2})
    for day in ("2009-01-01", "2013-06-30", "2030-01-01"):
        cases += [{"active_on": day}, {"active_on": day, "sort": "-end_date", "offset": 1}]
    cases += [{"country": "B1"}, {"country": ["BE", "not a country"]}, {"programme": "has space"},
              {"country": [f"A{chr(65 + i)}" for i in range(21)]}, {"theme": "no-such-theme"},
              {"country": "ZZ", "theme": "has space"}, {"sort": "nope"}, {"active_on": "yesterday"}]
    return cases


GENERATED_VALUES = {
    "country": ["BE", "FR", "NL", "be"],
    "programme": ["iv-a", "iv-a-p1", "v-a-p2", BASE + "programme/iv-b", BASE + "programme-family/p0"],
    "period": ["2007-2013", "2014-2020"],
    "theme": ["housing", "health", "social-inclusion"],
    "target_group": ["migrants", "roma", "older-people"],
}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_stores_answer_as_the_former_route(seed):
    client = _client(generated_store(seed))
    matched = 0
    for params in _cases(GENERATED_VALUES) + [{"partner": ["org-1", "org-2"], "country": "BE"},
                                              {"partner": "org-3", "sort": "-participants"},
                                              {"partner": BASE + "organisation/org-4", "q": "inclusion"},
                                              {"partner": ["nobody", "not an id"]},
                                              {"partner": ["org-5", "http://not an iri"]}]:
        body = _same(client, params)
        matched += body.get("count", 0) if isinstance(body, dict) else 0
    assert matched > 1000  # the requests matched projects: the comparison says something


def test_the_fixture_answers_as_the_former_route(store):
    client = _client(store)
    values = {"country": ["BE", "GB", "FR"], "programme": ["iv-a", "iii-a", "iv-a-france-channel-england"],
              "period": ["2007-2013", "2000-2006"], "theme": ["housing", "social-inclusion"],
              "target_group": ["migrants", "roma"]}
    for params in _cases(values) + [{"partner": "kent-county-council"}, {"partner": ["medway-council", "x"]}]:
        _same(client, params)
    assert _same(client, {"country": "BE", "theme": "housing"})["count"] >= 0


@pytest.fixture(scope="module")
def seed_client(tmp_path_factory) -> Client:
    """A client of the seed build of data/ on disk (its listing is kept per build), without the response cache."""
    settings = Settings(store=tmp_path_factory.mktemp("listing-seed") / "store", data=PROJECT_ROOT / "data",
                        response_cache_mb=0)
    report = build(settings, progress=False)
    assert report.exit_code == 0, report.lines()
    return _client(settings=settings)


def test_the_seed_build_answers_as_the_former_route_and_reads_its_listing_once(seed_client, monkeypatch):
    listed = seed_client.get("/api/projects", params={"limit": 1000}).json()["data"]
    detail = seed_client.get(f"/api/projects/{listed[0]['id']}").json()
    values = {
        "country": sorted({p["country"] for p in detail["partners"] if p["country"]})[:2] + ["ZZ"],
        "programme": sorted({p["programme"]["id"] for p in listed if p["programme"]})[:3] + ["iv-a"],
        "period": sorted({p["period"]["id"] for p in listed if p["period"]})[:2],
        "theme": [t["id"] for t in detail["themes"]][:2],
        "target_group": [t["id"] for t in detail["target_groups"]][:2],
    }
    assert all(values.values()), values
    runs: list[object] = []
    original = queries.run

    def counting(store, query, *args, **kwargs):
        runs.append(query if isinstance(query, str) else query.name)
        return original(store, query, *args, **kwargs)

    monkeypatch.setattr(queries, "run", counting)
    for params in _cases(values):
        _same(seed_client, params)
    assert "projects" in runs  # the former route ran it ...
    listing_runs = [q for q in runs if q.endswith("_values") or q == "search_texts"]
    assert sorted(listing_runs) == sorted(set(listing_runs)) and "country_values" in listing_runs
    runs.clear()  # ... the listing read each filter's values once for the build: a second pass reads none
    for params in _cases(values):
        assert seed_client.get("/api/projects", params=params).status_code in (200, 400, 422)
    assert runs == []


def test_the_listing_docstring_examples_hold():
    result = doctest.testmod(listing_module)
    assert result.failed == 0 and result.attempted > 0
