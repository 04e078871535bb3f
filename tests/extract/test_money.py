"""Money: every notation, euro only, total vs EU funding vs traps, and written rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loader.extract.money import find_amounts, find_money, parse_number


@pytest.mark.parametrize(("number", "scale", "value"), [
    ("1.142.943,65", None, "1142943.65"),
    ("1 234 201,00", None, "1234201.00"),
    ("1\u00a0234\u00a0201,00", None, "1234201.00"),
    ("1,019,854", None, "1019854"),
    ("1,019,854.50", None, "1019854.50"),
    ("4.297.398,96", None, "4297398.96"),
    ("859.306,50", None, "859306.50"),
    ("394 543", None, "394543"),
    ("8.8", "million", "8800000"),
    ("1,2", "millions", "1200000"),
    ("2,5", "Mio.", "2500000"),
    ("3", "miljoen", "3000000"),
    ("440", "k", "440000"),
    ("12.5", None, "12.5"),
])
def test_numbers(number, scale, value):
    assert parse_number(number, scale) == Decimal(value)


@pytest.mark.parametrize(("text", "value"), [
    ("Totaal budget: 1.142.943,65 EUR", "1142943.65"),
    ("Totaal Budget\n2 285 258,96 €", "2285258.96"),
    ("total cost € 1,019,854", "1019854"),
    ("Gesamtkosten: 4.297.398,96 €", "4297398.96"),
    ("a budget of EUR 1.2 million", "1200000"),
    ("An €8.8 million project", "8800000"),
    ("Budget for CESI: 440 k€.", "440000"),
    ("à hauteur de 394 543 euros", "394543"),
    ("Kosten In Höhe von 859.306,50 Euro", "859306.50"),
    ("Gesamtkosten: 2.000.000,- €", "2000000"),
    ("Total: € 1.5 M", "1500000"),
])
def test_euro_amounts_in_every_notation(text, value):
    assert [a.value for a in find_amounts(text)] == [Decimal(value)]


@pytest.mark.parametrize("text", [
    "Project budget\n2 462 279\nERDF amount\n1 477 367",
    "50%   1 234 201,00",
    "a budget of USD 2,000,000",
    "13,000 patients to benefit from cross border services",
])
def test_amounts_without_a_euro_sign_or_code_are_not_euro_amounts(text):
    assert find_amounts(text) == []
    money = find_money(text)
    assert money.total is None and money.eu is None


@pytest.mark.parametrize(("text", "total", "eu"), [
    ("Totaal budget: 1.142.943,65 EUR\nAandeel EFRO: 583.540,04 EUR", "1142943.65", "583540.04"),
    ("secured more than €4.8 million of European funding in a €8 million cross-border partnership involving "
     "14 organisations", "8000000", "4800000"),
    ("EU invests €8.8 million euros in cross border acute hospital services", None, "8800000"),
    ("ils ont été soutenus par les fonds européens à hauteur de 394 543 euros.", None, "394543"),
    ("Insgesamt werden Kosten In Höhe von 859.306,50 Euro mit 85 % gefördert.", "859306.50", None),
    ("Coût total du projet : 2 000 000 €, dont FEDER : 1 200 000 €", "2000000", "1200000"),
    ("Gesamtbudget: 1.500.000 EUR\nEFRE-Mittel: 975.000 EUR", "1500000", "975000"),
    ("Interreg-subsidie: € 450.000", None, "450000"),
    ("EU-Förderung: 1,2 Mio. €", None, "1200000"),
    ("Participation de l'UE : 1 234 567 €", None, "1234567"),
    ("Total eligible budget: €2,345,678 - ERDF: €1,407,407", "2345678", "1407407"),
])
def test_total_and_eu_funding(text, total, eu):
    money = find_money(text)
    assert (money.total.value if money.total else None) == (Decimal(total) if total else None)
    assert (money.eu.value if money.eu else None) == (Decimal(eu) if eu else None)


@pytest.mark.parametrize("text", [
    "The two new projects C-CARE and Cool Food Pro will receive a total ERDF grant of €7.4 million.",
    "The FCE program gathers now 51 projects and has committed €217.5 million to projects.",
    "- Budget for CESI: 440 k€.",
    "Grants of up to €200,000 per partner are available.",
])
def test_programme_sums_partner_budgets_and_ceilings_are_not_project_amounts(text):
    money = find_money(text)
    assert money.total is None and money.eu is None


def test_the_project_amount_after_traps_is_found():
    text = ("The two new projects C-CARE and Cool Food Pro will receive a total ERDF grant of €7.4 million. "
            "The €6.7 million project, led by Kent County Council, will provide support.")
    assert find_money(text).total.value == Decimal("6700000")


@pytest.mark.parametrize(("text", "rate"), [
    ("BUDGET : 40% of the budget is financed by the European Regional Development Fund", "0.4"),
    ("to receive a 100% ERDF funding intervention rate", "1"),
    ("Kosten In Höhe von 859.306,50 Euro mit 85 % gefördert", "0.85"),
    ("cofinancé à 60 % par le FEDER", "0.6"),
])
def test_written_rates(text, rate):
    found = find_money(text).rate
    assert found is not None and found.value == Decimal(rate)
    assert text[found.span.start:found.span.end].startswith(str(int(Decimal(rate) * 100)))


@pytest.mark.parametrize("text", [
    "les migrants qui représentent 7% de la population de l'agglomération",
    "50%   1 234 201,00",
])
def test_percentages_without_funding_words_are_not_rates(text):
    assert find_money(text).rate is None
