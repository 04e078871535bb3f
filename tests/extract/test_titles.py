"""Titles, acronyms and websites by general page rules."""

from __future__ import annotations

import pytest

from loader.extract.titles import find_identity, find_website, spells


@pytest.mark.parametrize(("text", "title", "acronym"), [
    ("Achieving the Integration of Migrant communities and Ethnic Residents (AIMER)\nStart date",
     "Achieving the Integration of Migrant communities and Ethnic Residents", "AIMER"),
    ("Transforming Integrated Care in the Community (TICC) secured more than €4.8 million",
     "Transforming Integrated Care in the Community", "TICC"),
    ("CESI is a partner in the C-CARE (Covid Channel Area Response Exchange) project",
     "Covid Channel Area Response Exchange", "C-CARE"),
    ("Interreg Project TREE staat voor: ‘Training for Integrating Refugees in Euregio’. Het project",
     "Training for Integrating Refugees in Euregio", "TREE"),
    ("Das Projekt HEALTH steht für „Healthy Europe And Local Towns Help“.",
     "Healthy Europe And Local Towns Help", "HEALTH"),
    ("NAME : CONMIIXT\nDATE : 01/10/2007-30/06/2008", None, "CONMIIXT"),
    ("Qu'est-ce que le projet AGIR?\nContactez les partenaires\nAction to Generate Inclusion for Residents of "
     "Migrant Background\n", "Action to Generate Inclusion for Residents of Migrant Background", "AGIR"),
    ("SAM - EUROMETROPOOL\nBESCHRIJVING VAN HET PROJECT\nFransen", "SAM - EUROMETROPOOL", "SAM"),
    ("Stay Active and Independent for Longer in the 2 Seas Area | 2 Mers Seas Zeeën\nLooking back at the "
     "Interreg 2 Seas SAIL project", "Stay Active and Independent for Longer in the 2 Seas Area", "SAIL"),
    ("PARTY\nKerngegevens\nProjectleider\nVille de Mons\nPARTY\nPreventieve en risicobeperkende acties naar jongeren\n",
     "Preventieve en risicobeperkende acties naar jongeren", "PARTY"),
    ("Euregional Project “Senior Friendly Communities”\nLive safely", "Senior Friendly Communities", None),
    ("Le projet transfrontalier « Senior Activ’ »\nRéunissant 21 partenaires", "Senior Activ’", None),
    ("EU-Projekt \"Das böhmisch-sächsische Grenzgebiet barrierefrei\"\nDer Bezirk",
     "Das böhmisch-sächsische Grenzgebiet barrierefrei", None),
    ("The ‘Genzenlos inklusiv’ (borderless and inclusive) project develops", "Genzenlos inklusiv", None),
    ("Het project “ouderen en kanker” wil het tekort aanvullen", "ouderen en kanker", None),
    ("postulent aux fonds Interreg V avec le projet Mobipro Grande Région. Chef de file", "Mobipro Grande Région",
     None),
    ("The CAWT Acute Services Project has recently secured this EU funding", "CAWT Acute Services Project", None),
    ("Interreg Europe project ENSURE\nENSURE is een internationaal project", None, "ENSURE"),
])
def test_identity(text, title, acronym):
    found = find_identity(text)
    assert (found.title.text if found.title else None) == title
    assert (found.acronym.text if found.acronym else None) == acronym
    for part in (found.title, found.acronym):
        if part:
            assert text[part.span.start:part.span.end] == part.text


@pytest.mark.parametrize("text", [
    "l'Observatoire Franco-Belge de la Santé (OFBS) et ses partenaires",
    "the Co-operation and Working Together (CAWT) Health and Social Care Partnership comprises",
    "Centre Hospitalier Universitaire (CHU) de Liège (BE)",
    "Limburgs Gezondheidsoverleg (LOGO) (BE)",
    "BESCHRIJVING VAN HET PROJECT",
    "Funded by the ERDF project budget.",
])
def test_organisation_acronyms_and_headings_are_not_project_acronyms(text):
    assert find_identity(text).acronym is None


def test_spells():
    assert spells("Achieving the Integration of Migrant communities and Ethnic Residents", "AIMER")
    assert not spells("Special EU Programmes Body", "SEUPB")
    assert not spells("Integration of Migrants", "AIMER")


@pytest.mark.parametrize(("text", "url"), [
    ("Gegevens\nE-mail: a@b.fr\nWebsite: www.sameurometropole.eu\n", "www.sameurometropole.eu"),
    ("5. Update the web site www.miixt.eu with micro-project information", "www.miixt.eu"),
    ("Sociale netwerkenWebsite:\n\nhttps://www.projectparty.eu/\n", "https://www.projectparty.eu/"),
    ("Lees hier meer over dit project: https://www.interregemr.eu/projecten/tree", "https://www.interregemr.eu/projecten/tree"),
    ("vorgestellt auf der Website www.interreg-bayern-tirol.info. Das", "www.interreg-bayern-tirol.info"),
])
def test_website(text, url):
    found = find_website(text)
    assert found is not None and found.text == url


def test_no_website_without_a_cue():
    assert find_website("Landeshauptstadt Dresden - www.dresden.de\nE-mail: x@www.example.org") is None
