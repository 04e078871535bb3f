"""The programme and period a text names, as concepts of the programmes vocabulary.

A programme mention is an area name of a programme family (every spelling in the vocabulary,
matched word by word with accents folded, small gaps and inflections allowed: "Freistaat Sachsen
und der Tschechischen Republik") anchored by "Interreg", a programme word or a period's years
close by; and/or a generation ("Interreg IIIA", "IV A", "IV-A", "4A", "Interreg V"). The period
comes from the written generation or from years written with the programme. The concept chosen is
the family's programme of that generation (or period, or, failing both, of the project's dates:
only the generation is then inferred and the label keeps to what is written). When the text names
none and the source URL is a known programme site, the programme is inferred from the site.

>>> from ontology.settings import Settings
>>> from loader.vocab import load_vocabularies
>>> v = load_vocabularies(Settings().data)
>>> m = find_programme("Programme INTERREG IV A\\nFrance (Manche) – Angleterre, cofinancé par le FEDER", v)
>>> m.ref.id, m.ref.label, m.period
('iv-a-france-channel-england', 'Interreg IV A France (Channel) England', '2007-2013')
>>> find_programme("part financed under the Interreg\\nIIIA programme", v).ref.id
'iii-a'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from loader.extract.text import folded_words, token_span
from loader.records import ConceptRef, Span
from loader.vocab import PERIOD_OF_GENERATION, Vocabularies, fold

__all__ = ["ProgrammeMatch", "find_programme", "programme_from_site", "find_priority"]

_ROMAN = {"iii": "iii", "iv": "iv", "v": "v", "vi": "vi", "3": "iii", "4": "iv", "5": "v", "6": "vi"}
_GLUED = re.compile(r"^(iii|iv|v|vi|3|4|5|6)([abcd])$")
_NOISE = {"interreg", "programme", "program", "programma", "programm", "operational", "operationeel", "cooperation",
          "cross", "border", "crossborder", "the", "of", "de", "in", "voor", "la", "le", "and", "en", "et",
          "european", "territorial", "co", "operation", "transfrontaliere", "cbc", "cte",
          "kooperationsprogramm", "transfrontalier", "europeen", "regionales", "prog"}
_PROGRAMME_WORD = re.compile(r"^(interreg\w*|programm\w*|program|kooperationsprogramm\w*|samenwerkingsprogramm\w*|"
                             r"cooperatieprogramm\w*)$")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:eu|com|org|net|be|fr|nl|de|info)(?:/\S*)?\b")
_PERIODS = {tuple(p.split("-")): p for p in PERIOD_OF_GENERATION.values()}


@dataclass(frozen=True, slots=True)
class ProgrammeMatch:
    """The programme found (``ref`` with the span of its mention) and the period, with what was inferred."""

    ref: ConceptRef
    period: str | None = None
    period_span: Span | None = None
    inferred: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class _Index:
    aliases: tuple[tuple[tuple[str, ...], str], ...]  # (folded words, family id), longest first
    members: dict[str, tuple[tuple[str, str, str], ...]]  # family -> (programme id, generation, strand)
    family_label: dict[str, str]
    by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> alias positions
    by_prefix: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first 5 letters -> positions
    memo: dict[str, tuple[int, ...]] = field(default_factory=dict)  # token -> positions that may start there

    def starting_with(self, word: str) -> tuple[int, ...]:
        """Positions (in ``aliases`` order) of the aliases whose first word may match ``word``
        (equal, or ``_same``: both at least 5 letters long, so they share their first 5)."""
        found = self.memo.get(word)
        if found is None:
            found = tuple(sorted(set(self.by_first.get(word, ()))
                                 | set(self.by_prefix.get(word[:5], ()) if len(word) >= 5 else ())))
            self.memo[word] = found
        return found


_CACHE: dict[int, tuple[Vocabularies, _Index]] = {}
_BY_CONTENT: dict[tuple, _Index] = {}  # vocab.concepts -> index


_WEAK_SINGLE = {"nord", "north", "south", "east", "west", "germany", "poland", "france", "maritime", "channel",
                "england", "manche", "angleterre", "kanaal", "engeland", "armelkanal", "frankreich", "frankrijk",
                "central", "area", "region", "sea", "mac", "med"}


def _area_words(label: str, *, whole: bool = False) -> list[tuple[str, ...]]:
    """Area word sequences of a programme name: the whole name (``whole``) or its parts around brackets."""
    out = []
    parts = [label.replace("(", " ").replace(")", " ")] if whole else []
    parts += re.split(r"[()]", label)
    for part in parts:
        words = [w for w in fold(part).split() if w not in _NOISE and not re.fullmatch(r"(19|20)\d\d", w)]
        words = [w for i, w in enumerate(words)
                 if not (w in _ROMAN or _GLUED.match(w) or (w in "abcd" and i and words[i - 1] in _ROMAN))]
        words = [w for w in words if w not in ("iiia", "iiib", "iiic", "iva", "ivb", "ivc", "ivc", "va", "vb", "vc",
                                               "via", "vib", "vic", "vid", "ii", "iii", "iv")]
        if 1 <= len(words) <= 6 and len("".join(words)) >= 3 and not (len(words) == 1 and words[0] in _WEAK_SINGLE):
            out.append(tuple(words))
    return out


def _index(vocab: Vocabularies) -> _Index:
    """The alias index of ``vocab``: cached per object, and per content (a reload of the same files, as each
    ``extract`` run does, reuses the index and its memo)."""
    cached = _CACHE.get(id(vocab))
    if cached and cached[0] is vocab:
        return cached[1]
    index = _BY_CONTENT.get(vocab.concepts)
    if index is None:
        index = _BY_CONTENT[vocab.concepts] = _build_index(vocab)
    _CACHE[id(vocab)] = (vocab, index)
    return index


def _build_index(vocab: Vocabularies) -> _Index:
    aliases: set[tuple[tuple[str, ...], str]] = set()
    members: dict[str, list[tuple[str, str, str]]] = {}
    labels: dict[str, str] = {}
    for concept in vocab.by_kind("programme-family"):
        labels[concept.id] = concept.pref_label("en")
        for label in concept.labels:
            for words in _area_words(label.text, whole=True):
                aliases.add((words, concept.id))
    for concept in vocab.by_kind("programme"):
        family = next((b.rsplit("/", 1)[1] for b in concept.broader if "/programme-family/" in b), None)
        if family is None:
            continue
        gen, strand = concept.id.split("-")[:2]
        members.setdefault(family, []).append((concept.id, gen, strand))
        for label in concept.labels:
            for words in _area_words(label.text):
                if len(words) >= 2 and "network" not in words:
                    aliases.add((words, family))
    ordered = tuple(sorted(aliases, key=lambda a: (-len(a[0]), a)))
    by_first: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for position, (words, _family) in enumerate(ordered):
        by_first.setdefault(words[0], []).append(position)
        if len(words[0]) >= 5:
            by_prefix.setdefault(words[0][:5], []).append(position)
    return _Index(ordered, {k: tuple(v) for k, v in members.items()}, labels,
                  {k: tuple(v) for k, v in by_first.items()}, {k: tuple(v) for k, v in by_prefix.items()})


def _same(word: str, alias_word: str) -> bool:
    if word == alias_word:
        return True
    short = min(len(word), len(alias_word))
    return short >= 5 and (word.startswith(alias_word) or alias_word.startswith(word)) and \
        abs(len(word) - len(alias_word)) <= 2


def _match_at(toks: list[str], i: int, words: tuple[str, ...]) -> int | None:
    """Index after the last token when ``words`` match from token ``i`` (gaps of up to 2 tokens); ``toks``
    are the folded words of the text."""
    if len(words) == 1:
        return i + 1 if toks[i] == words[0] else None
    if not _same(toks[i], words[0]):
        return None
    j = i + 1
    for word in words[1:]:
        for gap in range(3 if len(words) >= 2 else 1):
            if j + gap < len(toks) and _same(toks[j + gap], word):
                j = j + gap + 1
                break
        else:
            return None
    return j


@dataclass(frozen=True, slots=True)
class _Gen:
    gen: str
    strand: str | None
    start: int  # token index of "interreg"
    end: int  # token index after the generation


def _generations(toks: list[str]) -> list[_Gen]:
    out = []
    for i, tok in enumerate(toks):
        if not tok.startswith("interreg") or i + 1 >= len(toks):
            continue
        nxt = toks[i + 1]
        glued = _GLUED.match(nxt)
        if glued:
            out.append(_Gen(_ROMAN[glued.group(1)], glued.group(2), i, i + 2))
        elif nxt in ("iii", "iv", "v", "vi") or (nxt in ("3", "4", "5", "6") and i + 2 < len(toks)
                                                  and toks[i + 2] in "abcd"):
            strand = toks[i + 2] if i + 2 < len(toks) and toks[i + 2] in ("a", "b", "c", "d") else None
            out.append(_Gen(_ROMAN[nxt], strand, i, i + (3 if strand else 2)))
    return out


def _years_near(toks: list[str], lo: int, hi: int) -> tuple[str, int] | None:
    """The period written as two years in tokens ``lo`` .. ``hi`` and the index of its first year."""
    for k in range(max(0, lo), min(len(toks) - 1, hi)):
        pair = (toks[k], toks[k + 1])
        if pair in _PERIODS:
            return _PERIODS[pair], k
    return None


def _anchored(toks: list[str], i: int, j: int) -> bool:
    before = range(max(0, i - 10), i)
    after = range(j, min(len(toks), j + 4))
    if any(_PROGRAMME_WORD.match(toks[k]) for k in (*before, *after)):
        return True
    return _years_near(toks, i - 3, i) is not None


def _choose(index: _Index, family: str, gen: str | None, strand: str | None, period: str | None,
            year: int | None) -> str | None:
    members = index.members.get(family, ())
    if gen:
        same = [m for m in members if m[1] == gen]
        same.sort(key=lambda m: (m[2] != (strand or "a"), m[0]))
        return same[0][0] if same else None
    if period:
        gen_of = {p: g for g, p in PERIOD_OF_GENERATION.items()}[period]
        same = [m for m in members if m[1] == gen_of]
        return same[0][0] if same else None
    order = ["iii", "iv", "v", "vi"]
    ranked = sorted(members, key=lambda m: order.index(m[1]))
    if year is not None:
        earlier = [m for m in ranked if int(PERIOD_OF_GENERATION[m[1]][:4]) <= year]
        if earlier:
            return earlier[-1][0]
    return ranked[-1][0] if ranked else None


def _label(gen: str | None, strand: str | None, area: str | None) -> str:
    parts = ["Interreg"]
    if gen:
        parts.append(gen.upper() + (f" {strand.upper()}" if strand else ""))
    if area:
        parts.append(re.sub(r"^interreg\s+", "", area, flags=re.IGNORECASE))
    return " ".join(parts)


class _TokenSpans:
    """The offsets of the tokens of a text, looked up one by one (a match needs two to four of them)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __getitem__(self, k: int) -> tuple[int, int]:
        return token_span(self.text, k)


def _pair_span(spans: _TokenSpans, k: int) -> Span:
    """The span of tokens ``k`` and ``k + 1`` (a period's two years)."""
    return Span(spans[k][0], spans[k + 1][1])


# Where a URL may be: every match of _URL holds one of these (the pattern is case-sensitive).
_URL_CUE = re.compile(r"https?://|www\.|\.(?:eu|com|org|net|be|fr|nl|de|info)")
_ASCII_SPACES = (" ", "\n", "\t", "\r", "\f", "\v")


def _blank_urls(text: str) -> str:
    """``text`` with every match of ``_URL`` turned into as many spaces.

    No match spans whitespace, and each holds a ``_URL_CUE``: the pattern runs only on the stretches
    between ASCII whitespace around a cue (at whitespace, ``\b`` reads the same as at the stretch's
    ends), not over the whole text.

    >>> _blank_urls("see www.a.eu or b.org/x, then c")
    'see          or        , then c'
    """
    windows: list[tuple[int, int]] = []
    for m in _URL_CUE.finditer(text):
        if windows and m.start() < windows[-1][1]:
            continue
        lo = max(text.rfind(c, 0, m.start()) for c in _ASCII_SPACES) + 1
        ends = [e for e in (text.find(c, m.end()) for c in _ASCII_SPACES) if e >= 0]
        hi = min(ends) if ends else len(text)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    if not windows:
        return text
    parts, pos = [], 0
    for lo, hi in windows:
        parts.append(text[pos:lo])
        parts.append(_URL.sub(lambda u: " " * len(u.group()), text[lo:hi]))
        pos = hi
    parts.append(text[pos:])
    return "".join(parts)


def find_programme(text: str, vocab: Vocabularies, *, year: int | None = None) -> ProgrammeMatch | None:
    """The programme named in ``text``; ``year`` (the project's start year) picks a generation not written.

    :returns: the match, or None when the text names no programme.
    """
    index = _index(vocab)
    blanked = _blank_urls(text)
    toks = folded_words(blanked)
    gens = _generations(toks)
    found: list[tuple[int, int, int, int, str]] = []  # (-words, -qualified, start token, end token, family)
    memo = index.memo
    for word in set(toks).difference(memo):
        index.starting_with(word)  # fills the memo: the words no alias starts with are skipped below
    for i in [i for i, word in enumerate(toks) if memo[word]]:
        for position in memo[toks[i]]:
            words, family = index.aliases[position]
            j = _match_at(toks, i, words)
            if j is not None and _anchored(toks, i, j):
                qualified = any(g.start < i and i - g.end <= 8 for g in gens) or _years_near(toks, j, j + 8) is not None
                found.append((-len(words), -int(qualified), i, j, family))
                break
    best = None
    if found:
        top = min(found)
        best = (top[0], top[2], top[3], top[4])
    if best is None and not gens:
        return None
    if best is None:
        g = gens[0]
        concept_id = f"{g.gen}-{g.strand}" if g.strand else g.gen
        spans = _TokenSpans(blanked)
        span = Span(spans[g.start][0], spans[g.end - 1][1])
        years = _years_near(toks, g.end, g.end + 8)
        return ProgrammeMatch(ConceptRef(concept_id, _label(g.gen, g.strand, None), span),
                              PERIOD_OF_GENERATION[g.gen], span if not years else _pair_span(spans, years[1]))
    _, i, j, family = best
    attached = [g for g in gens if g.start < i and i - g.end <= 8]
    g = attached[-1] if attached else None
    start_tok = g.start if g else i
    spans = _TokenSpans(blanked)
    span = Span(spans[start_tok][0], spans[j - 1][1])
    years = _years_near(toks, j, j + 8) or _years_near(toks, i - 3, i)
    period = PERIOD_OF_GENERATION[g.gen] if g else (years[0] if years else None)
    period_span = span if g else (_pair_span(spans, years[1]) if years else None)
    inferred: set[str] = set()
    concept_id = _choose(index, family, g.gen if g else None, g.strand if g else None, period, year)
    if concept_id is None:
        concept_id = (f"{g.gen}-{g.strand}" if g.strand else g.gen) if g else None
    if concept_id is None:
        return None
    if period is None:
        gen_of_choice = concept_id.split("-")[0]
        period = PERIOD_OF_GENERATION.get(gen_of_choice)
        inferred.add("period")
    label = _label(g.gen if g else None, g.strand if g else None, index.family_label.get(family))
    return ProgrammeMatch(ConceptRef(concept_id, label, span), period, period_span, frozenset(inferred))


def programme_from_site(url: str | None, vocab: Vocabularies, *, year: int | None = None) -> ProgrammeMatch | None:
    """The programme of a known programme website (``programme-sites.csv``); everything is inferred.

    >>> from ontology.settings import Settings
    >>> from loader.vocab import load_vocabularies
    >>> v = load_vocabularies(Settings().data)
    >>> m = programme_from_site("http://www.interreg-fwvl.eu/nl/prj/178.html", v, year=2010)
    >>> m.ref.id, m.period, sorted(m.inferred)
    ('iv-a-france-wallonie-vlaanderen', '2007-2013', ['period', 'programme'])
    """
    if not url:
        return None
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    index = _index(vocab)
    for site, family in vocab.programme_sites:
        if host == site or host.endswith("." + site):
            concept_id = _choose(index, family, None, None, None, year)
            if concept_id is None:
                return None
            gen = concept_id.split("-")[0]
            return ProgrammeMatch(ConceptRef(concept_id, _label(None, None, index.family_label.get(family))),
                                  PERIOD_OF_GENERATION.get(gen), None, frozenset({"programme", "period"}))
    return None


_PRIORITY_MEASURE = re.compile(r"\b(?:priority|priorit[ée]|prioriteit|priorit[äa]t)\s*(?:axis\s*)?(?P<p>\d+)\s*[,;]?\s*"
                               r"(?:and\s+|et\s+|en\s+)?(?:measure|mesure|maatregel|ma(?:ß|ss)nahme)\s*(?P<m>\d+)",
                               re.IGNORECASE)
_PRIORITY_INLINE = re.compile(r"^[ \t]*(?P<v>(?:priority axis|axe prioritaire|axe|prioritaire as|prioriteit|"
                              r"priorit[äa]tsachse|priority|priorité|priorit[äa]t)[ \t]*(?:\d+[ \t]*[:–-]|:)[ \t]*[^\n]{3,120})$",
                              re.IGNORECASE | re.MULTILINE)
_PRIORITY_LABEL = re.compile(r"^[ \t]*(?P<l>priority axis|axe prioritaire|prioritaire as|priorit[äa]tsachse|priority)"
                             r"[ \t]*:?[ \t]*\n+[ \t]*(?P<v>[^\n]{3,160})", re.IGNORECASE | re.MULTILINE)
_AXE = re.compile(r"^[ \t]*(?P<v>(?:axe|axis|as|achse)[ \t]?\d+)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_OBJECTIVE = re.compile(r"^[ \t]*(?:specific objective|objectif sp[ée]cifique|specifieke doelstelling[^\n]*|"
                        r"spezifisches ziel)[ \t]*:?[ \t]*\n+[ \t]*(?P<v>[^\n]{3,200})", re.IGNORECASE | re.MULTILINE)


# Letters a case-blind pattern reads as i or s that lower() does not turn into them: where one is, every
# pattern is run (elsewhere a pattern runs only when a word all its matches hold is in the lower-cased text).
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")


def find_priority(text: str) -> tuple[str, Span] | None:
    """The priority / measure / specific objective the project comes under, normalised, with its span.

    >>> find_priority("part financed under the priority 1, measure 3 of the programme")[0]
    'Priority 1, Measure 3'
    >>> find_priority("Priority Axis\\nTechnological and Social Innovation\\nSpecific objective\\nSocial Innovation")[0]
    'Priority Axis: Technological and Social Innovation; Specific objective: Social Innovation'
    """
    lowered, odd = text.lower(), _CASE_ODD.search(text) is not None

    def may(*words: str) -> bool:  # one of these is in every match of the pattern, lower-cased
        return odd or any(word in lowered for word in words)

    m = _PRIORITY_MEASURE.search(text) if may("priorit") else None
    if m:
        return f"Priority {m.group('p')}, Measure {m.group('m')}", Span(*m.span())
    inline = _PRIORITY_INLINE.search(text) if may("priorit", "axe") else None
    if inline:
        return inline.group("v").strip(), Span(inline.start("v"), inline.start("v") + len(inline.group("v").strip()))
    label = (_PRIORITY_LABEL.search(text) if may("priorit") else None) or _AXE.search(text)
    objective = _OBJECTIVE.search(text) if may("objecti", "specifieke doelstelling", "spezifisches ziel") else None
    if label is None:
        return None
    if "v" in label.groupdict() and label.re is _PRIORITY_LABEL:
        value = f"Priority Axis: {label.group('v').strip()}"
    else:
        value = label.group("v").strip()
    end = label.end()
    if objective:
        sep = "; Specific objective: " if label.re is _PRIORITY_LABEL else " - "
        value += sep + objective.group("v").strip()
        end = max(end, objective.end())
    return value, Span(label.start(), end)
