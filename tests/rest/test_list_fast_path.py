"""``GET /api/projects`` with at most one value per filter runs ``projects`` once with the filters bound
and pages it (api/routes/projects.py): the same answers as the general path (one run per filter value,
then the unfiltered list), on the seed build of data/ and on the hand-written fixture."""

from __future__ import annotations

import pytest

import api.routes.projects as projects_route
from api.deps import Queries
from api.main import create_app
from loader.pipeline import build
from ontology.settings import PROJECT_ROOT, Settings
from tests.support.asgi_client import Client


@pytest.fixture(scope="module")
def seed_client(tmp_path_factory) -> Client:
    """A client of the seed build of data/, without the response cache (both paths must really run)."""
    settings = Settings(store=tmp_path_factory.mktemp("list-seed") / "store", data=PROJECT_ROOT / "data",
                        response_cache_mb=0)
    report = build(settings, progress=False)
    assert report.exit_code == 0, report.lines()
    return Client(create_app(settings))


def _both(client, monkeypatch, params) -> tuple[dict, dict, int]:
    """The fast answer, the general one, and how many times ``projects`` ran for the fast one."""
    runs = []
    original = Queries.run_many  # every named query of a route goes through it (to a worker or in-process)

    def counting(self, batch, *args, **kwargs):
        runs.extend(limit for query, _, limit, _ in batch if query == "projects")
        return original(self, batch, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Queries, "run_many", counting)
        fast = client.get("/api/projects", params=params)
    with monkeypatch.context() as patch:
        patch.setattr(projects_route, "single_values", lambda filters: None)  # force the general path
        general = client.get("/api/projects", params=params)
    assert fast.status_code == general.status_code == 200, (fast.text, general.text)
    return fast.json(), general.json(), len(runs)


def _seed_values(client) -> dict[str, list[str]]:
    """A few values of each filter that the seed build holds (read through the API itself)."""
    listed = client.get("/api/projects", params={"limit": 1000}).json()["data"]
    assert listed, "the seed build lists no project"
    detail = client.get(f"/api/projects/{listed[0]['id']}").json()
    return {
        "country": sorted({p["country"] for p in detail["partners"] if p["country"]})[:2] + ["ZZ"],
        "programme": sorted({p["programme"]["id"] for p in listed if p["programme"]})[:2],
        "period": sorted({p["period"]["id"] for p in listed if p["period"]})[:2],
        "theme": [t["id"] for t in detail["themes"]][:2],
        "target_group": [t["id"] for t in detail["target_groups"]][:2],
    }


@pytest.mark.parametrize("name", ["country", "programme", "period", "theme", "target_group"])
def test_each_filter_gives_the_general_answer_on_the_seed(seed_client, monkeypatch, name):
    values = _seed_values(seed_client)[name]
    assert values, f"the seed build has no {name} to filter by"
    matched = 0
    for value in values:
        for page in ({}, {"limit": 2}, {"limit": 2, "offset": 1}, {"offset": 1000}):
            fast, general, runs = _both(seed_client, monkeypatch, {name: value, **page})
            assert fast == general and runs == 1
            matched += fast["count"]
    assert matched > 0, f"no {name} value matched a project: the comparison says nothing"


def test_filters_together_and_none_give_the_general_answer_on_the_seed(seed_client, monkeypatch):
    values = _seed_values(seed_client)
    both = {"country": values["country"][0], "theme": values["theme"][0]}
    for params in ({}, {"limit": 3, "offset": 2}, both, {**both, "period": values["period"][0]}):
        fast, general, runs = _both(seed_client, monkeypatch, params)
        assert fast == general and runs == 1
    assert _both(seed_client, monkeypatch, both)[0]["count"] > 0


@pytest.mark.parametrize(
    "params",
    [
        {"country": ["BE", "GB"]},
        {"country": "BE", "sort": "title"},
        {"country": "BE", "q": "migrant"},
        {"partner": "kent-county-council"},
        {"active_on": "2012-01-01"},
    ],
)
def test_what_the_query_cannot_do_alone_takes_the_general_path(client, monkeypatch, params):
    runs = []
    original = Queries.run_many

    def counting(self, batch, *args, **kwargs):
        runs.extend((query, limit) for query, _, limit, _ in batch)
        return original(self, batch, *args, **kwargs)

    monkeypatch.setattr(Queries, "run_many", counting)
    assert client.get("/api/projects", params=params).status_code == 200
    assert ("projects", None) in runs and all(limit is None for _, limit in runs)


@pytest.mark.parametrize(
    "params",
    [{"country": "be"}, {"programme": "iv-a"}, {"period": "2007-2013"}, {"theme": "housing"},
     {"target_group": "roma"}, {"country": "BE", "limit": 1, "offset": 1}, {"programme": "no-such-programme"}],
)
def test_the_fixture_gives_the_same_answers_on_both_paths(client, monkeypatch, params):
    fast, general, runs = _both(client, monkeypatch, params)
    assert fast == general and runs == 1
