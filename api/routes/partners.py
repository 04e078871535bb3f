"""``/api/partners``: organisations taking part in projects (filtered, paged) and one with its projects."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import QueriesDep
from api.errors import NotFoundError
from api.routes.common import Limit, Offset, responses
from api.routes.filtering import matches_words, matching, words
from api.rows import checked_id, last_segment, ref
from api.schemas import Page, PartnerDetail, PartnerProject, PartnerSummary
from ontology.iris import local_part, mint_organisation

router = APIRouter(prefix="/api/partners", tags=["partners"])


Many = list[str] | None
Role = Literal["lead", "partner", "associated", "unknown"]


@router.get(
    "",
    response_model=Page[PartnerSummary],
    summary="Partner organisations, filtered and paged",
    responses=responses(),
)
def list_partners(
    reads: QueriesDep,
    country: Annotated[
        Many, Query(description="ISO alpha-2 country code; repeatable", examples=["GB"])
    ] = None,
    city: Annotated[Many, Query(description="city, any case; repeatable", examples=["Amiens"])] = None,
    role: Annotated[
        list[Role] | None,
        Query(
            description="organisations holding this role in at least one project; repeatable",
            examples=["lead"],
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=500,
            description="words that must all occur in one of the "
            "organisation's names (case and accents ignored)",
            examples=["council"],
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[PartnerSummary]:
    """Organisations matching every filter given; the values of a repeated filter are alternatives."""
    keep = matching(reads, "partners", "organisation", {"country": country, "city": city})
    if role:
        found = matching(reads, "organisations_in_role", "organisation", {"role": role}) or set()
        keep = found if keep is None else keep & found
    if q and (wanted := words(q)):
        names: dict[str, list[str]] = {}
        for r in reads.run("partner").values():
            names.setdefault(r["organisation"], []).extend(
                n for n in [r["name"], *(r["otherNames"] or "").split(" | ")] if n
            )
        found = {o for o, texts in names.items() if matches_words(texts, wanted)}
        keep = found if keep is None else keep & found
    rows = [
        r
        for r in reads.run("partners").values()
        if keep is None or r["organisation"] in keep
    ]
    data = [
        PartnerSummary(
            id=local_part(r["organisation"], "organisation") or r["organisation"],
            iri=r["organisation"],
            name=r["name"],
            country=r["countryCode"],
            city=r["cityName"],
            projects=r["projects"] or 0,
            leads=r["leads"] or 0,
        )
        for r in rows[offset : offset + limit]
    ]
    return Page[PartnerSummary](data=data, count=len(rows))


@router.get(
    "/{partner_id}",
    response_model=PartnerDetail,
    summary="One partner organisation",
    responses=responses(404),
)
def get_partner(
    reads: QueriesDep,
    partner_id: Annotated[
        str,
        Path(
            description="the organisation's id: the part of its IRI after id/organisation/",
            examples=["medway-council"],
        ),
    ],
) -> PartnerDetail:
    """The organisation ``id/organisation/{partner_id}`` with the projects it takes part in and its roles."""
    key = checked_id(partner_id)
    rows = (
        []
        if key is None
        else reads.run(
            "partner", {"organisation": mint_organisation(key)}
        ).values()
    )
    if not rows:
        raise NotFoundError(f"no partner organisation with id {partner_id!r}")
    first = rows[0]
    others = sorted(
        {n for r in rows for n in (r["otherNames"] or "").split(" | ") if n and n != first["name"]}
    )
    return PartnerDetail(
        id=key,
        iri=first["organisation"],
        name=first["name"],
        other_names=others,
        country=first["country"],
        city=first["city"],
        website=first["url"],
        projects=[
            PartnerProject(
                project=ref(r["project"], "project", r["acronym"] or r["title"]), role=last_segment(r["role"])
            )
            for r in rows
            if r["project"] is not None
        ],
    )
