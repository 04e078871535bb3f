"""Contact details as written in a text: e-mails, phones, websites and person names.

Pure functions over strings; the partner extractor decides which partner a detail belongs to.

>>> normalise_phone("+33-(0)3.20.11.34.16")
'+33320113416'
>>> normalise_website("https://www.projectparty.eu/")
'www.projectparty.eu'
>>> recase_person("Steffi SUHL")
'Steffi Suhl'
"""

from __future__ import annotations

import re

import phonenumbers

__all__ = [
    "EMAIL_RE",
    "PHONE_LABEL_RE",
    "EMAIL_LABEL_RE",
    "WEBSITE_LABEL_RE",
    "find_emails",
    "normalise_phone",
    "normalise_website",
    "recase_person",
    "recase_words",
    "looks_like_person",
]

EMAIL_RE = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}", re.IGNORECASE)
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'()]+", re.IGNORECASE)
PHONE_LABEL_RE = re.compile(r"^\s*(?:tel|tél|phone|telephone|téléphone|telefoon|telefon|tel\.?\s*nr)\.?\s*:?\s*",
                            re.IGNORECASE)
FAX_LABEL_RE = re.compile(r"^\s*fax\.?\s*:?\s*", re.IGNORECASE)
EMAIL_LABEL_RE = re.compile(r"^\s*(?:e-?mail|mail|courriel)\s*:?\s*", re.IGNORECASE)
WEBSITE_LABEL_RE = re.compile(r"^\s*(?:website|site(?: web| internet)?|webseite|homepage|web|internet|url)\s*:?\s*",
                              re.IGNORECASE)

# Words that keep their capitals when a name written in capitals is re-cased.
ACRONYMS = frozenset({
    "CCAS", "CPAS", "OCMW", "CHU", "CHR", "GEIE", "EGTC", "GECT", "EVTZ", "CPAM", "CAF", "ASBL", "VZW",
    "GGD", "EU", "UK", "NHS", "CIC", "CIN", "LEP", "MGEN", "ARS", "CNAM", "CNAMTS", "CCMSA", "CLEISS",
    "NGO", "ONG", "UDCCAS", "VDAB", "FOREM", "AVIQ", "HSE", "CESI", "IMT", "GmbH", "eV",
    "II", "III", "IV",
})
# Words written in lower case inside a re-cased name (articles, prepositions, conjunctions).
SMALL_WORDS = frozenset({
    "de", "du", "des", "la", "le", "les", "et", "en", "of", "and", "the", "for", "van", "voor", "der",
    "den", "het", "op", "und", "für", "fur", "von", "zu", "zur", "im", "à", "au", "aux", "sur", "pour",
    "d", "l", "dei", "della", "di",
})


def find_emails(text: str) -> list[tuple[str, int, int]]:
    """All e-mail addresses in ``text`` with their offsets.

    >>> find_emails("Email: vicky.o'riordan@kent.gov.uk.")
    [("vicky.o'riordan@kent.gov.uk", 7, 34)]
    """
    return [(m.group(0).rstrip("."), m.start(), m.start() + len(m.group(0).rstrip(".")))
            for lo, hi in _runs_around_at(text) for m in EMAIL_RE.finditer(text, lo, hi)]


def _runs_around_at(text: str):
    """Start and end of each run of non-space characters holding an "@": no address spans a space, so
    scanning these runs finds what scanning the whole text finds, without trying every word."""
    at = text.find("@")
    while at >= 0:
        lo = hi = at
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        yield lo, hi
        at = text.find("@", hi)


_NOT_DIGIT_OR_PLUS_RE = re.compile(r"[^\d+]")
_SPACES_RE = re.compile(r"\s+")
_NOT_DIGIT_RE = re.compile(r"\D")


def normalise_phone(raw: str, region: str | None = None) -> str | None:
    """A phone number as E.164, or None when ``raw`` is not a valid number.

    :param raw: the number as written ("+33-(0)3.20.11.34.16", "+33 360 010 241", "056 24 41 27").
    :param region: ISO alpha-2 country used for national numbers (without ``+``).

    >>> normalise_phone("+33 360 010 241"), normalise_phone("+32-(0)56.24.41.27")
    ('+33360010241', '+3256244127')
    >>> normalise_phone("056 24 41 27", "BE"), normalise_phone("12")
    ('+3256244127', None)
    """
    cleaned = raw.replace("(0)", " ").strip()
    cleaned = _NOT_DIGIT_OR_PLUS_RE.sub(" ", cleaned)
    cleaned = _SPACES_RE.sub("", cleaned)
    if len(_NOT_DIGIT_RE.sub("", cleaned)) < 8:
        return None
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, None if cleaned.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_region(e164: str) -> str | None:
    """The ISO alpha-2 country of an E.164 number (``+44`` -> ``GB``), or None.

    >>> phone_region("+441634334320"), phone_region("+3256244127")
    ('GB', 'BE')
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    if not region or region == "ZZ":
        regions = phonenumbers.region_codes_for_country_code(number.country_code)
        region = regions[0] if regions else None
    return region


def normalise_website(raw: str) -> str:
    """A website as written without scheme, trailing slash or trailing punctuation.

    >>> normalise_website("http://www.amiens.fr/"), normalise_website("www.medway.gov.uk/agir.")
    ('www.amiens.fr', 'www.medway.gov.uk/agir')
    """
    site = raw.strip().strip("<>").rstrip(".,;)")
    site = re.sub(r"^https?://", "", site, flags=re.IGNORECASE)
    return site.rstrip("/")


def find_urls(text: str) -> list[tuple[str, int, int]]:
    """URLs and ``www.`` hosts in ``text`` with their offsets."""
    out = []
    for m in URL_RE.finditer(text):
        raw = m.group(0).rstrip(".,;)>")
        out.append((raw, m.start(), m.start() + len(raw)))
    return out


_KEEP_UPPER = {a.upper(): a for a in ACRONYMS}


_WORD_JOINT_RE = re.compile(r"([-'’])")


def _cap_word(word: str, keep: dict[str, str], first: bool) -> str:
    parts = _WORD_JOINT_RE.split(word)
    out = []
    for i, part in enumerate(parts):
        if not part or part in "-'’":
            out.append(part)
        elif part.upper() in keep:
            out.append(keep[part.upper()])
        elif part.lower() in SMALL_WORDS and not (first and i == 0):
            out.append(part.lower())
        else:
            out.append(part[:1].upper() + part[1:].lower())
    return "".join(out)


def recase_words(name: str) -> str:
    """Re-case a name written in capitals: words capitalised, small words lower, acronyms kept.

    >>> recase_words("UNION DÉPARTEMENTALE DES CCAS DU NORD")
    'Union Départementale des CCAS du Nord'
    >>> recase_words("CENTRE COMMUNAL D'ACTION SOCIALE DE LILLE")
    "Centre Communal d'Action Sociale de Lille"
    >>> recase_words("PROVINCIE WEST-VLAANDEREN")
    'Provincie West-Vlaanderen'
    """
    words = name.split()
    return " ".join(_cap_word(w, _KEEP_UPPER, i == 0) for i, w in enumerate(words))


def recase_person(name: str) -> str:
    """A person's name with surnames written in capitals re-cased.

    >>> recase_person("Solene FERREIRA"), recase_person("Vicky O'Riordan")
    ('Solene Ferreira', "Vicky O'Riordan")
    """
    words = []
    for word in name.split():
        parts = _WORD_JOINT_RE.split(word)
        words.append("".join(p[:1].upper() + p[1:].lower() if len(p) > 1 and p.isupper() else p for p in parts))
    return " ".join(words)


_ORG_WORDS = re.compile(
    r"\b(council|university|universit|centre|center|centrum|college|collège|hôpital|hospital|stichting|"
    r"association|asbl|vzw|gmbh|ministry|ministère|département|department|province|provincie|ville|city|"
    r"gemeente|stadt|kreis|region|région|agence|agency|institut|institute|trust|foundation|fondation|"
    r"service|services|mutualit|caisse|office|school|hochschule|akademie|academy|group|groupe|network|"
    r"société|company|help|care|health|santé|zorg|welzijn|sociale|social|communauté|metropole|métropole|"
    r"les|la|le|the)\b|\w(?:school|schule|huis|haus|zentrum|centrum|werk|dienst|amt|verband|kasse|hochschule|"
    r"gemeinde|stichting|zorg|hulp)\b", re.IGNORECASE)
_PERSON_RE = re.compile(r"^(?:(?:Dr|Prof|Mr|Mrs|Ms|M|Mme|Dhr|Mevr|Herr|Frau)\.?\s+)?"
                        r"[A-ZÀ-Ý][\w'’\-]+(?:\s+(?:(?:van|de|der|den|von|el|le|la|du|da)\s+)*"
                        r"[A-ZÀ-Ý][\w'’\-]+){1,3}$")


def looks_like_person(line: str) -> bool:
    """Whether a short line reads as a person's name (two to four capitalised words, no org words).

    >>> looks_like_person("Salah El Manouzi"), looks_like_person("Kent County Council")
    (True, False)
    >>> looks_like_person("Steffi SUHL"), looks_like_person("Migrant Help")
    (True, False)
    """
    line = line.strip()
    if not line or len(line) > 50 or any(ch.isdigit() for ch in line) or "@" in line:
        return False
    if _ORG_WORDS.search(line):
        return False
    return bool(_PERSON_RE.match(line))
