"""The JSON-LD context of the REST answers, built from the ontology's namespaces.

Served at :data:`CONTEXT_PATH`; a JSON answer becomes JSON-LD by adding ``"@context": <that URL>``.
Each field of the REST models maps to the property the graph uses for it (``docs/graph-model.md``):
``iri`` is ``@id``, ``acronym`` is ``irg:acronym``, ``website`` is ``schema:url`` and so on; a page's
``data`` and ``count`` are Hydra's ``member`` and ``totalItems``. Fields without a graph property
(``participants``, ``projects`` counts) have no term and are left out of the RDF reading.

>>> ctx = context()["@context"]
>>> ctx["iri"], ctx["acronym"], ctx["irg"]
('@id', 'irg:acronym', 'https://w3id.org/interreg-kg/ontology#')
"""

from __future__ import annotations

from typing import Any

from ontology.namespaces import ID, PREFIXES

__all__ = ["CONTEXT_PATH", "context", "with_context"]

CONTEXT_PATH = "/ontology/context.jsonld"

_IRI = {"@type": "@id"}


def _ref(prop: str) -> dict[str, Any]:
    return {"@id": prop, **_IRI}


def context() -> dict[str, Any]:
    """The context document: prefixes, then one term per REST field that has a graph property."""
    terms: dict[str, Any] = {**PREFIXES, "hydra": "http://www.w3.org/ns/hydra/core#"}
    terms.update(
        {
            "iri": "@id",
            "id": "dcterms:identifier",
            "data": {"@id": "hydra:member"},
            "count": {"@id": "hydra:totalItems", "@type": "xsd:integer"},
            "acronym": "irg:acronym",
            "title": "dcterms:title",
            "label": "rdfs:label",
            "name": "schema:name",
            "other_names": "skos:altLabel",
            "programme": _ref("irg:programme"),
            "period": _ref("irg:period"),
            "measure": _ref("irg:measure"),
            "family": _ref("skos:broader"),
            "broader": _ref("skos:broader"),
            "notation": "skos:notation",
            "countries": "irg:countryCode",
            "start_date": {"@id": "schema:startDate", "@type": "xsd:date"},
            "end_date": {"@id": "schema:endDate", "@type": "xsd:date"},
            "total_budget_eur": {"@id": "irg:totalBudgetEur", "@type": "xsd:decimal"},
            "eu_funding_eur": {"@id": "irg:euFundingEur", "@type": "xsd:decimal"},
            "cofinancing_rate": {"@id": "irg:cofinancingRate", "@type": "xsd:decimal"},
            "website": _ref("schema:url"),
            "target_groups": _ref("irg:targetGroup"),
            "themes": _ref("irg:theme"),
            "results": _ref("irg:result"),
            "documents": _ref("prov:wasDerivedFrom"),
            "partners": {"@reverse": "irg:project"},
            "organisation": _ref("irg:organisation"),
            "project": _ref("irg:project"),
            "role": {"@id": "irg:role", "@type": "@vocab"},
            "lead": f"{ID}role/lead",
            "partner": f"{ID}role/partner",
            "associated": f"{ID}role/associated",
            "unknown": f"{ID}role/unknown",
            "country": "schema:addressCountry",
            "city": "schema:addressLocality",
            "source": _ref("dcterms:source"),
            "language": "dcterms:language",
            "format": "dcterms:format",
            "sha256": "irg:sha256",
            "loader_version": "irg:loaderVersion",
            "subject": _ref("rdf:subject"),
            "property": _ref("rdf:predicate"),
            "value": "rdf:object",
            "span": _ref("prov:wasDerivedFrom"),
            "quote": "oa:exact",
            "inferred": {"@id": "irg:inferred", "@type": "xsd:boolean"},
            "inferred_from": "irg:inferredFrom",
        }
    )
    return {"@context": terms}


def with_context(body: Any, context_url: str) -> Any:
    """``body`` (a JSON object) with ``@context`` first; a top-level list becomes ``@graph``.

    >>> with_context({"iri": "x"}, "http://h/ctx")
    {'@context': 'http://h/ctx', 'iri': 'x'}
    """
    if isinstance(body, list):
        return {"@context": context_url, "@graph": body}
    if isinstance(body, dict):
        return {"@context": context_url, **body}
    return body
