"""Title rules a reader of many pages would use: a page's heading 'Title (ACR)', the heading above a fact
sheet, and names that never run across lines of a menu."""

from __future__ import annotations

import pytest

from loader.extract.titles import find_identity, loosely_spells


@pytest.mark.parametrize(("text", "title", "acronym"), [
    ("Cross-Border Care Network (CBCN)\nProgramme: Interreg IV A 2 Seas", "Cross-Border Care Network", "CBCN"),
    ("Réseau de Soins Transfrontalier (REST)\nChef de file : KCC", "Réseau de Soins Transfrontalier", "REST"),
    ("Home | Projects\nGrenzenlose  Pflege  Netzwerk (GPN)\nLaufzeit: 2019-2021", "Grenzenlose  Pflege  Netzwerk",
     "GPN"),
])
def test_a_heading_title_acronym_pair_names_the_page(text, title, acronym):
    found = find_identity(text)
    assert (found.title.text, found.acronym.text) == (title, acronym)
    assert text[found.title.span.start:found.title.span.end] == title


def test_a_heading_pair_far_down_the_page_needs_the_strict_rule():
    text = "x\n" * 400 + "Réseau de Soins Transfrontalier (REST)\n"
    assert find_identity(text).acronym is None


@pytest.mark.parametrize(("text", "title"), [
    ("Contact\n\nJean Dupont\n\nTranscards (Thiérache santé)\n\nPays : Belgique, France\nProgramme(s) : Interreg",
     "Transcards (Thiérache santé)"),
    ("Zorg zonder grenzen\nLanden: België, Nederland\nLooptijd: 2016-2019", "Zorg zonder grenzen"),
    ("Barrierefreies Grenzgebiet\n\nLand: Deutschland\nLaufzeit: 2016 - 2019", "Barrierefreies Grenzgebiet"),
])
def test_the_heading_above_a_fact_sheet_is_the_title(text, title):
    assert find_identity(text).title.text == title


def test_a_fact_sheet_label_on_the_first_line_gives_no_title():
    assert find_identity("Pays : Belgique\nProgramme : Interreg").title is None


def test_a_menu_after_projects_is_not_a_title():
    assert find_identity("Home\nProjects\nCalls\nNews\nThe Interreg programme").title is None


@pytest.mark.parametrize(("title", "acronym", "spelled"), [
    ("Réseau de Soins Transfrontalier", "REST", True),
    ("Medway Council", "REST", False),
    ("Samen sterk", "SAMEN", False),  # a word, not initials
])
def test_loose_spelling(title, acronym, spelled):
    assert loosely_spells(title, acronym) is spelled


@pytest.mark.parametrize(("text", "title", "acronym"), [
    ("KAROMI - Open care networks\n\nProject acronym: KAROMI\nProject title: Open care networks\n",
     "Open care networks", "KAROMI"),
    ("Acronyme du projet : LUNASO\nIntitulé du projet : Ponts pour les jeunes\n", "Ponts pour les jeunes", "LUNASO"),
    ("Projektakronym: REBRIPAXI\nProjekttitel: Gemeinsame Gesundheitsdienste\n", "Gemeinsame Gesundheitsdienste",
     "REBRIPAXI"),
    ("PROJECT XICARO\nNAME : XICARO\nTITLE : Cross-border pathways to work\n", "Cross-border pathways to work",
     "XICARO"),
])
def test_a_title_label_gives_the_title_whatever_its_words_spell(text, title, acronym):
    found = find_identity(text)
    assert (found.title.text, found.acronym.text) == (title, acronym)
    assert text[found.title.span.start:found.title.span.end] == title


def test_a_programme_page_names_the_project_under_the_programme():
    text = ("Interreg V-A Deutschland-Nederland\n\nTUNA\n\nStarke Jugendhilfe\n\nDas Projekt ...\n\n"
            "Lead-Partner\n\nStadt Kleve\n47533 Kleve\nDEUTSCHLAND\n\nProjektpartner\n\nGemeente Venlo\n"
            "5911 Venlo\nNIEDERLANDE\n\nStadt Goch\n47574 Goch\nDEUTSCHLAND\n")
    found = find_identity(text)
    assert (found.title.text, found.acronym.text) == ("Starke Jugendhilfe", "TUNA")


def test_a_country_in_capitals_is_not_an_acronym():
    text = "Lead partner\n\nStad Gent\n9000 Gent\nBELGIUM\n\nPartner\n\nVille de Lille\n59000 Lille\nBELGIUM\n"
    assert find_identity(text + "Stad Brugge\n8000 Brugge\nBELGIUM\n").acronym is None


@pytest.mark.parametrize("text", [
    "INTERREG III B North West Europe (NWE)\n\nTESOPA\n\nOpen care networks\n",
    "Project acronym: DENA\nProgramme: INTERREG III B North West Europe (NWE)\n",
])
def test_a_programme_name_with_its_acronym_is_not_the_project(text):
    found = find_identity(text)
    assert found.acronym.text != "NWE" and (found.title is None or "North West" not in found.title.text)
