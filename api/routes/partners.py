"""``/api/partners``: organisations taking part in projects (filtered, paged) and one with its projects."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

import queries
from api.deps import StoreDep
from api.errors import NotFoundError
from api.rows import checked_id, last_segment, ref
from api.schemas import Page, PartnerDetail, PartnerProject, PartnerSummary
from ontology.iris import local_part, mint_organisation

router = APIRouter(prefix="/api/partners", tags=["partners"])


@router.get("", response_model=Page[PartnerSummary], summary="Partner organisations, filtered and paged")
def list_partners(
    snapshot: StoreDep,
    country: Annotated[str | None, Query(description="ISO alpha-2 country code")] = None,
    city: Annotated[str | None, Query(description="city, any case")] = None,
    q: Annotated[str | None, Query(description="text in one of the organisation's names, any case")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[PartnerSummary]:
    rows = queries.run(snapshot.store, "partners", {"country": country, "city": city, "q": q},
                       default_graph=snapshot.graphs, limit=limit, offset=offset)
    data = [
        PartnerSummary(id=local_part(r["organisation"], "organisation") or r["organisation"], iri=r["organisation"],
                       name=r["name"], country=r["countryCode"], city=r["cityName"],
                       projects=r["projects"] or 0, leads=r["leads"] or 0)
        for r in rows.values()
    ]
    return Page[PartnerSummary](data=data, count=rows.total)


@router.get("/{partner_id}", response_model=PartnerDetail, summary="One partner organisation",
            responses={404: {"description": "no organisation with that id"}})
def get_partner(snapshot: StoreDep, partner_id: str) -> PartnerDetail:
    """The organisation ``id/organisation/{partner_id}`` with the projects it takes part in and its roles."""
    key = checked_id(partner_id)
    rows = [] if key is None else queries.run(snapshot.store, "partner", {"organisation": mint_organisation(key)},
                                              default_graph=snapshot.graphs).values()
    if not rows:
        raise NotFoundError(f"no partner organisation with id {partner_id!r}")
    first = rows[0]
    others = sorted({n for r in rows for n in (r["otherNames"] or "").split(" | ") if n and n != first["name"]})
    return PartnerDetail(
        id=key, iri=first["organisation"], name=first["name"], other_names=others,
        country=first["country"], city=first["city"], website=first["url"],
        projects=[PartnerProject(project=ref(r["project"], "project", r["acronym"] or r["title"]),
                                 role=last_segment(r["role"]))
                  for r in rows if r["project"] is not None],
    )
