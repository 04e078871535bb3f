"""Project identity: title, acronym and website, by rules a reader of many project pages would use.

Acronyms: "Title (ACRONYM)" and "ACRONYM (Title)" when the title's initials spell the acronym and
the title is not an organisation's name; "ACRONYM stands for / staat voor / steht für ..."; a
"Name:" / "Acronym:" label; "project ACRONYM" / "ACRONYM project"; a heading "ACRONYM - Name".
Titles: the spelled-out form above; a quoted name after "project" / "projet" / "Projekt"
("Le projet transfrontalier « Senior Activ’ »"); a line whose initials spell the acronym (the
title may be in another language than the text); "projet Mobipro Grande Région"; "The CAWT Acute
Services Project".

>>> found = find_identity("Achieving the Integration of Migrant communities and Ethnic Residents (AIMER)")
>>> found.acronym.text, found.title.text
('AIMER', 'Achieving the Integration of Migrant communities and Ethnic Residents')
>>> find_identity("Le projet transfrontalier « Senior Activ’ »").title.text
'Senior Activ’'
>>> find_identity("Observatoire Franco-Belge de la Santé (OFBS) et ses partenaires").acronym is None
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from loader.extract.places import country_code
from loader.extract.text import first_lines, fold_word
from loader.extract.title_labels import FACT_LABEL as _FACT_LABEL
from loader.extract.title_labels import Found, heading_after_acronym, labelled_title, programme_name
from loader.extract.title_places import (
    acr_colon_starts,
    after_windows,
    before_matches,
    matches_at,
    near_project_starts,
    occurrences,
    project_word_starts,
)
from loader.records import Span

__all__ = ["Found", "Identity", "find_identity", "find_website", "spells"]


@dataclass(frozen=True, slots=True)
class Identity:
    title: Found | None = None
    acronym: Found | None = None


_ACR = r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?"
_STOP = {"of", "the", "and", "for", "in", "de", "la", "le", "les", "des", "du", "et", "van", "het", "en", "voor",
         "der", "die", "das", "und", "fur", "d", "l", "to", "a", "an", "on", "with", "by", "von", "zu", "dans", "au", "aux", "een", "op", "im", "am"}
_ORG = re.compile(r"\b(observatoire|observatory|foundation|stichting|stiftung|universit\w*|council|centre|center|"
                  r"centrum|zentrum|hospital\w*|h[oô]pital|ministr\w*|minist[eè]re|agency|agence|agentschap|"
                  r"association|vereniging|verein|department|d[ée]partement|trust|partnership|caisse|institut\w*|"
                  r"hochschule|school|[ée]cole|college|coll[eè]ge|chamber|chambre|kamer|office|groupement|"
                  r"body|authority|company|gmbh|asbl|vzw|county|district|mutualit\w*|union|province|provincie|"
                  r"gemeente|ville|city|stadt|bureau|board|network|r[ée]seau|netwerk)\b", re.IGNORECASE)
_NOT_ACRONYMS = {"INTERREG", "ERDF", "FEDER", "EFRO", "EFRE", "EU", "UE", "EUR", "UK", "FR", "NL", "BE", "DE", "LU",
                 "PDF", "HTML", "FAQ", "COVID", "NGO", "SME", "SMES", "ICT", "EMR", "FCE", "EGTC", "GECT", "PROJECT",
                 "PROJET", "PROJEKT", "THE", "AND", "LE", "LA", "EN", "ET", "NEWS", "CONTACT", "PARTNERS",
                 "PARTENAIRES", "ACTIES", "ACTIONS", "BUDGET", "DATE", "NAME", "HOME", "MENU", "SUMMARY",
                 "DESCRIPTION", "BESCHRIJVING", "BESCHREIBUNG", "OBJECTIVES", "OBJECTIFS", "DOELSTELLINGEN", "ZIELE",
                 "RESULTS", "RESULTATS", "RESULTATEN", "ERGEBNISSE", "PARTNERSHIP", "PARTENARIAT", "OVERVIEW", "INFO",
                 "DETAILS", "CONTEXT", "CONTEXTE", "ACTIVITIES", "ACTIVITES", "AKTIVITATEN", "ACTUALITES",
                 "NIEUWS", "AKTUELLES", "PRESSE", "PRESS", "DOWNLOADS", "LINKS", "TEAM", "ABOUT", "FINANCING",
                 "FINANCEMENT", "FINANCIERING", "FINANZIERUNG", "LEADER", "LEAD", "PARTNER", "PROGRAMME", "PROGRAM",
                 "PROGRAMMA", "PROGRAMM", "GEGEVENS", "KERNGEGEVENS", "CONTACTS", "KONTAKT", "HET", "VAN", "DES", "DU",
                 "DER", "DIE", "DAS", "OF", "FOR", "POUR", "VOOR", "FUR", "UND", "IN", "ON", "OP", "AN",
                 "EUREGIO", "EUROPE", "EUROPA", "EUROPEAN", "EUROPEEN", "EUROPEES", "EUROPAISCHE", "NOUVEAU", "NEW"}
_PROJECT_WORD = r"(?:[Pp]roje(?:c)?t(?:s)?|[Pp]rojekt(?:s|es)?|PROJECT|PROJET|PROJEKT|[Mm]icro-?project|[Pp]rojecten)"
_QUOTE_PAIRS = (("“", "”"), ("\"", "\""), ("«", "»"), ("‘", "’"), ("„", "“"), ("‚", "‘"), ("'", "'"), ("”", "”"),
                ("“", "“"))


def _quoted_patterns() -> list[re.Pattern[str]]:
    out = []
    for q, c in _QUOTE_PAIRS:
        body = rf"{re.escape(q)}\s*(?P<t>[^\n{re.escape(c)}]{{2,160}}?)\s*{re.escape(c)}(?!\w)"
        out.append(re.compile(rf"{_PROJECT_WORD}(?:\s+[a-zà-ÿ][\w-]*){{0,2}}\s*:?\s*" + body))
        out.append(re.compile(body + rf"(?:\s*\([^)]{{0,60}}\))?\s+{_PROJECT_WORD}\b"))
    return out


_QUOTED = _quoted_patterns()
_STANDS_FOR = re.compile(
    rf"(?P<a>{_ACR})\s+(?:stands for|staat voor|steht für|signifie|is short for|est l'acronyme de|betekent)\s*:?\s*"
    r"[“\"«‘„‚']?(?P<t>[^\n”\"»’“']{4,160})")
_PAREN_AFTER = re.compile(rf"(?P<t>[A-ZÀ-Ý][^\n()]{{3,160}}?)\s*\((?P<a>{_ACR})\)")
_AFTER_CUE = re.compile(rf"\((?:{_ACR})\)")  # where a _PAREN_AFTER match ends
_PAREN_BEFORE = re.compile(rf"(?<![\w-])(?P<a>{_ACR})\s*\((?P<t>[A-ZÀ-Ý][^\n()]{{3,160}})\)")
_STANDS_FOR_PHRASES = ("stands for", "staat voor", "steht für", "signifie", "is short for", "est l'acronyme de",
                       "betekent")  # one of them is in every match of _STANDS_FOR (case kept)
_ACR_COLON = re.compile(rf"(?=[A-Z])(?<![\w-])(?P<a>{_ACR})\s*(?::|\s[-–—]\s)\s*(?P<t>[A-ZÀ-Ý][^\n:.!?]{{3,160}})")
_LABEL = re.compile(r"^[ \t]*(?:name|acronym|acroniem|akronym|acronyme|projectnaam|projektname|nom du projet|"
                    r"project acronym|acronyme du projet|projektakronym|projectacroniem)\s*:\s*(?P<v>[^\n]{2,120}?)\s*$",
                    re.IGNORECASE | re.MULTILINE)
_NEAR_PROJECT = re.compile(rf"\b{_PROJECT_WORD}\s+(?P<a>[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?)\b|"
                           rf"\b(?P<b>[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?)[\s-]+{_PROJECT_WORD}\b")
_HEADING_DASH = re.compile(r"^[ \t]*(?P<a>[A-Z][A-Z0-9]{1,7}|[A-Z][A-Z0-9]+['’-][A-Z0-9]{2,12})"
                           r"(?:\s+[-–]\s+(?P<rest>[^\n]{2,80})|[ \t]*:[ \t]+(?P<desc>\w+(?:[ \t]+[^\s:]+){2,14}))$",
                           re.MULTILINE)
_CAPS_LINE = re.compile(r"^[ \t]*(?P<a>[A-Z][A-Z0-9-]{2,11})[ \t]*$", re.MULTILINE)
# A name written after "project" stays on its line (a menu "Projects / Calls / News" is not a name).
_NAMED_PROJECT = re.compile(rf"\b{_PROJECT_WORD}[ \t]+(?P<t>[A-Z][\w’'-]+(?:[ \t]+[A-ZÀ-Ý][\w’'-]+){{0,5}})")
_THE_X_PROJECT = re.compile(r"\b[Tt]he[ \t]+(?P<t>(?:[A-Z][\w-]*[ \t]+){1,6}Project)\b")


_NOT_LETTER = re.compile(r"[^a-z0-9]")
_TITLE_SPLIT = re.compile(r"[\s\-/'’]+")
_HAS_WORD = re.compile(r"\w")
_LEADING_NON_WORD = re.compile(r"^\W+")


@lru_cache(maxsize=4096)
def _letters(acronym: str) -> str:
    return _NOT_LETTER.sub("", fold_word(acronym))


def spells(title: str, acronym: str, *, spare: int = 1) -> bool:
    """Whether ``title``'s word initials spell ``acronym`` (in order, from the first word).

    At most ``spare`` significant words may go unused.

    >>> spells("Covid Channel Area Response Exchange", "C-CARE"), spells("Limburgs Gezondheidsoverleg", "LOGO")
    (True, False)
    """
    letters = _letters(acronym)
    if len(letters) < 2:
        return False
    head = title[:1]
    if head.isascii() and head.isalnum() and head.lower() != letters[0]:
        return False  # the first word starts with that letter: the test below, without splitting the title
    pieces = _TITLE_SPLIT.split(title)
    first = next((w for w in pieces if _HAS_WORD.search(w)), None)  # words[0] below, looked at first:
    if first is None or not (first := _LEADING_NON_WORD.sub("", fold_word(first))) or first[0] != letters[0]:
        return False  # most titles tried do not start with the acronym's first letter
    words = [_LEADING_NON_WORD.sub("", fold_word(w)) for w in pieces if _HAS_WORD.search(w)]
    k = 0
    used = 0
    unused_significant = 0
    for word in words:
        if k < len(letters) and word and word[0] == letters[k]:
            k += 1
            used += 1
        elif word not in _STOP and not word.isdigit():
            unused_significant += 1
    return k == len(letters) and unused_significant <= spare


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    folded = fold_word(token).upper()
    return len(letters) >= 2 and upper >= 2 and upper / len(letters) >= 0.6 and folded not in _NOT_ACRONYMS


def _orgish(text: str, after: str) -> bool:
    return bool(_ORG.search(text) or _ORG.search(" ".join(after.split()[:6])))


def find_identity(text: str) -> Identity:
    """The project's title and acronym with their spans (either may be None)."""
    title: Found | None = None
    acronym: Found | None = None
    for m in _STANDS_FOR.finditer(text) if any(phrase in text for phrase in _STANDS_FOR_PHRASES) else ():
        if _is_acronym(m.group("a")):
            t = m.group("t").strip().rstrip(".,;:’'”")
            return Identity(Found(t, Span(m.start("t"), m.start("t") + len(t))), Found(m.group("a"), Span(*m.span("a"))))
    pairs = []
    heading = _heading_pair(text)
    if heading is not None:
        pairs.append((heading[0].span.start, *heading))
    windows = _bracket_windows(text)
    after = (m for lo, hi in after_windows(text, windows, _AFTER_CUE) for m in _PAREN_AFTER.finditer(text, lo, hi))
    for pattern, found in ((_PAREN_AFTER, after), (_PAREN_BEFORE, before_matches(_PAREN_BEFORE, text, windows))):
        for m in found:
            a, t = m.group("a"), m.group("t").strip()
            if programme_name(t):
                continue
            if pattern is _PAREN_AFTER:
                words = t.split()
                for cut in range(len(words)):
                    candidate = " ".join(words[cut:])
                    if spells(candidate, a):
                        t = candidate
                        break
                else:
                    continue
            if not _is_acronym(a) or not spells(t, a) or _orgish(t, text[m.end():m.end() + 80]):
                continue
            found = re.compile(r"\s+".join(map(re.escape, t.split()))).search(text, m.start())
            if found is None:
                continue
            t = found.group()
            pairs.append((m.start(), Found(t, Span(*found.span())), Found(a, Span(*m.span("a")))))
    for m in matches_at(_ACR_COLON, text, acr_colon_starts(text)):
        a, t = m.group("a"), m.group("t").strip()
        if _is_acronym(a) and spells(t, a, spare=2) and not _orgish(t, ""):
            pairs.append((m.start(), Found(t, Span(m.start("t"), m.start("t") + len(t))), Found(a, Span(*m.span("a")))))
    if pairs:
        _, title, acronym = min(pairs, key=lambda p: p[0])
    if acronym is None:
        for m in _LABEL.finditer(text):
            value = m.group("v").strip()
            if _is_acronym(value) and " " not in value:
                acronym = Found(value, Span(*m.span("v")))
                break
    if acronym is None:
        counts = Counter()
        first: dict[str, Span] = {}
        for m in matches_at(_NEAR_PROJECT, text, near_project_starts(text)):
            a = m.group("a") or m.group("b")
            group = "a" if m.group("a") else "b"
            line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            if line.isupper() and len(line.split()) > 2:
                continue  # a heading in capitals ("BESCHRIJVING VAN HET PROJECT")
            if _is_acronym(a) and len(_letters(a)) >= 3:
                counts[a] += 1
                first.setdefault(a, Span(*m.span(group)))
        if counts:
            a = max(counts, key=lambda k: (counts[k], -first[k].start))
            acronym = Found(a, first[a])
    if acronym is None:
        m = _HEADING_DASH.search(text[:400])
        if m and _is_acronym(m.group("a")) and not _FACT_LABEL.match(m.group(0)):
            acronym = Found(m.group("a"), Span(*m.span("a")))
            line = m.group(0).strip()
            start = text.find(line, m.start())
            title = title or Found(line, Span(start, start + len(line)))
    if acronym is None:
        caps = [m for m in _CAPS_LINE.finditer(text) if _is_acronym(m.group("a")) and not country_code(m.group("a"))]
        counts = Counter(m.group("a") for m in caps)
        repeated = [m for m in caps if counts[m.group("a")] >= 2 or len(re.findall(re.escape(m.group("a")), text)) >= 3]
        if repeated:
            acronym = Found(repeated[0].group("a"), Span(*repeated[0].span("a")))
    if acronym is None:
        acronym = _heading_acronym(text)
    labelled = labelled_title(text, acronym.text if acronym else None)
    if labelled is not None:
        title = labelled
    if title is None:
        title = _quoted_title(text, acronym)
    if title is None and acronym is not None:
        title = _spelled_line(text, acronym.text)
    if title is None and acronym is not None:
        title = _line_after_acronym(text, acronym.text)
    if title is None and acronym is not None:
        title = heading_after_acronym(text, acronym.text)
    if title is None:
        title = _heading_named_as_project(text)
    if title is None:
        for m in matches_at(_NAMED_PROJECT, text, project_word_starts(text)):
            t = m.group("t").strip()
            if not _is_acronym(t.split()[0]) and len(t.split()) >= 2 and not _ORG.search(t):
                title = Found(t, Span(*m.span("t")))
                break
    if title is None:
        m = _THE_X_PROJECT.search(text) if "Project" in text else None  # in every match
        if m:
            title = Found(m.group("t"), Span(*m.span("t")))
    if title is None:
        title = _heading_before_facts(text)
    return Identity(title, acronym)


def _heading_acronym(text: str) -> Found | None:
    """An acronym written alone on one of the page's first three lines that hold text (a programme site's
    project page: the programme's name, then the project's acronym, then its title); not a country's name."""
    for start, line in first_lines(text, 3):
        m = _CAPS_LINE.match(line)
        if m and _is_acronym(m.group("a")) and not country_code(m.group("a")):
            return Found(m.group("a"), Span(start + m.start("a"), start + m.end("a")))
    return None


def _heading_named_as_project(text: str) -> Found | None:
    """A heading among the page's first lines (or its part before " - " / ": ") that the text calls a
    project: "Zorg over de grens - ..." and later "Het project Zorg over de grens wordt ..."."""
    for start, line in first_lines(text, 8):
        stripped = line.strip()
        words = stripped.split()
        if not 2 <= len(words) <= 14 or stripped.endswith((":", ".")) or not stripped[0].isupper():
            continue
        for part in (stripped, *re.split(r"\s[-–—|]\s|:\s", stripped)[:1]):
            part = part.strip()
            if len(part.split()) < 2 or len(part) < 6 or text.count(part) < 2:
                continue  # named once only: in the heading itself
            if re.search(rf"\b{_PROJECT_WORD}[ \t]+(?:[«“\"„‚'‘][ \t]?)?{re.escape(part)}", text):
                offset = start + line.find(part)
                return Found(part, Span(offset, offset + len(part)))
    return None


def _heading_before_facts(text: str) -> Found | None:
    """A short line (not a label) directly above the first line of a fact sheet (``Pays :``, ``Programme:``)."""
    lines = text.split("\n")
    pos, offsets = 0, []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    previous: int | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _FACT_LABEL.match(line):
            if previous is None:
                return None
            candidate = lines[previous].strip()
            words = candidate.split()
            if (1 <= len(words) <= 12 and ":" not in candidate and not candidate.endswith((".", "!", "?"))
                    and not _FACT_LABEL.match(candidate) and candidate[0].isupper()):
                start = offsets[previous] + lines[previous].find(candidate)
                return Found(candidate, Span(start, start + len(candidate)))
            return None
        previous = i
    return None


_HEADING_PAIR = re.compile(rf"^[ \t]*(?P<t>[A-ZÀ-Ý][^\n()]{{3,160}}?)[ \t]*\((?P<a>{_ACR})\)[ \t]*$", re.MULTILINE)


def loosely_spells(title: str, acronym: str) -> bool:
    """Whether ``acronym``'s letters come in order from ``title``'s letters, starting with its first
    letter, and at least half of them start a word (REST: Réseau de Soins Transfrontalier).

    >>> loosely_spells("Réseau de Soins Transfrontalier", "REST"), loosely_spells("Medway Council", "REST")
    (True, False)
    """
    letters = _letters(acronym)
    words = [re.sub(r"[^a-z0-9]", "", fold_word(w)) for w in re.split(r"[\s\-/'’]+", title)]
    words = [w for w in words if w]
    if len(letters) < 2 or not words or words[0][0] != letters[0]:
        return False
    k = initials = 0
    for word in words:
        for pos, char in enumerate(word):
            if k < len(letters) and char == letters[k]:
                initials += pos == 0
                k += 1
            elif pos == 0 and word not in _STOP and k < len(letters):
                break  # a significant word whose initial is not used: the next letters come later
    return k == len(letters) and initials * 2 >= len(letters)


def _heading_pair(text: str) -> tuple[Found, Found] | None:
    """A heading line "Title (ACRONYM)" among the first lines: the page's own name, whole, even when it
    reads like an organisation's ("... Network"), the acronym takes inner letters of words, or spells
    only its last words ("Grenzüberschreitende Pflegeausbildung am Oberrhein (PAO)")."""
    for m in _HEADING_PAIR.finditer(text[:600]):
        a, t = m.group("a"), m.group("t").strip()
        words = t.split()
        if _is_acronym(a) and not programme_name(t) and (spells(t, a, spare=2) or loosely_spells(t, a)
                               or any(spells(" ".join(words[k:]), a) for k in range(1, len(words) - 1))):
            return Found(t, Span(m.start("t"), m.start("t") + len(t))), Found(a, Span(*m.span("a")))
    return None


_OPEN_BRACKET = re.compile(r"\(")


def _bracket_windows(text: str, reach: int = 400) -> list[tuple[int, int]]:
    """Stretches of ``text`` around each "(" (from ``reach`` characters before it, back to a whitespace
    boundary, to ``reach`` after), merged: the only places a "Title (ACR)" or "ACR (Title)" can be."""
    windows: list[tuple[int, int]] = []
    for m in _OPEN_BRACKET.finditer(text):
        lo = max(0, m.start() - reach)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        hi = min(len(text), m.end() + reach)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _quoted_title(text: str, acronym: Found | None) -> Found | None:
    hits = []
    words: list[int] | None = None
    for k, ((opening, closing), pattern) in enumerate(
            zip(((q, c) for q, c in _QUOTE_PAIRS for _ in (0, 1)), _QUOTED, strict=True)):
        if opening not in text or closing not in text:
            continue  # no such quotes: the pattern cannot match
        if k % 2 == 0:  # a project word opens every match
            words = project_word_starts(text) if words is None else words
            starts = words
        else:  # the opening quote opens every match
            starts = occurrences(text, opening)
        for m in matches_at(pattern, text, starts):
            t = m.group("t").strip()
            if len(t.split()) > 16 or (acronym and t == acronym.text):
                continue
            hits.append((m.start("t"), Found(t, Span(m.start("t"), m.start("t") + len(t)))))
    if not hits:
        return None
    first = min(hits, key=lambda h: h[0])[1]
    longer = [f for _, f in hits if f.text != first.text and f.text.startswith(first.text)
              and not f.text[len(first.text)].isalnum()]
    return max(longer, key=lambda f: len(f.text)) if longer else first


_SEGMENT_SPLIT = re.compile(r"\s[|–—]\s|\s-\s")


def _segments(text: str):
    pos = 0
    for line in text.split("\n"):
        offset = 0
        for part in _SEGMENT_SPLIT.split(line):
            start = line.find(part, offset)
            offset = start + len(part)
            yield part.strip(), pos + start + (len(part) - len(part.lstrip()))
        pos += len(line) + 1


def _spelled_line(text: str, acronym: str) -> Found | None:
    """The first of :func:`_segments` (2 to 16 words, not an organisation's name) that spells ``acronym``;
    the segments are made here without the generator, and a line is split only when it holds one of
    the separators' dashes or bars."""
    pos = 0
    for line in text.split("\n"):
        may_split = "-" in line or "|" in line or "–" in line or "—" in line
        parts = _SEGMENT_SPLIT.split(line) if may_split else (line,)
        for k, part in enumerate(parts):
            stripped = part.strip()
            if 2 <= len(stripped.split()) <= 16 and spells(stripped, acronym, spare=2) and not _ORG.search(stripped):
                offset = start = 0
                for before in parts[:k + 1]:  # where _segments finds the part
                    start = line.find(before, offset)
                    offset = start + len(before)
                begin = pos + start + (len(part) - len(part.lstrip()))
                return Found(stripped, Span(begin, begin + len(stripped)))
        pos += len(line) + 1
    return None


def _line_after_acronym(text: str, acronym: str) -> Found | None:
    lines = text.split("\n")
    pos = 0
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for i, line in enumerate(lines[:-1]):
        if line.strip() != acronym:
            continue
        nxt = next(((j, lines[j]) for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), None)
        if nxt is None:
            continue
        j, candidate = nxt
        words = candidate.split()
        # under an acronym heading among the page's first lines, a two-word line or one of capitalised
        # nouns ("Starke Jugendhilfe") is its title too
        heading = sum(1 for x in lines[:i] if x.strip()) < 3
        if (3 - heading <= len(words) <= 15 and not candidate.rstrip().endswith((":", "."))
                and (heading or any(w.islower() for w in words)) and not _FACT_LABEL.match(candidate)):
            stripped = candidate.strip()
            start = offsets[j] + candidate.find(stripped)
            return Found(stripped, Span(start, start + len(stripped)))
    return None


_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"'“”,;]+[^\s<>()\"'“”,;.:]")
_WEB_CUE = re.compile(r"(?:website|web site|webpage|site web|site internet|site|webseite|internetseite|homepage|"
                      r"webpagina|url|meer over dit project|meer info\w*|plus d'info\w*|plus d’info\w*|more info\w*|"
                      r"further information|weitere informationen|mehr informationen|mehr infos|infos? unter|"
                      r"en savoir plus|see|voir|zie|siehe)"
                      r"[^\n]{0,25}$", re.IGNORECASE)


def find_website(text: str) -> Found | None:
    """The project website: the first URL written after a website cue (not an e-mail address).

    >>> find_website("E-mail: a@b.eu\\nWebsite: www.sameurometropole.eu\\n").text
    'www.sameurometropole.eu'
    """
    for m in _URL.finditer(text):
        if "@" in m.group() or text[max(0, m.start() - 1):m.start()] == "@":
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(0, m.start() - 40):m.start()]
        if _WEB_CUE.search(before) or _WEB_CUE.search(text[max(0, line_start - 40):line_start].rstrip("\n")):
            return Found(m.group(), Span(*m.span()))
    return None
