"""Turning query rows into response models: ids from IRIs, references, role and precision names.

>>> ref("https://w3id.org/interreg-kg/id/theme/housing", "theme", "housing").id
'housing'
>>> last_segment("https://w3id.org/interreg-kg/id/role/lead")
'lead'
>>> checked_id("medway-council"), checked_id("a b")
('medway-council', None)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal  # noqa: F401  (the doctests)

from api.schemas import ProjectSummary, Ref
from ontology.iris import local_part

__all__ = ["ref", "maybe_ref", "last_segment", "checked_id", "number", "date_value", "project_summary"]

_ID = re.compile(r"[A-Za-z0-9._~-]+")


def ref(iri: str, kind: str, label: object = None) -> Ref:
    """A :class:`Ref` to ``iri``, with its id when it is an IRI of that kind."""
    return Ref(iri=iri, id=local_part(iri, kind), label=None if label is None else str(label))


def maybe_ref(iri: object, kind: str, label: object = None) -> Ref | None:
    return None if iri is None else ref(str(iri), kind, label)


def last_segment(iri: object) -> str | None:
    """The last path segment of a vocabulary IRI (``.../role/lead`` gives ``lead``), or None."""
    return None if iri is None else str(iri).rstrip("/").rsplit("/", 1)[-1]


def checked_id(raw: str) -> str | None:
    """``raw`` if it can be the id part of a data IRI, else None (the route then answers 404)."""
    return raw if _ID.fullmatch(raw) else None


def number(value: object) -> float | None:
    """``value`` as a finite float, or None when it is missing or not a number (an ill-typed literal
    such as ``"a lot"^^xsd:decimal`` reaches here as its text: REST shows it as unknown rather than
    failing; a number written as a plain string still reads).

    >>> number(Decimal("1.5")), number("2"), number(None), number("a lot"), number("NaN")
    (1.5, 2.0, None, None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def date_value(value: object) -> dt.date | None:
    """``value`` if it is a date, else None (an ill-typed ``xsd:date`` literal reaches here as its text).

    >>> date_value(dt.date(2010, 1, 2)), date_value("sometime")
    (datetime.date(2010, 1, 2), None)
    """
    return value if isinstance(value, dt.date) else None


def project_summary(r: dict) -> ProjectSummary:
    """A row of the ``projects`` query (or one with its columns) as a :class:`ProjectSummary`."""
    return ProjectSummary(
        id=local_part(r["project"], "project") or r["project"],
        iri=r["project"],
        acronym=r["acronym"],
        title=r["title"],
        programme=maybe_ref(r["projectProgramme"], "programme", r["programmeLabel"]),
        period=maybe_ref(r["projectPeriod"], "period", last_segment(r["projectPeriod"])),
        start_date=date_value(r["startDate"]),
        end_date=date_value(r["endDate"]),
        participants=r["participants"] or 0,
    )
