"""THE FORMER name helpers of ``loader.extract.partner_names`` (before filter/map, the dot pre-check and
cleaning each list item once): tests/extract/test_name_helpers.py holds the new ones to them."""

from __future__ import annotations

import re

from loader.extract.contacts import recase_words
from loader.extract.partner_forms import AND, ends_sentence, join_towns
from loader.extract.partner_names import _QUOTES, _split_top, strip_article
from tests.extract.former.patterns import strip_bullet

_ABBREVIATED_END_RE = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Ltd|Inc|Co|Corp|Bros)\.)\s*$")
_ART = r"(?:the|le|la|les|l['’]|de|het|der|die|das|dem|den)"


def mostly_capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 5 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def clean_name(name: str) -> str:
    name = strip_bullet(name)
    abbreviated = _ABBREVIATED_END_RE.search(name.strip())
    name = " ".join(name.split()).strip(_QUOTES + " ,;:*")
    name = name if abbreviated else name.rstrip(".").strip(_QUOTES + " ,;:*")
    name = name.replace("\u00ae", "®")
    name = strip_article(name).strip(_QUOTES + " ,;:")
    if mostly_capitals(name) and len(name.split()) > 1:
        name = recase_words(name)
    return name


def is_capitalised(token: str) -> bool:
    core = token.strip(_QUOTES + "(),.;:")
    if not core:
        return False
    if len(core) > 1 and core[0] in "lLdD" and core[1] in "'’":
        core = core[2:]
    return any(c.isupper() for c in core[:3]) or (core[0].isdigit() and len(core) <= 4 and core[-1].isalpha())


def split_list(text: str) -> list[str]:
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
    return [clean_name(i) for i in items if clean_name(i)]
