"""Programmes: every spelling and generation notation, periods, and inference from the site."""

from __future__ import annotations

import pytest

from loader.extract.programme import find_priority, find_programme, programme_from_site


@pytest.mark.parametrize(("text", "programme", "period"), [
    ("financé par le programme INTERREG IV A France (Manche) – Angleterre", "iv-a-france-channel-england",
     "2007-2013"),
    ("the Interreg IVA France (Channel) England programme", "iv-a-france-channel-england", "2007-2013"),
    ("the Interreg IV-A 2 Seas programme", "iv-a-2-seas", "2007-2013"),
    ("het Interreg 4A-programma Grensregio Vlaanderen-Nederland", "iv-a-grensregio-vlaanderen-nederland",
     "2007-2013"),
    ("gefinancierd uit een Europese subsidie INTERREG 2 Zeeën", "v-a-2-seas", None),
    ("Programme Interreg Deux Mers 2007-2013", "iv-a-2-seas", "2007-2013"),
    ("financé par le programme européen INTERREG V-A Grande Région", "v-a-grande-region", "2014-2020"),
    ("im Rahmen des Programms INTERREG V A Großregion", "v-a-grande-region", "2014-2020"),
    ("Programme(s) européen(s) :\nInterreg IIIA - France-Wallonie-Flandres", "iii-a-france-wallonie-vlaanderen",
     "2000-2006"),
    ("Interreg Frankrijk-Wallonië-Vlaanderen 2014-2020", "v-a-france-wallonie-vlaanderen", "2014-2020"),
    ("des Kooperationsprogramms zur Förderung der grenzübergreifenden Zusammenarbeit zwischen dem Freistaat "
     "Sachsen und der Tschechischen Republik 2014-2020 (INTERREG)", "v-a-germany-sachsen-czech-republic",
     "2014-2020"),
    ("im Rahmen des EU-Programms „INTERREG Österreich – Bayern 2014 – 2020“", "v-a-austria-germany-bayern",
     "2014-2020"),
    ("Interreg EUREGIO Meuse Rhine: Project Senior Friendly Communities", "vi-a-meuse-rhine", "2021-2027"),
    ("  • 2007 - 2013 2 SEAS (FR-UK-BE-NL)", "iv-a-2-seas", "2007-2013"),
])
def test_named_programmes(text, programme, period, vocab):
    match = find_programme(text, vocab)
    assert match is not None and match.ref.id == programme
    if period is not None:
        assert match.period == period
    assert vocab.get("programme", match.ref.id) is not None


@pytest.mark.parametrize(("text", "concept", "label", "period"), [
    ("part financed under the priority 1, measure 3 of the Interreg\nIIIA programme", "iii-a", "Interreg III A",
     "2000-2006"),
    ("An €8.8 million EU INTERREG VA funded cross-border project", "v-a", "Interreg V A", "2014-2020"),
    ("Na de goedkeuring van het Interreg IV A-project Ouderen en Kanker", "iv-a", "Interreg IV A", "2007-2013"),
    ("postulent aux fonds Interreg V avec le projet", "v", "Interreg V", "2014-2020"),
    ("Interreg VI-B funding", "vi-b", "Interreg VI B", "2021-2027"),
])
def test_generic_generations_link_to_generation_concepts(text, concept, label, period, vocab):
    match = find_programme(text, vocab)
    assert (match.ref.id, match.ref.label, match.period) == (concept, label, period)
    assert "period" not in match.inferred


def test_the_generation_not_written_comes_from_the_project_year_and_is_flagged(vocab):
    text = "approved by the Interreg France Channel England (FCE) program"
    match = find_programme(text, vocab, year=2021)
    assert match.ref.id == "v-a-france-channel-england"
    assert match.ref.label == "Interreg France (Channel) England"
    assert match.inferred == {"period"}
    older = find_programme(text, vocab, year=2009)
    assert older.ref.id == "iv-a-france-channel-england"


def test_a_more_specific_programme_beats_a_generic_word(vocab):
    text = "Interreg Europe project ENSURE\nENSURE is gefinancierd uit een Europese subsidie INTERREG 2 Zeeën."
    assert find_programme(text, vocab).ref.id.endswith("2-seas")


@pytest.mark.parametrize("text", [
    "GRENSOVERSCHRIJDEND SAMENWERKINGSPROGRAMMA\nMet steun van het Europees Fonds voor Regionale Ontwikkeling",
    "De resultaten staan op <http://www.interreg-fwvl.eu/nl/prj/178.html>",
    "The project helps seniors in the Grande Région to live at home.",
    "Het project is een Euregionaal Interreg project in de Euregio.",
    "This is a European network of cities.",
])
def test_no_programme_without_a_named_one(text, vocab):
    assert find_programme(text, vocab) is None


def test_programme_from_a_known_site_is_inferred(vocab):
    match = programme_from_site("http://www.interreg-fwvl.eu/nl/prj/178.html", vocab, year=2010)
    assert (match.ref.id, match.period) == ("iv-a-france-wallonie-vlaanderen", "2007-2013")
    assert match.inferred == {"programme", "period"}
    assert programme_from_site("https://www.example.org/x", vocab) is None
    assert programme_from_site(None, vocab) is None


@pytest.mark.parametrize(("text", "value"), [
    ("under the priority 1, measure 3 of the programme", "Priority 1, Measure 3"),
    ("Priority Axis\nTechnological and Social Innovation\nSpecific objective\nSocial Innovation",
     "Priority Axis: Technological and Social Innovation; Specific objective: Social Innovation"),
    ("axe4\nCategorie\nProject\nSpecifieke doelstelling van het programma\nVersterken van netwerken",
     "axe4 - Versterken van netwerken"),
])
def test_priority(text, value):
    found = find_priority(text)
    assert found is not None and found[0] == value


def test_no_priority():
    assert find_priority("A project with priorities for residents.") is None
