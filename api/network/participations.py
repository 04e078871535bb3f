"""The rows every projection is built from: one :class:`Participation` per organisation, project and
role, read with the ``network_participations`` query. Names, places, dates and budgets only: no
person, e-mail or telephone is ever read here, so none can reach an export.

>>> from pyoxigraph import Store
>>> read_participations(Store())
()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import NamedNode, Store

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


def read_participations(store: Store, filters: Filters | None = None, *,
                        default_graph: Iterable[NamedNode] | None = None) -> tuple[Participation, ...]:
    """The participations ``filters`` keep, one per organisation and project (its highest role).

    :param default_graph: the graphs to read (None: the store's public graphs).
    :raises queries.ParameterError: a filter value that does not fit (an unknown kind of id, a bad date).
    """
    rows = queries.run(store, "network_participations", (filters or Filters()).params(),
                       default_graph=default_graph).values()
    best: dict[tuple[str, str], Participation] = {}
    names: dict[str, dict[str, str]] = {}
    for r in rows:
        org = r["organisation"]
        info = names.setdefault(org, {"name": "", "country": "", "city": ""})
        info["name"] = info["name"] or r["name"] or ""
        info["country"] = info["country"] or r["organisationCountry"] or ""
        info["city"] = info["city"] or r["city"] or ""
        role = (r["role"] or "unknown").rsplit("/", 1)[-1]
        key = (org, r["project"])
        held = best.get(key)
        if held is not None and ROLE_RANK.get(held.role, 2) <= ROLE_RANK.get(role, 2):
            continue
        budget = r["budget"]
        best[key] = Participation(org, "", "", "", r["project"], r["acronym"] or r["project"].rsplit("/", 1)[-1],
                                  role, _date(r["start"]), _date(r["end"]),
                                  None if budget is None else round(float(budget), 2))
    out = []
    for (org, _), p in sorted(best.items()):
        info = names[org]
        out.append(Participation(org, info["name"] or org.rsplit("/", 1)[-1], info["country"], info["city"],
                                 p.project, p.acronym, p.role, p.start, p.end, p.budget))
    return tuple(out)


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
