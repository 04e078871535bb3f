"""THE FORMER ``loader.extract.partner_names`` (before the answers of lines and sentences were kept across pages): tests/extract/test_memo.py holds the new one to it.

Original docstring:
Organisation names in running text: cleaning, proper-name runs, inline lists, long forms.

Helpers of :mod:`loader.extract.partners`; pure functions over strings.

>>> clean_name("  La CPAM de Maubeuge ;")
'CPAM de Maubeuge'
>>> split_list("New Anglia LEP, Norfolk County Council, Finistère Department and CESI.")
['New Anglia LEP', 'Norfolk County Council', 'Finistère Department', 'CESI']
>>> leading_run("Der Bezirk Ústí ist Leadpartner in diesem Projekt.")
'Bezirk Ústí'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loader.extract import places as pl
from loader.extract.contacts import recase_words
from loader.extract.partner_forms import (
    AND,
    GLUED_ADDRESS_RE,
    LEGAL_FORM_RE,
    ORG_WORD_RE,
    TRAILING_PLACE_RE,
    country_of,
    ends_sentence,
    join_towns,
)
from loader.records import Span

__all__ = [
    "LEAD_WORDS",
    "ASSOC_WORDS",
    "role_of",
    "parse_entry",
    "Mention",
    "clean_name",
    "strip_article",
    "leading_run",
    "trailing_run",
    "split_list",
    "long_forms",
    "name_like",
    "is_excluded",
    "list_item_like",
    "is_capitalised",
    "glued_entry",
]

_ARTICLE_RE = re.compile(r"^(?:(?:the|le|la|het|der|die|das|dem|den|de|een|a|an)\s+|l['’]\s*)(?=\S)", re.IGNORECASE)
_QUOTES = "\"'“”„«»‘’‚"
CONNECTORS = frozenset({
    "of", "de", "du", "des", "la", "le", "les", "d'", "l'", "d’", "l’", "van", "voor", "der", "den", "het",
    "für", "fur", "und", "and", "et", "en", "von", "zu", "zur", "am", "im", "pour", "sur", "à", "aux", "au",
    "for", "the", "|", "-", "–", "/", "&", "del", "della", "di", "op", "in",
})
_STOP_CONNECTORS = frozenset({"and", "et", "en", "und", "&", "in"})
_EXCLUDED_RE = re.compile(  # the lookahead: the alternatives' first letters (a faster scan)
    r"(?=[acefijmprsu])\b(?:interreg|programme|program|programma|programm|feder|erdf|efro|efre|fonds europ|european union|"
    r"union europ|europese unie|europäische union|commission europ|european commission|joint secretariat|"
    r"secrétariat conjoint|managing authority|autorité de gestion|seupb|special eu programmes body|"
    r"regional development fund|fonds européen|project|projet|projekt)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*(?:[•·●▪◦■□➢►\-–—*\ufffd]+|[o](?=\s)|\d{1,2}[.)](?=\s))\s*")
_BULLET_FIRST = frozenset("•·●▪◦■□➢►-–—*\ufffdo")  # what a bullet opens with, besides a digit


def strip_article(name: str) -> str:
    """``name`` without a leading singular article (le, la, l', the, het, der, die, das, de).

    >>> strip_article("L'Hôpital de Vervins"), strip_article("Les Deux Rives")
    ('Hôpital de Vervins', 'Les Deux Rives')
    """
    out = _ARTICLE_RE.sub("", name, count=1)
    return out or name


def strip_bullet(line: str) -> str:
    """A line without its list bullet ("•", "-", "o", "1.").

    >>> strip_bullet("  • Huis voor de Zorg (NL)")
    'Huis voor de Zorg (NL)'
    """
    body = line.lstrip()  # what _BULLET_RE's \s* skips: str.isspace() is re's \s
    if not body or (body[0] not in _BULLET_FIRST and not body[0].isdecimal()):
        return body.rstrip()  # no bullet can match: most lines (tests/extract/test_regex_prefixes.py)
    return _BULLET_RE.sub("", line, count=1).strip()


def _mostly_capitals(name: str) -> bool:
    letters = list(filter(str.isalpha, name))  # filter and map: no Python code per character
    return len(letters) > 5 and sum(map(str.isupper, letters)) / len(letters) > 0.85


_ABBREVIATED_END_RE = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Ltd|Inc|Co|Corp|Bros)\.)\s*$")


def clean_name(name: str) -> str:
    """A name as written, trimmed: quotes, bullets, trailing punctuation and a leading article dropped;
    a name written in capitals re-cased (acronyms kept)."""
    name = strip_bullet(name)
    stripped = name.strip()  # every match of _ABBREVIATED_END_RE ends with a dot, then spaces only
    abbreviated = _ABBREVIATED_END_RE.search(stripped) if stripped.endswith(".") else None
    name = " ".join(name.split()).strip(_QUOTES + " ,;:*")
    name = name if abbreviated else name.rstrip(".").strip(_QUOTES + " ,;:*")
    name = name.replace("\u00ae", "®")
    name = strip_article(name).strip(_QUOTES + " ,;:")
    if _mostly_capitals(name) and len(name.split()) > 1:
        name = recase_words(name)
    return name


def is_capitalised(token: str) -> bool:
    """Whether a token can be part of a proper name (a capital among its first letters, or a digit).

    >>> is_capitalised("euPrevent|EMR"), is_capitalised("Ústí"), is_capitalised("project")
    (True, True, False)
    """
    core = token.strip(_QUOTES + "(),.;:")
    if not core:
        return False
    if len(core) > 1 and core[0] in "lLdD" and core[1] in "'’":
        core = core[2:]
    return any(map(str.isupper, core[:3])) or (core[0].isdigit() and len(core) <= 4 and core[-1].isalpha())


_ADJECTIVE_RE = re.compile(r"^[a-zà-ÿ]{3,}(?:al|ale|aux|ien|ienne|ique|ais|aise|el|elle|if|ive|é|ée|aire|ois|oise|"
                           r"ier|ière|eur|rice)s?$")
_TOKEN_RE = re.compile(r"\([^()]*\)|[^\s()]+")


def _run(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for i, tok in enumerate(tokens):
        bare = tok.strip(_QUOTES)
        if out and LEGAL_FORM_RE.fullmatch(bare.rstrip(",;:")):
            out.append(bare.rstrip(",;:"))  # the dot of "e.V." is the name's
            if bare[-1:] in ",;:":
                break
            continue
        if tok.startswith("("):
            inner = tok[1:-1]
            if out and re.fullmatch(r"[A-ZÀ-Ý][\w|&'’.\- ]{0,40}", inner) and is_capitalised(inner):
                out.append(tok)
                continue
            break
        if is_capitalised(bare):
            out.append(bare.rstrip(",.;:"))
            if bare[-1:] in ",.;:":
                break
            continue
        low = bare.lower()
        nxt = tokens[i + 1].strip(_QUOTES) if i + 1 < len(tokens) else ""
        after = tokens[i + 2].strip(_QUOTES) if i + 2 < len(tokens) else ""
        if out and low in CONNECTORS and nxt and is_capitalised(nxt) and not tok.endswith(","):
            out.append(bare)
            continue
        if out and _ADJECTIVE_RE.match(bare) and (is_capitalised(nxt) or nxt.lower() in CONNECTORS
                                                  and is_capitalised(after)):
            out.append(bare)  # "Conseil départemental du Nord", "Mutualité chrétienne Verviers-Eupen"
            continue
        break
    while out and out[-1].lower() in CONNECTORS:
        out.pop()
    return out


_ELIDED_ARTICLE_RE = re.compile(r"^([lLdD]['’])(?=[A-ZÀ-Ý])")


def leading_run(text: str) -> str:
    """The proper name that starts ``text`` (a leading article dropped), or ``""``."""
    text = strip_article(text.strip().lstrip(_QUOTES))
    tokens = _TOKEN_RE.findall(_ELIDED_ARTICLE_RE.sub("", text))
    return " ".join(_run(tokens))


def trailing_run(text: str) -> str:
    """The proper name that ends ``text`` ("the two lunch cafés Bijzonder Gewoon" -> "Bijzonder Gewoon").

    >>> trailing_run("the Saxion University of Applied Sciences"), trailing_run("with Buurtwerk Gent v.z.w.")
    ('Saxion University of Applied Sciences', 'Buurtwerk Gent v.z.w.')
    """
    tokens = _TOKEN_RE.findall(text.strip().rstrip(".,;:"))
    if tokens and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", tokens[-1]) and text.rstrip(",;: ").endswith("."):
        tokens[-1] += "."  # "v.z.w." keeps its dot
    start = len(tokens)
    while start > 0:
        tok = tokens[start - 1]
        bare = tok.strip(_QUOTES)
        if tok.startswith("(") or is_capitalised(bare) or start == len(tokens) and LEGAL_FORM_RE.fullmatch(bare):
            start -= 1
            continue
        if bare.lower() in CONNECTORS and bare.lower() not in _STOP_CONNECTORS and start < len(tokens) \
                and start - 2 >= 0 and is_capitalised(tokens[start - 2].strip(_QUOTES)):
            start -= 1
            continue
        break
    run = tokens[start:]
    while run and (run[0].startswith("(") or run[0].lower() in CONNECTORS):
        run = run[1:]
    return " ".join(run)


def _split_top(text: str, seps: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch in seps and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


_ART = r"(?:the|le|la|les|l['’]|de|het|der|die|das|dem|den)"


def split_list(text: str) -> list[str]:
    """Split an inline enumeration into items ("A, B and C"; "the A, the B and the C"); an item's town
    written after it with its country ("Stadt Aachen, Aachen (DE)") stays with it.

    >>> split_list("the HSE, the Southern Health and Social Care Trust and the Health Board")
    ['HSE', 'Southern Health and Social Care Trust', 'Health Board']
    >>> split_list("Stadt Linz, Linz (Oostenrijk), Université de Lille, Lille (France)")
    ['Stadt Linz, Linz (Oostenrijk)', 'Université de Lille, Lille (France)']
    >>> split_list("Caritas Aachen e.V., Pflegedienst Schmidt GmbH & Co. KG and Buurtwerk Gent v.z.w.")
    ['Caritas Aachen e.V.', 'Pflegedienst Schmidt GmbH & Co. KG', 'Buurtwerk Gent v.z.w.']
    """
    text = text.strip()
    while ends_sentence(text):
        text = text[:-1].rstrip()
    chunks = join_towns(_split_top(text, ";,"))
    with_article = 2 * sum(bool(re.match(rf"{_ART}\s", c, re.IGNORECASE)) for c in chunks) > len(chunks)
    items: list[str] = []
    for chunk in chunks:
        chunk = re.sub(rf"^{AND}\s+", "", chunk, flags=re.IGNORECASE)
        pieces = re.split(rf"(?<=\))\s+{AND}\s+", chunk)
        for piece in pieces:
            if with_article:
                items.extend(re.split(rf"\s+{AND}\s+(?={_ART}\s)", piece, flags=re.IGNORECASE))
            elif piece is pieces[-1] and chunk is chunks[-1] and len(chunks) > 1:
                items.extend(re.split(rf"\s+{AND}\s+(?!.*\s{AND}\s)", piece, flags=re.IGNORECASE))
            else:
                items.append(piece)
    return [name for name in map(clean_name, items) if name]  # each item cleaned once


_LONG_FORM_RE = re.compile(r"([A-ZÀ-Ý][\w'’\-]*(?:\s+[\w'’\-]+){1,12}?)\s*\(([A-Z][A-Za-z]{1,9})\)(\s+[A-ZÀ-Ý]\w+)?")


_BRACKETED = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_NAME_REACH = 400  # characters: far more than the 13 words a long form may have


def _bracket_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` that can hold a "Long Name (ACR)": from ``_NAME_REACH`` characters before each
    bracketed acronym (back to a whitespace boundary, so no name is cut) to just after it, merged."""
    windows: list[tuple[int, int]] = []
    for m in _BRACKETED.finditer(text):
        lo = max(0, m.start() - _NAME_REACH)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        hi = min(len(text), m.end() + 80)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def long_forms(text: str) -> dict[str, tuple[str, int]]:
    """Acronyms defined in ``text`` as "Long Name (ACR)" -> (long form as written, offset), first one wins.

    >>> long_forms("l'Observatoire Franco-Belge de la Santé (OFBS) et ses partenaires")["OFBS"][0]
    'Observatoire Franco-Belge de la Santé (OFBS)'
    """
    out: dict[str, tuple[str, int]] = {}
    for m in (m for lo, hi in _bracket_windows(text) for m in _LONG_FORM_RE.finditer(text, lo, hi)):
        acronym = m.group(2)
        words = m.group(1).split()
        if pl.bracket_country(f"({acronym})") or not any(w[0] == acronym[0].upper() for w in words):
            continue
        # keep the words from the first capitalised one that starts the acronym's letters
        start = next((i for i, w in enumerate(words) if w[0].upper() == acronym[0].upper() and w[0].isupper()), 0)
        long_name = " ".join(words[start:]) + f" ({acronym})" + (m.group(3) or "")
        long_name = strip_article(long_name)
        out.setdefault(acronym, (long_name, m.start()))
    return out


_SPACE_SLASH_RE = re.compile(r"[\s/]+")


def name_like(line: str) -> bool:
    """Whether a line reads as an organisation name rather than a sentence or a label.

    >>> name_like("Ministère de la Famille, de l'Intégration et à la Grande Région du Grand-Duché de Luxembourg")
    True
    >>> name_like("The Conmiixt micro project is part financed under the priority 1, measure 3 of the Interreg")
    False
    """
    line = line.strip()
    if not line or len(line) > 120 or line.endswith(":") or "@" in line:
        return False
    words = [w for w in _SPACE_SLASH_RE.split(line) if w]
    if not words or not (is_capitalised(words[0]) or words[0][0].isalpha()):
        return False
    content = [w for w in words if w.lower().strip(",.()") not in CONNECTORS]
    if not content:
        return False
    caps = sum(is_capitalised(w) for w in content)
    if ends_sentence(line) and len(words) > 6:
        return False
    return len(words) <= 4 or caps / len(content) >= 0.5


_ARTICLE_LOWER_RE = re.compile(r"^(?i:the|le|la|les|het|de|der|die|das)\s+[a-zà-ÿ]")


def list_item_like(line: str) -> bool:
    """Whether a line under a partner heading reads as one more entry (looser than :func:`name_like`).

    >>> list_item_like("GERO – centre de compétences gérontologiques"), list_item_like("The role of X")
    (True, False)
    """
    words = line.split()
    if not words or _ARTICLE_LOWER_RE.match(line):
        return False
    if name_like(line):
        return True
    return is_capitalised(words[0]) and len(words) <= 8 and not ends_sentence(line) and not line.endswith(":") \
        and "@" not in line


_SITE_WORDS = frozenset("""
home news contact contacts about events event agenda media downloads download links search menu login
publications newsletter partners partner projects project sitemap privacy cookies accessibility faq
accueil actualites actualité actualités evenements événements mentions legales recherche presse
nieuws over evenementen zoeken aktuelles startseite suche impressum datenschutz veranstaltungen
read more lire la suite meer lezen weiterlesen share print drucken imprimer back retour terug zurück
""".split())


_WORD_RE = re.compile(r"\w+")


def is_excluded(name: str) -> bool:
    """Whether a name is a programme body, a fund, a project or a site-navigation word rather than a partner.

    >>> is_excluded("European Regional Development Fund"), is_excluded("Medway Council"), is_excluded("News")
    (True, False, True)
    """
    if all(w in _SITE_WORDS for w in _WORD_RE.findall(name.lower())):
        return True
    if _AMOUNT_RE.search(name):  # "Projectbudget: € 2.100.000" read on after a list
        return True
    return bool(_EXCLUDED_RE.search(name)) or not any(c.isalpha() for c in name)


_AMOUNT_RE = re.compile(r"[€£$]\s*\d|\d\s*[€£$]|\b(?:EUR|euros?)\s*\d|\d[\d.,\s]*\s(?:EUR|euros?)\b", re.IGNORECASE)


@dataclass
class Mention:
    """One mention of an organisation while reading (mutable; merged into a PartnerRecord)."""

    name: str
    start: int
    end: int
    role: str = "unknown"
    side_lead: bool = False
    source: str = "list"
    mixed: bool = False
    facts: dict[str, str] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    inferred: set[str] = field(default_factory=set)
    aliases: list[str] = field(default_factory=list)

    def set(self, name: str, value: str | None, span: Span | None = None, inferred: bool = False) -> None:
        if not value or name in self.facts and name not in self.inferred:
            return
        if name in self.facts and inferred:
            return
        self.facts[name] = value
        if inferred:
            self.inferred.add(name)
        else:
            self.inferred.discard(name)
        if span is not None:
            self.spans[name] = span


LEAD_WORDS = (r"lead[\s-]*partner|leading\s+partner|project\s*leader|projectleider|projectleiding|leadpartner|"
               r"lead\s+beneficiary|b[ée]n[ée]ficiaire\s+chef\s+de\s+file|chef\s+de\s+file|"
               r"porteur(?:\s+du\s+projet)?|projekttr[äa]ger|federf[üu]hrende[rn]?\s+partner|"
               r"coordinat(?:or|eur)|co[öo]rdinator|penvoerder|hoofdpartner|hauptpartner|lead")
ASSOC_WORDS = (r"associated\s+partners?|geassocieerde\s+partners?|partenaires\s+associ[ée]s|"
                r"assoziierte\s+partner|observ(?:er|ateur)s?|strategische\s+partners?")
_ROLE_NOTE_RE = re.compile(r"\(([^()]*)\)")
_SIDE_LEAD_RE = re.compile(r"side|c[ôo]t[ée]|zijde|kant|seite", re.IGNORECASE)
_CITY_NOTE_RE = re.compile(r"\s+(?:à|in|te)\s+([A-ZÀ-Ý][\w'’\-]+(?:[\s-][A-ZÀ-Ý][\w'’\-]+)?)$")


_ASSOC_RE = re.compile(ASSOC_WORDS, re.IGNORECASE)
_PARTNERS_SLASH_RE = re.compile(r"partners?\s*/", re.IGNORECASE)
_LEAD_RE = re.compile(LEAD_WORDS, re.IGNORECASE)


def role_of(head: str) -> tuple[str, bool]:
    """Role named by a heading or note; the flag says the note limits the role to one side."""
    if _ASSOC_RE.search(head) and _PARTNERS_SLASH_RE.search(head):
        return "mixed", False
    if _ASSOC_RE.search(head):
        return "associated", False
    if _LEAD_RE.search(head):
        return "lead", bool(_SIDE_LEAD_RE.search(head) or pl.side_country(head))
    return "partner", False


_NAME_LABEL_RE = re.compile(r"^(?:name|nom|naam|organi[sz]ation|organisme|organisatie|partner\s+name|"
                            r"nom\s+du\s+partenaire|beneficiary|b[ée]n[ée]ficiaire)\s*:\s*", re.IGNORECASE)


def _is_other_name(item: str, note_match: re.Match[str], note: str) -> bool:
    """Whether a bracketed note at the end of an entry is another name of the organisation
    ("Communauté Urbaine de Dunkerque (Greater Dunkirk District Council)"), not an acronym's expansion."""
    before = item[:note_match.start()].split()
    if not before or item[note_match.end():].strip() or re.fullmatch(r"[A-Z0-9&\-]{2,10}", before[-1]):
        return False
    words = note.split()
    return len(words) >= 2 and ORG_WORD_RE.search(note) is not None and is_capitalised(words[0])


def glued_entry(line: str) -> bool:
    """Whether a bulleted list line is an organisation with its address after a comma (not an address line).

    >>> glued_entry("- Caritas Görlitz, Hauptstraße 5, 02826 Görlitz"), glued_entry("- Hauptstraße 5, 02826 Görlitz")
    (True, False)
    """
    body = strip_bullet(line)
    if body == line.strip():
        return False
    glued = GLUED_ADDRESS_RE.search(body)
    head = body[:glued.start()] if glued else ""
    return bool(head) and name_like(head) and not re.search(r"\d", head) and not GLUED_ADDRESS_RE.search(", " + head)


_BRACKET_NOTE_RE = re.compile(r"\([^()]*\)")
_SPACED_BRACKET_NOTE_RE = re.compile(r"\s*\([^()]*\)")
_ROLE_WORD_RE = re.compile(rf"{LEAD_WORDS}|{ASSOC_WORDS}|partner|partenaire", re.IGNORECASE)
_LAST_SPACED_DASH_RE = re.compile(r"\s+[-–]\s+(?=[^-–]*$)")
_ENDS_WITH_OF_RE = re.compile(r"\b(?:de|of|van|von)\s*$")
_LOWER_ARTICLE_RE = re.compile(r"^(?:le|la|l['’]|the|het|de)\s")
_DIGIT_RE = re.compile(r"^\d")


def parse_entry(raw: str, offset: int, text: str, gaz: pl.Gazetteer) -> Mention | None:
    """A mention from one list item: inline role notes, bracket codes, city notes handled."""
    item = _NAME_LABEL_RE.sub("", strip_bullet(raw), count=1)
    role, side_lead, country, city = None, False, None, None
    other_names: list[str] = []
    glued = GLUED_ADDRESS_RE.search(item)
    if glued:
        address = item[glued.end():]
        notes = _BRACKET_NOTE_RE.findall(address)  # "5911 Venlo (NL) (lead partner)": notes of the entry
        item = " ".join([item[:glued.start()], *notes])
        address = _SPACED_BRACKET_NOTE_RE.sub("", address)
        for part in address.split(","):
            found = pl.parse_address_line(part.strip())
            if found:
                country, city = found
    for m in list(_ROLE_NOTE_RE.finditer(item)):
        note = m.group(1).strip()
        if _ROLE_WORD_RE.search(note):
            role, side_lead = role_of(note)
            country = pl.side_country(note) or country
        elif pl.bracket_country(m.group(0)):
            country = pl.bracket_country(m.group(0))[0]
        elif pl.side_country(note):
            country = pl.side_country(note)
        elif pl.country_code(note):
            country = pl.country_code(note)
        elif "," in note and country_of(note.rsplit(",", 1)[1]):
            city, country = note.rsplit(",", 1)[0].strip(), country_of(note.rsplit(",", 1)[1])
        elif gaz.place(note.split("/")[0]) or (re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ][\w'’\- /]*", note) and
                                                 len(note.split()) <= 3 and not ORG_WORD_RE.search(note)):
            city = note
        elif _is_other_name(item, m, note):
            other_names.append(note)
        else:
            continue
        item = item.replace(m.group(0), " ")
    item = " ".join(item.split())
    after = _LAST_SPACED_DASH_RE.search(item)
    if after and (pl.side_country(item[after.end():]) or pl.country_code(item[after.end():])):
        country = pl.side_country(item[after.end():]) or pl.country_code(item[after.end():])
        item = item[:after.start()]
    elif after and not city and gaz.is_town(item[after.end():].strip()):  # "Hogeschool Zeeland – Vlissingen"
        city, item = item[after.end():].strip(), item[:after.start()]
    trailing = TRAILING_PLACE_RE.search(item)
    named_country = bool(trailing and trailing.group("country") and pl.country_code(trailing.group("country")))
    # One capitalised word (hyphens allowed) after the last comma, not an organisation word nor capitals:
    # a town the gazetteer does not know ("Mission Locale du Genevois, Saint-Julien-en-Genevois").
    lone_town = bool(trailing and not trailing.group("country") and " " not in trailing.group("place")
                     and not trailing.group("place").isupper() and not ORG_WORD_RE.search(trailing.group("place"))
                     and ("," not in item[:trailing.start()] or item[:trailing.start()].rstrip().endswith(")")))
    if trailing and (gaz.place(trailing.group("place")) or country or named_country or lone_town) \
            and not pl.country_code(trailing.group("place")):
        if not trailing.group("country") or pl.country_code(trailing.group("country")):
            city = city or trailing.group("place")
            country = country or (pl.country_code(trailing.group("country")) if trailing.group("country") else None)
            item = item[:trailing.start()]
    elif trailing and pl.country_code(trailing.group("place")) and not trailing.group("country"):
        country, item = pl.country_code(trailing.group("place")), item[:trailing.start()]
    m = _CITY_NOTE_RE.search(item)
    if m and (gaz.place(m.group(1)) or not _ENDS_WITH_OF_RE.search(item[:m.start()])):
        city, item = m.group(1), item[:m.start()]
    if item and item[0].islower() and not _LOWER_ARTICLE_RE.match(item):
        item = trailing_run(item) or item
    name = clean_name(item)
    if not name or is_excluded(name) or pl.country_code(name) or gaz.region(name):
        return None
    if name[:1].isdigit() and _DIGIT_RE.match(name):
        return None
    pos = text.find(name, offset)
    start = pos if pos >= 0 else offset
    mention = Mention(name=name, start=start, end=start + len(name) if pos >= 0 else offset + len(raw),
                      aliases=other_names)
    if role:
        mention.role, mention.side_lead = role, side_lead
    if country:
        mention.set("country", country)
    if city:
        mention.set("city", city)
    return mention
