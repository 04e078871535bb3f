"""The notations, languages and shapes the extraction issue lists, checked one by one in one place
(dates at the text's precision, money told apart, programme spellings, inference from the source URL)."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal

import pytest

from loader import cli_extract
from loader.extract.dates import find_project_dates, parse_date
from loader.extract.money import find_amounts, find_money
from loader.extract.programme import find_programme
from ontology.settings import PROJECT_ROOT


@pytest.mark.parametrize(("written", "iso"), [
    ("01/10/2007", "2007-10-01"),
    ("01.11.2007", "2007-11-01"),
    ("1 juli 2010", "2010-07-01"),
    ("Oct 31, 2008", "2008-10-31"),
    ("1er avril 2013", "2013-04-01"),
    ("avril 2013", "2013-04"),
    ("März 2021", "2021-03"),
])
def test_each_date_notation_at_its_precision(written, iso):
    assert parse_date(written).iso == iso


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Projektlaufzeit: 01.11.2007 - 31.10.2010", "2007-11-01", "2010-10-31"),
    ("Le projet a démarré le 1er avril 2013 et s'achèvera en avril 2015.", "2013-04-01", "2015-04"),
    ("Ende März 2021 wurde das Projekt beendet. Das am 1. April 2020 gestartete Projekt", "2020-04-01", "2021-03"),
    ("Het project loopt van 2010-2014.", "2010", "2014"),
    ("Start date: Oct 31, 2008, End date: Dec 30, 2012", "2008-10-31", "2012-12-30"),
])
def test_project_dates_in_four_languages(text, start, end):
    dates = find_project_dates(text)
    assert (dates.start.iso if dates.start else None, dates.end.iso if dates.end else None) == (start, end)


@pytest.mark.parametrize("text", [
    "The project was approved on 01/10/2007 by the steering committee.",
    "Le lancement officiel a eu lieu le 1er avril 2013.",
    "Kick-off meeting: 1 juli 2010",
    "Published on Oct 31, 2008",
])
def test_approval_launch_kick_off_and_publication_dates_are_not_start_dates(text):
    assert find_project_dates(text).start is None


@pytest.mark.parametrize(("written", "value"), [
    ("1.142.943,65 EUR", Decimal("1142943.65")),
    ("€ 1,019,854", Decimal("1019854")),
    ("4.297.398,96 €", Decimal("4297398.96")),
    ("EUR 1.2 million", Decimal("1200000")),
])
def test_each_euro_notation(written, value):
    (amount,) = find_amounts(f"Total budget: {written}")
    assert amount.value == value


def test_an_amount_without_a_currency_is_not_a_euro_amount():
    assert find_amounts("Total budget: 1 234 201,00") == []
    assert find_money("Total budget: 1 234 201,00").total is None


@pytest.mark.parametrize(("text", "total", "eu"), [
    ("Total budget: 1.142.943,65 EUR\nERDF: 583.540,04 EUR", Decimal("1142943.65"), Decimal("583540.04")),
    ("Budget total : 4.297.398,96 €\nFEDER : 2.148.699,48 €", Decimal("4297398.96"), Decimal("2148699.48")),
    ("Totale begroting: € 1,019,854\nEFRO-steun: € 509,927", Decimal("1019854"), Decimal("509927")),
    ("Gesamtbudget: EUR 1.2 million, davon EFRE EUR 0.9 million", Decimal("1200000"), Decimal("900000")),
])
def test_total_and_eu_funding_told_apart_in_four_languages(text, total, eu):
    money = find_money(text)
    assert (money.total.value, money.eu.value) == (total, eu)


@pytest.mark.parametrize(("text", "programme"), [
    ("Interreg IV A 2 Seas", "iv-a-2-seas"),
    ("Interreg IVA 2 Seas", "iv-a-2-seas"),
    ("Interreg IV-A 2 Seas", "iv-a-2-seas"),
    ("Interreg 4A 2 Seas", "iv-a-2-seas"),
    ("Programme Interreg IV A Deux Mers", "iv-a-2-seas"),
    ("het programma Interreg IV A 2 Zeeën", "iv-a-2-seas"),
    ("het programma Interreg IV A Twee Zeeën", "iv-a-2-seas"),
    ("programme INTERREG IV A France (Manche) Angleterre", "iv-a-france-channel-england"),
    ("the INTERREG IV A France (Channel) England programme", "iv-a-france-channel-england"),
    ("programme Interreg IV France-Wallonie-Vlaanderen", "iv-a-france-wallonie-vlaanderen"),
    ("programma Interreg IV Frankrijk-Wallonië-Vlaanderen", "iv-a-france-wallonie-vlaanderen"),
    ("Programm INTERREG V A Freistaat Sachsen - Tschechische Republik", "v-a-germany-sachsen-czech-republic"),
    ("Programm INTERREG V A Österreich - Bayern", "v-a-austria-germany-bayern"),
    ("INTERREG Österreich-Bayern 2014-2020", "v-a-austria-germany-bayern"),
])
def test_programme_spellings(text, programme, vocab):
    match = find_programme(text, vocab)
    assert match is not None and match.ref.id == programme, text


def test_a_generic_name_is_the_generation_concept(vocab):
    match = find_programme("cofinancé par le programme Interreg V A", vocab)
    assert (match.ref.id, match.period) == ("v-a", "2014-2020")


def test_a_programme_inferred_from_the_source_url_is_marked_inferred(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("Sociale Activering Morgen (SAM)\nHet project loopt van 1 juli 2010 tot 31 december 2014.\n", "utf-8")
    parser = argparse.ArgumentParser(prog="interreg-kg")
    cli_extract.register(parser.add_subparsers())
    args = parser.parse_args(["extract", str(page), "--json", "--source-url", "http://www.interreg-fwvl.eu/nl/prj/1.html",
                              "--data", str(PROJECT_ROOT / "data")])
    assert args.func(args) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["programme"]["id"] == "iv-a-france-wallonie-vlaanderen"
    assert record["inferred"] == ["period", "programme"]
    args = parser.parse_args(["extract", str(page), "--json", "--data", str(PROJECT_ROOT / "data")])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)[0]["programme"] is None
