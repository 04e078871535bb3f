"""Partner organisations of a project as one document gives them, with roles, places and contacts.

Partners are read in every shape such pages use: partner lists under a heading ("Partners",
"Partenaires", "ProjectPartners", "Projektpartner"), role headings ("Lead partner:", "Chef de file",
"PROJECTLEIDER", "Porteur du projet :"), address and contact blocks under a name, contact sections
(name line, person line, ``Email:``, ``Telephone:``, ``Website:``), inline role notes
("Medway Council (administrative lead partner)") and sentences ("X is the lead partner",
"led by X", "X est fier d'être le chef de file"). Mentions of one organisation (same alias key,
or an acronym and its long form) are merged into one :class:`~loader.records.PartnerRecord`
holding the union of their facts.

>>> from loader.aliases import AliasTable
>>> text = "Partners:\\n- Medway Council (lead partner)\\n- Ville de Lille (FR)\\n"
>>> [(p.name, p.role, p.country, sorted(p.inferred)) for p in extract_partners(text, "en", AliasTable())]
[('Medway Council', 'lead', 'GB', ['country']), ('Ville de Lille', 'partner', 'FR', ['city'])]
"""

from __future__ import annotations

import re

from loader.aliases import AliasTable
from loader.extract import contacts as ct
from loader.extract import places as pl
from loader.extract.partner_names import (
    ASSOC_WORDS,
    LEAD_WORDS,
    Mention,
    is_capitalised,
    is_excluded,
    list_item_like,
    long_forms,
    name_like,
    parse_entry,
    role_of,
    split_list,
    strip_bullet,
)
from loader.extract.partner_sentences import sentence_mentions
from loader.records import PartnerRecord, Span

__all__ = ["extract_partners"]

_PARTNER_WORDS = (r"(?:les\s+)?partenaires(?:\s+du\s+projet)?|(?:the\s+)?(?:involved\s+|project\s*)?partners?|"
                  r"projektpartner(?:innen)?|projectpartners?|weitere\s+(?:partner|beteiligte)|beteiligte|"
                  r"partner(?:organisationen|organisaties)?|deelnemers|participants|partenariat")
_HEADER_RE = re.compile(
    rf"^(?P<head>(?:{ASSOC_WORDS})|(?:{LEAD_WORDS})|(?:{_PARTNER_WORDS})(?:\s*/\s*(?:{ASSOC_WORDS}))?"
    rf"(?:\s+(?:fran[cç]ais|belges|n[ée]erlandais|allemands|luxembourgeois|britanniques|anglais))?)"
    rf"(?:\s*\(\d{{1,3}}\))?(?:\s+(?:are|sind|sont|zijn|is|ist|est))?\s*(?::|$)\s*(?P<rest>.*)$", re.IGNORECASE)
_CONTACT_HEAD_RE = re.compile(r"^(?:contact(?:ez|eer)?(?:\s+(?:les|the|de|die)\s+(?:partenaires|partners|projectpartners|"
                              r"partner))?|contacts?|contact\s+details|kontakt(?:e|daten)?|contactgegevens|"
                              r"coordonn[ée]es)\s*:?$", re.IGNORECASE)
_PERSON_LABEL_RE = re.compile(r"^(?:contactpersoon|contact\s+person|personne\s+de\s+contact|"
                              r"ansprechpartner(?:in)?|kontaktperson|contact)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_STOP_RE = re.compile(
    r"\b(?:budget|objecti[fv]|objectives?|doelstelling|ziel|description|beschrijving|beschreibung|r[ée]sultats?|"
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


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


def _detail(line: str, region: str | None) -> tuple[str, str] | None:
    """``(field, value)`` of a detail line of an address or contact block, or None."""
    body = line.strip()
    if not body:
        return None
    if ct.FAX_LABEL_RE.match(body):
        return ("fax", body)
    if ct.EMAIL_LABEL_RE.match(body) or ct.EMAIL_RE.fullmatch(body):
        found = ct.find_emails(body)
        return ("email", found[0][0]) if found else ("label-email", "")
    if ct.PHONE_LABEL_RE.match(body) or re.fullmatch(r"\+?[\d\s().\-/]{8,}", body):
        value = ct.PHONE_LABEL_RE.sub("", body)
        phone = ct.normalise_phone(value, region) if value else None
        return ("phone", phone) if phone else ("label-phone", "")
    if ct.WEBSITE_LABEL_RE.match(body) or re.fullmatch(r"(?:https?://|www\.)\S+", body):
        urls = ct.find_urls(body)
        return ("website", ct.normalise_website(urls[0][0])) if urls else ("label-website", "")
    address = pl.parse_address_line(body)
    if address:
        return ("postal", f"{address[0] or ''}|{address[1]}")
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


def _apply_detail(m: Mention, kind: str, value: str, span: Span) -> None:
    if kind in ("email", "phone", "website"):
        m.set(kind, value, span)
    elif kind == "postal":
        country, city = value.split("|")
        m.set("city", city, span)
        m.set("country", country or None, span)
    elif kind == "country":
        m.set("country", value, span)


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
        self.pre_country: str | None = None
        self.bulleted: bool | None = None

    def open(self, role: str, side: bool, country: str | None) -> None:
        self.role, self.side, self.single, self.country = role, side, role == "lead", country
        self.region_country, self.last, self.pending, self.in_block, self.blanks = None, None, None, False, 0
        self.bulleted = None


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


def _read_lists(text: str, gaz: pl.Gazetteer) -> list[Mention]:
    """Mentions from headed lists, role headings and the address/contact blocks under their entries."""
    out: list[Mention] = []
    st = _ListState()
    for offset, raw in _lines(text):
        body = strip_bullet(raw.strip())
        if not body or body == "\ufffd":
            st.blanks += 1
            st.in_block = False
            continue
        head = _header(body)
        if head:
            role, side = role_of(head[0])
            st.open(role, side, pl.side_country(head[0]) or (st.pre_country if st.role is None else st.country))
            for item in _header_items(role, head[1]) if head[1] else []:
                mention = parse_entry(item, offset, text, gaz)
                if mention:
                    _take(mention, st, out)
            if head[1] and st.single and st.last is not None:
                st.in_block = True
            continue
        if st.role is None:
            st.pre_country = pl.country_code(body.rstrip(" :"))
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
                    _apply_detail(last, detail[0], detail[1], Span(offset, offset + len(raw)))
                continue
        detail = _detail(body, last.facts.get("country")) if last is not None else None
        if detail and detail[0] == "country" and not (st.in_block and last is not None and last.source == "block"):
            detail = None
        if detail and last is not None and (st.in_block or blanks <= 2):
            if detail[0].startswith("label-") or detail[0] == "fax" and not re.search(r"\d{4}", body):
                st.pending = detail[0].removeprefix("label-")
            elif detail[0] != "fax":
                _apply_detail(last, detail[0], detail[1], Span(offset, offset + len(raw)))
            last.source, st.in_block = "block", True
            continue
        if st.single and last is not None:
            if blanks == 0 and st.in_block:
                continue  # a further line of the lead's address block ("Administration Communale")
            st.role = None
            continue
        if _PERSON_LABEL_RE.match(body) or _CONTACT_HEAD_RE.match(body):
            st.role = None
            continue
        code = pl.country_code(body.rstrip(" :"))
        region = gaz.region(body)
        if code or region:
            st.country, st.region_country = code, None if code else region[1]
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
        loose = bulleted and len(body.split()) <= 12 and not body.endswith(".")
        if (_STOP_RE.search(body) and len(body.split()) <= 8) or not (list_item_like(body) or loose):
            st.role = None
            continue
        for item in _line_items(body, gaz):
            mention = parse_entry(item, offset, text, gaz)
            if mention is not None:
                _take(mention, st, out)
                st.in_block = True
    return out


def _line_items(body: str, gaz: pl.Gazetteer) -> list[str]:
    """The organisations of one list line: one, or several when every comma part starts with a capital
    and none is a place or a country ("Stadt Zittau, Diakonie Sachsen und Caritas Dresden")."""
    chunks = [c.strip() for c in re.split(r",\s+", body)]
    if len(chunks) < 2 or not all(is_capitalised(c.split()[0]) and not c.split()[0][:1].islower() for c in chunks):
        return [body]
    bare = [re.sub(r"\s*\([^()]*\)", "", c).strip() for c in chunks[1:]]
    if any(gaz.place(c) or pl.country_code(c) or gaz.region(c) for c in bare):
        return [body]
    return split_list(body)


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


def _read_tables(text: str, gaz: pl.Gazetteer) -> list[Mention]:
    """Mentions from partner tables: a header row naming a partner column and a country, city or role
    column, then one row per partner (cells split by tabs, `` | `` or runs of spaces)."""
    out: list[Mention] = []
    columns: dict[str, int] | None = None
    width = 0
    for offset, raw in _lines(text):
        cells = _cells(raw)
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


def _read_contacts(text: str, known: list[str], gaz: pl.Gazetteer) -> list[Mention]:
    """Mentions from contact sections: name line(s), then e-mail / phone / website lines."""
    out: list[Mention] = []
    lines = [(o, r.strip()) for o, r in _lines(text) if r.strip() and r.strip() != "\ufffd"]
    i = 0
    while i < len(lines):
        offset, body = lines[i]
        i += 1
        if not _CONTACT_HEAD_RE.match(body):
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
        _apply_detail(mention, kind, value, Span(offset, offset + 1))
    phone = mention.facts.get("phone")
    if phone:
        mention.facts["phone"] = ct.normalise_phone(phone, mention.facts.get("country")) or phone
    return [mention]


_PERSON_AT_RE = re.compile(r"(?<![\w'‘’\"“])(?P<person>[A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){1,2})\s+(?:at|from|de|"
                           r"van|von|bei|chez)\s+(?:the\s+|la\s+|le\s+|l['’]|der\s+|het\s+)?(?=(?P<rest>[^\n]{3,160}))")
_FOUNDED_RE = (r"\b[^.\n]{0,120}?\b(?:a\s+été\s+cré[ée]e?|a\s+été\s+fond[ée]e?|est\s+bas[ée]e?|est\s+situ[ée]e?|"
               r"is\s+based|was\s+founded|was\s+established|is\s+located|gevestigd|opgericht|gegr[üu]ndet|"
               r"ans[äa]ssig)\s+(?:à|in|en|te)\s+(?P<city>[A-ZÀ-Ý][\w'’\-]+)")


class _Group:
    """The mentions of one organisation in one document."""

    def __init__(self, mention: Mention) -> None:
        self.mentions = [mention]
        self.extra_names: list[str] = []

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def best(self) -> Mention:
        rank = {"block": 0, "list": 0, "contact": 1, "sentence": 2}
        return min(self.mentions, key=lambda m: (rank.get(m.source, 3), m.start))

    def fact(self, name: str) -> tuple[str | None, bool, Span | None]:
        read = [m for m in self.mentions if name in m.facts and name not in m.inferred]
        guessed = [m for m in self.mentions if name in m.facts and name in m.inferred]
        for pool, inferred in ((read, False), (guessed, True)):
            if pool:
                m = min(pool, key=lambda x: ({"block": 0, "list": 1, "contact": 0}.get(x.source, 2), x.start))
                return m.facts[name], inferred, m.spans.get(name)
        return None, False, None


def _link(name: str, acronyms: dict[str, tuple[str, int]]) -> str | None:
    for acronym, (long_name, _pos) in acronyms.items():
        bare = long_name.replace(f" ({acronym})", "")
        tail = long_name.split(f"({acronym})", 1)[1].strip()
        variants = {acronym, long_name, bare, f"{acronym} {tail}".strip()}
        if name in variants:
            return f"acronym:{acronym}"
    return None


def _group(mentions: list[Mention], aliases: AliasTable, acronyms: dict[str, tuple[str, int]]) -> list[_Group]:
    groups: list[_Group] = []
    index: dict[str, _Group] = {}
    for m in mentions:
        keys = {aliases.key_for(m.name)}
        link = _link(m.name, acronyms)
        if link:
            keys.add(link)
        found = next((index[k] for k in keys if k in index), None)
        if found is None:
            found = _Group(m)
            groups.append(found)
        else:
            found.mentions.append(m)
        for k in keys:
            index.setdefault(k, found)
    return groups


def _canonical(group: _Group, text: str, acronyms: dict[str, tuple[str, int]]) -> str:
    name = group.best().name
    if name in acronyms:
        long_name, pos = acronyms[name]
        first = re.search(rf"\b{re.escape(name)}\b", text)
        if first is not None and first.start() >= pos:
            return long_name
    return name


def _attach_people(text: str, groups: list[_Group], aliases: AliasTable) -> None:
    by_key = {aliases.key_for(g.best().name): g for g in groups}
    for m in _PERSON_AT_RE.finditer(re.sub(r"[ \t]*\n[ \t]*(?=\S)", lambda x: " " * len(x.group(0)), text)):
        if not ct.looks_like_person(m.group("person")):
            continue
        tokens = m.group("rest").split()
        for size in range(min(8, len(tokens)), 0, -1):
            candidate = " ".join(tokens[:size]).rstrip(",.;:")
            group = by_key.get(aliases.key_for(candidate))
            if group is None:
                continue
            holder = group.best()
            if not any("contact_person" in x.facts for x in group.mentions):
                holder.set("contact_person", ct.recase_person(m.group("person")),
                           Span(m.start("person"), m.end("person")))
            if candidate not in (x.name for x in group.mentions):
                group.extra_names.append(candidate)
            break


def _person_labels(text: str, groups: list[_Group]) -> None:
    lines = [(o, r.strip()) for o, r in _lines(text) if r.strip()]
    for i, (offset, body) in enumerate(lines):
        m = _PERSON_LABEL_RE.match(body)
        if not m or _CONTACT_HEAD_RE.match(body) and not m.group("rest"):
            if not (m and re.match(r"^contact\w*\s*:?$", body, re.IGNORECASE) and i + 1 < len(lines)
                    and ct.looks_like_person(lines[i + 1][1])):
                continue
        value = m.group("rest").strip() or (lines[i + 1][1] if i + 1 < len(lines) else "")
        if not ct.looks_like_person(value):
            continue
        before = [g for g in groups if g.first < offset and any(x.source == "block" for x in g.mentions)]
        target = max(before, key=lambda g: g.first) if before else (groups[0] if len(groups) == 1 else None)
        if target is not None and not any("contact_person" in x.facts for x in target.mentions):
            target.best().set("contact_person", ct.recase_person(value))


def _founded_in(text: str, group: _Group, name: str, gaz: pl.Gazetteer) -> None:
    if group.fact("city")[0] and not group.fact("city")[1]:
        return
    for m in re.finditer(rf"(?:^|\n|\.\s)\s*{re.escape(name)}{_FOUNDED_RE}", text):
        group.best().set("city", m.group("city"), Span(m.start("city"), m.end("city")))
        return


def _role(group: _Group, plain_lead_elsewhere: bool) -> str:
    roles = [m.role for m in group.mentions]
    if "lead" in roles:
        side_only = all(m.side_lead for m in group.mentions if m.role == "lead")
        return "partner" if side_only and plain_lead_elsewhere else "lead"
    if "associated" in roles:
        return "associated"
    if "mixed" in roles:
        has_details = any(group.fact(f)[0] for f in ("email", "phone", "city"))
        return "partner" if has_details else "associated"
    if "partner" in roles:
        return "partner"
    return "unknown"


_AREA_BODY_RE = re.compile(r"^(?:province|provincie|provinz|d[ée]partement|department|county|kreis|landkreis|"
                           r"bezirk|region|r[ée]gion|regio|conseil\s+(?:g[ée]n[ée]ral|d[ée]partemental|r[ée]gional))\b",
                           re.IGNORECASE)


def _infer_places(facts: dict[str, str | None], inferred: set[str], name: str, gaz: pl.Gazetteer) -> None:
    if facts.get("country") is None:
        guess = ct.phone_region(facts["phone"]) if facts.get("phone") else None
        if guess is None and facts.get("city") and gaz.place(facts["city"]):
            guess = gaz.place(facts["city"])[1]
        if guess is None:
            found = {c for _, c in gaz.places_in(name)}
            guess = found.pop() if len(found) == 1 else None
        if guess:
            facts["country"] = guess
            inferred.add("country")
    if facts.get("city") is None and not _AREA_BODY_RE.match(name):
        found = [place for place in gaz.places_in(name) if gaz.is_town(place[0])]
        if len(found) == 1:
            facts["city"] = found[0][0]
            inferred.add("city")


def _name_span(text: str, name: str, near: int) -> Span:
    pos = text.find(name, max(0, near - 5))
    if pos < 0:
        pos = text.find(name)
    if pos < 0:
        low = text.lower().find(name.lower())
        pos = low
    if pos < 0:
        return Span(min(near, len(text)), min(near, len(text)))
    return Span(pos, pos + len(name))


def extract_partners(text: str, language: str | None, aliases: AliasTable,
                     gazetteer: pl.Gazetteer | None = None) -> tuple[PartnerRecord, ...]:
    """The partner organisations a document names, one record per organisation, in text order.

    :param text: the document's plain text (spans point into it).
    :param language: the document's language (en/fr/nl/de) or None; the rules read all four anyway.
    :param aliases: the organisation alias table (keys, and names that are one organisation).
    :param gazetteer: places for inferred countries and cities (default: ``data/gazetteer``).
    :returns: partner records with ``key`` from ``aliases.key_for``, roles, places, contacts, spans, and
        ``inferred`` naming the fields whose value was inferred rather than read.
    """
    del language  # the vocabulary of every rule covers en/fr/nl/de at once
    gaz = gazetteer or pl.default_gazetteer()
    listed = _read_tables(text, gaz) + _read_lists(text, gaz)
    said = sentence_mentions(text, gaz)
    contact = _read_contacts(text, [m.name for m in listed + said], gaz)
    acronyms = long_forms(text)
    mentions = listed + contact + said
    names = {m.name for m in mentions}
    for m in mentions:
        lead_in = re.match(r"^\S+\s+(?i:de|het|the|la|le|der|die|das|den|dem)\s+(?P<rest>.+)$", m.name)
        if lead_in and lead_in.group("rest") in names:
            m.name = lead_in.group("rest")  # "Ook de Gemeente X" read with a leading adverb
    groups = _group(mentions, aliases, acronyms)
    _attach_people(text, groups, aliases)
    _person_labels(text, groups)
    plain_lead = any(m.role == "lead" and not m.side_lead for g in groups for m in g.mentions)
    records = []
    for group in sorted(groups, key=lambda g: g.first):
        name = _canonical(group, text, acronyms)
        if is_excluded(name) or pl.country_code(name) or gaz.region(name):
            continue
        _founded_in(text, group, name, gaz)
        facts: dict[str, str | None] = {}
        inferred: set[str] = set()
        spans: dict[str, Span] = {}
        for field_name in ("country", "city", "email", "phone", "website", "contact_person"):
            value, guessed, span = group.fact(field_name)
            facts[field_name] = value
            if guessed and value:
                inferred.add(field_name)
            if span is not None and value and not guessed:
                spans[field_name] = span
        _infer_places(facts, inferred, name, gaz)
        best = group.best()
        spans["name"] = _name_span(text, name, best.start)
        others = []
        for other in [m.name for m in group.mentions] + group.extra_names:
            if aliases.key_for(other) != aliases.key_for(name) or other.lower() != name.lower():
                if other != name and other not in others:
                    others.append(other)
        records.append(PartnerRecord(
            name=name, key=aliases.key_for(name), role=_role(group, plain_lead),
            country=facts["country"], city=facts["city"], email=facts["email"], phone=facts["phone"],
            website=facts["website"], contact_person=facts["contact_person"], aliases=tuple(others),
            spans=tuple(sorted(spans.items())), inferred=frozenset(inferred)))
    return tuple(records)
