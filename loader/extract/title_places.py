"""Where the title and acronym patterns of ``loader.extract.titles`` can match, so they are tried there
only instead of at every place of a text. Each function gives a superset of the places (or stretches)
where a match can start: :func:`matches_at` then finds exactly what ``pattern.finditer`` finds.

>>> import re
>>> [m.group() for m in matches_at(re.compile(r"ab+"), "abb ab x", [0, 4, 6])]
['abb', 'ab']
>>> sorted(project_word_starts("A micro-project and the PROJECT"))
[2, 3, 8, 24]
"""

from __future__ import annotations

import re

__all__ = ["matches_at", "occurrences", "project_word_starts", "near_project_starts", "acr_colon_starts", "after_windows",
           "before_matches"]


def matches_at(pattern: re.Pattern[str], text: str, starts):
    """``pattern.finditer(text)`` when every match of ``pattern`` starts at one of ``starts`` (more places
    do no harm): the pattern is tried there only, in order, after the end of the last match."""
    pos = 0
    for start in sorted(set(starts)):
        if start < pos:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            pos = match.end()


def occurrences(text: str, literal: str) -> list[int]:
    """Every place ``literal`` starts in ``text`` (overlapping ones too).

    >>> occurrences("a«b««", "«")
    [1, 3, 4]
    """
    out = []
    at = text.find(literal)
    while at >= 0:
        out.append(at)
        at = text.find(literal, at + 1)
    return out


def project_word_starts(text: str) -> list[int]:
    """Where a ``_PROJECT_WORD`` may start: each spelling holds "roje" or "ROJE" one letter in, or six or
    seven in ("Microproject", "Micro-project")."""
    starts = []
    for anchor in ("roje", "ROJE"):
        at = text.find(anchor)
        while at >= 0:
            starts.append(at - 1)
            if anchor == "roje":
                starts += (at - 6, at - 7)
            at = text.find(anchor, at + 1)
    return [start for start in starts if start >= 0]


_ACR_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


def _run_start(text: str, end: int) -> int:
    """The start of the run of ``_ACR_CHARS`` (ASCII letters, digits, "-") that ends at ``end``."""
    start = end
    while start > 0 and text[start - 1] in _ACR_CHARS:
        start -= 1
    return start


def near_project_starts(text: str) -> list[int]:
    """Where a ``_NEAR_PROJECT`` match may start: at a project word, or at the acronym before one (the
    start of the run of letters, digits and dashes before the spaces and dashes ahead of the word, or
    just after a dash in that run: no other place follows a non-word character)."""
    starts = []
    for word in project_word_starts(text):
        starts.append(word)
        end = word
        while end > 0 and (text[end - 1].isspace() or text[end - 1] == "-"):
            end -= 1
        if end == word:
            continue
        run = _run_start(text, end)
        starts.append(run)
        starts += (k + 1 for k in range(run, end) if text[k] == "-")
    return starts


def acr_colon_starts(text: str) -> list[int]:
    """Where an ``_ACR_COLON`` match may start: its acronym, not after a word character or dash, runs to
    the spaces before a ":" or a spaced dash, so it opens the run of letters, digits and dashes there."""
    starts = []
    for sep in (":", "-", "–", "—"):
        at = text.find(sep)
        while at >= 0:
            if sep == ":" or (0 < at < len(text) - 1 and text[at - 1].isspace() and text[at + 1].isspace()):
                end = at
                while end > 0 and text[end - 1].isspace():
                    end -= 1
                starts.append(_run_start(text, end))
            at = text.find(sep, at + 1)
    return starts


def after_windows(text: str, windows: list[tuple[int, int]], cue: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches of ``windows`` where ``_PAREN_AFTER`` can match, one per "(ACR)" ``cue`` finds: from where
    its title may start (at most 161 characters, none of them a line break or bracket, before the
    whitespace ahead of the bracket) to the ")". Scanning them finds what scanning ``windows`` finds:
    a title the pattern tries from an earlier place would hold a bracket or a line break, or be too long.
    """
    out: list[tuple[int, int]] = []
    k = 0
    for found in cue.finditer(text):
        bracket = found.start()
        while k < len(windows) and windows[k][1] <= bracket:
            k += 1
        if k == len(windows) or windows[k][0] > bracket:
            continue  # not in a window (never: every "(" is)
        lo, hi = windows[k]
        end = bracket
        while end > lo and text[end - 1].isspace():
            end -= 1
        stop = max(text.rfind("\n", 0, end), text.rfind("(", 0, end), text.rfind(")", 0, end))
        out.append((max(lo, stop + 1, end - 161), min(hi, found.end())))
    return out


def before_matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]):
    """``pattern.finditer(text, lo, hi)`` over each of ``windows`` for ``_PAREN_BEFORE``: its acronym, not
    after a word character or dash, runs to the spaces before a "(", so a match can only open the run of
    letters, digits and dashes before a "(" of a window (and then ends in that window)."""
    places = []
    k = 0
    for bracket in occurrences(text, "("):
        while k < len(windows) and windows[k][1] <= bracket:
            k += 1
        if k == len(windows) or windows[k][0] > bracket:
            continue
        end = bracket
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = _run_start(text, end)
        if start >= windows[k][0]:
            places.append((start, windows[k][1]))
    pos = 0
    for start, hi in sorted(places):
        if start < pos:
            continue
        match = pattern.match(text, start, hi)
        if match is not None:
            yield match
            pos = match.end()
