"""Whether personal data (the contacts graphs: contact persons, e-mails, phones, whole texts) may
leave the service. Off by default; ``INTERREG_KG_PERSONAL_DATA=1`` turns it on for REST, linked
data, dumps and the ``/sparql/contacts`` endpoint alike. The contacts graphs live in a store of
their own beside the build's public store (``docs/decisions/0006-contacts-store.md``): the routes
open it only when this switch is on, and ``/sparql`` never reads it. This module is the one place
that decides; the endpoint's dataset (:mod:`api.sparql.dataset`) asks :func:`graph_admitted`.

>>> personal_data_allowed({}), personal_data_allowed({"INTERREG_KG_PERSONAL_DATA": "true"})
(False, True)
>>> graph_admitted("https://w3id.org/interreg-kg/graph/contacts/d1", False)
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ontology.namespaces import CONTACTS_GRAPH_PREFIX

__all__ = ["ENV_VAR", "personal_data_allowed", "graph_admitted"]

ENV_VAR = "INTERREG_KG_PERSONAL_DATA"


def personal_data_allowed(env: Mapping[str, str] | None = None) -> bool:
    """True only when :data:`ENV_VAR` is 1, true, yes or on."""
    raw = (os.environ if env is None else env).get(ENV_VAR, "")
    return raw.strip().lower() in ("1", "true", "yes", "on")


def graph_admitted(iri: str, personal_data: bool) -> bool:
    """Whether a request may name the graph ``iri``: every graph but the contacts ones, and those
    too when ``personal_data`` is on (``/sparql/contacts``; ``/sparql`` always passes False).

    >>> graph_admitted("https://w3id.org/interreg-kg/graph/contacts/d1", True)
    True
    >>> graph_admitted("https://w3id.org/interreg-kg/graph/document/d1", False)
    True
    """
    return personal_data or not iri.startswith(CONTACTS_GRAPH_PREFIX)
