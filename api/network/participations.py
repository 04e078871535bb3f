"""The rows every projection is built from: one :class:`Participation` per organisation, project and
role, read with the ``network_participations`` query. Names, places, dates and budgets only: no
person, e-mail or telephone is ever read here, so none can reach an export.

>>> from pyoxigraph import Store
>>> read_participations(Store())
()
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pyoxigraph import Store

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
    """The participations ``filters`` keep, one per organisation and project (its highest role).

    Three queries: ``network_participations`` (who takes part in what, filtered),
    ``network_organisations`` and ``network_projects`` (one row each: joining names and dates per
    participation in SPARQL multiplies rows by the documents that repeat them). They read every graph
    but ``graph:contacts/*`` (``GRAPH ?g`` and a filter), on the union default graph: listing
    thousands of document graphs as the default graph makes Oxigraph about a hundred times slower.

    :raises queries.ParameterError: a filter value that does not fit (an unknown kind of id, a bad date).
    """
    rows = _rows(store, "network_participations", (filters or Filters()).params())
    if not rows:
        return ()
    orgs = {r["organisation"]: r for r in _rows(store, "network_organisations", {})}
    projects = {r["project"]: r for r in _rows(store, "network_projects", {})}
    best: dict[tuple[str, str], str] = {}
    for r in rows:
        role = (r["role"] or "unknown").rsplit("/", 1)[-1]
        key = (r["organisation"], r["project"])
        if key not in best or ROLE_RANK.get(role, 2) < ROLE_RANK.get(best[key], 2):
            best[key] = role
    out = []
    for (org, project), role in sorted(best.items()):
        o, p = orgs.get(org, {}), projects.get(project, {})
        budget = p.get("budget")
        out.append(Participation(org, o.get("name") or org.rsplit("/", 1)[-1], o.get("country") or "",
                                 o.get("city") or "", project, p.get("acronym") or project.rsplit("/", 1)[-1], role,
                                 _date(p.get("start")), _date(p.get("end")),
                                 None if budget is None else round(float(budget), 2)))
    return tuple(out)


def _rows(store: Store, name: str, params: dict[str, str]) -> list[dict[str, object]]:
    named = queries.load(name)
    solutions = store.query(named.text, substitutions=named.bindings(params), use_default_graph_as_union=True)
    try:  # pyoxigraph's solutions must be dropped on the thread that made them
        names = [v.value for v in solutions.variables]
        return [{n: queries.value(solution[n]) for n in names} for solution in solutions]
    finally:
        del solutions


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
