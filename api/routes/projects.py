"""``/api/projects``: the list of projects (filtered, paged) and one project with everything known."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

import queries
from api.deps import StoreDep
from api.errors import NotFoundError
from api.rows import checked_id, last_segment, maybe_ref, number, ref
from api.schemas import DateValue, DocumentRef, Page, ProjectDetail, ProjectPartner, ProjectSummary
from ontology.iris import local_part, mint_project

router = APIRouter(prefix="/api/projects", tags=["projects"])

Limit = Annotated[int, Query(ge=1, le=1000, description="page size")]
Offset = Annotated[int, Query(ge=0, description="matches to skip")]


@router.get("", response_model=Page[ProjectSummary], summary="Projects, filtered and paged")
def list_projects(
    snapshot: StoreDep,
    programme: Annotated[str | None, Query(description="programme id (e.g. iv-a) or IRI; includes programmes below it")] = None,
    period: Annotated[str | None, Query(description="programming period, e.g. 2007-2013")] = None,
    country: Annotated[str | None, Query(description="a participant's country, ISO alpha-2")] = None,
    target_group: Annotated[str | None, Query(description="target group id, e.g. migrants")] = None,
    theme: Annotated[str | None, Query(description="theme id, e.g. housing")] = None,
    q: Annotated[str | None, Query(description="text in the acronym or title, any case")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ProjectSummary]:
    params = {"programme": programme, "period": period, "country": country, "target_group": target_group,
              "theme": theme, "q": q}
    rows = queries.run(snapshot.store, "projects", params, default_graph=snapshot.graphs, limit=limit, offset=offset)
    data = [
        ProjectSummary(
            id=local_part(r["project"], "project") or r["project"], iri=r["project"],
            acronym=r["acronym"], title=r["title"],
            programme=maybe_ref(r["projectProgramme"], "programme", r["programmeLabel"]),
            period=maybe_ref(r["projectPeriod"], "period", last_segment(r["projectPeriod"])),
            start_date=r["startDate"], end_date=r["endDate"], participants=r["participants"] or 0,
        )
        for r in rows.values()
    ]
    return Page[ProjectSummary](data=data, count=rows.total)


@router.get("/{project_id}", response_model=ProjectDetail, summary="One project",
            responses={404: {"description": "no project with that id"}})
def get_project(snapshot: StoreDep, project_id: str) -> ProjectDetail:
    """The project ``id/project/{project_id}`` with its programme, dates, budgets, partners and lists."""
    key = checked_id(project_id)
    found = [] if key is None else queries.run(
        snapshot.store, "project", {"project": mint_project(key)}, default_graph=snapshot.graphs).values()
    if not found:
        raise NotFoundError(f"no project with id {project_id!r}")
    r = found[0]
    params = {"project": r["project"]}
    partners = queries.run(snapshot.store, "project_partners", params, default_graph=snapshot.graphs).values()
    details = queries.run(snapshot.store, "project_details", params, default_graph=snapshot.graphs).values()

    def items(kind: str, iri_kind: str) -> list:
        return [ref(d["item"], iri_kind, d["label"]) for d in details if d["kind"] == kind]

    return ProjectDetail(
        id=key, iri=r["project"], acronym=r["acronym"], title=r["title"],
        programme=maybe_ref(r["programme"], "programme", r["programmeLabel"]),
        period=maybe_ref(r["period"], "period", r["periodLabel"]),
        measure=maybe_ref(r["measure"], "measure", r["measureLabel"]),
        start=None if r["startDate"] is None else DateValue(date=r["startDate"],
                                                            precision=last_segment(r["startDatePrecision"])),
        end=None if r["endDate"] is None else DateValue(date=r["endDate"], precision=last_segment(r["endDatePrecision"])),
        total_budget_eur=number(r["totalBudgetEur"]), eu_funding_eur=number(r["euFundingEur"]),
        cofinancing_rate=number(r["cofinancingRate"]), website=r["url"],
        partners=[
            ProjectPartner(organisation=ref(p["organisation"], "organisation", p["name"]), role=last_segment(p["role"]),
                           country=p["country"], city=p["city"], website=p["url"])
            for p in partners
        ],
        target_groups=items("targetGroup", "target-group"),
        themes=items("theme", "theme"),
        results=items("result", "result"),
        documents=[DocumentRef(iri=d["item"], title=d["label"], source=d["extra"]) for d in details
                   if d["kind"] == "document"],
    )
