"""The rows every projection is built from: one :class:`Participation` per organisation, project and
role, read with the ``network_participations`` query. Names, places, dates and budgets only: no
person, e-mail or telephone is ever read here, so none can reach an export.

>>> from pyoxigraph import Store
>>> read_participations(Store())
()
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, Store

import queries
from api.network.filters import Filters

__all__ = ["Participation", "read_participations", "ROLE_RANK"]

ROLE_RANK = {"lead": 0, "partner": 1, "unknown": 2, "associated": 3}


@dataclass(frozen=True, slots=True)
class Participation:
    """One organisation in one project.

    ``organisation`` and ``project`` are IRIs; ``role`` is ``lead``, ``partner``, ``associated`` or
    ``unknown``; ``country`` an ISO alpha-2 code or ``""``; ``start``/``end`` the project's dates
    (either may be None); ``budget`` its total budget in euros, or None.
    """

    organisation: str
    name: str
    country: str
    city: str
    project: str
    acronym: str
    role: str
    start: dt.date | None = None
    end: dt.date | None = None
    budget: float | None = None


def read_participations(store: Store, filters: Filters | None = None) -> tuple[Participation, ...]:
    """The participations ``filters`` keep, one per organisation and project (its highest role),
    sorted by organisation and project.

    Three queries: ``network_participations`` (who takes part in what, filtered),
    ``network_organisations`` and ``network_projects`` (one row each: joining names and dates per
    participation in SPARQL multiplies rows by the documents that repeat them). They read every graph
    but ``graph:contacts/*`` (``GRAPH ?g`` and a filter), on the union default graph: listing
    thousands of document graphs as the default graph makes Oxigraph about a hundred times slower.
    Their results are read as CSV serialised by Oxigraph (a Python object per term costs more than
    the query); a participation's name, place and acronym strings are those of its organisation's and
    project's rows, shared.

    :raises queries.ParameterError: a filter value that does not fit (an unknown kind of id, a bad date).
    """
    rows = _csv(store, "network_participations", (filters or Filters()).params())
    if not rows:
        return ()
    best: dict[tuple[str, str], str] = {}
    rank = ROLE_RANK.get
    for org, project, role, *_ in rows:
        role = role.rsplit("/", 1)[-1] if role else "unknown"
        key = (org, project)
        held = best.get(key)
        if held is None or rank(role, 2) < rank(held, 2):
            best[key] = role
    orgs = {r[0]: (r[1] or r[0].rsplit("/", 1)[-1], r[2], r[3]) for r in _csv(store, "network_organisations", {})}
    projects = {r[0]: (r[1] or r[0].rsplit("/", 1)[-1], _date(r[2]), _date(r[3]), _budget(r[4]))
                for r in _csv(store, "network_projects", {})}
    out = []
    for (org, project), role in sorted(best.items()):
        name, country, city = orgs.get(org) or (org.rsplit("/", 1)[-1], "", "")
        acronym, start, end, budget = projects.get(project) or (project.rsplit("/", 1)[-1], None, None, None)
        out.append(Participation(org, name, country, city, project, acronym, role, start, end, budget))
    return tuple(out)


def _csv(store: Store, name: str, params: dict[str, str]) -> list[list[str]]:
    """The rows of a named query as strings (the CSV results format: an IRI or a literal's lexical
    form, ``""`` when unbound), without the header."""
    named = queries.load(name)
    solutions = store.query(named.text, substitutions=named.bindings(params), use_default_graph_as_union=True)
    try:  # pyoxigraph's solutions must be dropped on the thread that made them
        body = solutions.serialize(format=QueryResultsFormat.CSV)
    finally:
        del solutions
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    return rows[1:]


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _budget(text: str) -> float | None:
    try:
        return round(float(text), 2) if text else None
    except ValueError:
        return None
