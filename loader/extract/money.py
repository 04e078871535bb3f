"""Euro amounts and co-financing rates: total budget, EU (ERDF) funding, rate.

Every notation is read (``1.142.943,65 EUR``, ``2 285 258,96 €``, ``€ 1,019,854``, ``EUR 1.2 million``,
``€8.8 million``, ``440 k€``, ``394 543 euros``); an amount without a currency sign or code is
not a euro amount. Amounts are classed by the words around them: ERDF / FEDER / EFRO / EFRE / EU
or European funding -> EU funding; total / budget / cost / Kosten / a "€X project" -> total. Sums
over several projects, programme commitments, one partner's budget ("Budget for CESI") and grant
ceilings are skipped. A rate is read only when written with a funding word ("40% of the budget is
financed by the ERDF", "100% ERDF funding intervention rate", "mit 85 % gefördert").

>>> parse_number("1.142.943,65"), parse_number("1 234 201,00"), parse_number("1,019,854")
(Decimal('1142943.65'), Decimal('1234201.00'), Decimal('1019854'))
>>> parse_number("8.8", "million"), parse_number("440", "k")
(Decimal('8800000.0'), Decimal('440000'))
>>> m = find_money("Totaal budget: 1.142.943,65 EUR\\nAandeel EFRO: 583.540,04 EUR")
>>> m.total.value, m.eu.value, m.rate
(Decimal('1142943.65'), Decimal('583540.04'), None)
>>> find_money("40% of the budget is financed by the European Regional Development Fund").rate.value
Decimal('0.4')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from loader.extract.text import clause_before, sentence_around
from loader.records import Span

__all__ = ["Amount", "Money", "find_amounts", "find_money", "parse_number"]


@dataclass(frozen=True, slots=True)
class Amount:
    """A euro amount (or a rate in [0, 1]) with the span it was read from."""

    value: Decimal
    span: Span


@dataclass(frozen=True, slots=True)
class Money:
    total: Amount | None = None
    eu: Amount | None = None
    rate: Amount | None = None


_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?"
_SCALE = r"(?:million(?:s)?|miljoen|millionen|mio\.?|mln\.?|m(?![\w€])|milliard(?:s)?|billion|bn|k(?=\s?€)|k)"
_CUR = r"(?:€|eur(?:o|os)?\b)"
_AMOUNT = re.compile(  # the lookahead: a currency or a digit opens every amount (a faster scan)
    rf"(?=[\d€e])(?:(?P<pre>{_CUR})\s?(?P<n1>{_NUMBER})(?:\s?(?P<s1>{_SCALE}))?(?:\s?(?:€|euros?\b|eur\b))?"
    rf"|(?<![\w.,])(?P<n2>{_NUMBER})(?:,-{{1,2}})?(?:\s?(?P<s2>{_SCALE}))?\s?(?P<post>k€|{_CUR}))",
    re.IGNORECASE)
_SCALES = {"million": 10**6, "millions": 10**6, "miljoen": 10**6, "millionen": 10**6, "mio": 10**6, "mln": 10**6,
           "m": 10**6, "milliard": 10**9, "milliards": 10**9, "billion": 10**9, "bn": 10**9, "k": 10**3}

_EU = re.compile(r"erdf|feder|efro|efre|\beu\b[\w\s-]{0,25}(?:fund|financ|förder|grant|contribution|invest|subsid)|"
                 r"european (?:funding|union funding|contribution|grant)|eu[- ]funding|eu[- ]förderung|"
                 r"eu[- ]mittel|fonds europ[ée]ens?|financement europ[ée]en|europese (?:subsidie|bijdrage|steun)|"
                 r"interreg (?:funding|grant|contribution)|eu contribution|eu invests|bijdrage uit|"
                 r"(?:eu|europe) [\w ]{0,20}funded|cofinanc\w* (?:par|by) (?:l'|the )?(?:eu|ue|union)|"
                 r"interreg[- ]?(?:subsidie|förderung|mittel|bijdrage|contribution)|participation (?:de l'ue|"
                 r"européenne|communautaire)|contribution (?:de l'ue|européenne|communautaire)|eu-zuschuss|"
                 r"europäische[rn]? (?:förderung|mittel|zuschuss)|fördersumme|europese subsidie|eu-subsidie",
                 re.IGNORECASE)
_TOTAL = re.compile(r"total|totaal|gesamt|budget|kosten|coût|cout|cost|eligible|éligible|subsidiabel|"
                    r"projektvolumen|project value|montant", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}(?:project|projet|projekt|partnership|partenariat|"
                          r"samenwerkingsverband)\b", re.IGNORECASE)
_EU_AFTER = re.compile(r"^\s*(?:of|d[e']|aan|van|an|de la|du)?\s*(?:the\s+)?(?:european|eu|erdf|feder|efro|efre|"
                       r"europese|europ[ée]en|interreg)", re.IGNORECASE)
# The lookahead: the first letters of the alternatives (re scans for them instead of trying every
# alternative at every position: three times faster; tests/extract/test_regex_prefixes.py).
_SKIP = re.compile(r"(?=[bcejmptu])(?:\bprojects\b|\bprojets\b|\bprojecten\b|\bprojekte\b|committed|engagé|ceiling|"
                   r"plafond|maximum|\bup to\b|jusqu'à|jusqu’à|tot maximaal|bis zu|\bmax\.|per partner|par partenaire|"
                   r"budget (?:for|pour|voor|für) (?!the\b|le\b|la\b|het\b|das\b|dit\b|ce\b)[A-ZÀ-Ý])", re.IGNORECASE)
_SKIP_CASED = re.compile(r"(?i:budget (?:for|pour|voor|für)) (?!the\b|le\b|la\b|het\b|das\b|dit\b|ce\b)[A-ZÀ-Ý]")
# The look-behind made after the first digit (the same test: no digit, dot or comma before the number):
# re jumps from digit to digit (tests/extract/test_regex_prefixes.py).
_RATE = re.compile(r"(\d(?<![\d.,]\d)\d{0,2}(?:[.,]\d+)?)\s?(?:%|per ?cent|procent|prozent)", re.IGNORECASE)
_RATE_CUE = re.compile(r"erdf|feder|efro|efre|financ|funded|funding|gefördert|förder|cofinanc|co-financ|"
                       r"subsid|taux|intervention|rate\b|steun", re.IGNORECASE)


def _opening(pattern: re.Pattern[str], letters: str) -> re.Pattern[str]:
    """``pattern`` behind a lookahead of the letters its alternatives open with (as _SKIP's)."""
    return re.compile(f"(?=[{letters}])(?:{pattern.pattern})", pattern.flags)


_EU = _opening(_EU, "efibcp")
_TOTAL = _opening(_TOTAL, "tgbkceéspm")
_RATE_CUE = _opening(_RATE_CUE, "efgcstir")


def parse_number(number: str, scale: str | None = None) -> Decimal | None:
    """The value of a written number: ``.``/``,``/space thousands, ``,``/``.`` decimals, a scale word."""
    raw = number.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if " " in raw:
        raw = raw.replace(" ", "")
    if "." in raw and "," in raw:
        decimal_sep = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        raw = raw.replace(thousands, "").replace(decimal_sep, ".")
    else:
        for sep in (".", ","):
            if sep in raw:
                parts = raw.split(sep)
                if len(parts) > 2 or (len(parts[-1]) == 3 and not scale):
                    raw = raw.replace(sep, "")
                else:
                    raw = raw.replace(sep, ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    if scale:
        factor = _SCALES.get(scale.lower().rstrip("."))
        if factor:
            value *= factor
    return value


def find_amounts(text: str) -> list[Amount]:
    """Every euro amount in ``text`` (amounts without a currency are not euro amounts)."""
    out = []
    for match in _AMOUNT.finditer(text):
        number = match.group("n1") or match.group("n2")
        scale = match.group("s1") or match.group("s2")
        if match.group("post") and match.group("post").lower() == "k€":
            scale = "k"
        value = parse_number(number, scale)
        if value is not None and value > 0:
            out.append(Amount(value, Span(match.start(), match.end())))
    return out


def _classify(text: str, amount: Amount, floor: int) -> str | None:
    sentence = sentence_around(text, amount.span.start, amount.span.end)
    if _SKIP.search(sentence) and (_SKIP_CASED.search(sentence) or not re.search(r"budget (?:for|pour|voor|für)",
                                                                                    sentence, re.IGNORECASE)):
        return None
    after = text[amount.span.end:amount.span.end + 40].split("\n")[0]
    if _EU_AFTER.search(after) or re.match(r"^\s*(?:euros?\s+)?(?:\w+\s+){0,2}(?:erdf|feder|efro|efre|eu\b)",
                                           after, re.IGNORECASE):
        return "eu"
    if _TOTAL_AFTER.search(after):
        return "total"
    before = clause_before(text, amount.span.start, limit=80, floor=floor)
    if not before.strip():
        line_start = text.rfind("\n", 0, amount.span.start)
        before = text[max(0, line_start - 60):amount.span.start]
    eu, total = _EU.search(before), _TOTAL.search(before)
    if eu and (not total or eu.start() >= total.start() or "budget" not in total.group().lower()):
        return "eu"
    if total:
        return "total"
    return None


def find_money(text: str) -> Money:
    """The project's total budget, EU funding and co-financing rate (first of each kind)."""
    total = eu = None
    floor = 0
    for amount in find_amounts(text):
        kind = _classify(text, amount, floor)
        floor = amount.span.end
        if kind == "total" and total is None:
            total = amount
        elif kind == "eu" and eu is None:
            eu = amount
    rate = None
    for match in _RATE.finditer(text):
        value = parse_number(match.group(1))
        if value is None or not 0 < value <= 100:
            continue
        around = text[max(0, match.start() - 50):match.end() + 60]
        sentence = sentence_around(text, match.start(), match.end())
        if _RATE_CUE.search(around) and _RATE_CUE.search(sentence) and not re.search(
                r"population|inhabitants|habitants|inwoners|einwohner|unemploy|chômage|werkloos", sentence,
                re.IGNORECASE):
            rate = Amount((value / 100).normalize() if value != 100 else Decimal(1), Span(match.start(), match.end()))
            break
    return Money(total, eu, rate)
