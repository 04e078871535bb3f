"""The rows of the ``project`` and ``project_details`` queries for one project, made from
``queries/rest/project_facts.rq``, and the page made of them (:func:`page_json`).

``GET /api/projects/{id}`` needs the ``project`` query's one row (acronym, title, programme, ...)
and the ``project_details`` rows (target groups, themes, results, documents). Those queries
aggregate (``SAMPLE``, ``MIN``, ``MAX``, ``GROUP BY``), and Oxigraph takes longer to plan the
seventeen aggregates of ``project`` than to answer it. ``project_facts`` instead returns each value
the project states with the label the two queries show for it (and that label in lower case, as
SPARQL's ``LCASE`` gives it). :func:`project_row` gives the ``project`` row when every field has one
value at most (duplicates of a value across documents count once): then each aggregate is that
value. :func:`detail_rows` gives the ``project_details`` rows when each item has one label and one
source at most, in that query's order (kind, lower-case label, item IRI). When a field has several
values (two titles from two documents, two start dates, a result labelled in two languages) they
answer None and the route runs the query, whose aggregates choose. Either way the answer is the
query's (``tests/api/test_project_page.py`` holds them against each other).

:func:`page_json` writes the page from those rows as the route's framework wrote its response model,
with one check of the model for the whole page (a model per partner and item cost more than the
rest of the conversion); ``tests/api/former/project_page.py`` keeps the former route it is held to.

>>> from pyoxigraph import NamedNode, Literal
>>> p = NamedNode("https://w3id.org/interreg-kg/id/project/x")
>>> facts = [{"project": p, "p": NamedNode(IRG + "acronym"), "o": Literal("X"), "label": None}]
>>> row = project_row(facts)
>>> row["acronym"].value, row["title"], len(row)
('X', None, 17)
>>> project_row(facts + [{"project": p, "p": NamedNode(IRG + "acronym"), "o": Literal("Y"), "label": None}]) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import TypeAdapter
from pyoxigraph import Literal, NamedNode

from api.rows import date_value, last_segment, number
from api.schemas import ProjectDetail
from ontology.iris import local_part
from ontology.namespaces import IRG
from queries import QUERY_DIR
from queries import value as _value

__all__ = ["FACTS", "PARTICIPATIONS", "COLUMNS", "project_row", "detail_rows", "partner_rows", "page_json"]

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


_PAGE = TypeAdapter(ProjectDetail)
#: the kind of each list of the page's items, and the kind of their IRIs
_LISTS = (("targetGroup", "target_groups", "target-group"), ("theme", "themes", "theme"),
          ("result", "results", "result"))


def _v(term: object) -> object:
    """:func:`queries.value` of ``term``, an IRI's text without the call."""
    return term.value if type(term) is NamedNode else None if term is None else _value(term)


def _ref(iri: object, kind: str, label: object) -> dict:
    """:func:`api.rows.ref` as the fields of a :class:`~api.schemas.Ref`."""
    return {"iri": iri, "id": local_part(iri, kind), "label": None if label is None else str(label)}  # type: ignore[arg-type]


def _maybe_ref(iri: object, kind: str, label: object) -> dict | None:
    return None if iri is None else _ref(str(iri), kind, label)


def _dated(day: object, precision: object) -> dict | None:
    day = date_value(_v(day))
    return None if day is None else {"date": day, "precision": last_segment(_v(precision))}


def page_json(key: str, row: dict, details: list[dict], partners: list[dict]) -> bytes:
    """The body of ``GET /api/projects/{key}``: the :class:`~api.schemas.ProjectDetail` of the project's
    ``project`` row, ``project_details`` rows and ``project_partners`` rows (terms or None, as the
    queries or :func:`project_row`, :func:`detail_rows` and :func:`partner_rows` give them), as the
    framework wrote the route's model (``tests/api/former/project_page.py``): the same values (each
    term read by :func:`queries.value`), checked by the model in one call rather than a model per
    item, and written by the model's serializer.

    :raises pydantic.ValidationError: a value the model does not take (a typed literal where it
        wants a string), as the route's model raised it before (500).
    """
    page = {
        "id": key,
        "iri": _v(row["project"]),
        "acronym": _v(row["acronym"]),
        "title": _v(row["title"]),
        "programme": _maybe_ref(_v(row["programme"]), "programme", _v(row["programmeLabel"])),
        "period": _maybe_ref(_v(row["period"]), "period", _v(row["periodLabel"])),
        "measure": _maybe_ref(_v(row["measure"]), "measure", _v(row["measureLabel"])),
        "start": _dated(row["startDate"], row["startDatePrecision"]),
        "end": _dated(row["endDate"], row["endDatePrecision"]),
        "total_budget_eur": number(_v(row["totalBudgetEur"])),
        "eu_funding_eur": number(_v(row["euFundingEur"])),
        "cofinancing_rate": number(_v(row["cofinancingRate"])),
        "website": _v(row["url"]),
        "partners": [{"organisation": _ref(_v(p["organisation"]), "organisation", _v(p["name"])),
                      "role": last_segment(_v(p["role"])), "country": _v(p["country"]),
                      "city": _v(p["city"]), "website": _v(p["url"])} for p in partners],
    }
    kinds = [_v(d["kind"]) for d in details]
    for kind, field, iri_kind in _LISTS:
        page[field] = [_ref(_v(d["item"]), iri_kind, _v(d["label"]))
                       for d, of in zip(details, kinds, strict=True) if of == kind]
    page["documents"] = [{"iri": _v(d["item"]), "title": _v(d["label"]), "source": _v(d["extra"])}
                         for d, of in zip(details, kinds, strict=True) if of == "document"]
    return _PAGE.dump_json(_PAGE.validate_python(page), by_alias=True)
