"""Street and postcode lines are tried only when they hold a digit: no line without one matches the
street pattern or either postcode pattern, so the gate changes no answer; and country names are looked up in
a table that answers what pycountry's lookup answers."""

from __future__ import annotations

import random

from loader.extract import partner_blocks, places

_PIECES = ("rue", "Rue", "street", "Road", "straat", "Straße", "strasse", "laan", "weg", "platz", "Gasse", "allee",
           "kade", "ring", "Cedex", "CEDEX", "NL", "F", "B", "D", "AB", "ME", "TR", "SW", "Lille", "Tourcoing",
           "České", "Budějovice", "'s-Hertogenbosch", "Chatham", "de", "la", "l'", "-", "–", ",", "/", "(", ")",
           "Ⅻ", "½", "²", "x", "O", "I", "l", " ", "  ", "\t")


def _line(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) + rng.choice(("", " ", ", ", "-")) for _ in range(rng.randint(1, 9)))


def test_no_line_without_a_digit_matches_the_street_or_postcode_patterns() -> None:
    rng = random.Random(20261127)
    lines = [_line(rng) for _ in range(30_000)]
    assert all(not any(c.isdecimal() for c in line) for line in lines)
    for line in lines:
        assert partner_blocks._STREET_RE.search(line) is None, line
        assert places._ADDRESS_RE.match(line.strip()) is None, line
        assert places._UK_ADDRESS_RE.match(line) is None, line
        assert places.parse_address_line(line) is None


def test_the_gates_let_digit_lines_through() -> None:
    assert places.parse_address_line("F - 59200 Tourcoing") == ("FR", "Tourcoing")
    assert places.parse_address_line("ME4 4TR Chatham") == ("GB", "Chatham")
    assert partner_blocks._detail("Rue de Dave 165", None) == ("street", "Rue de Dave 165")
    assert partner_blocks._detail("BELGIUM", None) == ("country", "BE")
    assert partner_blocks._detail("Stad Gent", None) is None


def test_the_country_table_answers_what_pycountry_lookup_answers() -> None:
    import string

    import pycountry

    def lookup(value: str):
        try:
            return pycountry.countries.lookup(value)
        except LookupError:
            return None

    names = places._pycountry_names()
    rng = random.Random(7)
    values = [*names, *(v.upper() for v in names), "Germany", "Czechia", "Korea", "Congo", "Stad Gent", "Lille"]
    values += ["".join(rng.choice(string.ascii_lowercase + " -") for _ in range(rng.randint(4, 14))) for _ in range(3000)]
    assert len(names) > 500
    for value in values:
        assert names.get(value.lower()) is lookup(value), value
