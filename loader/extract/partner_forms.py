"""Legal forms and places written beside organisation names in partner entries.

Helpers of :mod:`loader.extract.partner_names` (pure functions over strings): a legal form whose dots
belong to the name ("e.V.", "a.s.b.l.", "Ltd."), a town with its country after a name ("Stadt Aachen,
Aachen (DE)"), an address glued after a name, a country written as a name or a code.

>>> join_towns(["Stadt Linz", "Linz (Oostenrijk)", "Ville de Lille", "Lille (FR)"])
['Stadt Linz, Linz (Oostenrijk)', 'Ville de Lille, Lille (FR)']
"""

from __future__ import annotations

import re

from loader.extract import places as pl

__all__ = ["AND", "LEGAL_FORM_RE", "ORG_WORD_RE", "TRAILING_PLACE_RE", "GLUED_ADDRESS_RE", "ends_sentence",
           "town_with_country", "join_towns", "country_of"]

AND = r"(?:and|et|en|und|&(?!\s*(?:Co|Cie)\b)|y)"  # "GmbH & Co. KG", "Dupont & Cie" are one name


# Legal forms that end (or sit inside) a name, in lower case or with dots: "Sociale Dienst Gent vzw",
# "Caritasverband Aachen e.V.", "Centre Social a.s.b.l.", "Kent Care Ltd.", "Pflegedienst GmbH & Co. KG".
LEGAL_FORM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?|(?:Ltd|Inc|Corp|Co|Cie|Bros)\.|(?i:i?vzw|a?i?sbl|cvba|bvba|sprl|scrl|"
                           r"vof|ggmbh|gmbh|mbh|s\.?r\.?o|z\.?s|o\.?p\.?s)\.?")


# A town's first letter: a capital of any Latin script ("České Budějovice", "Łódź"), or the "'s-" of
# "'s-Hertogenbosch".
_TOWN_START = rf"(?:['’][st][ \-])?[{pl.UPPER}]"
_TOWN_COUNTRY_RE = re.compile(r"(?P<town>[^()\d,;]+?)\s*\((?P<note>[^()]+)\)(?:\s*\([^()]*\))*"
                              rf"(?P<rest>\s+{AND}\s+\S.*)?", re.IGNORECASE)
_PLACE_LINKS = frozenset({"am", "an", "der", "sur", "sous", "en", "nad", "pod", "upon", "on", "de", "la", "le",
                          "les", "lès", "bei", "im", "aan", "den", "op", "in", "ob", "d'", "du", "del", "di"})


def town_with_country(chunk: str) -> re.Match[str] | None:
    """The match when a comma part of an entry is a town with its country in brackets ("Linz (Oostenrijk)",
    "Ústí nad Labem (CZ)"), possibly followed by a role note and by "and" and the next entry: one to four
    words, each capitalised (not in capitals) or a place link ("nad", "am", "sur"), no organisation word.

    >>> bool(town_with_country("Linz (Oostenrijk)")), bool(town_with_country("Aachen (DE) (lead partner)"))
    (True, True)
    >>> bool(town_with_country("Ville de Lille (FR)")), bool(town_with_country("CESI (FR)"))
    (False, False)
    """
    m = _TOWN_COUNTRY_RE.fullmatch(chunk.strip())
    if m is None:
        return None
    words = m.group("town").split()
    if not 1 <= len(words) <= 4 or ORG_WORD_RE.search(m.group("town")):
        return None
    for i, word in enumerate(words):
        word = re.sub(r"^['’][st]-", "", word)
        title = word[:1].isupper() and any(c.islower() for c in word)
        if not (title or i and word.lower() in _PLACE_LINKS):
            return None
    note = m.group("note").strip()
    if not (pl.bracket_country(f"({note})") or pl.country_code(note)):
        return None
    return m


def join_towns(chunks: list[str]) -> list[str]:
    """Comma parts with each "Town (Country)" part joined back to the entry before it ("Stadt Aachen, Aachen
    (DE)" is one entry whose town is Aachen), unless two such parts follow each other or the entry before
    has its own country (then they are entries: "Medway Council (UK), Diakonie (DE)")."""
    if not any("(" in c for c in chunks[1:]):
        return chunks
    towns = [town_with_country(c) for c in chunks]
    if not any(towns[1:]):
        return chunks
    if any(a and b for a, b in zip(towns, towns[1:], strict=False)) or towns[0]:
        return chunks
    out: list[str] = []
    for chunk, town in zip(chunks, towns, strict=True):
        if town is None or not out or pl.bracket_country(out[-1]) or _bracketed_country_name(out[-1]):
            out.append(chunk)
            continue
        rest = town.group("rest") or ""
        out[-1] = f"{out[-1]}, {chunk[:len(chunk) - len(rest)].strip()}" if rest else f"{out[-1]}, {chunk}"
        if rest:
            out.append(rest.strip())
    return out


def _bracketed_country_name(text: str) -> bool:
    return any(pl.country_code(note) for note in re.findall(r"\(([^()]+)\)", text))


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with a full stop that is not the dot of a legal form ("e.V.", "Ltd.", "S.A.").

    >>> ends_sentence("The partners meet twice a year."), ends_sentence("Caritasverband Aachen e.V.")
    (True, False)
    """
    if not line.endswith("."):
        return False
    last = line.rsplit(None, 1)[-1]
    return LEGAL_FORM_RE.fullmatch(last) is None


ORG_WORD_RE = re.compile(
    r"\b(?:council|university|universit[ée]|universiteit|universit[äa]t|centre|center|centrum|college|coll[èe]ge|"
    r"h[ôo]pital|hospital|ziekenhuis|stichting|association|vereniging|verein|asbl|vzw|gmbh|ministry|minist[èe]re|"
    r"d[ée]partement|department|province|provincie|ville|city|stad|stadt|gemeente|gemeinde|commune|kreis|agency|"
    r"agence|institut|institute|trust|foundation|fondation|service|office|school|[ée]cole|hochschule|hogeschool|"
    r"akademie|academy|caisse|mutualit[ée]|communaut[ée]|m[ée]tropole|authority|board|organisation|"
    r"\w+(?:amt|stelle|dienst|abteilung|afdeling|bureau|büro|zentrum|werk|verband|kasse))\b",
    re.IGNORECASE)


# ", Town" or ", Town, Country" ending an entry; a town's words may be joined by place links ("Ústí nad
# Labem", "Frankfurt am Main", "Alphen aan den Rijn").
TRAILING_PLACE_RE = re.compile(
    rf",\s*(?P<place>{_TOWN_START}[\w'’\-]+(?:[ \-](?:(?:{'|'.join(sorted(_PLACE_LINKS))})[ \-]){{0,2}}"
    rf"[{pl.UPPER}][\w'’\-]+){{0,2}})"
    r"(?:\s*,\s*(?P<country>[A-ZÀ-Ý][\w'’\- ]+))?$")


# An address glued to an entry after a comma: a postcode and town, a number and street ("12 rue X"), or a
# street and number ("Rue de Dave 165", "Hauptstraße 5", "Kerkstraat 12").
GLUED_ADDRESS_RE = re.compile(
    r",\s*(?=(?:[A-Z]{1,2}\s*[-–]\s*)?\d{4,5}\s+[A-ZÀ-Ý]|\d+[a-z]?,?\s+(?:rue|avenue|boulevard|place|"
    r"chauss[ée]e|street|road|straat|laan|stra(?:ss|ß)e|weg)\b|(?:rue|avenue|boulevard|chauss[ée]e|place)\s[^,]*\d|"
    r"[^\W\d_]+(?:straat|laan|stra(?:ss|ß)e|weg|gasse|platz|plein|str\.)\s*\d+[a-z]?\s*(?:,|$))", re.IGNORECASE)


def country_of(text: str) -> str | None:
    """The country a name or a code ("PL", "UK") written alone stands for."""
    found = pl.bracket_country(f"({text.strip()})")
    return found[0] if found else pl.country_code(text)
