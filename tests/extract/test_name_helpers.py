"""The partner-name helpers give what their former code gave (tests/extract/former/partner_names.py), on
seeded random names and lists: capitals, dotted legal forms, bullets, articles, towns with countries."""

from __future__ import annotations

import random

from loader.extract import partner_names
from tests.extract.former import partner_names as former

_PIECES = ["Stadt", "STADT", "Aachen", "AACHEN", "e.V.", "E.V.", "v.z.w.", "a.s.b.l.", "Ltd.", "Inc.", "Co.", "Corp",
           "Bros.", "GmbH & Co. KG", "S.A.", "x.", "de", "la", "the", "The", "L'", "l’", "Hôpital", "ÉCOLE", "Île",
           "Ústí", "nad", "Labem", "(CZ)", "(DE)", "(France)", "(lead partner)", "Linz", "(Oostenrijk)", "and", "et",
           "en", "und", "&", ",", ", ", ";", ".", "..", ". ", "•", "- ", "1.", "o ", "\u00ae", "\"", "“", "»", "  ",
           "\t", "\n", "12", "2019", "ß", "ǅ", "ǈ", "µ", "\u0130", "DR", "CCAS", "du", "Nord", "Migrant Help", ":"]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 9)))
            for _ in range(count)]


def test_clean_name_and_its_parts_are_the_former_code():
    for text in _texts(11, 20000):
        assert partner_names.clean_name(text) == former.clean_name(text), repr(text)
        assert partner_names._mostly_capitals(text) == former.mostly_capitals(text), repr(text)
        for token in text.split() + [text]:
            assert partner_names.is_capitalised(token) == former.is_capitalised(token), repr(token)


def test_split_list_is_the_former_code():
    for text in _texts(12, 8000):
        assert partner_names.split_list(text) == former.split_list(text), repr(text)


def test_dotted_endings_keep_their_dot_and_others_lose_it():
    assert partner_names.clean_name("Caritas Aachen e.V.") == "Caritas Aachen e.V."
    assert partner_names.clean_name("Medway Council.") == "Medway Council"
    assert partner_names.clean_name("Smith Bros.  ") == "Smith Bros."
    assert partner_names.clean_name("ASSOCIATION DES CCAS DU NORD") == "Association des CCAS du Nord"
