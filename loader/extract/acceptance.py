"""Whether an extracted record describes a project: the one acceptance rule of the loaders.

A document is accepted when it yields a project name (a title or an acronym) and at least one more
fact read from its text: a programme, a partner, a start or end date, or a budget (total or EU
funding). A programme inferred from the source URL is not read from the text and does not count.
A name that is only a programme's name ("Interreg 2 Seas Programme") is not a project's name.
Social inclusion is not a filter: any Interreg project is accepted.

Everything else (a cookie banner, a programme's home page, a news list) is refused with a reason.

>>> from loader.records import Document, ProjectRecord
>>> doc = Document(key="d", path="d.txt", media_type="text/plain", text="AGIR 2010", sha256="0" * 64)
>>> refusal(ProjectRecord(document=doc, key="agir", acronym="AGIR", start_date="2010"))
>>> refusal(ProjectRecord(document=doc, key="agir", acronym="AGIR"))
'a name (AGIR) but no programme, partner, date or budget'
>>> refusal(ProjectRecord(document=doc, key="d", start_date="2010"))
'no project title or acronym'
"""

from __future__ import annotations

import re
import unicodedata

from loader.errors import NotAProjectError
from loader.records import ProjectRecord

__all__ = ["refusal", "check_accepted"]

# Words of programme names that say nothing about a project.
_GENERIC = frozenset({
    "interreg", "programme", "program", "programma", "programm", "cooperation", "co", "operation",
    "cross", "border", "crossborder", "territorial", "european", "europeenne", "europese", "europaische",
    "the", "of", "de", "la", "le", "du", "des", "het", "van", "der", "die", "das", "and", "et", "en", "und",
    "i", "ii", "iii", "iv", "v", "vi", "a", "b", "c", "iva", "iiia", "va", "via", "samenwerkingsprogramma",
    "kooperationsprogramm", "transfrontalier", "transfrontaliere", "grensoverschrijdend", "home", "accueil",
    "welcome", "bienvenue", "welkom", "willkommen",
})


def _words(text: str) -> set[str]:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return {w for w in re.split(r"[^a-z0-9]+", folded) if w and not w.isdigit()}


def _is_programme_name(name: str, record: ProjectRecord) -> bool:
    """Whether ``name`` holds nothing but programme words (generic ones and the found programme's label)."""
    label = _words(record.programme.label) if record.programme else set()
    words = _words(name)
    return bool(words) and "interreg" in words | label and words <= _GENERIC | label


def refusal(record: ProjectRecord) -> str | None:
    """Why ``record`` is not a project description, or None when it is accepted.

    :param record: what extraction read from one document.
    :returns: a short reason (no file name), or None.
    """
    names = [n for n in (record.title, record.acronym) if n and not _is_programme_name(n, record)]
    if not names:
        if record.title or record.acronym:
            return f"its only name ({record.title or record.acronym}) is a programme's name"
        return "no project title or acronym"
    programme_read = record.programme is not None and "programme" not in record.inferred
    if (programme_read or record.partners or record.start_date or record.end_date
            or record.total_budget_eur is not None or record.eu_funding_eur is not None):
        return None
    return f"a name ({names[0]}) but no programme, partner, date or budget"


def check_accepted(record: ProjectRecord) -> ProjectRecord:
    """``record`` itself when it describes a project.

    :raises NotAProjectError: naming the document's path and the reason otherwise.
    """
    reason = refusal(record)
    if reason is not None:
        raise NotAProjectError(record.document.path, reason)
    return record
