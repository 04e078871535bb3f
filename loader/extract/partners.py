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
from loader.extract.partner_blocks import (
    CONTACT_HEAD_RE,
    PERSON_LABEL_RE,
    lines_of,
    read_contacts,
    read_lists,
    read_tables,
)
from loader.extract.partner_names import (
    Mention,
    is_excluded,
    long_forms,
)
from loader.extract.partner_sentences import sentence_mentions
from loader.extract.text import fold_word
from loader.records import PartnerRecord, Span

__all__ = ["extract_partners"]


# The look-behind (no letter or quote before the name) is made after the capital opening it (the same
# test): re then jumps from capital to capital (tests/extract/test_regex_prefixes.py).
_PERSON_AT_RE = re.compile(r"(?P<person>[A-ZÀ-Ý](?<![\w'‘’\"“].)[\w\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){1,2})\s+(?:at|from|de|"
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


_LINE_BREAK_RE = re.compile(r"[ \t]*\n[ \t]*(?=\S)")  # a line break and the blanks around it
_JOINED_BREAK_RE = re.compile(r"\n(?=[ \t]*\S)")


def joined_lines(text: str) -> str:
    """``text`` with each line break before more text, and the blanks around it, turned into spaces (same
    length). Without tabs those blanks are spaces already: only the line break changes, and a constant
    replacement spares a Python call per line.

    >>> joined_lines("Anna Smith\\n  at Kent\\n\\nEnd \\t\\n x")
    'Anna Smith   at Kent\\n End    x'
    """
    if "\t" in text:
        return _LINE_BREAK_RE.sub(lambda x: " " * len(x.group(0)), text)
    return _JOINED_BREAK_RE.sub(" ", text)


def _attach_people(text: str, groups: list[_Group], aliases: AliasTable) -> None:
    by_key = {aliases.key_for(g.best().name): g for g in groups}
    for m in _PERSON_AT_RE.finditer(joined_lines(text)):
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
    lines = [(o, r.strip()) for o, r in lines_of(text) if r.strip()]
    for i, (offset, body) in enumerate(lines):
        m = PERSON_LABEL_RE.match(body)
        if not m or CONTACT_HEAD_RE.match(body) and not m.group("rest"):
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


_FOUNDED_AFTER_NAME_RE = re.compile(_FOUNDED_RE)  # compiled once, not with each name before it


def _founded_in(text: str, group: _Group, name: str, gaz: pl.Gazetteer) -> None:
    if group.fact("city")[0] and not group.fact("city")[1]:
        return
    pos = text.find(name)
    while pos >= 0:  # the name opening a sentence or a line, then "was founded in X" and the like
        before = text[:pos].rstrip(" \t\r\f\v\n")
        opens = not before or text[len(before):pos].count("\n") or before.endswith(".") and pos > len(before)
        if opens:  # the name is at pos: the rest of "name + _FOUNDED_RE" is matched right after it
            m = _FOUNDED_AFTER_NAME_RE.match(text, pos + len(name))
            if m:
                group.best().set("city", m.group("city"), Span(m.start("city"), m.end("city")))
                return
        pos = text.find(name, pos + 1)


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


_LEAD_IN_RE = re.compile(r"^\S+\s+(?i:de|het|the|la|le|der|die|das|den|dem)\s+(?P<rest>.+)$")


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
    listed = read_tables(text, gaz) + read_lists(text, gaz)
    said = sentence_mentions(text, gaz)
    contact = read_contacts(text, [m.name for m in listed + said], gaz)
    acronyms = long_forms(text)
    mentions = listed + contact + said
    names = {m.name for m in mentions}
    for m in mentions:
        if m.source != "sentence":
            continue  # an entry of a list or block is a name as written ("Sozialamt der Stadt Bocholt")
        lead_in = _LEAD_IN_RE.match(m.name)
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
        link = next((_link(m.name, acronyms) for m in group.mentions if _link(m.name, acronyms)), None)
        written = [acronyms[link.split(":", 1)[1]][0]] if link else []  # the long form the text defines
        for other in [m.name for m in group.mentions] + [a for m in group.mentions for a in m.aliases] \
                + group.extra_names + written:
            if aliases.key_for(other) != aliases.key_for(name) or other.lower() != name.lower():
                if other != name and other not in others:
                    others.append(other)
        why = aliases.evidence_for(name)
        records.append(PartnerRecord(
            name=name, key=why.key, key_source=why.source, key_evidence=why.detail, role=_role(group, plain_lead),
            country=facts["country"], city=facts["city"], email=facts["email"], phone=facts["phone"],
            website=facts["website"], contact_person=facts["contact_person"], aliases=tuple(others),
            spans=tuple(sorted(spans.items())), inferred=frozenset(inferred)))
    return tuple(_emails_by_domain(text, records))


# Words of organisation names too common to tie an e-mail domain to one organisation.
_GENERIC_NAME_WORDS = frozenset({
    "gemeente", "stad", "stadt", "ville", "city", "council", "county", "district", "university", "universite",
    "universiteit", "universitat", "centre", "center", "centrum", "zentrum", "hospital", "hopital", "association",
    "stichting", "verein", "fondation", "foundation", "provincie", "province", "region", "kreis", "landkreis",
    "gemeinde", "communaute", "commune", "urbaine", "departement", "department", "conseil", "general",
    "regional", "institut", "institute", "office", "agence", "agency", "service", "services", "social", "sociale",
    "public", "publique", "europe", "european", "international", "national", "nord", "north", "south", "west",
    "east", "ouest", "saint", "sankt", "sint", "the", "des", "van", "der", "die", "das", "und", "and",
})


def _domain_words(name: str) -> set[str]:
    words = {fold_word(w) for w in re.findall(r"[^\W\d_]{4,}", name)}
    return {w for w in words if w not in _GENERIC_NAME_WORDS}


def _emails_by_domain(text: str, records: list[PartnerRecord]) -> list[PartnerRecord]:
    """An e-mail address no entry holds, whose domain spells the distinctive words of exactly one
    partner's name ("anna.meier@diakonie-kork.de" and "Diakonie Kork"), is that partner's contact.
    Webmail domains tie nothing."""
    from dataclasses import replace

    from loader.aliases import WEBMAIL_DOMAINS

    held = {r.email.lower() for r in records if r.email}
    out = list(records)
    for email, start, end in ct.find_emails(text):
        host = email.rsplit("@", 1)[1].lower()
        if email.lower() in held or host in WEBMAIL_DOMAINS:
            continue
        squeezed = re.sub(r"[^a-z0-9]", "", host)
        fits = [i for i, r in enumerate(out) if r.email is None and (words := _domain_words(r.name))
                and all(w in squeezed for w in words)]
        if len(fits) == 1:
            record = out[fits[0]]
            spans = dict(record.spans) | {"email": Span(start, end)}
            out[fits[0]] = replace(record, email=email, spans=tuple(sorted(spans.items())))
            held.add(email.lower())
    return out
