"""The row of the ``project`` query for one project, made from ``queries/rest/project_facts.rq``.

``GET /api/projects/{id}`` needs the ``project`` query's one row (acronym, title, programme, ...).
That query aggregates every field (``SAMPLE``, ``MIN``, ``MAX``), and Oxigraph takes longer to plan
its seventeen aggregates than to answer it. ``project_facts`` instead returns each value the project
states, with the labels of its programme, period and measure, and :func:`project_row` gives the
``project`` row from them when every field has one value at most (duplicates of a value across
documents count once): then each aggregate is that value. When a field has several values (two
titles from two documents, two start dates), it answers None and the route runs the ``project``
query, whose aggregates choose. Either way the answer is the ``project`` query's
(``tests/api/test_project_page.py`` holds the two against each other).

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

from ontology.namespaces import IRG
from queries import QUERY_DIR

__all__ = ["FACTS", "COLUMNS", "project_row"]

_SCHEMA = "http://schema.org/"
#: the query the page reads instead of ``project`` (under queries/)
FACTS = QUERY_DIR / "rest" / "project_facts.rq"
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
