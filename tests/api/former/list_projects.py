"""The former ``GET /api/projects`` (before the per-build listing of :mod:`api.listing`), kept as it was
to hold the route to it: mounted at ``/former/projects`` beside the route by ``tests/api/test_project_listing.py``.
Its body is the former route's, word for word; the decorator is cut to what routing needs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

import queries
from api.deps import StoreDep
from api.routes.common import Limit, Offset
from api.routes.filtering import active_on as is_active_on
from api.routes.filtering import matches_words, matching, single_values, sort_rows, words
from api.routes.projects import _SORT_KEYS, Many, Sort
from api.rows import checked_id, project_summary
from api.schemas import Page, ProjectSummary
from ontology.iris import mint_organisation

router = APIRouter(prefix="/former/projects")


def _partner_projects(snapshot, partners: list[str]) -> set[str]:
    found: set[str] = set()
    for partner in dict.fromkeys(partners):
        key = checked_id(partner)
        iri = mint_organisation(key) if key is not None else partner
        if not iri.startswith("http"):
            continue
        rows = queries.run(snapshot.store, "partner", {"organisation": iri})
        found.update(str(r["project"].value) for r in rows.rows if r["project"] is not None)
    return found


@router.get("", response_model=Page[ProjectSummary])
def list_projects(
    snapshot: StoreDep,
    programme: Annotated[
        Many,
        Query(
            description="programme id (e.g. iv-a) or IRI; includes programmes below "
            "it; repeat for any of several",
            examples=["iv-a"],
        ),
    ] = None,
    period: Annotated[
        Many, Query(description="programming period, e.g. 2007-2013; repeatable", examples=["2007-2013"])
    ] = None,
    theme: Annotated[
        Many, Query(description="theme id, e.g. housing; repeatable", examples=["housing"])
    ] = None,
    target_group: Annotated[
        Many, Query(description="target group id, e.g. migrants; repeatable", examples=["migrants"])
    ] = None,
    country: Annotated[
        Many, Query(description="a participant's country, ISO alpha-2; repeatable", examples=["BE"])
    ] = None,
    partner: Annotated[
        Many,
        Query(
            description="a participating organisation's id or IRI; repeatable", examples=["medway-council"]
        ),
    ] = None,
    active_on: Annotated[
        dt.date | None,
        Query(
            description="projects running on this day: known start <= day "
            "<= known end, a missing bound counting as open",
            examples=["2012-06-30"],
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=500,
            description="words that must all occur in an acronym or a "
            "title (any language; case and accents ignored)",
            examples=["migrant inclusion"],
        ),
    ] = None,
    sort: Annotated[
        Sort | None,
        Query(
            description="order: a field, '-' in front for descending; default acronym",
            examples=["-start_date"],
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ProjectSummary]:
    """Projects matching every filter given; the values of a repeated filter are alternatives.

    ``count`` is the number of matches before paging.
    """
    filters = {
        "programme": programme,
        "period": period,
        "theme": theme,
        "target_group": target_group,
        "country": country,
    }
    single = None if partner or q or active_on is not None or sort else single_values(filters)
    if single is not None:  # one run with the filters bound, in the query's order: only the page is converted
        page = queries.run(snapshot.store, "projects", single, limit=limit, offset=offset)
        return Page[ProjectSummary](data=[project_summary(r) for r in page.values()], count=page.total)
    keep = matching(snapshot, "projects", "project", filters)
    if partner:
        found = _partner_projects(snapshot, partner)
        keep = found if keep is None else keep & found
    if q and (wanted := words(q)):
        texts: dict[str, list[str]] = {}
        for r in queries.run(snapshot.store, "project_texts").values():
            texts.setdefault(r["project"], []).append(str(r["text"]))
        found = {p for p, t in texts.items() if matches_words(t, wanted)}
        keep = found if keep is None else keep & found
    rows = [
        r
        for r in queries.run(snapshot.store, "projects").values()
        if keep is None or r["project"] in keep
    ]
    if active_on is not None:
        rows = [r for r in rows if is_active_on(r["startDate"], r["endDate"], active_on)]
    rows = sort_rows(rows, sort, _SORT_KEYS)
    data = [project_summary(r) for r in rows[offset : offset + limit]]
    return Page[ProjectSummary](data=data, count=len(rows))
