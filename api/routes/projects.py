"""``/api/projects``: the list of projects (filtered, paged) and one project with everything known."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.routing import APIRoute
from pyoxigraph import Variable

import queries
from api.deps import QueriesDep, StoreDep, get_queries
from api.errors import ForbiddenError, NotFoundError
from api.listing import COLUMNS, listing_of
from api.routes import project_page
from api.routes.common import PROBLEM, Limit, Offset, responses
from api.routes.filtering import active_on as is_active_on
from api.routes.filtering import distinct_values, single_values, words
from api.rows import checked_id, date_value, project_summary, ref
from api.schemas import (
    ContactPoint,
    Page,
    ProjectDetail,
    ProjectSummary,
)
from api.store import Snapshot
from ontology.iris import mint_organisation, mint_project

router = APIRouter(prefix="/api/projects", tags=["projects"])

Many = list[str] | None
Sort = Literal[
    "acronym",
    "-acronym",
    "title",
    "-title",
    "start_date",
    "-start_date",
    "end_date",
    "-end_date",
    "participants",
    "-participants",
]
_SORT_KEYS = {
    "acronym": lambda r: (r["acronym"] or r["title"] or "").casefold() or None,
    "title": lambda r: (r["title"] or "").casefold() or None,
    "start_date": lambda r: date_value(r["startDate"]),
    "end_date": lambda r: date_value(r["endDate"]),
    "participants": lambda r: r["participants"],
}


logger = logging.getLogger(__name__)


def read_listing_soon(snapshot: Snapshot) -> threading.Thread:
    """Start reading the project listing of a build just opened, in a thread of its own, so that the
    first list request after a publish does not wait for it (about 4.5 s of CPU at 35,000 documents).

    A failure is logged, not raised: the first list request then reads the listing itself and
    answers the error as usual.

    :param snapshot: the build's snapshot (as :class:`api.store.StoreHandle` hands it to ``on_open``).
    :returns: the started daemon thread.
    """

    def read() -> None:
        try:
            listing_of(snapshot, _SORT_KEYS)
        except Exception:  # noqa: BLE001 -- a thread must not die loudly; the request path reports it
            logger.exception("reading the project listing of %s failed", snapshot.build)

    thread = threading.Thread(target=read, name="project-listing", daemon=True)
    thread.start()
    return thread


def _organisations(partners: list[str]) -> list[str]:
    """The organisation IRIs of the ``partner`` values (an id or an IRI), each once, checked as the
    ``partner`` query's parameter (its error, as before); values that are neither an id nor an
    ``http`` IRI name no organisation and are left out.

    :raises queries.ParameterError: an ``http`` value that is not an IRI (400).
    """
    parameter = queries.load("partner").parameter("organisation")
    found = []
    for partner in dict.fromkeys(partners):
        key = checked_id(partner)
        iri = mint_organisation(key) if key is not None else partner
        if iri.startswith("http"):
            found.append(parameter.term(iri, "partner").value)
    return found


@router.get(
    "",
    response_model=Page[ProjectSummary],
    summary="Projects, filtered, sorted and paged",
    responses=responses(),
)
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

    ``count`` is the number of matches before paging. The page is cut from the build's listing
    (:mod:`api.listing`: the ``projects`` rows, and each filter value's projects, read once per build
    when first needed). Raises 400 for an ill-typed value or more than 20 values of one filter.
    """
    filters = {
        "programme": programme,
        "period": period,
        "theme": theme,
        "target_group": target_group,
        "country": country,
    }
    terms = _filter_terms(filters, single=not (partner or q or active_on is not None or sort))
    listing = listing_of(snapshot, _SORT_KEYS)
    keep = listing.positions(snapshot.store, terms)
    if partner:
        found = listing.partner_positions(snapshot.store, _organisations(partner))
        keep = found if keep is None else keep & found
    if q and (wanted := words(q)):
        keep = listing.with_words(snapshot.store, wanted, keep)
    selected = listing.order(sort) if keep is None else [i for i in listing.order(sort) if i in keep]
    if active_on is not None:
        start, end = COLUMNS.index("startDate"), COLUMNS.index("endDate")
        rows = listing.rows
        selected = [i for i in selected if is_active_on(date_value(rows[i][start]), date_value(rows[i][end]), active_on)]
    data = [project_summary(listing.row(i)) for i in selected[offset : offset + limit]]
    return Page[ProjectSummary](data=data, count=len(selected))


def _filter_terms(filters: dict[str, Many], single: bool) -> dict[str, list]:
    """The RDF terms of the filter values, checked as the ``projects`` query's parameters (the errors
    of the former runs: bound together when each filter has one value, else one run per value).

    :raises BadRequestError: more than :data:`api.routes.filtering.MAX_VALUES` values for one name.
    :raises queries.ParameterError: a value that does not fit its parameter's type (400).
    """
    query = queries.load("projects")
    one = single_values(filters) if single else None
    if one is not None:
        bound = query.bindings(one)
        return {name: [bound[Variable(name)]] for name in one}
    return {
        name: [query.parameter(name).term(v, query.name) for v in values]
        for name, raw in filters.items()
        if (values := distinct_values(name, raw))
    }


class _PageRoute(APIRoute):
    """The route of one project's page, handled without the framework's request handling.

    The framework's handler (solving the dependencies, checking the path parameter, checking and
    writing the response model) cost more server CPU than the rest of an uncached page's work on
    the server's main thread, queries' round trip included. This route keeps what it documents
    (the OpenAPI operation, its path, methods and 405 for others) and answers a ``GET`` by
    :func:`get_project` with the request's :class:`~api.deps.Queries`, as the framework would.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        async def handler(request: Request) -> Response:
            return await get_project(await get_queries(request), request.path_params["project_id"])

        return handler


async def get_project(
    reads: QueriesDep,
    project_id: Annotated[
        str, Path(description="the project's id: the part of its IRI after id/project/", examples=["agir"])
    ],
) -> Response:
    """The project ``id/project/{project_id}`` with its programme, dates, budgets, partners and lists."""
    key = checked_id(project_id)
    if key is None:
        raise NotFoundError(f"no project with id {project_id!r}")
    params = {"project": mint_project(key)}
    # one job for the page: the project's facts and participations, in place of the project,
    # project_details and project_partners queries (see api/routes/project_page.py)
    facts, participations = await reads.run_many_async([(project_page.FACTS, params, None, 0),
                                                        (project_page.PARTICIPATIONS, params, None, 0)])
    row, detail_rows = project_page.project_row(facts.rows), project_page.detail_rows(facts.rows)
    partner_rows = project_page.partner_rows(participations.rows)
    former = [(name, params, None, 0) for name, missing in (("project", row is None),
              ("project_details", detail_rows is None), ("project_partners", partner_rows is None)) if missing]
    if former:  # a field with several values: the former queries' aggregates choose
        answered = dict(zip((name for name, *_ in former), await reads.run_many_async(former), strict=True))
        row = answered["project"].rows[0] if row is None else row
        detail_rows = list(answered["project_details"].rows) if detail_rows is None else detail_rows
        partner_rows = list(answered["project_partners"].rows) if partner_rows is None else partner_rows
    if not row:
        raise NotFoundError(f"no project with id {project_id!r}")
    return Response(project_page.page_json(key, row, detail_rows, partner_rows), media_type="application/json")


router.add_api_route("/{project_id}", get_project, methods=["GET"], response_model=ProjectDetail,
                     summary="One project", responses=responses(404), route_class_override=_PageRoute)


@router.get(
    "/{project_id}/contacts",
    response_model=Page[ContactPoint],
    summary="Contact points (personal data)",
    responses={
        **responses(404, jsonld=False),
        403: {"description": "personal data is not served (the default)", "content": PROBLEM},
    },
)
def get_contacts(
    reads: QueriesDep,
    request: Request,
    response: Response,
    project_id: Annotated[str, Path(description="the project's id", examples=["agir"])],
) -> Page[ContactPoint]:
    """The contact persons, e-mails and telephones the documents give for the project's partners.

    Personal data: answered only when the service runs with ``INTERREG_KG_PERSONAL_DATA=1``; otherwise 403.
    """
    if not getattr(request.app.state, "personal_data", False):
        raise ForbiddenError(
            "personal data (contact details) is not served; the operator can allow it "
            "with INTERREG_KG_PERSONAL_DATA=1"
        )
    key = checked_id(project_id)
    if key is None or not reads.run("project", {"project": mint_project(key)}).rows:
        raise NotFoundError(f"no project with id {project_id!r}")
    response.headers["Cache-Control"] = "private, no-store"  # personal data: never in a shared cache
    rows = reads.run(  # the contacts store alone: its graphs link each contact point to its project
        queries.QUERY_DIR / "personal" / "project_contacts.rq", {"project": mint_project(key)}, contacts=True
    )
    data = [
        ContactPoint(
            organisation=ref(r["organisation"], "organisation"),
            name=r["name"],
            email=r["email"],
            telephone=r["telephone"],
        )
        for r in rows.values()
    ]
    return Page[ContactPoint](data=data, count=len(data))
