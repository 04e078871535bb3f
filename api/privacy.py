"""Whether personal data (the contacts graphs: contact persons, e-mails, phones, whole texts) may
leave the service. Off by default; ``INTERREG_KG_PERSONAL_DATA=1`` turns it on for REST-side linked
data, dumps and exports alike (the SPARQL endpoint and named queries always read the public graphs).

>>> personal_data_allowed({}), personal_data_allowed({"INTERREG_KG_PERSONAL_DATA": "true"})
(False, True)
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["ENV_VAR", "personal_data_allowed"]

ENV_VAR = "INTERREG_KG_PERSONAL_DATA"


def personal_data_allowed(env: Mapping[str, str] | None = None) -> bool:
    """True only when :data:`ENV_VAR` is 1, true, yes or on."""
    raw = (os.environ if env is None else env).get(ENV_VAR, "")
    return raw.strip().lower() in ("1", "true", "yes", "on")
