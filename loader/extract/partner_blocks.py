"""Partners written line by line: headed lists, role headings, address and contact blocks, tables.

Helpers of :mod:`loader.extract.partners`: each reader returns :class:`Mention` objects (name, role,
facts with spans) in text order; merging mentions into records is the caller's job.

>>> from loader.extract.places import Gazetteer
>>> text = "Lead partner:\\nVILLE DE MONS\\n7000 Mons\\nBELGIE\\n"
>>> [(m.name, m.role, m.facts) for m in read_lists(text, Gazetteer())]
[('Ville de Mons', 'lead', {'city': 'Mons', 'country': 'BE'})]
"""

from __future__ import annotations

import re

from loader.extract import contacts as ct
from loader.extract import places as pl
from loader.extract.memo import memoised, memoised_per_gazetteer
from loader.extract.partner_forms import ends_sentence, join_towns
from loader.extract.partner_names import (
    ASSOC_WORDS,
    LEAD_WORDS,
    Mention,
    glued_entry,
    is_capitalised,
    list_item_like,
    name_like,
    parse_entry,
    role_of,
    split_list,
    strip_bullet,
)
from loader.records import Span

__all__ = ["read_lists", "read_tables", "read_contacts", "lines_of", "PERSON_LABEL_RE", "CONTACT_HEAD_RE"]

_PARTNER_WORDS = (r"(?:les\s+)?partenaires(?:\s+du\s+projet)?|(?:the\s+)?(?:involved\s+|project\s*)?partners?|"
                  r"projektpartner(?:innen)?|projectpartners?|weitere\s+(?:partner|beteiligte)|beteiligte|"
                  r"partner(?:organisationen|organisaties)?|deelnemers|participants|partenariat")
_HEADER_RE = re.compile(
    rf"^(?P<head>(?:(?:{ASSOC_WORDS})|(?:{LEAD_WORDS})|(?:{_PARTNER_WORDS})(?:\s*/\s*(?:{ASSOC_WORDS}))?)"
    rf"(?:\s+(?:{pl.SIDE_ADJECTIVE}))?)"
    rf"(?:\s*\(\d{{1,3}}\))?(?:\s+(?:are|sind|sont|zijn|is|ist|est))?\s*(?::|$)\s*(?P<rest>.*)$", re.IGNORECASE)
CONTACT_HEAD_RE = re.compile(r"^(?:contact(?:ez|eer)?(?:\s+(?:les|the|de|die)\s+(?:partenaires|partners|projectpartners|"
                              r"partner))?|contacts?|contact\s+details|kontakt(?:e|daten)?|contactgegevens|"
                              r"coordonn[ée]es)\s*:?$", re.IGNORECASE)
PERSON_LABEL_RE = re.compile(r"^(?:contactpersoon|contact\s+person|personne\s+de\s+contact|"
                              r"ansprechpartner(?:in)?|kontaktperson|contact)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_STOP_RE = re.compile(  # the lookahead: the alternatives' first letters (a faster scan)
    r"(?=[abcdefghklioprstz])\b(?:budget|objecti[fv]|objectives?|doelstelling|ziel|description|beschrijving|beschreibung|r[ée]sultats?|"
    r"results?|resultaten|ergebnisse|financ|financi[eë]le|gegevens|th[èe]me|dur[ée]e|duration|looptijd|laufzeit|"
    r"start\s*date|end\s*date|begindatum|einddatum|gebied|territoire|area|emplacement|"
    r"project|projet|projekt|programme|program|key\s+objectives|how|summary|r[ée]sum[ée]|r[ôo]le|rol|"
    r"objecti\w*|r[ée]sultat\w*|result\w*|contexte?|context|background|ziele?|doelen)\b", re.IGNORECASE)
_STREET_RE = re.compile(r"^\d+[a-z]?\s*,?\s+\w|\b(?:rue|street|road|straat|stra(?:ss|ß)e|laan|weg|avenue|boulevard|"
                        r"place|plein|platz|chauss[ée]e|quai|square|lane)\b.*\d|\d.*\b(?:rue|street|straat|laan)\b|"
                        r"\w(?:straat|laan|plein|weg|stra(?:ss|ß)e|gasse|platz|allee|kade|singel|gracht|dijk|markt|"
                        r"ring)\s+\d+",
                        re.IGNORECASE)


_NUMBER_RE = re.compile(r"\+?[\d\s().\-/]{8,}")


_LAST_LINES: list[tuple[str, tuple[tuple[int, str], ...]]] = []  # the partner readers ask for one text's lines 4 times


def lines_of(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` (without their line ends) with their offsets; a new list each call.

    >>> lines_of("a\\nbc\\n")
    [(0, 'a'), (2, 'bc')]
    """
    if _LAST_LINES and _LAST_LINES[0][0] == text:
        return list(_LAST_LINES[0][1])
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    _LAST_LINES[:] = [(text, tuple(out))]
    return out


_FUNDERS_RE = re.compile(r"(?=[acfgmps])\b(?:co-?financ\w*|cofinanc\w*|financ\w+\s+(?:partners?|par)|partenaires\s+financiers|"
                         r"financeurs?|financiers|sponsors?|funders?|funded\s+by|supported\s+by|avec\s+le\s+soutien|"
                         r"met\s+steun|gef[öo]rdert|f[öo]rderer|geldgever\w*|subsidi[eë]nt\w*)\b", re.IGNORECASE)
_FIELD_LABEL_RE = re.compile(
    r"^(?:(?P<country>country|pays|land|staat)|(?P<city>city|town|ville|stad|stadt|ort|plaats|localit[ée])|"
    r"(?P<address>address|adresse|adres|anschrift)|(?P<person>contact\s*person|contactpersoon|personne\s+de\s+contact|"
    r"ansprechpartner(?:in)?|kontaktperson))\s*:\s*", re.IGNORECASE)


_DIGIT_RE = re.compile(r"\d")  # in every match of _STREET_RE and of the postcode patterns of parse_address_line
_PHONE_LINE_RE = re.compile(r"\+?[\d\s().\-/]{8,}")
_PHONE_NUMBER_RE = re.compile(r"\+?\d[\d\s().\-/]{6,}\d")
_URL_LINE_RE = re.compile(r"(?:https?://|www\.)\S+")


@memoised(maxsize=1 << 15)
def _detail(line: str, region: str | None) -> tuple[str, str] | None:
    """``(field, value)`` of a detail line of an address or contact block, or None."""
    body = line.strip()
    if not body:
        return None
    if ct.FAX_LABEL_RE.match(body):
        return ("fax", body)
    labelled = _FIELD_LABEL_RE.match(body)
    if labelled:
        kind, value = labelled.lastgroup or "", body[labelled.end():].strip()
        if not value:
            return (f"label-{kind}", "")
        if kind == "country":
            code = pl.country_code(value) or (value.upper() if re.fullmatch(r"[A-Z]{2}", value) else None)
            return ("country", "GB" if code == "UK" else code) if code else None
        if kind == "city":
            return ("postal", f"|{value}")
        if kind == "address":
            return _detail(value, region) or ("street", value)
        if kind == "person":
            return ("person", value)
    if ct.EMAIL_LABEL_RE.match(body) or ct.EMAIL_RE.fullmatch(body):
        found = ct.find_emails(body)
        return ("email", found[0][0]) if found else ("label-email", "")
    if ct.PHONE_LABEL_RE.match(body) or _PHONE_LINE_RE.fullmatch(body):
        value = ct.PHONE_LABEL_RE.sub("", body)
        first = _PHONE_NUMBER_RE.search(value)
        phone = ct.normalise_phone(first.group(0), region) if first else None
        if first and phone is None and "/" in first.group(0):
            phone = ct.normalise_phone(first.group(0).split("/")[0], region)
        return ("phone", phone) if phone else ("label-phone", "")
    if ct.WEBSITE_LABEL_RE.match(body) or _URL_LINE_RE.fullmatch(body):
        urls = ct.find_urls(body)
        return ("website", ct.normalise_website(urls[0][0])) if urls else ("label-website", "")
    address = pl.parse_address_line(body)
    if address:
        return ("postal", f"{address[0] or ''}|{address[1]}")
    if not _DIGIT_RE.search(body):  # every street and postcode line holds a digit
        return ("country", pl.country_code(body)) if pl.country_code(body) and len(body.split()) <= 3 else None
    parts = [p.strip() for p in body.split(",")]
    for i, part in enumerate(parts[1:] if _STREET_RE.search(parts[0]) else [], start=1):
        address = pl.parse_address_line(part)
        if address:
            country = address[0] or next((pl.country_code(p) for p in parts[i + 1:] if pl.country_code(p)), None)
            return ("postal", f"{country or ''}|{address[1]}")
    if pl.country_code(body) and len(body.split()) <= 3:
        return ("country", pl.country_code(body))
    if _STREET_RE.search(body):
        return ("street", body)
    return None


def _narrow(text: str, span: Span, needle: str | None) -> Span:
    """The span of ``needle`` inside the line ``span`` (case-insensitive), else of the line's value part."""
    segment = text[span.start:span.end]
    if needle:
        at = segment.lower().find(needle.lower())
        if at >= 0:
            return Span(span.start + at, span.start + at + len(needle))
    value = segment.split(":", 1)[1] if ":" in segment and not segment.lstrip().startswith("http") else segment
    start = span.start + len(segment) - len(value) + (len(value) - len(value.lstrip()))
    return Span(start, max(start, span.start + len(segment.rstrip())))


def _line_span(text: str, offset: int) -> Span:
    end = text.find("\n", offset)
    return Span(offset, len(text) if end < 0 else end)


def _apply_detail(m: Mention, kind: str, value: str, span: Span, text: str) -> None:
    if kind in ("email", "phone", "website"):
        m.set(kind, value, _narrow(text, span, None if kind == "phone" else value))
    elif kind == "postal":
        country, city = value.split("|")
        m.set("city", city, _narrow(text, span, city))
        m.set("country", country or None, span)
    elif kind == "country":
        m.set("country", value, _narrow(text, span, None))
    elif kind == "person" and ct.looks_like_person(value):
        m.set("contact_person", ct.recase_person(value), _narrow(text, span, value))


class _ListState:
    """Where the list reader is: the role of the current list, its country heading, the last entry."""

    def __init__(self) -> None:
        self.role: str | None = None
        self.side = False
        self.single = False
        self.country: str | None = None
        self.region_country: str | None = None
        self.last: Mention | None = None
        self.pending: str | None = None
        self.in_block = False
        self.blanks = 0
        self.pre_line: str | None = None  # the last line read before any heading opened a list
        self.bulleted: bool | None = None
        self.own_country = False  # the country is the lead heading's own ("Chef de file suisse")

    def open(self, role: str, side: bool, country: str | None) -> None:
        self.role, self.side, self.single, self.country = role, side, role == "lead", country
        self.region_country, self.last, self.pending, self.in_block, self.blanks = None, None, None, False, 0
        self.bulleted = None


@memoised(maxsize=1 << 15)
def _header(body: str) -> tuple[str, str] | None:
    m = _HEADER_RE.match(body)
    if not m or len(body) > 5000 or len(m.group("head").split()) > 6:
        return None
    return m.group("head"), m.group("rest").strip()


def _header_items(role: str, rest: str) -> list[str]:
    if role == "lead":
        parts = re.split(r"(?<=\))\s*[-–]\s*|\s+[-–]\s+(?=[A-ZÀ-Ý])", rest)
        return parts if len(parts) > 1 else [rest]
    return split_list(rest) if re.search(r",|\s(?:and|et|en|und)\s", rest) else [rest]


def read_lists(text: str, gaz: pl.Gazetteer) -> list[Mention]:
    """Mentions from headed lists, role headings and the address/contact blocks under their entries."""
    out: list[Mention] = []
    st = _ListState()
    lines = lines_of(text)
    for index, (offset, raw) in enumerate(lines):
        body = strip_bullet(raw.strip())
        if not body or body == "\ufffd":
            st.blanks += 1
            st.in_block = False
            continue
        head = _header(body)
        if head:
            role, side = role_of(head[0])
            # A side heading ("Côté français") carries over to the lists under it; a lead heading's own
            # side ("Chef de file suisse") is that lead's alone.
            # The country a line before the list names ("Deutschland:"), read only when a list opens
            # (country_code reads every line otherwise: most lines of a page are outside lists).
            if st.role is None:
                inherited = pl.country_code(st.pre_line.rstrip(" :")) if st.pre_line is not None else None
            else:
                inherited = None if st.own_country else st.country
            own = pl.side_country(head[0])
            st.open(role, side, own or inherited)
            st.own_country = bool(own) and role == "lead"
            for item in _header_items(role, head[1]) if head[1] else []:
                mention = parse_entry(item, offset, text, gaz)
                if mention:
                    _take(mention, st, out)
            if head[1] and st.single and st.last is not None:
                st.in_block = True
            continue
        if st.role is None:
            st.pre_line = body
            continue
        blanks, st.blanks = st.blanks, 0
        last = st.last
        if st.pending == "fax" and _NUMBER_RE.fullmatch(body):
            st.pending = None
            continue
        if st.pending and st.pending != "fax" and last is not None:
            detail = _detail(f"{st.pending}: {body}", last.facts.get("country"))
            st.pending = None
            if detail and not detail[0].startswith("label-"):
                if detail[0] != "fax":
                    _apply_detail(last, detail[0], detail[1], Span(offset, offset + len(raw)), text)
                continue
        detail = _detail(body, last.facts.get("country")) if last is not None else None
        closes = index + 1 >= len(lines) or not lines[index + 1][1].strip()
        labelled = _FIELD_LABEL_RE.match(body) is not None
        if detail and detail[0] == "country" and not labelled and not (
                st.in_block and last is not None and (last.source == "block" or blanks == 0 and closes)):
            detail = None
        if detail and detail[0] in ("postal", "street") and st.bulleted and glued_entry(raw.strip()):
            detail = None  # "- Caritas Görlitz, Hauptstraße 5, 02826 Görlitz": the next entry, with its address
        if detail and last is not None and (st.in_block or blanks <= 2):
            if detail[0].startswith("label-") or detail[0] == "fax" and not re.search(r"\d{4}", body):
                st.pending = detail[0].removeprefix("label-")
            elif detail[0] != "fax":
                _apply_detail(last, detail[0], detail[1], Span(offset, offset + len(raw)), text)
            last.source, st.in_block = "block", True
            continue
        if st.single and last is not None:
            if blanks == 0 and st.in_block:
                continue  # a further line of the lead's address block ("Administration Communale")
            st.role = None
            continue
        if PERSON_LABEL_RE.match(body) or CONTACT_HEAD_RE.match(body) or _FIELD_LABEL_RE.match(body):
            st.role = None
            continue
        code = pl.country_code(body.rstrip(" :"))
        region = gaz.region(body)
        if code or region:
            st.country, st.region_country = code, None if code else region[1]
            continue
        if _FUNDERS_RE.search(body) and len(body.split()) <= 6:
            st.role = None  # co-financers, sponsors and funders are not partners
            continue
        if body.endswith(":"):
            st.country = pl.side_country(body) or st.country
            continue
        bulleted = strip_bullet(raw.strip()) != raw.strip()
        if st.bulleted is None:
            st.bulleted = bulleted
        elif st.bulleted and not bulleted:
            st.role = None
            continue
        loose = bulleted and len(body.split()) <= 12 and not ends_sentence(body)
        if (_STOP_RE.search(body) and len(body.split()) <= 8) or not (list_item_like(body) or loose):
            st.role = None
            continue
        for item in _line_items(body, gaz):
            mention = parse_entry(item, offset, text, gaz)
            if mention is not None:
                _take(mention, st, out)
                st.in_block = True
    return out


_COMMA_SPLIT_RE = re.compile(r",\s+")
_SPACED_BRACKET_NOTE_RE = re.compile(r"\s*\([^()]*\)")


@memoised_per_gazetteer(maxsize=1 << 15)
def _line_items(body: str, gaz: pl.Gazetteer) -> tuple[str, ...]:
    """The organisations of one list line: one, or several when every comma part starts with a capital
    and none is a place or a country ("Stadt Zittau, Diakonie Sachsen und Caritas Dresden"), or when each
    organisation is followed by its town and country ("Stadt Aachen, Aachen (DE), Ville de Lille, Lille (FR)")."""
    chunks = [c.strip() for c in _COMMA_SPLIT_RE.split(body)]
    if len(chunks) < 2 or not all(is_capitalised(c.split()[0]) and not c.split()[0][:1].islower() for c in chunks):
        return (body,)
    if len(join_towns(chunks)) < len(chunks):  # "Stadt Aachen, Aachen (DE), Ville de Lille, Lille (FR)"
        return tuple(split_list(body))
    bare = [_SPACED_BRACKET_NOTE_RE.sub("", c).strip() for c in chunks[1:]]
    if any(gaz.place(c) or pl.country_code(c) or gaz.region(c) for c in bare):
        return (body,)
    return tuple(split_list(body))


def _take(m: Mention, st: _ListState, out: list[Mention]) -> None:
    if m.role == "unknown" and st.role in ("lead", "partner", "associated", "mixed"):
        m.role, m.side_lead = st.role, st.side or m.side_lead
    m.mixed = st.role == "mixed"
    if st.country:
        m.set("country", st.country)
    elif st.region_country:
        m.set("country", st.region_country, inferred=True)
    st.last = m
    out.append(m)


_TABLE_SPLIT_RE = re.compile(r"\t+|\s+\|\s+|\s*;\s*(?=\S)| {3,}")
_COLUMN_RE = {
    "name": re.compile(r"^(?:partner|partenaire|organi[sz]ation|organisme|organisatie|name|nom|naam|"
                       r"projektpartner|beneficiary|b[ée]n[ée]ficiaire)s?\b", re.IGNORECASE),
    "country": re.compile(r"^(?:country|pays|land|staat|nation)\b", re.IGNORECASE),
    "city": re.compile(r"^(?:city|town|ville|stad|stadt|ort|place|plaats|lieu)\b", re.IGNORECASE),
    "role": re.compile(r"^(?:role|r[ôo]le|rol|rolle|type|status|statut)\b", re.IGNORECASE),
}


def _cells(line: str) -> list[str]:
    return [c.strip(" |") for c in _TABLE_SPLIT_RE.split(line.strip().strip("|")) if c.strip(" |")]


def read_tables(text: str, gaz: pl.Gazetteer) -> list[Mention]:
    """Mentions from partner tables: a header row naming a partner column and a country, city or role
    column, then one row per partner (cells split by tabs, `` | `` or runs of spaces)."""
    out: list[Mention] = []
    columns: dict[str, int] | None = None
    width = 0
    for offset, raw in lines_of(text):
        # a line without a tab, "|", ";" or three spaces has one cell at most: not split
        cells = _cells(raw) if "\t" in raw or "|" in raw or ";" in raw or "   " in raw else ()
        if len(cells) < 2:
            if raw.strip():
                columns = None
            continue
        found = {kind: i for kind, pattern in _COLUMN_RE.items() for i, c in enumerate(cells) if pattern.match(c)}
        if "name" in found and len(found) >= 2 and len(set(found.values())) == len(cells):
            columns, width = found, len(cells)
            continue
        if columns is None or len(cells) != width:
            continue
        mention = parse_entry(cells[columns["name"]], offset, text, gaz)
        if mention is None:
            continue
        if "country" in columns:
            cell = cells[columns["country"]]
            code = pl.country_code(cell) or (cell.upper() if re.fullmatch(r"[A-Z]{2}", cell) else None)
            mention.set("country", "GB" if code == "UK" else code)
        if "city" in columns:
            mention.set("city", cells[columns["city"]])
        role, side = role_of(cells[columns["role"]]) if "role" in columns else ("partner", False)
        mention.role, mention.side_lead, mention.source = role, side, "block"
        out.append(mention)
    return out


def _split_person(line: str, known: list[str]) -> tuple[str | None, str | None]:
    """``(organisation, person)`` of a contact line that may hold both ("Jean Mees Centre Hospitalier X")."""
    for name in sorted(known, key=len, reverse=True):
        if line.endswith(name) and line != name and ct.looks_like_person(line[: -len(name)].strip()):
            return name, ct.recase_person(line[: -len(name)].strip())
        if line.startswith(name) and line != name and ct.looks_like_person(line[len(name):].strip(" ,-–")):
            return name, ct.recase_person(line[len(name):].strip(" ,-–"))
    if ct.looks_like_person(line):
        return None, ct.recase_person(line)
    return line, None


def read_contacts(text: str, known: list[str], gaz: pl.Gazetteer) -> list[Mention]:
    """Mentions from contact sections: name line(s), then e-mail / phone / website lines."""
    out: list[Mention] = []
    lines = [(o, r.strip()) for o, r in lines_of(text) if r.strip() and r.strip() != "\ufffd"]
    i = 0
    while i < len(lines):
        offset, body = lines[i]
        i += 1
        if not CONTACT_HEAD_RE.match(body):
            continue
        role = "partner" if re.search(r"partenaires|partners?", body, re.IGNORECASE) else "unknown"
        names: list[tuple[int, str]] = []
        details: list[tuple[int, str, str]] = []
        pending: str | None = None
        while i <= len(lines):
            offset, body = lines[i] if i < len(lines) else (len(text), "")
            if pending == "fax" and _NUMBER_RE.fullmatch(body):
                pending, i = None, i + 1
                continue
            detail = _detail(f"{pending}: {body}", None) if pending and pending != "fax" and body else None
            if detail is None or detail[0].startswith("label-"):
                detail = _detail(body, None) if body else None
            pending = None
            if detail is not None:
                if detail[0].startswith("label-") or detail[0] == "fax" and not re.search(r"\d{4}", body):
                    pending = detail[0].removeprefix("label-")
                elif detail[0] != "fax":
                    details.append((offset, detail[0], detail[1]))
                i += 1
                continue
            if details or not body:
                out.extend(_contact_group(names, details, role, text, known, gaz))
                names, details = [], []
            if not body or not name_like(body) or len(names) >= 3:
                break
            names.append((offset, body))
            i += 1
    return out


def _contact_group(names: list[tuple[int, str]], details: list[tuple[int, str, str]], role: str, text: str,
                   known: list[str], gaz: pl.Gazetteer) -> list[Mention]:
    if not names or not any(kind in ("email", "phone", "website") for _, kind, _ in details):
        return []
    org: tuple[int, str] | None = None
    person: str | None = None
    for offset, line in names[-2:]:
        found_org, found_person = _split_person(line, known)
        if found_org and org is None:
            org = (offset, found_org)
        if found_person and person is None:
            person = found_person
    if org is None:
        return []
    mention = parse_entry(org[1], org[0], text, gaz)
    if mention is None:
        return []
    mention.role, mention.source = role, "contact"
    mention.set("contact_person", person)
    for offset, kind, value in details:
        _apply_detail(mention, kind, value, _line_span(text, offset), text)
    phone = mention.facts.get("phone")
    if phone:
        mention.facts["phone"] = ct.normalise_phone(phone, mention.facts.get("country")) or phone
    return [mention]
