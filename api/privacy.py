"""Whether personal data (the contacts graphs: contact persons, e-mails, phones, whole texts) may
leave the service, and which graphs that lets a request read. Off by default;
``INTERREG_KG_PERSONAL_DATA=1`` turns it on for REST, linked data, the SPARQL endpoint, dumps and
exports alike. This module is the one place that decides: the endpoint's dataset
(:mod:`api.sparql.dataset`) asks :func:`graph_admitted` and :func:`dataset_graphs`.

>>> personal_data_allowed({}), personal_data_allowed({"INTERREG_KG_PERSONAL_DATA": "true"})
(False, True)
>>> graph_admitted("https://w3id.org/interreg-kg/graph/contacts/d1", False)
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from pyoxigraph import NamedNode

from ontology.namespaces import CONTACTS_GRAPH_PREFIX

__all__ = ["ENV_VAR", "personal_data_allowed", "graph_admitted", "dataset_graphs"]

ENV_VAR = "INTERREG_KG_PERSONAL_DATA"


def personal_data_allowed(env: Mapping[str, str] | None = None) -> bool:
    """True only when :data:`ENV_VAR` is 1, true, yes or on."""
    raw = (os.environ if env is None else env).get(ENV_VAR, "")
    return raw.strip().lower() in ("1", "true", "yes", "on")


def graph_admitted(iri: str, personal_data: bool) -> bool:
    """Whether a request may read the graph ``iri``: every graph but the contacts ones, and those
    too when ``personal_data`` is on.

    >>> graph_admitted("https://w3id.org/interreg-kg/graph/contacts/d1", True)
    True
    >>> graph_admitted("https://w3id.org/interreg-kg/graph/document/d1", False)
    True
    """
    return personal_data or not iri.startswith(CONTACTS_GRAPH_PREFIX)


def dataset_graphs(public: Sequence[NamedNode], personal: Sequence[NamedNode],
                   personal_data: bool) -> tuple[NamedNode, ...]:
    """The graphs a query reads when it names none: ``public``, plus the contacts graphs
    ``personal`` when ``personal_data`` is on (sorted by IRI).

    >>> pub, con = [NamedNode("https://e/b")], [NamedNode("https://e/a")]
    >>> [g.value for g in dataset_graphs(pub, con, False)], [g.value for g in dataset_graphs(pub, con, True)]
    (['https://e/b'], ['https://e/a', 'https://e/b'])
    """
    if not personal_data:
        return tuple(public)
    return tuple(sorted({*public, *personal}, key=lambda g: g.value))
