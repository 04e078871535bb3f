"""Titles a page states outright: a fact sheet's title label, the rest of an "ACRONYM - Title" heading, and
the programme names that are not a project's title (used by :mod:`loader.extract.titles`).

>>> labelled_title("Acronym: KARO\\nProject title: Open care networks\\n", "KARO").text
'Open care networks'
>>> heading_after_acronym("KARO - Open care networks\\n\\nAcronym: KARO", "KARO").text
'Open care networks'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loader.extract.text import first_lines
from loader.records import Span

__all__ = ["FACT_LABEL", "TITLE_LABEL", "Found", "heading_after_acronym", "labelled_title", "programme_name"]

HAS_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Found:
    """A value read from the page and where it stands."""

    text: str
    span: Span


# Labels of a project's fact sheet (keep.eu and programme sites): the line above the first is its name.
FACT_LABEL = re.compile(
    r"^[ \t]*(?:pays|countries|country|land|l[äa]nder|landen|fronti[èe]re\(?s?\)?|borders?|grenze|"
    r"programmes?(?:\(s\))?(?:[ \t]+europ[ée]ens?(?:\(s\))?)?|programma|programm|th[èe]mes?(?:\(s\))?|themes?|"
    r"thema'?s?|lead partner|chef de file|porteur du projet|projectleider|leadpartner|duration|dur[ée]e|looptijd|"
    r"laufzeit|project period|p[ée]riode|total budget|budget total|totaal budget|gesamtbudget)[ \t]*:",
    re.IGNORECASE)


# A fact sheet's title label ("Project title:", "Intitulé du projet :", "Projecttitel:", "TITLE :"): its value
# is the title, whatever its words spell.
TITLE_LABEL = re.compile(r"^[ \t]*(?:project title|title|titre du projet|titre|intitul[ée] du projet|intitul[ée]|"
                         r"projecttitel|titel van het project|projekttitel|titel des projekts|titel)[ \t]*:[ \t]*"
                         r"(?P<v>[^\n]{2,200}?)[ \t]*$", re.IGNORECASE | re.MULTILINE)


def programme_name(name: str) -> bool:
    """Whether ``name`` is a programme's ("INTERREG III B North West Europe (NWE)"), also after a label
    ("Programme: ..."), not a project's.

    >>> programme_name("Programme: Interreg V-A France-Wallonie-Vlaanderen"), programme_name("Open care")
    (True, False)
    """
    return name.rsplit(":", 1)[-1].lstrip()[:8].casefold() == "interreg" or bool(FACT_LABEL.match(name))


def labelled_title(text: str, acronym: str | None) -> Found | None:
    """The value of the first title label (:data:`TITLE_LABEL`) that is not the acronym itself, or None."""
    for m in TITLE_LABEL.finditer(text):
        value = m.group("v").strip()
        if value == acronym or not HAS_WORD.search(value):
            continue
        return Found(value, Span(m.start("v"), m.start("v") + len(value)))
    return None


def heading_after_acronym(text: str, acronym: str) -> Found | None:
    """The rest of a heading "ACRONYM - Title" (or "ACRONYM – Title") among the page's first three lines
    that hold text, when it has two to sixteen words; None when there is none."""
    for start, line in first_lines(text, 3):
        m = re.match(rf"[ \t]*{re.escape(acronym)}[ \t]+[-–—][ \t]+(?P<t>\S[^\n]*?)[ \t]*$", line)
        if m and 2 <= len(m.group("t").split()) <= 16:
            return Found(m.group("t"), Span(start + m.start("t"), start + m.end("t")))
    return None
