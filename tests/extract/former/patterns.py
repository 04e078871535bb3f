"""THE FORMER extraction patterns and helpers, before their first-letter lookaheads and pre-checks
(tests/extract/test_regex_prefixes.py holds the new ones to them)."""

from __future__ import annotations

import re

SKIP = re.compile(r"\bprojects\b|\bprojets\b|\bprojecten\b|\bprojekte\b|committed|engagé|ceiling|plafond|maximum|"
                  r"\bup to\b|jusqu'à|jusqu’à|tot maximaal|bis zu|\bmax\.|per partner|par partenaire|"
                  r"budget (?:for|pour|voor|für) (?!the\b|le\b|la\b|het\b|das\b|dit\b|ce\b)[A-ZÀ-Ý]", re.IGNORECASE)
EXCLUDED = re.compile(
    r"\b(?:interreg|programme|program|programma|programm|feder|erdf|efro|efre|fonds europ|european union|"
    r"union europ|europese unie|europäische union|commission europ|european commission|joint secretariat|"
    r"secrétariat conjoint|managing authority|autorité de gestion|seupb|special eu programmes body|"
    r"regional development fund|fonds européen|project|projet|projekt)\b", re.IGNORECASE)
STOP = re.compile(
    r"\b(?:budget|objecti[fv]|objectives?|doelstelling|ziel|description|beschrijving|beschreibung|r[ée]sultats?|"
    r"results?|resultaten|ergebnisse|financ|financi[eë]le|gegevens|th[èe]me|dur[ée]e|duration|looptijd|laufzeit|"
    r"start\s*date|end\s*date|begindatum|einddatum|gebied|territoire|area|emplacement|"
    r"project|projet|projekt|programme|program|key\s+objectives|how|summary|r[ée]sum[ée]|r[ôo]le|rol|"
    r"objecti\w*|r[ée]sultat\w*|result\w*|contexte?|context|background|ziele?|doelen)\b", re.IGNORECASE)
FUNDERS = re.compile(r"\b(?:co-?financ\w*|cofinanc\w*|financ\w+\s+(?:partners?|par)|partenaires\s+financiers|"
                     r"financeurs?|financiers|sponsors?|funders?|funded\s+by|supported\s+by|avec\s+le\s+soutien|"
                     r"met\s+steun|gef[öo]rdert|f[öo]rderer|geldgever\w*|subsidi[eë]nt\w*)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*(?:[•·●▪◦■□➢►\-–—*\ufffd]+|[o](?=\s)|\d{1,2}[.)](?=\s))\s*")


def strip_bullet(line: str) -> str:
    """A line without its list bullet ("•", "-", "o", "1.")."""
    return _BULLET_RE.sub("", line, count=1).strip()


# Before their look-behinds were made after the characters opening them (dates, partners).
YEAR_RANGE = re.compile(r"(?<![\d./-])((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?![\d/-]|\.\d)")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PERSON_AT = re.compile(r"(?<![\w'‘’\"“])(?P<person>[A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){1,2})\s+(?:at|from|de|"
                       r"van|von|bei|chez)\s+(?:the\s+|la\s+|le\s+|l['’]|der\s+|het\s+)?(?=(?P<rest>[^\n]{3,160}))")
RATE = re.compile(r"(?=\d)(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|per ?cent|procent|prozent)", re.IGNORECASE)

# money's EU, total and rate cues before their first-letter lookaheads.
EU = re.compile(r"erdf|feder|efro|efre|\beu\b[\w\s-]{0,25}(?:fund|financ|förder|grant|contribution|invest|subsid)|"
                r"european (?:funding|union funding|contribution|grant)|eu[- ]funding|eu[- ]förderung|"
                r"eu[- ]mittel|fonds europ[ée]ens?|financement europ[ée]en|europese (?:subsidie|bijdrage|steun)|"
                r"interreg (?:funding|grant|contribution)|eu contribution|eu invests|bijdrage uit|"
                r"(?:eu|europe) [\w ]{0,20}funded|cofinanc\w* (?:par|by) (?:l'|the )?(?:eu|ue|union)|"
                r"interreg[- ]?(?:subsidie|förderung|mittel|bijdrage|contribution)|participation (?:de l'ue|"
                r"européenne|communautaire)|contribution (?:de l'ue|européenne|communautaire)|eu-zuschuss|"
                r"europäische[rn]? (?:förderung|mittel|zuschuss)|fördersumme|europese subsidie|eu-subsidie",
                re.IGNORECASE)
TOTAL = re.compile(r"total|totaal|gesamt|budget|kosten|coût|cout|cost|eligible|éligible|subsidiabel|"
                   r"projektvolumen|project value|montant", re.IGNORECASE)
RATE_CUE = re.compile(r"erdf|feder|efro|efre|financ|funded|funding|gefördert|förder|cofinanc|co-financ|"
                      r"subsid|taux|intervention|rate\b|steun", re.IGNORECASE)
