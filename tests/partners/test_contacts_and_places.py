"""Contact details and places as written: phones to E.164, websites, person names, address lines,
country codes, side phrases and the gazetteer."""

from __future__ import annotations

import pytest

from loader.extract.contacts import (
    find_emails,
    looks_like_person,
    normalise_phone,
    normalise_website,
    phone_region,
    recase_person,
    recase_words,
)
from loader.extract.places import bracket_country, country_code, parse_address_line, side_country


@pytest.mark.parametrize(("raw", "region", "e164"), [
    ("+33-(0)3.20.11.34.16", None, "+33320113416"),
    ("+33 360 010 241", None, "+33360010241"),
    ("+32-(0)56.24.41.27", None, "+3256244127"),
    ("+44 1634 334 320", None, "+441634334320"),
    ("+33 (0)3 23 58 82 56", None, "+33323588256"),
    ("0032 56 24 41 27", None, "+3256244127"),
    ("056 24 41 27", "BE", "+3256244127"),
    ("03 20 11 34 16", "FR", "+33320113416"),
    ("0241 80 12345", "DE", "+492418012345"),
])
def test_phones_become_e164(raw: str, region: str | None, e164: str) -> None:
    assert normalise_phone(raw, region) == e164


@pytest.mark.parametrize("raw", ["12", "2010-2013", "tel"])
def test_non_numbers_are_not_phones(raw: str) -> None:
    assert normalise_phone(raw) is None


def test_phone_country_codes_name_countries() -> None:
    assert [phone_region(p) for p in ("+441634334320", "+33360010241", "+3256244127", "+31118412345")] == [
        "GB", "FR", "BE", "NL"]


def test_websites_are_normalised() -> None:
    assert normalise_website("https://www.projectparty.eu/") == "www.projectparty.eu"
    assert normalise_website("http://www.medway.gov.uk/agir/.") == "www.medway.gov.uk/agir"
    assert normalise_website("<www.amiens.fr>") == "www.amiens.fr"


def test_emails_keep_apostrophes_and_drop_trailing_dots() -> None:
    found = find_emails("Mail: vicky.o'riordan@kent.gov.uk. Or a.rivet@amiens-metropole.com")
    assert [e for e, _, _ in found] == ["vicky.o'riordan@kent.gov.uk", "a.rivet@amiens-metropole.com"]


def test_names_in_capitals_are_recased_with_acronyms_kept() -> None:
    assert recase_words("UNION DÉPARTEMENTALE DES CCAS DU NORD") == "Union Départementale des CCAS du Nord"
    assert recase_words("OCMW RONSE") == "OCMW Ronse"
    assert recase_words("OPENBAAR CENTRUM VOOR MAATSCHAPPELIJK WELZIJN MENEN") == \
        "Openbaar Centrum voor Maatschappelijk Welzijn Menen"
    assert recase_person("Steffi SUHL") == "Steffi Suhl"
    assert recase_person("Jean-FRANÇOIS MEES") == "Jean-François Mees"


@pytest.mark.parametrize(("line", "person"), [
    ("Fawad Bhatti", True), ("Salah El Manouzi", True), ("Anke de Vries", True), ("Vicky O'Riordan", True),
    ("Kent County Council", False), ("Migrant Help", False), ("Les Deux Rives", False),
    ("Amiens Métropole", False), ("Email: x@y.fr", False), ("Groundwork", False),
])
def test_person_lines(line: str, person: bool) -> None:
    assert looks_like_person(line) is person


@pytest.mark.parametrize(("line", "expected"), [
    ("F - 59200 Tourcoing", ("FR", "Tourcoing")),
    ("B - 8500 Kortrijk", ("BE", "Kortrijk")),
    ("F - 59060 Roubaix Cedex 01", ("FR", "Roubaix")),
    ("NL-4331 AB Middelburg", ("NL", "Middelburg")),
    ("D-52062 Aachen", ("DE", "Aachen")),
    ("02500 Hirson", (None, "Hirson")),
    ("7000 Mons", (None, "Mons")),
    ("7, Rue Gabriel Peri", None),
    ("Tel.: +33-(0)3.20.11.34.16", None),
    ("2555 people attended", None),
    ("CT1 1YW Canterbury", ("GB", "Canterbury")),
    ("Chatham ME4 4TR", ("GB", "Chatham")),
    ("Southampton, SO14 7DU, United Kingdom", ("GB", "Southampton")),
    ("SW1A 1AA", None),
    ("Chatham ME4 4TR Dover", None),
])
def test_address_lines(line: str, expected) -> None:
    assert parse_address_line(line) == expected


@pytest.mark.parametrize(("name", "code"), [
    ("BELGIE", "BE"), ("Belgique", "BE"), ("België", "BE"), ("FRANCE", "FR"), ("Frankrijk", "FR"),
    ("Deutschland", "DE"), ("Allemagne", "DE"), ("Nederland", "NL"), ("Pays-Bas", "NL"),
    ("Grand-Duché de Luxembourg", "LU"), ("United Kingdom", "GB"), ("Germany", "DE"),
    ("Italien", "IT"), ("Italië", "IT"), ("Italie", "IT"), ("Oostenrijk", "AT"), ("Tsjechië", "CZ"),
    ("Slowakei", "SK"), ("Hongrie", "HU"),
    ("Wallonie", None), ("Sarre", None), ("Rhénanie-Palatinat", None), ("Grande Région", None), ("Partners", None),
])
def test_country_names_in_four_languages(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_side_phrases_and_bracket_codes() -> None:
    assert side_country("lead partner on the French side") == "FR"
    assert side_country("GEIE Sésame Vitale (côté français)") == "FR"
    assert side_country("Les partenaires belges :") == "BE"
    assert side_country("aan Nederlandse zijde") == "NL"
    assert side_country("Medway Council") is None
    assert bracket_country("Huis voor de Zorg (NL)")[0] == "NL"
    assert bracket_country("Limburgs Gezondheidsoverleg (LOGO)") is None


def test_gazetteer_places_regions_and_areas(gazetteer) -> None:
    assert gazetteer.place("Kortrijk") == ("Kortrijk", "BE")
    assert gazetteer.place("loon plage") == ("Loon-Plage", "FR")
    assert gazetteer.is_town("Amiens") and not gazetteer.is_town("Kent")
    assert gazetteer.region("Wallonie") == ("Wallonie", "BE")
    assert gazetteer.places_in("Pas de Calais Tourism") == [("Pas-de-Calais", "FR")]
    assert gazetteer.places_in("Openbaar Centrum voor Maatschappelijk Welzijn Kortrijk") == [("Kortrijk", "BE")]
