"""Response models of the REST facade (pydantic), as the OpenAPI document at ``/docs`` shows them.

Lists come in an envelope ``{"data": [...], "count": <total matches>}``: ``count`` is the number of
matches before paging, so a client pages with ``limit``/``offset`` until it has ``count`` items.
No model has a field for a person's name, e-mail or telephone: contact details are never served.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

__all__ = [
    "Page",
    "Ref",
    "DateValue",
    "DocumentRef",
    "ProjectSummary",
    "ProjectPartner",
    "ProjectDetail",
    "PartnerSummary",
    "PartnerProject",
    "PartnerDetail",
    "Programme",
    "Concept",
    "Health",
    "Version",
]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list: ``data`` and ``count``, the total number of matches."""

    data: list[T]
    count: int = Field(description="number of matches before paging")


class Ref(BaseModel):
    """A thing of the graph: its ``iri``, its ``id`` (the part after ``id/{kind}/``) and a label."""

    iri: str
    id: str | None = None
    label: str | None = None


class DateValue(BaseModel):
    """A date as stated: ``precision`` says whether the day, month or only the year was given."""

    date: dt.date
    precision: str | None = Field(None, description="day, month or year")


class DocumentRef(BaseModel):
    iri: str
    title: str | None = None
    source: str | None = Field(None, description="where the document was fetched from")


class ProjectSummary(BaseModel):
    id: str
    iri: str
    acronym: str | None = None
    title: str | None = None
    programme: Ref | None = None
    period: Ref | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    participants: int = 0


class ProjectPartner(BaseModel):
    organisation: Ref
    role: str | None = Field(None, description="lead, partner, associated or unknown")
    country: str | None = None
    city: str | None = None
    website: str | None = None


class ProjectDetail(BaseModel):
    id: str
    iri: str
    acronym: str | None = None
    title: str | None = None
    programme: Ref | None = None
    period: Ref | None = None
    measure: Ref | None = None
    start: DateValue | None = None
    end: DateValue | None = None
    total_budget_eur: float | None = None
    eu_funding_eur: float | None = None
    cofinancing_rate: float | None = Field(None, description="fraction from 0 to 1")
    website: str | None = None
    partners: list[ProjectPartner] = []
    target_groups: list[Ref] = []
    themes: list[Ref] = []
    results: list[Ref] = []
    documents: list[DocumentRef] = []


class PartnerSummary(BaseModel):
    id: str
    iri: str
    name: str | None = None
    country: str | None = None
    city: str | None = None
    projects: int = 0
    leads: int = 0


class PartnerProject(BaseModel):
    project: Ref
    role: str | None = None


class PartnerDetail(BaseModel):
    id: str
    iri: str
    name: str | None = None
    other_names: list[str] = []
    country: str | None = None
    city: str | None = None
    website: str | None = None
    projects: list[PartnerProject] = []


class Programme(BaseModel):
    id: str | None
    iri: str
    label: str | None = None
    notation: str | None = Field(None, description="the CCI code")
    period: Ref | None = None
    family: Ref | None = None
    countries: list[str] = []
    projects: int = 0


class Concept(BaseModel):
    id: str | None
    iri: str
    label: str | None = None
    broader: str | None = None
    projects: int = 0


class Health(BaseModel):
    status: str
    build: str | None = None
    graphs: int


class Version(BaseModel):
    version: str
    graph_model: str
