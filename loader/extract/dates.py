"""Project start and end dates, at the precision the text writes them, in en/fr/nl/de.

Candidate dates are found with patterns (``01/10/2007``, ``1 juli 2010``, ``Oct 31, 2008``,
``1. April 2020``, ``avril 2013``, ``Ende März 2021``, ``2010-2014`` after a duration label) and
read with a fixed month table, so a missing day or month is never filled in from today. Each
candidate is then classed by the words around it: ranges (``X - Y``, ``X to Y``, ``van X tot Y``),
labels (``Start date:``, ``Begindatum``, ``Projektstart``), weak cues (``starting``, ``bis``,
``se terminera``). Approval, launch, kick-off, meeting, publication dates and page timestamps are
not project dates.

>>> found = find_project_dates("Looptijd: 1 juli 2010 - 31 december 2014")
>>> found.start.iso, found.end.iso
('2010-07-01', '2014-12-31')
>>> found = find_project_dates("Le projet a été approuvé en Avril 2013 et se terminera en Mars 2015.")
>>> found.start is None, found.end.iso
(True, '2015-03')
>>> parse_date("Oct 31, 2008").iso, parse_date("Ende März 2021") is None, parse_date("März 2021").iso
('2008-10-31', True, '2021-03')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loader.extract.text import MONTH_PATTERN, MONTHS, clause_before, fold_word
from loader.records import Span

__all__ = ["DateMention", "ProjectDates", "find_dates", "find_project_dates", "parse_date"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in the text: ISO at its precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""

    iso: str
    span: Span


@dataclass(frozen=True, slots=True)
class ProjectDates:
    start: DateMention | None = None
    end: DateMention | None = None


_M = rf"(?P<month>{MONTH_PATTERN})\.?"
_PATTERNS = [
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"(?<![\d./])(?P<day>[0-3]?\d)[./-](?P<mon>[01]?\d)[./-](?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(rf"(?<![\w.])(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|\.)?\s+(?:of\s+)?{_M},?\s+(?P<year>(?:19|20)\d\d)(?!\d)",
               re.IGNORECASE),
    re.compile(rf"(?<![\w])(?P<month2>{MONTH_PATTERN})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)",
               re.IGNORECASE),
    re.compile(rf"(?<![\w])(?P<month>{MONTH_PATTERN})\.?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)", re.IGNORECASE),
    re.compile(r"(?<![\d./-])(?P<mon>0?[1-9]|1[0-2])[./](?P<year>(?:19|20)\d\d)(?![\d./])"),
]
# The look behind the first year is made after its "19"/"20" (the same test: the character before it,
# two digits after): a pattern opening with literal characters lets re jump to its next 1 or 2 (four
# times faster than a look-behind tried at every character; tests/extract/test_regex_prefixes.py).
_YEAR_RANGE = re.compile(r"((?:19|20)(?<![\d./-]\d\d)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?![\d/-]|\.\d)")
_FROM_TO_YEARS = re.compile(r"(?=[fvdeb])\b(?:from|van|du|von|vom|de|entre|between)\s+((?:19|20)\d\d)\s+(?:to|until|till|tot|au|à|a|"
                            r"bis|until|and|et|en|und|jusqu'en|jusqu’en)\s+((?:19|20)\d\d)(?!\d|[./-]\d)", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:[-–—]|to|until|till|au|à|jusqu'au|jusqu’au|tot(?: en met)?|t/m|bis(?: zum)?|"
                         r"and|et|en|und)\s*$", re.IGNORECASE)

# Cues that a date is not the project's: approval, launch, meeting, publication, page timestamps. Each cue
# starts a word (a Dutch or German participle's "ge" allowed: "gepubliceerd", "gelanceerd"), so "Czech
# Republic", "information" or "prevention" in a programme name or a sentence are no cue.
_NEGATIVE = re.compile(
    r"(?<![^\W\d_])(?:ge)?(?:approv|approuv|goedgekeurd|goedkeuring|genehmig|bewillig|launch|lanc[eé]|kick|aftrap|"
    r"startbijeenkomst|publi|veröffentlich|select|meeting|réunion|reunion|bijeenkomst|treffen|conference|"
    r"conférence|event|événement|evenement|veranstaltung|training|formation|submitted|déposé|ingediend|"
    r"posted|updated|mis à jour|uhr\b|vindt .*plaats|stand:|deadline|call)", re.IGNORECASE)
_STRONG_START = re.compile(r"start\s*date|date de d[ée]but|d[ée]but du projet|begindatum|startdatum|aanvang|"
                           r"projektstart|projektbeginn|projectstart|start of the project|beginn|d[ée]but\s*:|"
                           r"start\s*:|begin\s*:", re.IGNORECASE)
_STRONG_END = re.compile(r"end\s*date|date de fin|fin du projet|einddatum|projektende|end of the project|"
                         r"einde|fin\s*:|end\s*:|ende\s*:", re.IGNORECASE)
_DURATION = re.compile(r"looptijd|duration|dur[ée]e|laufzeit|projektlaufzeit|period|p[ée]riode|"
                       r"date\s*:|dates\s*:|looptijd|project duration", re.IGNORECASE)
_WEAK_START_LAST = re.compile(r"(?:\b(?:starting|started|starts|begins|began|beginning|from|since|van|vanaf|sinds|"
                              r"depuis|du|dès|von|ab|seit|am|op)\b|commenc\w*|démarr\w*|gestart\w*|"
                              r"begonnen|startet\w*)[\s\w]{0,12}$", re.IGNORECASE)
_WEAK_END_LAST = re.compile(r"(?:\b(?:until|till|to|ending|ends|ended|end|au|jusqu'au|jusqu’au|tot|t/m|bis|"
                            r"zum|ende|eind|einde|fin|endet|eindigt|afloopt)\b|termin\w*|afgerond|beendet|"
                            r"ach[eè]v\w*|prendra fin|prend fin|läuft bis|loopt af)[\s\w]{0,12}$", re.IGNORECASE)
_AFTER_START = re.compile(r"^[\s,]*(?:\w+\s+){0,2}(?:gestartet\w*|started|began|begonnen|commenc\w*|"
                          r"démarr\w*|van start)", re.IGNORECASE)
_AFTER_END = re.compile(r"^[\s,]*(?:\w+\s+){0,6}(?:beendet|ended|completed|terminé|afgelopen|afgerond|"
                        r"abgeschlossen)", re.IGNORECASE)


def _iso(year: str, month: int | None, day: int | None) -> str | None:
    if month is None:
        return year
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _mention(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month_name = groups.get("month") or groups.get("month2")
    if month_name:
        month = MONTHS.get(fold_word(month_name)) or MONTHS.get(month_name.lower())
    else:
        month = int(groups["mon"])  # numeric month (dd/mm/yyyy or mm/yyyy)
    day = int(groups["day"]) if groups.get("day") else None
    return _iso(groups["year"], month, day)


_YEAR = re.compile(r"(?:19|20)(?<!\d\d\d)\d\d(?!\d)")  # no digit before it (see _YEAR_RANGE)
_BEFORE_YEAR = 80  # every date pattern ends with its year and starts less than this before it


def _year_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` that end just after a year and start ``_BEFORE_YEAR`` before it, merged: the
    only places a date can be, so the patterns (month names in four languages) skip the rest."""
    windows: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        lo, hi = max(0, m.start() - _BEFORE_YEAR), min(len(text), m.end() + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text`` (non-overlapping, most precise pattern first), in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    windows = _year_windows(text)
    for pattern in _PATTERNS:
        for match in (m for lo, hi in windows for m in pattern.finditer(text, lo, hi)):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            iso = _mention(match)
            if iso is None:
                continue
            taken.append((s, e))
            found.append(DateMention(iso, Span(s, e)))
    return sorted(found, key=lambda d: d.span.start)


def parse_date(text: str) -> DateMention | None:
    """The date ``text`` is, when all of it is one date.

    >>> parse_date("01/10/2007").iso, parse_date("1er avril 2013").iso, parse_date("2008") is None
    ('2007-10-01', '2013-04-01', True)
    """
    text = text.strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            iso = _mention(match)
            return None if iso is None else DateMention(iso, Span(0, len(text)))
    return None


def _label_line(text: str, pos: int) -> str:
    """The previous non-blank line when ``pos`` starts its line (a label above a value), else ``""``."""
    line_start = text.rfind("\n", 0, pos) + 1
    if text[line_start:pos].strip():
        return ""
    lines = [line for line in text[max(0, line_start - 200):line_start].split("\n") if line.strip()]
    return lines[-1].strip() + " " if lines else ""


_LABEL_HEAD = re.compile(r"[ \t]*[^\W\d_][^\n:.;!?]{0,40}:[ \t]*")


def _own_label(text: str, pos: int, before: str) -> str:
    """``before``, or only the label when the date's line opens with one ("Start date: 01/01/2018"): a
    labelled line is a clause of its own, and the lines above it (a programme named "Czech Republic",
    "Call 3") say nothing about its date."""
    line_start = text.rfind("\n", 0, pos) + 1
    head = text[line_start:pos]
    return head if line_start > pos - len(before) and _LABEL_HEAD.fullmatch(head) else before


def _candidates(text: str, dates: list[DateMention]) -> list[tuple[str, int, DateMention]]:
    """(role, strength, mention) for every date that looks like a project start or end."""
    out: list[tuple[str, int, DateMention]] = []
    in_range: set[int] = set()
    for i in range(len(dates) - 1):
        a, b = dates[i], dates[i + 1]
        between = text[a.span.end:b.span.start]
        if _RANGE_JOIN.match(between) and a.iso[:4] <= b.iso[:4]:
            before = _own_label(text, a.span.start,
                                clause_before(text, a.span.start, floor=dates[i - 1].span.end if i else 0))
            if not before.strip():
                before = _label_line(text, a.span.start)
            after = text[b.span.end:b.span.end + 40]
            if _NEGATIVE.search(before) or _NEGATIVE.search(re.split(r"[.!?;](?:\s|$)|\n", after)[0][:30]):
                continue
            joined_by_and = between.strip().lower() in ("and", "et", "en", "und")
            if joined_by_and and not (_WEAK_START_LAST.search(before) or _DURATION.search(before)):
                continue
            strength = 4 if _DURATION.search(before) or _STRONG_START.search(before) else 3
            out.append(("start", strength, a))
            out.append(("end", strength, b))
            in_range.update((i, i + 1))
    for i, date in enumerate(dates):
        if i in in_range:
            continue
        floor = dates[i - 1].span.end if i else 0
        before = _own_label(text, date.span.start, clause_before(text, date.span.start, floor=floor))
        if not before.strip():
            before = _label_line(text, date.span.start)
        after = text[date.span.end:date.span.end + 60]
        if _NEGATIVE.search(before) or _NEGATIVE.search(re.split(r"[.!?;](?:\s|$)|\n", after)[0][:25]):
            continue
        if _STRONG_START.search(before[-30:]):
            out.append(("start", 3, date))
        elif _STRONG_END.search(before[-30:]):
            out.append(("end", 3, date))
        elif _WEAK_END_LAST.search(before):
            out.append(("end", 1, date))
        elif _WEAK_START_LAST.search(before) or _AFTER_START.search(after):
            out.append(("start", 1, date))
        elif _AFTER_END.search(after):
            out.append(("end", 1, date))
    return out


# A project running over years ("the project runs from", "het project loopt van", "das Projekt läuft").
_PROJECT_RUNS = re.compile(r"proje[ck]t\w*\b[^.\n]{0,30}\b(?:runs?|running|loopt|läuft|dure|duurt|lasts?|"
                           r"se déroule|took place|ongoing)\b", re.IGNORECASE)


def _year_ranges(text: str) -> list[tuple[str, int, DateMention]]:
    out = []
    for match in _YEAR_RANGE.finditer(text):
        before = clause_before(text, match.start(), limit=40)
        if (_DURATION.search(before) or _PROJECT_RUNS.search(before)) and not re.search(
                r"programm|interreg", before, re.IGNORECASE):
            out.append(("start", 2, DateMention(match.group(1), Span(match.start(1), match.end(1)))))
            out.append(("end", 2, DateMention(match.group(2), Span(match.start(2), match.end(2)))))
    for match in _FROM_TO_YEARS.finditer(text):
        before = clause_before(text, match.start(), limit=60)
        if match.group(1) <= match.group(2) and not _NEGATIVE.search(before) and not re.search(
                r"programm|interreg|period|période|periode|förderperiode", before, re.IGNORECASE) and re.search(
                r"proje[ck]t|runs?|loopt|läuft|dure|duurt|lasts?|se déroule|ongoing|took place", before, re.IGNORECASE):
            out.append(("start", 1, DateMention(match.group(1), Span(match.start(1), match.end(1)))))
            out.append(("end", 1, DateMention(match.group(2), Span(match.start(2), match.end(2)))))
    return out


def find_project_dates(text: str) -> ProjectDates:
    """The project's start and end: the strongest candidate of each role, the earliest on ties.

    An end before the start is dropped.
    """
    candidates = _candidates(text, find_dates(text)) + _year_ranges(text)

    def best(role: str) -> DateMention | None:
        pool = [(-strength, d.span.start, d) for r, strength, d in candidates if r == role]
        return min(pool, key=lambda p: (p[0], p[1]))[2] if pool else None

    start, end = best("start"), best("end")
    if start and end and end.iso[:len(start.iso)] < start.iso[:len(end.iso)]:
        end = None
    return ProjectDates(start, end)
