"""The former ``GET /api/projects/{id}`` (before the page was made without the framework's request
handling and without a model per item: api/routes/project_page.py), kept as it was to hold the route
to it: mounted at ``/api/former/projects/{id}`` beside the route by ``tests/api/test_project_page.py``.
Its body and the rows functions it used are the former ones, word for word; the decorator is cut to
what routing needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Annotated

from fastapi import APIRouter, Path
from pyoxigraph import Literal, NamedNode

import queries
from api.deps import QueriesDep
from api.errors import NotFoundError
from api.rows import checked_id, date_value, last_segment, maybe_ref, number, ref
from api.schemas import DateValue, DocumentRef, ProjectDetail, ProjectPartner
from ontology.iris import mint_project
from ontology.namespaces import IRG
from queries import QUERY_DIR

router = APIRouter(prefix="/api/former/projects")  # under /api/: the JSON-LD, ETag and cache layers apply

_SCHEMA = "http://schema.org/"
#: the query the page reads instead of ``project`` (under queries/)
FACTS = QUERY_DIR / "rest" / "project_facts.rq"
#: the query the page reads instead of ``project_partners``
PARTICIPATIONS = QUERY_DIR / "rest" / "project_participations.rq"
_LEAD = NamedNode("https://w3id.org/interreg-kg/id/role/lead")
_STRING = NamedNode("http://www.w3.org/2001/XMLSchema#string")
#: the columns of ``project_partners`` taken one value each (``SAMPLE``)
_SAMPLED = ("roleLabel", "name", "country", "city", "url")
#: the ``project`` query's columns, in its order
COLUMNS = ("project", "acronym", "title", "programme", "programmeLabel", "period", "periodLabel", "measure",
           "measureLabel", "startDate", "startDatePrecision", "endDate", "endDatePrecision", "totalBudgetEur",
           "euFundingEur", "cofinancingRate", "url")
#: predicate -> the column its value goes to (and, for a labelled one, the column of its label)
_FIELDS: dict[str, tuple[str, str | None]] = {
    f"{IRG}acronym": ("acronym", None),
    "http://purl.org/dc/terms/title": ("title", None),
    f"{IRG}programme": ("programme", "programmeLabel"),
    f"{IRG}period": ("period", "periodLabel"),
    f"{IRG}measure": ("measure", "measureLabel"),
    f"{_SCHEMA}startDate": ("startDate", None),
    f"{IRG}startDatePrecision": ("startDatePrecision", None),
    f"{_SCHEMA}endDate": ("endDate", None),
    f"{IRG}endDatePrecision": ("endDatePrecision", None),
    f"{IRG}totalBudgetEur": ("totalBudgetEur", None),
    f"{IRG}euFundingEur": ("euFundingEur", None),
    f"{IRG}cofinancingRate": ("cofinancingRate", None),
    f"{_SCHEMA}url": ("url", None),
}
#: predicate -> the ``kind`` of its items in ``project_details``
_KINDS = {f"{IRG}targetGroup": "targetGroup", f"{IRG}theme": "theme", f"{IRG}result": "result",
          "http://www.w3.org/ns/prov#wasDerivedFrom": "document"}
#: a precision counts only beside its date (the ``project`` query reads it inside the date's OPTIONAL)
_NEEDS = {"startDatePrecision": "startDate", "endDatePrecision": "endDate"}


def project_row(facts: Iterable[dict]) -> dict | None:
    """The ``project`` query's row (column -> term or None) from the project's ``project_facts`` rows.

    :param facts: the rows of ``project_facts`` for one project (``project``, ``p``, ``o``, ``label``).
    :returns: the row; an empty dict when there are no rows (no such project); None when a field has
        several values (run the ``project`` query for its aggregates).
    """
    values: dict[str, set] = {}
    project = None
    for fact in facts:
        project = fact["project"]
        field = _FIELDS.get(fact["p"].value)
        if field is None:
            continue
        column, label_column = field
        values.setdefault(column, set()).add(fact["o"])
        if label_column is not None and fact["label"] is not None:
            values.setdefault(label_column, set()).add(fact["label"])
    if project is None:
        return {}
    if any(len(found) > 1 for found in values.values()):
        return None
    row = {column: next(iter(values[column])) if column in values else None for column in COLUMNS}
    row["project"] = project
    for precision, date in _NEEDS.items():
        if row[date] is None:
            row[precision] = None
    return row


def detail_rows(facts: Iterable[dict]) -> list[dict] | None:
    """The ``project_details`` rows (``project``, ``kind``, ``item``, ``label``, ``extra``: terms or
    None) from the project's ``project_facts`` rows, in that query's order.

    :param facts: the rows of ``project_facts`` for one project.
    :returns: the rows (none for no such project); None when an item has several labels or sources,
        or is not an IRI (run ``project_details`` for its aggregates and its order).
    """
    items: dict[tuple[str, NamedNode], list] = {}  # (kind, item) -> [project, labels, sources, lower-case label]
    for fact in facts:
        kind = _KINDS.get(fact["p"].value)
        if kind is None:
            continue
        item = fact["o"]
        if not isinstance(item, NamedNode):
            return None
        held = items.setdefault((kind, item), [fact["project"], set(), set(), ""])
        if fact["label"] is not None:
            held[1].add(fact["label"])
            held[3] = fact["sortLabel"].value
        if fact["extra"] is not None:
            held[2].add(fact["extra"])
    if any(len(labels) > 1 or len(sources) > 1 for _, labels, sources, _ in items.values()):
        return None
    ordered = sorted(items.items(), key=lambda pair: (pair[0][0], pair[1][3], pair[0][1].value))
    return [{"project": project, "kind": Literal(kind), "item": item,
             "label": next(iter(labels)) if labels else None, "extra": next(iter(sources)) if sources else None}
            for (kind, item), (project, labels, sources, _) in ordered]


def partner_rows(participations: Iterable[dict]) -> list[dict] | None:
    """The ``project_partners`` rows (``project``, ``participation``, ``organisation``, ``name``,
    ``role``, ``roleLabel``, ``country``, ``city``, ``url``) from the project's
    ``project_participations`` rows, in that query's order: lead partners first, then by lower-case
    name (none first), then by organisation IRI.

    :returns: the rows; None when a participation has several values of a field, a name is not a
        plain string, an organisation is not an IRI, or two partners would tie in that order (run
        ``project_partners``: its aggregates choose, and its order of ties is its own).
    """
    groups: dict[tuple, dict] = {}
    for row in participations:
        organisation = row["organisation"]
        if not isinstance(organisation, NamedNode):
            return None
        key = (row["participation"], organisation, row["role"])
        held = groups.setdefault(key, {"project": row["project"], "sort": None,
                                       **{column: set() for column in _SAMPLED}})
        for column in _SAMPLED:
            if row[column] is not None:
                held[column].add(row[column])
        if row["sortName"] is not None:
            if row["sortName"].datatype != _STRING:
                return None
            held["sort"] = row["sortName"].value
    out = []
    for (participation, organisation, role), held in groups.items():
        if any(len(held[column]) > 1 for column in _SAMPLED):
            return None
        order = ((0,) if role is None else (1, role != _LEAD), (0,) if held["sort"] is None else (1, held["sort"]),
                 organisation.value)
        row = {"project": held["project"], "participation": participation, "organisation": organisation,
               "role": role, **{column: next(iter(held[column]), None) for column in _SAMPLED}}
        out.append((order, row))
    out.sort(key=lambda pair: pair[0])
    if any(a[0] == b[0] for a, b in zip(out, out[1:], strict=False)):
        return None
    return [row for _, row in out]


#: the former module's names, as the former route called them
project_page = SimpleNamespace(FACTS=FACTS, PARTICIPATIONS=PARTICIPATIONS, project_row=project_row,
                               detail_rows=detail_rows, partner_rows=partner_rows)


@router.get("/{project_id}", response_model=ProjectDetail)
async def get_project(
    reads: QueriesDep,
    project_id: Annotated[
        str, Path(description="the project's id: the part of its IRI after id/project/", examples=["agir"])
    ],
) -> ProjectDetail:
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
    r = {k: queries.value(v) for k, v in row.items()}
    partners = [{k: queries.value(v) for k, v in p.items()} for p in partner_rows]
    details = [{k: queries.value(v) for k, v in d.items()} for d in detail_rows]

    def items(kind: str, iri_kind: str) -> list:
        return [ref(d["item"], iri_kind, d["label"]) for d in details if d["kind"] == kind]

    return ProjectDetail(
        id=key,
        iri=r["project"],
        acronym=r["acronym"],
        title=r["title"],
        programme=maybe_ref(r["programme"], "programme", r["programmeLabel"]),
        period=maybe_ref(r["period"], "period", r["periodLabel"]),
        measure=maybe_ref(r["measure"], "measure", r["measureLabel"]),
        start=None
        if (start_day := date_value(r["startDate"])) is None
        else DateValue(date=start_day, precision=last_segment(r["startDatePrecision"])),
        end=None
        if (end_day := date_value(r["endDate"])) is None
        else DateValue(date=end_day, precision=last_segment(r["endDatePrecision"])),
        total_budget_eur=number(r["totalBudgetEur"]),
        eu_funding_eur=number(r["euFundingEur"]),
        cofinancing_rate=number(r["cofinancingRate"]),
        website=r["url"],
        partners=[
            ProjectPartner(
                organisation=ref(p["organisation"], "organisation", p["name"]),
                role=last_segment(p["role"]),
                country=p["country"],
                city=p["city"],
                website=p["url"],
            )
            for p in partners
        ],
        target_groups=items("targetGroup", "target-group"),
        themes=items("theme", "theme"),
        results=items("result", "result"),
        documents=[
            DocumentRef(iri=d["item"], title=d["label"], source=d["extra"])
            for d in details
            if d["kind"] == "document"
        ],
    )
