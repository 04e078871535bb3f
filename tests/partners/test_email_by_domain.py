"""A loose contact e-mail goes to the one partner whose distinctive name words its domain spells."""

from __future__ import annotations

from loader.aliases import AliasTable
from loader.extract.partners import extract_partners

LIST = "Projektträger: Diakonie Kork, Kehl (DE)\nProjektpartner:\n- Evangelische Hochschule Freiburg (DE)\n"


def _emails(text: str) -> dict[str, str | None]:
    return {p.name: p.email for p in extract_partners(text, "de", AliasTable())}


def test_the_domain_names_the_partner():
    text = LIST + "\nKontakt: Dr. Anna Meier, anna.meier@diakonie-kork.de\n"
    got = extract_partners(text, "de", AliasTable())
    kork = next(p for p in got if p.name == "Diakonie Kork")
    assert kork.email == "anna.meier@diakonie-kork.de"
    assert text[kork.span_of("email").start:kork.span_of("email").end] == kork.email
    assert _emails(text)["Evangelische Hochschule Freiburg"] is None


def test_webmail_and_unrelated_domains_tie_nothing():
    assert set(_emails(LIST + "\nKontakt: kork.diakonie@gmail.com, info@example.org\n").values()) == {None}


def test_generic_words_alone_tie_nothing():
    text = "Partners:\n- Gemeente Enschede (NL)\n- Stadt Gronau (DE)\n\nContact: info@gemeente.nl\n"
    assert set(_emails(text).values()) == {None}
