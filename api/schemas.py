"""Response models of the REST facade (pydantic), as the OpenAPI document at ``/docs`` shows them.

Lists come in an envelope ``{"data": [...], "count": <total matches>}``: ``count`` is the number of
matches before paging, so a client pages with ``limit``/``offset`` until it has ``count`` items.
Only :class:`ContactPoint` has fields for a person's name, e-mail or telephone, and its route answers
403 unless the service is configured to serve personal data (off by default).
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
    "ProgrammeDetail",
    "Count",
    "Totals",
    "Stats",
    "Fact",
    "DocumentDetail",
    "QueryParameterInfo",
    "QueryInfo",
    "QueryResult",
    "ContactPoint",
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
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "agir",
                    "iri": "https://w3id.org/interreg-kg/id/project/agir",
                    "acronym": "AGIR",
                    "title": "Action to Generate Inclusion for Residents of Migrant Background",
                    "programme": {
                        "iri": "https://w3id.org/interreg-kg/id/programme/iv-a-france-channel-england",
                        "id": "iv-a-france-channel-england",
                        "label": "Interreg IV A France (Channel) England",
                    },
                    "period": {
                        "iri": "https://w3id.org/interreg-kg/id/period/2007-2013",
                        "id": "2007-2013",
                        "label": "2007-2013",
                    },
                    "start_date": "2011-04-01",
                    "end_date": "2015-03-31",
                    "participants": 4,
                }
            ]
        }
    }

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
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "agir",
                    "iri": "https://w3id.org/interreg-kg/id/project/agir",
                    "acronym": "AGIR",
                    "title": "Action to Generate Inclusion for Residents of Migrant Background",
                    "start": {"date": "2011-04-01", "precision": "month"},
                    "end": {"date": "2015-03-31", "precision": "month"},
                    "total_budget_eur": 1500000.0,
                    "eu_funding_eur": 750000.0,
                    "partners": [
                        {
                            "organisation": {
                                "iri": "https://w3id.org/interreg-kg/id/organisation/medway-council",
                                "id": "medway-council",
                                "label": "Medway Council",
                            },
                            "role": "lead",
                            "country": "GB",
                            "city": "Gillingham",
                        }
                    ],
                    "target_groups": [
                        {
                            "iri": "https://w3id.org/interreg-kg/id/target-group/migrants",
                            "id": "migrants",
                            "label": "migrants",
                        }
                    ],
                    "themes": [
                        {
                            "iri": "https://w3id.org/interreg-kg/id/theme/housing",
                            "id": "housing",
                            "label": "housing",
                        }
                    ],
                }
            ]
        }
    }

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
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "medway-council",
                    "iri": "https://w3id.org/interreg-kg/id/organisation/medway-council",
                    "name": "Medway Council",
                    "country": "GB",
                    "city": "Gillingham",
                    "projects": 2,
                    "leads": 2,
                }
            ]
        }
    }

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
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "communaute-urbaine-de-dunkerque",
                    "iri": "https://w3id.org/interreg-kg/id/organisation/communaute-urbaine-de-dunkerque",
                    "name": "Communauté Urbaine de Dunkerque",
                    "other_names": ["Greater Dunkirk District Council"],
                    "country": "FR",
                    "city": "Dunkerque",
                    "projects": [
                        {
                            "project": {
                                "iri": "https://w3id.org/interreg-kg/id/project/conmiixt",
                                "id": "conmiixt",
                                "label": "CONMIIXT",
                            },
                            "role": "partner",
                        }
                    ],
                }
            ]
        }
    }

    id: str
    iri: str
    name: str | None = None
    other_names: list[str] = []
    country: str | None = None
    city: str | None = None
    website: str | None = None
    projects: list[PartnerProject] = []


class Programme(BaseModel):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "iv-a-france-channel-england",
                    "iri": "https://w3id.org/interreg-kg/id/programme/iv-a-france-channel-england",
                    "label": "Interreg IV A France (Channel) England",
                    "notation": "2007CB163PO001",
                    "period": {
                        "iri": "https://w3id.org/interreg-kg/id/period/2007-2013",
                        "id": "2007-2013",
                        "label": "2007-2013",
                    },
                    "family": {
                        "iri": "https://w3id.org/interreg-kg/id/programme-family/france-channel-england",
                        "id": "france-channel-england",
                    },
                    "countries": ["FR", "GB"],
                    "projects": 1,
                }
            ]
        }
    }

    id: str | None
    iri: str
    label: str | None = None
    notation: str | None = Field(None, description="the CCI code")
    period: Ref | None = None
    family: Ref | None = None
    countries: list[str] = []
    projects: int = 0


class Concept(BaseModel):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "migrants",
                    "iri": "https://w3id.org/interreg-kg/id/target-group/migrants",
                    "label": "migrants",
                    "broader": None,
                    "projects": 2,
                }
            ]
        }
    }

    id: str | None
    iri: str
    label: str | None = None
    broader: str | None = None
    projects: int = 0


class Health(BaseModel):
    model_config = {
        "json_schema_extra": {
            "examples": [{"status": "ok", "build": "20261127T091500-4242-000", "graphs": 42}]
        }
    }

    status: str
    build: str | None = None
    graphs: int


class Version(BaseModel):
    model_config = {"json_schema_extra": {"examples": [{"version": "0.1.0", "graph_model": "v1"}]}}

    version: str
    graph_model: str


class ProgrammeDetail(Programme):
    """A programme with the projects linked to it or to a programme below it."""

    broader: list[Ref] = Field([], description="the family and generation the programme belongs to")
    project_list: list[ProjectSummary] = Field([], description="its projects, ordered by acronym")


class Count(BaseModel):
    """How many projects (and organisations) one value of a dimension has."""

    key: str = Field(description="the id of the concept, or the country code")
    label: str | None = None
    projects: int = 0
    organisations: int | None = None


class Totals(BaseModel):
    projects: int
    projects_with_budget: int
    projects_with_eu_funding: int
    total_budget_eur: float = Field(description="sum of the projects' total budgets that are known")
    eu_funding_eur: float = Field(description="sum of the projects' EU funding that is known")


class Stats(BaseModel):
    """Counts and totals for a dashboard, computed on the build being served."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "counts": {
                        "projects": 3,
                        "organisations": 8,
                        "participations": 10,
                        "documents": 3,
                        "programmes": 3,
                        "statements": 12,
                    },
                    "totals": {
                        "projects": 3,
                        "projects_with_budget": 2,
                        "projects_with_eu_funding": 2,
                        "total_budget_eur": 2642943.65,
                        "eu_funding_eur": 1333540.04,
                    },
                    "by_period": [
                        {"key": "2007-2013", "label": "2007-2013", "projects": 2, "organisations": 7}
                    ],
                    "by_programme": [],
                    "by_country": [],
                    "by_target_group": [],
                    "by_theme": [],
                }
            ]
        }
    }

    counts: dict[str, int]
    totals: Totals
    by_period: list[Count] = []
    by_programme: list[Count] = []
    by_country: list[Count] = []
    by_target_group: list[Count] = []
    by_theme: list[Count] = []


class Fact(BaseModel):
    """One thing extracted from a document, and where: the span of its text (or how it was inferred)."""

    subject: str
    property: str | None = Field(
        None, description="the property; none for a participation or result citing a span"
    )
    value: str | None = None
    span: str | None = Field(None, description="the span IRI, id/document/{id}#char=start,end")
    start: int | None = Field(None, description="first character (0-based code points)")
    end: int | None = Field(None, description="character after the last")
    quote: str | None = Field(None, description="the text of the span")
    inferred: bool = False
    inferred_from: str | None = None


class DocumentDetail(BaseModel):
    """A source document, its load record, and every fact read from it with its span."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "001_6ad943d2a728cbed",
                    "iri": "https://w3id.org/interreg-kg/id/document/001_6ad943d2a728cbed",
                    "title": "001_6ad943d2a728cbed.txt",
                    "language": "fr",
                    "format": "text/plain",
                    "projects": [
                        {"iri": "https://w3id.org/interreg-kg/id/project/agir", "id": "agir", "label": "AGIR"}
                    ],
                    "facts": [
                        {
                            "subject": "https://w3id.org/interreg-kg/id/project/agir",
                            "property": "https://w3id.org/interreg-kg/ontology#acronym",
                            "value": "AGIR",
                            "span": "https://w3id.org/interreg-kg/id/document/001_6ad943d2a728cbed#char=0,4",
                            "start": 0,
                            "end": 4,
                            "quote": "AGIR",
                            "inferred": False,
                            "inferred_from": None,
                        }
                    ],
                }
            ]
        }
    }

    id: str
    iri: str
    title: str | None = None
    language: str | None = None
    format: str | None = None
    source: str | None = Field(None, description="where the document was fetched from")
    sha256: str | None = None
    loaded_at: str | None = None
    loader_version: str | None = None
    projects: list[Ref] = []
    facts: list[Fact] = []


class QueryParameterInfo(BaseModel):
    name: str
    type: str = Field(description="iri, iri:KIND, string, country, integer, decimal, date or boolean")
    default: str | None = None
    description: str = ""


class QueryInfo(BaseModel):
    """A named query of ``queries/``: what it answers and the parameters it takes."""

    name: str
    title: str
    description: str
    parameters: list[QueryParameterInfo] = []
    sparql: str | None = Field(None, description="the query text (only in the single-query answer)")


class QueryResult(BaseModel):
    """The rows of a named query, one object per row (variable -> value), with the total before paging."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "query": "lead_partners_by_country",
                    "variables": ["country", "organisation"],
                    "data": [
                        {
                            "country": "GB",
                            "organisation": "https://w3id.org/interreg-kg/id/organisation/medway-council",
                        }
                    ],
                    "count": 1,
                }
            ]
        }
    }

    query: str
    variables: list[str]
    data: list[dict[str, str | int | float | bool | None]]
    count: int = Field(description="number of rows before paging")


class ContactPoint(BaseModel):
    """Personal data: served only when the service is configured to (``INTERREG_KG_PERSONAL_DATA=1``)."""

    organisation: Ref
    name: str | None = None
    email: str | None = Field(None, description="an e-mail address as an IRI (the mailto scheme)")
    telephone: str | None = Field(None, description="a telephone number as an IRI (the tel scheme)")
