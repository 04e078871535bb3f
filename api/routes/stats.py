"""``/api/stats``: counts and totals of the build being served, for a dashboard."""

from __future__ import annotations

from fastapi import APIRouter

import queries
from api.deps import StoreDep
from api.routes.common import responses
from api.rows import last_segment
from api.schemas import Count, Stats, Totals
from ontology.iris import local_part

router = APIRouter(prefix="/api", tags=["statistics"])


def _run(snapshot, name: str) -> list[dict]:
    return queries.run(snapshot.store, name, default_graph=snapshot.graphs).values()


@router.get(
    "/stats", response_model=Stats, summary="Counts and totals for a dashboard", responses=responses()
)
def stats(snapshot: StoreDep) -> Stats:
    """Numbers of projects, organisations, participations, documents, programmes and statements; budget
    totals (each project counted once); projects per period, programme, country, target group and theme."""
    counts = _run(snapshot, "counts")
    totals = _run(snapshot, "budget_totals")[0]
    return Stats(
        counts={k: int(v or 0) for k, v in (counts[0] if counts else {}).items()},
        totals=Totals(
            projects=totals["projects"] or 0,
            projects_with_budget=totals["projectsWithBudget"] or 0,
            projects_with_eu_funding=totals["projectsWithEuFunding"] or 0,
            total_budget_eur=float(totals["totalBudgetEur"] or 0),
            eu_funding_eur=float(totals["euFundingEur"] or 0),
        ),
        by_period=[
            Count(
                key=last_segment(r["periodConcept"]) or "",
                label=r["label"],
                projects=r["projects"],
                organisations=r["organisations"],
            )
            for r in _run(snapshot, "projects_per_period")
        ],
        by_programme=[
            Count(
                key=local_part(r["programme"], "programme") or r["programme"],
                label=r["label"],
                projects=r["projects"],
            )
            for r in _run(snapshot, "programmes")
            if r["projects"]
        ],
        by_country=[
            Count(key=str(r["country"]), projects=r["projects"], organisations=r["organisations"])
            for r in _run(snapshot, "projects_per_country")
        ],
        by_target_group=[
            Count(
                key=local_part(r["concept"], "target-group") or r["concept"],
                label=r["label"],
                projects=r["projects"],
            )
            for r in _run(snapshot, "target_groups")
            if r["projects"]
        ],
        by_theme=[
            Count(
                key=local_part(r["concept"], "theme") or r["concept"],
                label=r["label"],
                projects=r["projects"],
            )
            for r in _run(snapshot, "themes")
            if r["projects"]
        ],
    )
