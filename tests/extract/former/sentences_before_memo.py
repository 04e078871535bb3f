"""THE FORMER ``loader.extract.partner_sentences`` (before the answers of lines and sentences were kept across pages): tests/extract/test_memo.py holds the new one to it.

Original docstring:
Partners named in sentences: "X is the lead partner", "led by X", "l'OFBS, porteur du projet",
"the partners are A, B and C", "PP9 (X)", "Voor X is Y de projectmanager".

Helpers of :mod:`loader.extract.partners`.

>>> [(m.name, m.role) for m in sentence_mentions("The €6.7 million project, led by Kent County Council, will help.")]
[('Kent County Council', 'lead')]
>>> [(m.name, m.role) for m in sentence_mentions("Der Bezirk Ústí ist Leadpartner in diesem Projekt.")]
[('Bezirk Ústí', 'lead')]
"""

from __future__ import annotations

import re

from loader.extract import places as pl
from loader.extract.contacts import looks_like_person, recase_person
from tests.extract.former.names_before_memo import (
    Mention,
    clean_name,
    is_capitalised,
    is_excluded,
    leading_run,
    parse_entry,
    split_list,
    strip_article,
    trailing_run,
)

__all__ = ["sentence_mentions", "sentences"]

_LEAD = (r"lead[\s-]*partner|leadpartner|chef\s+de\s+file|projectleider|project\s+leader|lead\s+beneficiary|porteur\s+du\s+projet|"
         r"coordinat(?:or|eur)\s+(?:of|du|van)\s+(?:the\s+|du\s+|het\s+)?proje[ck]t|penvoerder|hoofdaanvrager|"
         r"federf[üu]hrende[rn]?\s+partner")
_COPULA = (r"is|est|ist|was|war|wird|wordt|sera|will\s+be|acts\s+as|agit\s+en\s+tant\s+que|fungiert\s+als|"
           r"treedt\s+op\s+als|assure|assume|serves\s+as|fungeert\s+als|[üu]bernimmt|fait\s+office\s+de")
_SUBJ_LEAD_RE = re.compile(rf"^(?P<subj>.+?)\s+(?:{_COPULA})\b(?P<mid>.{{0,40}}?)\b(?:{_LEAD})", re.IGNORECASE)
_SUBJ_LEADS_RE = re.compile(r"^(?P<subj>.+?)\s+(?:heeft\s+de\s+leiding|leads\s+the\s+project|leidt\s+het\s+project|"
                            r"pilote\s+le\s+projet|coordonne\s+le\s+projet|coordinates\s+the\s+project|"
                            r"koordiniert\s+das\s+projekt|leitet\s+das\s+projekt)\b", re.IGNORECASE)
_SUBJ_PARTNER_RE = re.compile(rf"^(?P<subj>.+?)\s+(?:{_COPULA})\s+(?:a|an|un|une|ein|eine|een)?\s*"
                              r"(?:project\s*)?(?:partner|partenaire|projektpartner|projectpartner)\b", re.IGNORECASE)
_LED_BY_RE = re.compile(r"\b(?:led|coordinated|headed|managed)\s+by|\b(?:men[ée]|pilot[ée]|coordonn[ée]|port[ée])\s+par|"
                        r"\b(?:geleid|gecoördineerd|getrokken|gecoordineerd)\s+door|\bunter\s+(?:der\s+)?"
                        r"(?:Leitung|Federf[üu]hrung)\s+(?:von|der|des)|\b(?:geleitet|koordiniert)\s+von",
                        re.IGNORECASE)
_INVERTED_LEAD_RE = re.compile(rf"\b(?:{_LEAD}|federf[üu]hrend)(?:\s+(?:du|of|van|des|dieses|de\s+ce)\s+(?:the\s+)?"
                               r"(?:projet|project|projekt|projekts|projektes|micro-?projet))?\s+(?:est|is|ist|was|war|wird|"
                               r"wordt|sera|will\s+be)\s+(?P<rest>.+)$", re.IGNORECASE)
_APPOSITION_RE = re.compile(rf",\s+(?:{_LEAD})\b", re.IGNORECASE)
# A sentence holds no dot but its last and those of abbreviations (:func:`sentences`), so the patterns
# read a list to the sentence's end (``split_list`` drops a full stop, not the dot of "e.V.").
# Cheap tests run first: a sentence without any of these words cannot match the patterns that need them.
_LEAD_HINT = re.compile(rf"{_LEAD}|federf[üu]hrend", re.IGNORECASE)
_PARTNER_HINT = re.compile(r"partner|partenaire", re.IGNORECASE)
# Words every match of a pattern holds (lower case): a sentence whose lower-cased text holds none of
# them is not searched (a substring test costs a hundredth of a case-blind regex search).
_LEAD_WORDS = ("lead", "chef", "projectleider", "porteur", "coordinat", "penvoerder", "hoofdaanvrager", "federf")
_PARTNER_WORDS = ("partner", "partenaire")
_LEADS_WORDS = ("leiding", "leads", "leidt", "pilote", "coordonne", "coordinates", "koordiniert", "leitet")
_LED_BY_WORDS = ("by", "par", "door", "unter", "von")
_LIST_WORDS = ("partner", "partena", "consortium", "beteiligten", "deelnemers")
_GATHERS_WORDS = ("proje", "partnership", "partenariat", "consortium")
_PROJECT_WORDS = ("proje", "interreg", "fonds", "fund", "rder", "programm", "partenariat", "partnership",
                  "samenwerking", "coop", "zusammenarbeit", "subsidie")
_TAKE_PART_WORDS = ("deel", "part", "beteilig")
_SECURED_WORDS = ("by", "par", "door", "eingeworben", "beantragt")
_PARTICIPATION_WORDS = ("deelname", "participation", "beteiligung", "teilnahme")
_JOINT_WORDS = ("gemeinsam", "jointly", "conjointement", "gezamenlijk", "samen")
# Letters a case-blind pattern takes for i or s though lower() does not make them i or s.
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")


class _Words:
    """The lower-cased sentence, for cheap "may this pattern match?" tests; every test passes when the
    sentence holds a letter lower() does not fold the way a case-blind pattern does."""

    __slots__ = ("lowered",)

    def __init__(self, sentence: str, odd: bool = True) -> None:
        """``odd``: whether the sentence may hold such a letter (False when its whole text holds none)."""
        self.lowered = None if odd and _CASE_ODD.search(sentence) else sentence.lower()

    def any(self, words: tuple[str, ...]) -> bool:
        lowered = self.lowered
        if lowered is None:
            return True
        for word in words:  # a plain loop: no generator per test
            if word in lowered:
                return True
        return False
_FRONT_LEAD_RE = re.compile(rf"^\s*(?:{_LEAD})\s*,\s*(?P<rest>.+)$", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"\b(?P<kind>LP|PP)\s?\d{0,2}\s*\((?P<name>[^()]{3,100})\)")
_LIST_RE = re.compile(r"\b(?:partners|partenaires|partnership|partenariat|consortium|beteiligten|deelnemers|"
                      r"projectpartners|projektpartner)\s+(?:are|were|is\s+made\s+up\s+of|consists?\s+of|comprises|"
                      r"include[sd]?|sont|zijn|sind|comprend|regroupe|r[ée]unit|bestaat\s+uit|umfasst|gathers)\s*:?\s+"
                      r"(?P<list>[^\n]+)", re.IGNORECASE)
_GATHERS_RE = re.compile(r"\b(?:project|projet|projekt|partnership|partenariat|consortium)\b[^\n]{0,40}?\b(?:r[ée]unit|"
                         r"rassemble|associe|brings\s+together|unites|involves|gathers|verbindet|vereint|"
                         r"brengt\s+samen|verenigt)\s+(?P<list>[^\n]+)", re.IGNORECASE)
_FOR_ORG_RE = re.compile(r"\b(?:Voor|For|Pour|Für)\s+(?P<org>[^,\n]{3,80}?),?\s+(?:is|est|ist)\s+"
                         r"(?P<person>[A-ZÀ-Ý][\w'’\-]+(?:\s+(?:(?:van|de|der|den|von|le|la|el|du)\s+)*[A-ZÀ-Ý][\w'’\-]+){1,2})\s+"
                         r"(?:de|the|le|la|der|die)?\s*"
                         r"(?:projectmanager|project\s+manager|projectleider|co[öo]rdinator|coordinator|chef\s+de\s+projet|"
                         r"projektleiter(?:in)?|contactpersoon|contact\s+person)\b")


_PROJECT_WORD_RE = re.compile(r"proje[ck]t|interreg|fonds|funds?|f[öo]rder|programm|partenariat|partnership|"
                              r"samenwerking|coop[ée]ration|zusammenarbeit|subsidie", re.IGNORECASE)
_ARTICLE = r"(?:the|le|la|les|l['’]|de|het|der|die|das|den|dem)"
_JOINT_RE = re.compile(r"\b(?:gemeinsam|jointly|conjointement|gezamenlijk|samen)\s+(?:von|by|par|door)\s+(?P<list>.+?)\s+"
                       r"(?:\w+\s+)?(?:initiiert|durchgef[üu]hrt|getragen|geleitet|run|led|carried|developed|initi[ée]|"
                       r"port[ée]|men[ée]|d[ée]velopp[ée]|uitgevoerd|ge[ïi]nitieerd|opgezet|ontwikkeld)\w*", re.IGNORECASE)
_TAKE_PART_RE = re.compile(r"\b(?:nemen|neemt)\b.*\bdeel\s+aan\b|\btakes?\s+part\s+in\b|\bparticipates?\s+in\b|"
                           r"\bparticipent\s+(?:au|à)\b|\bparticipe\s+(?:au|à)\b|\bbeteiligen\s+sich\b|"
                           r"\bsind\s+beteiligt\b|\bbeteiligt\s+sind\b", re.IGNORECASE)


_SECURED_BY_RE = re.compile(r"\b(?:secured|obtained|applied\s+for|submitted)\s+by\s+(?:the\s+)?|"
                            r"\b(?:obtenu|d[ée]pos[ée])e?s?\s+par\s+(?:le\s+|la\s+|l['’])?|"
                            r"\b(?:verkregen|aangevraagd|ingediend)\s+door\s+(?:de\s+|het\s+)?|"
                            r"\b(?:eingeworben|beantragt)\s+(?:von|vom|durch)\s+(?:der\s+|dem\s+|die\s+)?",
                            re.IGNORECASE)
_PARTICIPATION_RE = re.compile(r"\b(?:deelname|participation|Beteiligung|Teilnahme)\s+(?:\([^()]*\)\s+)?"
                               r"(?:van|of|de|der|des|du|von)\s+(?P<list>[^;:]+?)\s+(?:is|est|ist|zijn|sont|sind|"
                               r"was|wordt|wird|has|heeft|hat|a|ont|hebben|haben)\b", re.IGNORECASE)
_ORG_NOUN_RE = re.compile(r"^(?:universiteit|university|universit[ée]|universit[äa]t|hogeschool|hochschule|"
                          r"ziekenhuis|h[ôo]pital|krankenhaus|gemeente|stad|ville|stadt|provincie|province|"
                          r"stichting|association|vereniging|verein|fondation|foundation)\s+(?:van|of|de|du|der|des)\s+"
                          r"[A-ZÀ-Ý]", re.IGNORECASE)



def _opening(pattern: re.Pattern[str], letters: str) -> re.Pattern[str]:
    """``pattern`` behind a lookahead of the letters every match starts with (same flags, same matches):
    re then skips the other places at C speed instead of trying each alternative there."""
    return re.compile(f"(?=[{letters}])(?:{pattern.pattern})", pattern.flags)


_LED_BY_RE = _opening(_LED_BY_RE, "lchmpguk")
_SECURED_BY_RE = _opening(_SECURED_BY_RE, "soadvieb")
_INVERTED_LEAD_RE = _opening(_INVERTED_LEAD_RE, "lcphf")
_LEAD_HINT = _opening(_LEAD_HINT, "lcphf")
_TAKE_PART_RE = _opening(_TAKE_PART_RE, "ntpbs")
_GATHERS_RE = _opening(_GATHERS_RE, "pc")
_LIST_RE = _opening(_LIST_RE, "pcbd")
_JOINT_RE = _opening(_JOINT_RE, "gjcs")
_PARTICIPATION_RE = _opening(_PARTICIPATION_RE, "dpbt")
_PROJECT_WORD_RE = _opening(_PROJECT_WORD_RE, "pifscz")

def _participants(sentence: str) -> list[str]:
    """Organisations named in "the participation of A and B is ..." (lower-case org nouns allowed)."""
    names = []
    m = _PARTICIPATION_RE.search(sentence)
    if m:
        for item in re.split(r",\s+|\s+(?:and|et|en|und)\s+(?=(?:the|de|het|la|le|l['’]|der|die|das)\s)",
                             m.group("list")):
            item = strip_article(item.strip())
            run = leading_run(item)
            if not run and _ORG_NOUN_RE.match(item):
                run = item.split()[0] + " " + item.split()[1] + " " + leading_run(" ".join(item.split()[2:]))
            if run:
                names.append(run.strip())
    return names


_COMMA_SPLIT = re.compile(r",\s+")
_AND_ARTICLE_SPLIT = re.compile(rf"\s+(?:and|et|en|und)\s+(?={_ARTICLE}\s|{_ARTICLE}(?=[A-ZÀ-Ýa-zà-ÿ]))")
_LEADING_ARTICLE = re.compile(rf"^{_ARTICLE}\s*", re.IGNORECASE)


def _coordinated_subject(sentence: str) -> list[str]:
    """Names of a sentence opening with two or more organisations as its joint subject
    ("Der Bezirk Ústí und die Landeshauptstadt Dresden bearbeiten ein gemeinsames Förderprojekt")."""
    if not _PROJECT_WORD_RE.search(sentence) or not is_capitalised(strip_article(sentence).split()[0]):
        return []
    chunks: list[str] = []
    for chunk in _COMMA_SPLIT.split(sentence):
        chunks.extend(_AND_ARTICLE_SPLIT.split(chunk))
    names: list[str] = []
    for chunk in chunks:
        body = _LEADING_ARTICLE.sub("", chunk.strip())
        words = body.split()
        skip = 0
        while skip < min(3, len(words)) and not is_capitalised(words[skip]):
            skip += 1
        rest = " ".join(words[skip:])
        run = leading_run(rest)
        if not run:
            return []
        names.append(run)
        if len(run) < len(rest.rstrip(".,;:")):
            following = rest[len(run):].split()
            if not following or not following[0][:1].islower():
                return []
            break
    return names if len(names) >= 2 else []


def _take_part(sentence: str) -> list[str]:
    """Organisations named with an article in a sentence saying they take part in the project."""
    if not _TAKE_PART_RE.search(sentence):
        return []
    names = []
    for m in re.finditer(rf"\b{_ARTICLE}\s*(?=[A-ZÀ-Ý])", sentence):
        run = leading_run(sentence[m.end():])
        if run and len(run.split()) >= 2:
            names.append(run)
    return names


# Abbreviations whose dots end no sentence: dotted letters (legal forms "e.V.", "a.s.b.l.", "v.z.w.", "S.A.",
# "N.V.", "B.V."; "z.B.", "i.e.") and "Ltd.", "Inc.", "Corp.", "Co.", "Cie.", "Bros.". Their inner dots
# never end one; the last does not when the sentence goes on after it (a comma, a bracket, "&", a
# lower-case word, or the "KG" of "GmbH & Co. KG"). The pattern opens with the dot (re then looks for
# dots only): the dot of one of those words, or the first dot of a run of dotted letters.
_ABBREVIATION_DOT_RE = re.compile(r"\.(?:(?<=\bLtd\.)|(?<=\bInc\.)|(?<=\bCorp\.)|(?<=\bCo\.)|(?<=\bCie\.)|(?<=\bBros\.)|"
                                  r"(?<=(?<![\w.])[A-Za-z]\.)(?=[A-Za-z](?:\.|(?![\w.]))))")
_DOTTED_TAIL_RE = re.compile(r"(?:[A-Za-z]\.)*(?:[A-Za-z](?![\w.]))?")
_GOES_ON_RE = re.compile(r"[ \t]*[,;)&]|[ \t]+(?:[a-zà-ÿ(&]|KG\b|OHG\b|KGaA\b)")
_SENTENCE_RE = re.compile(r"[^\n.!?]+(?:[.!?](?=\s|$)|[.!?]?)")


def _masked(text: str) -> str:
    """``text`` with the dots of abbreviations that end no sentence replaced by a non-stop (same length)."""
    spans = []
    for m in _ABBREVIATION_DOT_RE.finditer(text):
        end = _DOTTED_TAIL_RE.match(text, m.end()).end()
        if text[end - 1] == "." and not _GOES_ON_RE.match(text, end):
            end -= 1
        if end > m.start():
            spans.append((m.start(), end))
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts += [text[pos:start], text[start:end].replace(".", "\x00")]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of ``text`` (split at ``.!?`` before a space and at line ends, not at the dots of legal
    forms and other abbreviations) with their offsets.

    >>> [s for _, s in sentences("Buurtwerk v.z.w. is partner. Caritas e.V. Aachen leads.")]
    ['Buurtwerk v.z.w. is partner.', 'Caritas e.V.', 'Aachen leads.']
    """
    out = []
    masked = _masked(text)
    for m in _SENTENCE_RE.finditer(masked):
        chunk = text[m.start():m.end()]
        stripped = chunk.lstrip()
        if stripped.strip():
            out.append((m.start() + len(chunk) - len(stripped), stripped.rstrip()))
    return out


def _a_person(phrase: str, name: str) -> bool:
    """Whether a "project leader" phrase names a person rather than an organisation."""
    return bool(re.search(r"leader|leider|leiter|coordinat|co[öo]rdinat|chef\s+de\s+projet|manager", phrase,
                          re.IGNORECASE)) and looks_like_person(name)


def _subject(subj: str) -> str:
    subj = subj.strip()
    run = leading_run(subj)
    return run if run and clean_name(run) == clean_name(strip_article(subj)) else ""


_REGION_RE = re.compile(r"^(?:In|Im|En|Aux?)\s+(?P<region>[A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý][\w\-]+)?)\b")


def _mention(name: str, role: str, start: int, source: str = "sentence") -> Mention | None:
    name = clean_name(name)
    if not name or not is_capitalised(name.split()[0]) or is_excluded(name):
        return None
    return Mention(name=name, start=start, end=start + len(name), role=role, source=source)


def sentence_mentions(text: str, gazetteer: pl.Gazetteer | None = None) -> list[Mention]:
    """Partners named in running sentences, each with the role the sentence gives."""
    gaz = gazetteer or pl.default_gazetteer()
    out: list[Mention] = []
    odd = _CASE_ODD.search(text) is not None  # one scan of the text, not one per sentence
    for offset, sentence in sentences(text):
        found: list[Mention | None] = []
        words = _Words(sentence, odd)
        # every lead pattern needs a lead word: skip the rest
        lead_word = words.any(_LEAD_WORDS) and _LEAD_HINT.search(sentence) is not None
        subject_patterns = [p for p, hint in ((_SUBJ_LEAD_RE, lead_word), (_SUBJ_LEADS_RE, words.any(_LEADS_WORDS)),
                                              (_SUBJ_PARTNER_RE, words.any(_PARTNER_WORDS)))
                            if hint]
        for pattern in subject_patterns:
            role = "partner" if pattern is _SUBJ_PARTNER_RE else "lead"
            m = pattern.match(sentence)
            if m and _subject(m.group("subj")) and not _a_person(m.group(0), _subject(m.group("subj"))):
                found.append(_mention(_subject(m.group("subj")), role, offset))
                break
        for m in _LED_BY_RE.finditer(sentence) if words.any(_LED_BY_WORDS) else ():
            found.append(_mention(leading_run(sentence[m.end():]), "lead", offset + m.end()))
        for m in _APPOSITION_RE.finditer(sentence) if lead_word else ():
            found.append(_mention(trailing_run(sentence[:m.start()]), "lead", offset))
        m = _INVERTED_LEAD_RE.search(sentence) if lead_word else None
        if m and not re.match(r"(?i)(?:a|an|un|une|ein|een)\s", m.group("rest")) \
                and not _a_person(m.group(0), leading_run(m.group("rest"))):
            found.append(_mention(leading_run(m.group("rest")), "lead", offset + m.start("rest")))
        m = _FRONT_LEAD_RE.match(sentence) if lead_word else None
        if m:
            found.append(_mention(leading_run(m.group("rest")), "lead", offset + m.start("rest")))
        for m in _NUMBERED_RE.finditer(sentence) if "(" in sentence else ():
            found.append(_mention(m.group("name"), "lead" if m.group("kind") == "LP" else "partner",
                                  offset + m.start("name")))
        m = (words.any(_LIST_WORDS) and _LIST_RE.search(sentence)) \
            or (words.any(_GATHERS_WORDS) and _GATHERS_RE.search(sentence))
        if m:
            for item in split_list(m.group("list")):
                entry = parse_entry(item, offset + m.start("list"), text, gaz)
                if entry is not None and is_capitalised(entry.name.split()[0]):
                    entry.role, entry.source = "partner", "sentence"
                    found.append(entry)
        region = _REGION_RE.match(sentence) if sentence[:1] in "IEA" else None  # the letters it opens with
        place = gaz.region(region.group("region")) if region else None
        subjects = (_coordinated_subject(sentence) if words.any(_PROJECT_WORDS) else []) \
            + (_take_part(sentence) if words.any(_TAKE_PART_WORDS) else [])
        territorial = [n for n in subjects if pl.country_code(n) or gaz.region(n) or gaz.place(n)]
        for name in [] if territorial else subjects:
            if name:
                mention = _mention(name, "partner", offset + max(0, sentence.find(name)))
                if mention and place and place[1]:
                    mention.set("country", place[1], inferred=True)
                found.append(mention)
        for m in _SECURED_BY_RE.finditer(sentence) if words.any(_SECURED_WORDS) else ():
            found.append(_mention(leading_run(sentence[m.end():]), "unknown", offset + m.end()))
        for name in _participants(sentence) if words.any(_PARTICIPATION_WORDS) else ():
            if _ORG_NOUN_RE.match(name):
                found.append(Mention(name=name, start=offset + max(0, sentence.find(name)),
                                     end=offset + max(0, sentence.find(name)) + len(name), role="partner",
                                     source="sentence"))
            else:
                found.append(_mention(name, "partner", offset + max(0, sentence.find(name))))
        for m in _JOINT_RE.finditer(sentence) if words.any(_JOINT_WORDS) else ():
            for item in split_list(m.group("list")):
                found.append(_mention(item, "partner", offset + m.start("list")))
        m = _FOR_ORG_RE.search(sentence) if ("Voor" in sentence or "For" in sentence or "Pour" in sentence
                                             or "Für" in sentence) else None
        if m and looks_like_person(m.group("person")):
            mention = _mention(m.group("org"), "partner", offset + m.start("org"))
            if mention:
                mention.set("contact_person", recase_person(m.group("person")))
            found.append(mention)
        out.extend(f for f in found if f is not None)
    return out
