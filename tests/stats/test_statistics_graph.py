"""graph:statistics is written with every build and matches a live recomputation over the build's facts:
after a full build of the seed documents (less one) and after an incremental load of one more."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from pyoxigraph import NamedNode, Store

import queries
from api.routes import stats as stats_route
from api.store import Snapshot
from loader.statistics import build_queries, source_graphs, statistics_quads
from ontology.namespaces import IRG, META_GRAPH, PREFIXES, STATISTICS_GRAPH
from ontology.storage import current_build

RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
STATS = NamedNode(STATISTICS_GRAPH)


def _observations(store: Store, dimension: str | None) -> dict[object, dict[str, object]]:
    """{dimension value (None for the whole graph): {measure local name: Python value}} of the
    statistics whose irg:dimension is ``dimension`` (an IRI; None: those without a dimension)."""
    out: dict[object, dict[str, object]] = {}
    for quad in store.quads_for_pattern(None, RDF_TYPE, NamedNode(IRG + "Statistic"), STATS):
        props = {q.predicate.value: q.object for q in store.quads_for_pattern(quad.subject, None, None, STATS)}
        held = props.get(IRG + "dimension")
        if (held.value if held is not None else None) != dimension:
            continue
        key = props.get(IRG + "dimensionConcept") or props.get(IRG + "dimensionCode")
        key = None if key is None else key.value
        assert key not in out, f"two {dimension} observations for {key}"
        out[key] = {
            p.rpartition("#")[2]: queries.value(o) for p, o in props.items() if p.startswith((IRG, PREFIXES["prov"]))
        }
    return out


@pytest.mark.parametrize("which", ["built", "loaded"])
def test_the_dashboard_from_statistics_equals_the_live_aggregates(builds, which):
    snapshot = builds[which]
    assert stats_route.has_statistics(snapshot)
    read, live = stats_route.from_statistics(snapshot), stats_route.live(snapshot)
    assert read == live
    assert read.counts["projects"] == (3 if which == "built" else 4)
    assert read.by_country and read.by_period and read.by_target_group


@pytest.mark.parametrize("which", ["built", "loaded"])
def test_whole_graph_figures_equal_the_named_queries(builds, which):
    snapshot = builds[which]
    whole = _observations(snapshot.store, None)
    assert list(whole) == [None], "exactly one whole-graph observation (the old one was replaced)"
    figures = whole[None]
    counts = queries.run(snapshot.store, "counts", default_graph=snapshot.graphs).values()[0]
    for name in ("project", "organisation", "participation", "document", "programme", "statement"):
        assert figures[name + "Count"] == counts[name + "s"], name
    totals = queries.run(snapshot.store, "budget_totals", default_graph=snapshot.graphs).values()[0]
    assert figures["budgetedProjectCount"] == totals["projectsWithBudget"]
    assert figures["euFundedProjectCount"] == totals["projectsWithEuFunding"]
    assert figures["totalBudgetSumEur"] == totals["totalBudgetEur"]
    assert figures["euFundingSumEur"] == totals["euFundingEur"]
    meta = stats_route.from_statistics(snapshot)  # the route's reading agrees with the named queries
    assert meta.counts == {k: int(v) for k, v in counts.items()}
    times = [q.object.value for q in snapshot.store.quads_for_pattern(
        STATS, NamedNode(PREFIXES["prov"] + "generatedAtTime"), None, NamedNode(META_GRAPH))]
    assert len(times) == 1, "one time in graph:meta (the old entry was replaced)"
    stamped = dt.datetime.fromisoformat(times[0].replace("Z", "+00:00"))
    assert abs(dt.datetime.now(dt.UTC) - stamped) < dt.timedelta(hours=1)


@pytest.mark.parametrize("which", ["built", "loaded"])
def test_per_period_and_per_country_equal_the_named_queries(builds, which):
    snapshot = builds[which]
    by_period = _observations(snapshot.store, IRG + "period")
    live = queries.run(snapshot.store, "projects_per_period", default_graph=snapshot.graphs).values()
    assert {p: (o["projectCount"], o["organisationCount"]) for p, o in by_period.items()} == {
        r["periodConcept"]: (r["projects"], r["organisations"]) for r in live
    }
    for period, figures in by_period.items():
        totals = queries.run(snapshot.store, "budget_totals", {"period": period}, default_graph=snapshot.graphs)
        row = totals.values()[0]
        assert (figures["projectCount"], figures["budgetedProjectCount"], figures["totalBudgetSumEur"]) == (
            row["projects"], row["projectsWithBudget"], row["totalBudgetEur"])
    by_country = _observations(snapshot.store, PREFIXES["schema"] + "addressCountry")
    live = queries.run(snapshot.store, "projects_per_country", default_graph=snapshot.graphs).values()
    assert {c: (o["projectCount"], o["organisationCount"], o["leadPartnerCount"]) for c, o in by_country.items()} == {
        r["country"]: (r["projects"], r["organisations"], r["leadPartners"]) for r in live
    }


@pytest.mark.parametrize("which", ["built", "loaded"])
def test_per_role_counts_equal_the_participations_in_the_store(builds, which):
    store = builds[which].store
    graphs = source_graphs(store)
    per_role: Counter[str] = Counter()
    for graph in graphs:
        for q in store.quads_for_pattern(None, RDF_TYPE, NamedNode(IRG + "Participation"), graph):
            for role in {r.object.value for g in graphs
                         for r in store.quads_for_pattern(q.subject, NamedNode(IRG + "role"), None, g)}:
                per_role[role] += 1
    # a participation is typed in one document graph only, so counting per graph counts each once
    by_role = _observations(store, IRG + "role")
    assert {r: o["participationCount"] for r, o in by_role.items()} == dict(per_role)
    assert sum(per_role.values()) > 0


def test_equal_facts_give_equal_statistics(builds):
    """A write that changes no fact leaves the statistics graph and its time as they were."""
    from loader.store import incremental

    root = builds["loaded"].build.parent.parent
    before = {str(q) for q in builds["loaded"].store.quads_for_pattern(None, None, None, STATS)}
    assert before
    with pytest.raises(KeyboardInterrupt), incremental(root) as writer:  # interrupted: never published
        held = {str(q) for q in writer.store.quads_for_pattern(None, None, None, STATS)}
        assert held == before and {str(q) for q in statistics_quads(writer.store)} == before
        time_before = list(writer.store.quads_for_pattern(STATS, None, None, NamedNode(META_GRAPH)))
        writer.refresh_statistics()
        assert list(writer.store.quads_for_pattern(STATS, None, None, NamedNode(META_GRAPH))) == time_before
        raise KeyboardInterrupt
    assert current_build(root) == builds["loaded"].build


def test_the_incremental_load_changed_the_figures(builds):
    before = _observations(builds["built"].store, None)[None]
    after = _observations(builds["loaded"].store, None)[None]
    assert after["projectCount"] == before["projectCount"] + 1
    assert after["documentCount"] == before["documentCount"] + 1


def test_the_route_reads_the_statistics_graph_not_the_live_aggregates(builds, monkeypatch):
    snapshot = builds["loaded"]
    expected = stats_route.live(snapshot)

    def refuse(*args, **kwargs):
        raise AssertionError("/api/stats aggregated live over a build that has statistics")

    monkeypatch.setattr(stats_route, "live", refuse)
    assert stats_route.stats(snapshot) == expected


def test_a_store_without_statistics_is_answered_live(builds):
    source = builds["built"].store
    bare = Store()
    bare.bulk_extend(q for q in source.quads_for_pattern(None, None, None, None) if q.graph_name != STATS)
    snapshot = Snapshot.of(bare)
    assert not stats_route.has_statistics(snapshot)
    assert stats_route.stats(snapshot) == stats_route.stats(builds["built"])


def test_statistics_are_computed_from_public_graphs_only(builds):
    store = builds["loaded"].store
    assert all("/graph/contacts/" not in g.value and g != STATS for g in source_graphs(store))
    recomputed = statistics_quads(store)
    assert {q.graph_name for q in recomputed} == {STATS}
    assert len(recomputed) == sum(1 for _ in store.quads_for_pattern(None, None, None, STATS))
    assert len(build_queries()) >= 7
