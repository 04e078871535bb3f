"""``/api/stats``: counts and totals of the build being served, for a dashboard.

The figures come from the build's statistics graph (``graph:statistics``, computed by the loader
before the build was published: ``docs/graph-model.md``), read by the ``queries/statistics/read_*.rq``
queries: a few hundred precomputed observations instead of aggregates over the whole graph per
request. A store without that graph (one written before statistics existed, or handed over in
memory) is answered by the live named queries instead, with the same figures.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

import queries
from api.deps import Queries, QueriesDep
from api.routes.common import responses
from api.rows import last_segment
from api.schemas import Count, Stats, Totals
from ontology.iris import local_part
from ontology.namespaces import STATISTICS_GRAPH

__all__ = ["router", "READ_QUERY_DIR", "has_statistics", "from_statistics", "live"]

router = APIRouter(prefix="/api", tags=["statistics"])

READ_QUERY_DIR = Path(queries.QUERY_DIR) / "statistics"


def _reads(reads) -> Queries:
    """``reads`` as it is, or the :class:`Queries` of a snapshot (in-process)."""
    return reads if isinstance(reads, Queries) else Queries(reads)


def _run(reads, name: str) -> list[dict]:
    return _reads(reads).run(name).values()


def _read(reads, name: str) -> list[dict]:
    return _reads(reads).run(READ_QUERY_DIR / f"read_{name}.rq").values()


def has_statistics(snapshot) -> bool:
    """Whether the snapshot's build (or the build of a :class:`Queries`) carries a statistics graph."""
    snapshot = _reads(snapshot).snapshot
    return any(g.value == STATISTICS_GRAPH for g in snapshot.graphs)


def _concepts(rows: list[dict], key: str, kind: str) -> list[Count]:
    return [
        Count(key=local_part(r[key], kind) or r[key], label=r["label"], projects=r["projects"])
        for r in rows
        if r["projects"]
    ]


def _assemble(counts: dict, totals: dict, rows) -> Stats:
    """The dashboard figures from whole-graph counts and totals and ``rows(part)`` per breakdown."""
    return Stats(
        counts=counts,
        totals=Totals(
            projects=totals.get("projects") or 0,
            projects_with_budget=totals.get("projectsWithBudget") or 0,
            projects_with_eu_funding=totals.get("projectsWithEuFunding") or 0,
            total_budget_eur=float(totals.get("totalBudgetEur") or 0),
            eu_funding_eur=float(totals.get("euFundingEur") or 0),
        ),
        by_period=[
            Count(key=last_segment(r["periodConcept"]) or "", label=r["label"], projects=r["projects"],
                  organisations=r["organisations"])
            for r in rows("by_period")
        ],
        by_programme=_concepts(rows("by_programme"), "programme", "programme"),
        by_country=[
            Count(key=str(r["country"]), projects=r["projects"], organisations=r["organisations"])
            for r in rows("by_country")
        ],
        by_target_group=_concepts(rows("by_target_group"), "concept", "target-group"),
        by_theme=_concepts(rows("by_theme"), "concept", "theme"),
    )


def from_statistics(snapshot) -> Stats:
    """The dashboard figures read from ``graph:statistics`` (see :func:`has_statistics`)."""
    whole = _read(snapshot, "whole_graph")
    row = whole[0] if whole else {}
    names = ("projects", "organisations", "participations", "documents", "programmes", "statements")
    return _assemble({k: int(row.get(k) or 0) for k in names}, row, lambda part: _read(snapshot, part))


# the named query that answers each breakdown when a build has no statistics graph
_LIVE_QUERIES = {"by_period": "projects_per_period", "by_programme": "programmes",
                 "by_country": "projects_per_country", "by_target_group": "target_groups", "by_theme": "themes"}


def live(snapshot) -> Stats:
    """The dashboard figures aggregated over the whole public graph by the named queries."""
    counts = _run(snapshot, "counts")
    totals = _run(snapshot, "budget_totals")
    return _assemble({k: int(v or 0) for k, v in (counts[0] if counts else {}).items()},
                     totals[0] if totals else {}, lambda part: _run(snapshot, _LIVE_QUERIES[part]))


@router.get(
    "/stats", response_model=Stats, summary="Counts and totals for a dashboard", responses=responses()
)
def stats(reads: QueriesDep) -> Stats:
    """Numbers of projects, organisations, participations, documents, programmes and statements; budget
    totals (each project counted once); projects per period, programme, country, target group and theme.
    Read from the build's statistics graph, computed when the build was written."""
    return from_statistics(reads) if has_statistics(reads) else live(reads)
