"""What part of the graph a network export covers: :class:`Filters`, bound into the query as RDF terms.

>>> f = Filters(country="fr", period="2007-2013")
>>> f.params()["country"], f.params()["include_associated"]
('fr', 'false')
>>> f.describe()
'period=2007-2013; country=fr'
>>> Filters().describe()
'none'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

__all__ = ["Filters"]


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of a network export; every one narrows the participations read.

    :param programme: a programme id (``iv-a-france-channel-england``, a generation ``iii-a``) or IRI:
        projects of it or of a programme below it.
    :param period: a programming period id (``2007-2013``) or IRI.
    :param theme: a theme id or IRI (projects on it or on a theme below it).
    :param target_group: a target-group id or IRI.
    :param country: an ISO alpha-2 code: only organisations of that country.
    :param date_from: with ``date_to``, the date range: only dated projects overlapping it.
    :param date_to: the end of the date range (either end may be left open).
    :param lead_only: only participations as lead partner.
    :param include_associated: also associated partners (left out by default).
    """

    programme: str | None = None
    period: str | None = None
    theme: str | None = None
    target_group: str | None = None
    country: str | None = None
    date_from: dt.date | str | None = None
    date_to: dt.date | str | None = None
    lead_only: bool = False
    include_associated: bool = False

    def params(self) -> dict[str, str]:
        """The raw parameters of the ``network_participations`` query (checked when bound)."""
        out = {"include_associated": _flag(self.include_associated), "lead_only": _flag(self.lead_only)}
        for name, key in (("programme", "programme"), ("period", "period"), ("theme", "theme"),
                          ("target_group", "target_group"), ("country", "country"),
                          ("date_from", "from"), ("date_to", "to")):
            value = getattr(self, name)
            if value is not None and value != "":
                out[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return out

    def narrows_scope(self) -> bool:
        """Whether a filter on projects or organisations is set (not only ``lead_only`` or
        ``include_associated``, which a participation's role decides).

        >>> Filters(lead_only=True).narrows_scope(), Filters(theme="housing").narrows_scope()
        (False, True)
        """
        return any(getattr(self, name) not in (None, "") for name in _SCOPE)

    def describe(self) -> str:
        """The filters that are set, as ``name=value`` pairs joined with ``; `` (``none`` if none)."""
        pairs = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value is False or value == "":
                continue
            text = value.isoformat() if isinstance(value, dt.date) else str(value).lower() if value is True else value
            pairs.append(f"{f.name}={text}")
        return "; ".join(pairs) or "none"


_SCOPE = ("programme", "period", "theme", "target_group", "country", "date_from", "date_to")


def _flag(value: bool) -> str:
    return "true" if value else "false"
