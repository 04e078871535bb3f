"""Each shape partners are written in, in our own small texts (en/fr/nl/de)."""

from __future__ import annotations

import pytest

from loader.extract.partners import extract_partners


def _rows(text: str, aliases, gazetteer, *fields: str) -> list[tuple]:
    return [tuple(getattr(p, f) for f in ("name", *fields))
            for p in extract_partners(text, None, aliases, gazetteer)]


@pytest.mark.parametrize("heading", ["Partners", "Partenaires", "Les partenaires du projet", "Projektpartner",
                                     "ProjectPartners", "Partners:", "PARTENAIRES :"])
def test_list_under_a_partner_heading(heading: str, aliases, gazetteer) -> None:
    text = f"{heading}\n\n- Stadt Aachen\n- Gemeente Heerlen\n- Ville de Liège\n\nBudget\n1 000 EUR\n"
    assert _rows(text, aliases, gazetteer, "role") == [
        ("Stadt Aachen", "partner"), ("Gemeente Heerlen", "partner"), ("Ville de Liège", "partner")]


@pytest.mark.parametrize("heading", ["Lead Partner:", "Chef de file :", "Projectleider", "PROJECTLEIDER",
                                     "Leadpartner", "Porteur du projet :", "Bénéficiaire chef de file :"])
def test_lead_heading_gives_one_lead(heading: str, aliases, gazetteer) -> None:
    text = f"{heading}\n\nGemeente Vlissingen\n\nStart date\n2016\n"
    assert _rows(text, aliases, gazetteer, "role") == [("Gemeente Vlissingen", "lead")]


def test_lead_heading_with_value_on_the_line(aliases, gazetteer) -> None:
    text = "- Project leader: Essex County Council\n- Partners: Kent County Council, Ville de Calais and CESI.\n"
    assert _rows(text, aliases, gazetteer, "role") == [
        ("Essex County Council", "lead"), ("Kent County Council", "partner"), ("Ville de Calais", "partner"),
        ("CESI", "partner")]


def test_address_blocks_give_places_and_contacts(aliases, gazetteer) -> None:
    text = ("ProjectPartners\n\n• PROJECTLEIDER\n\nCENTRE PUBLIC D'ACTION SOCIALE DE NAMUR\nRue de Dave 165\n"
            "B - 5100 Namur\nTel.: +32-(0)81.33.70.00\nE-mail: info@cpasnamur.be\n\n• PARTNERS\n\n"
            "VILLE DE MAUBEUGE\n\nF - 59600 Maubeuge\nTel.: +33-(0)3.27.53.75.75\n")
    assert _rows(text, aliases, gazetteer, "role", "country", "city", "phone", "email") == [
        ("Centre Public d'Action Sociale de Namur", "lead", "BE", "Namur", "+3281337000", "info@cpasnamur.be"),
        ("Ville de Maubeuge", "partner", "FR", "Maubeuge", "+33327537575", None)]


def test_mixed_partner_heading_reads_bare_names_as_associated(aliases, gazetteer) -> None:
    text = ("Partners / Geassocieerde partners\n\nSTAD MENEN\nB - 8930 Menen\nE-mail: info@menen.be\n\n"
            "PROVINCIE WEST-VLAANDEREN\n\nCCAS HALLUIN\n")
    assert _rows(text, aliases, gazetteer, "role") == [
        ("Stad Menen", "partner"), ("Provincie West-Vlaanderen", "associated"), ("CCAS Halluin", "associated")]


def test_contact_section(aliases, gazetteer) -> None:
    text = ("Contactez les partenaires\n\nAmiens Métropole\n\nAgnès Rivet\n\nEmail: a.rivet@amiens-metropole.com\n\n"
            "Telephone: +33 360 010 241\n\nWebsite: www.amiens.fr\n\nLes Deux Rives\n\nSalah El Manouzi\n\n"
            "Email: lesdeuxrives80@yahoo.fr\n\n\n\nProgramme européen de coopération transfrontalière.\n")
    assert _rows(text, aliases, gazetteer, "role", "contact_person", "email", "phone", "website") == [
        ("Amiens Métropole", "partner", "Agnès Rivet", "a.rivet@amiens-metropole.com", "+33360010241",
         "www.amiens.fr"),
        ("Les Deux Rives", "partner", "Salah El Manouzi", "lesdeuxrives80@yahoo.fr", None, None)]


def test_contact_block_line_with_person_and_organisation(aliases, gazetteer) -> None:
    text = ("Contact\n\nMarie Dubois Centre Hospitalier de Maubeuge\n13 boulevard Pasteur\n59600 Maubeuge\nFrance\n"
            "Tel :\n+33 (0)3 27 69 43 43\nFax :\n+33 (0)3 27 69 43 44\nMail :\ncontact@ch-maubeuge.fr\n\n"
            "Partenaires\n\n  • Le Centre Hospitalier de Maubeuge\n  • La Mutualité Chrétienne du Hainaut\n")
    assert _rows(text, aliases, gazetteer, "role", "contact_person", "city", "country", "phone", "email") == [
        ("Centre Hospitalier de Maubeuge", "partner", "Marie Dubois", "Maubeuge", "FR", "+33327694343",
         "contact@ch-maubeuge.fr"),
        ("Mutualité Chrétienne du Hainaut", "partner", None, None, None, None, None)]


def test_inline_role_notes(aliases, gazetteer) -> None:
    text = ("PARTNERS: Medway Council  (administrative lead partner)\n"
            "       Communauté Urbaine de Dunkerque  (lead partner on the French side)\n"
            "       Groundwork\n       Kent Fire and Rescue (associated partner)\n"
            "The project is part financed by the European Regional Development Fund and runs two years.\n")
    assert _rows(text, aliases, gazetteer, "role", "country") == [
        ("Medway Council", "lead", "GB"), ("Communauté Urbaine de Dunkerque", "partner", "FR"),
        ("Groundwork", "partner", None), ("Kent Fire and Rescue", "associated", "GB")]


def test_side_leads_stay_leads_without_an_overall_lead(aliases, gazetteer) -> None:
    text = ("Porteur du projet : Hôpital de Tournai (côté belge)- Centre Hospitalier de Lille (côté français)\n\n"
            "Le projet vise à ...\n")
    assert _rows(text, aliases, gazetteer, "role", "country") == [
        ("Hôpital de Tournai", "lead", "BE"), ("Centre Hospitalier de Lille", "lead", "FR")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Medway Council est fier d'être le chef de file du projet AGIR.", [("Medway Council", "lead")]),
    ("Maastricht University is the lead partner of the project.", [("Maastricht University", "lead")]),
    ("The €2 million project, led by Norfolk County Council, will start in May.", [("Norfolk County Council", "lead")]),
    ("Der Landkreis Bautzen ist Leadpartner in diesem Projekt.", [("Landkreis Bautzen", "lead")]),
    ("De Hogeschool Zuyd heeft de leiding over dit project.", [("Hogeschool Zuyd", "lead")]),
    ("Chef de file, le Conseil départemental du Nord propose des stages.", [("Conseil départemental du Nord", "lead")]),
    ("Au coeur du dispositif : l'ORS, porteur du projet, coordonne les actions.", [("ORS", "lead")]),
    ("CESI is a partner in the C-CARE project.", [("CESI", "partner")]),
    ("PP4 (Hampshire County Council) has trained 40 volunteers.", [("Hampshire County Council", "partner")]),
    ("Der Bezirk Liberec und die Stadt Zittau bearbeiten ein gemeinsames Förderprojekt.",
     [("Bezirk Liberec", "partner"), ("Stadt Zittau", "partner")]),
    ("Das gemeinsam von der „Caritas Passau“ und dem „Land Oberösterreich“ getragene Projekt endet 2021.",
     [("Caritas Passau", "partner"), ("Land Oberösterreich", "partner")]),
    ("This partnership comprises the NHS Highland, the Western Isles Council and the Health Board.",
     [("NHS Highland", "partner"), ("Western Isles Council", "partner"), ("Health Board", "partner")]),
    ("The EU funding has been secured by the Border Health Alliance on behalf of its members.",
     [("Border Health Alliance", "unknown")]),
    ("Door de deelname van de Hogeschool Gent en de universiteit van Rijsel is dit project breed gedragen.",
     [("Hogeschool Gent", "partner"), ("universiteit van Rijsel", "partner")]),
])
def test_sentences(text: str, expected: list, aliases, gazetteer) -> None:
    assert _rows(text, aliases, gazetteer, "role") == expected


def test_sentence_with_city_and_contact(aliases, gazetteer) -> None:
    text = ("The partners are the school Leerpunt (Winterswijk) and the association Zorg Samen (Bocholt).\n"
            "Voor Zorg Samen is Jan van Dijk de projectmanager.\n")
    assert _rows(text, aliases, gazetteer, "role", "city", "contact_person") == [
        ("Leerpunt", "partner", "Winterswijk", None), ("Zorg Samen", "partner", "Bocholt", "Jan van Dijk")]


@pytest.mark.parametrize("text", [
    "The European Union and the Interreg 2 Seas programme fund the project.",
    "Nederland, België, Noord-Frankrijk en Engeland nemen deel aan het project.",
    "Partners will meet in Lille. The partners are coming together to share practice.",
    "John Smith, Director of Operations, said the project was a success.",
    "Pictured at the launch: Jane Doe, Chief Officer, Special EU Programmes Body (SEUPB).",
    "6 partenaires issus de France et de Belgique réunis sur un projet commun.",
    "Home\nProjects\nPartners\nNews\nEvents\nContact\n\nProject XYZ\n",
    "Accueil\nPartenaires\nActualités\nAgenda\nRecherche\n",
])
def test_no_partner_without_a_proper_name(text: str, aliases, gazetteer) -> None:
    assert extract_partners(text, None, aliases, gazetteer) == ()


def test_country_headings_and_region_headings(aliases, gazetteer) -> None:
    text = ("France\nBénéficiaire chef de file :\nDépartement du Nord\nPartenaires :\nVille de Lille\n"
            "Wallonie\nProvince de Hainaut\nNederland\nGemeente Sluis\nLE BUDGET\n")
    rows = extract_partners(text, None, aliases, gazetteer)
    assert [(p.name, p.role, p.country, "country" in p.inferred) for p in rows] == [
        ("Département du Nord", "lead", "FR", False), ("Ville de Lille", "partner", "FR", False),
        ("Province de Hainaut", "partner", "BE", True), ("Gemeente Sluis", "partner", "NL", False)]


def test_town_in_a_name_is_an_inferred_city_only(aliases, gazetteer) -> None:
    text = "Partners:\n- OCMW Kortrijk (BE)\n- Ville de Lille, 59000 Lille\n- Provincie Limburg\n"
    rows = {p.name: p for p in extract_partners(text, None, aliases, gazetteer)}
    assert (rows["OCMW Kortrijk"].city, sorted(rows["OCMW Kortrijk"].inferred)) == ("Kortrijk", ["city"])
    assert (rows["Ville de Lille"].city, rows["Ville de Lille"].inferred) == ("Lille", frozenset({"country"}))
    assert rows["Provincie Limburg"].city is None


def test_table(aliases, gazetteer) -> None:
    text = ("Organisation | Country | Role\nMedway Council | United Kingdom | Lead partner\n"
            "Ville de Lille | France | Partner\nProvincie Zeeland | NL | Observer\n")
    assert _rows(text, aliases, gazetteer, "role", "country") == [
        ("Medway Council", "lead", "GB"), ("Ville de Lille", "partner", "FR"), ("Provincie Zeeland", "associated", "NL")]


def test_same_organisation_twice_is_one_partner_with_the_union_of_facts(aliases, gazetteer) -> None:
    text = ("Contactez les partenaires\n\nMigrant Help\n\nSteve Sellen\n\nEmail: steve@migranthelp.org\n\n\n\n"
            "Les partenaires du projet\n\nMigrant Help\n\nMigrant Help a été créée à Dover en 1920.\n")
    rows = extract_partners(text, None, aliases, gazetteer)
    assert [(p.name, p.email, p.city, p.contact_person) for p in rows] == [
        ("Migrant Help", "steve@migranthelp.org", "Dover", "Steve Sellen")]


def test_places_written_after_names(aliases, gazetteer) -> None:
    text = ("Project partners (4)\n\n1. Hogeschool Zeeland, Vlissingen (NL)\n2. Medway Council (United Kingdom)\n"
            "3. Université de Lille - France\n4. Stad Brugge, Brugge, Belgium\n")
    assert _rows(text, aliases, gazetteer, "country", "city") == [
        ("Hogeschool Zeeland", "NL", "Vlissingen"), ("Medway Council", "GB", None),
        ("Université de Lille", "FR", "Lille"), ("Stad Brugge", "BE", "Brugge")]


def test_address_on_one_line_with_commas(aliases, gazetteer) -> None:
    text = "Partners\nProvincie Zeeland\nAbdijplein 6, 4331 BK Middelburg, Nederland\ninfo@zeeland.nl\n"
    assert _rows(text, aliases, gazetteer, "country", "city", "email") == [
        ("Provincie Zeeland", "NL", "Middelburg", "info@zeeland.nl")]


def test_long_inline_list(aliases, gazetteer) -> None:
    names = [f"Gemeente Nummer{i}" for i in range(40)]
    text = "Partners: " + ", ".join(names) + " and Kent County Council.\n"
    assert [p.name for p in extract_partners(text, None, aliases, gazetteer)] == [*names, "Kent County Council"]


def test_bracketed_other_names_are_aliases(aliases, gazetteer) -> None:
    text = ("Partners:\n- Communauté Urbaine de Dunkerque (Greater Dunkirk District Council)\n"
            "- Stadt Aachen (Ville d'Aix-la-Chapelle)\n- CNAMTS (Caisse Nationale d'Assurance Maladie)\n"
            "- Kreis Heinsberg (Gesundheitsamt)\n")
    assert _rows(text, aliases, gazetteer, "key", "aliases", "city") == [
        ("Communauté Urbaine de Dunkerque", "communaute-urbaine-de-dunkerque", ("Greater Dunkirk District Council",),
         "Dunkerque"),
        ("Stadt Aachen", "stadt-aachen", ("Ville d'Aix-la-Chapelle",), "Aachen"),
        ("CNAMTS (Caisse Nationale d'Assurance Maladie)", "cnamts-caisse-nationale-d-assurance-maladie", (), None),
        ("Kreis Heinsberg (Gesundheitsamt)", "kreis-heinsberg-gesundheitsamt", (), None)]


def test_labelled_detail_lines_and_country_lines(aliases, gazetteer) -> None:
    text = ("Partners\n\nLead Partner\nMedway Council\nAddress: Gun Wharf, Dock Road, Chatham\n"
            "Country: United Kingdom\nContact person: Jane DOE\n\nPartner\nVille de Dunkerque\nPays : France\n\n"
            "Partner\nHogeschool Zeeland\nNetherlands\n\nPartner\nProvincie West-Vlaanderen\nCity: Brugge\n")
    rows = extract_partners(text, None, aliases, gazetteer)
    assert [(p.name, p.role, p.country, p.contact_person, "country" in p.inferred) for p in rows] == [
        ("Medway Council", "lead", "GB", "Jane Doe", False), ("Ville de Dunkerque", "partner", "FR", None, False),
        ("Hogeschool Zeeland", "partner", "NL", None, False),
        ("Provincie West-Vlaanderen", "partner", "BE", None, True)]
    assert rows[-1].city == "Brugge"


def test_co_financers_after_the_partners_are_not_partners(aliases, gazetteer) -> None:
    text = ("Partenaires :\n- Ville de Roubaix\n- CPAS de Tournai\nPartenaires financiers :\n- Région Hauts-de-France\n"
            "- Province de Hainaut\n")
    assert _rows(text, aliases, gazetteer, "role") == [("Ville de Roubaix", "partner"), ("CPAS de Tournai", "partner")]


def test_legal_forms_and_phone_lines_with_fax(aliases, gazetteer) -> None:
    text = ("Projektpartner:\n- Caritasverband für die Diözese Passau e.V.\n- Stichting Zorg.\n\nKontakt\n"
            "Caritasverband für die Diözese Passau e.V.\nAnna Huber\nTel. +49 (0)851 5018 0 - Fax +49 851 5018 111\n"
            "Internet: www.caritas-passau.de\n")
    assert _rows(text, aliases, gazetteer, "phone", "website", "contact_person") == [
        ("Caritasverband für die Diözese Passau e.V.", "+4985150180", "www.caritas-passau.de", "Anna Huber"),
        ("Stichting Zorg", None, None, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Le chef de file du projet est la Ville de Mons.", [("Ville de Mons", "lead")]),
    ("Lead partner of the project is Kent County Council.", [("Kent County Council", "lead")]),
    ("Federführend ist der Landkreis Bautzen.", [("Landkreis Bautzen", "lead")]),
    ("De projectleider is Hogeschool Zeeland.", [("Hogeschool Zeeland", "lead")]),
    ("La Ville de Lille assure le rôle de chef de file.", [("Ville de Lille", "lead")]),
    ("Kent County Council is the project leader.", [("Kent County Council", "lead")]),
    ("De projectleider is Mirjam Kemp.", []),
    ("Jan Peeters is projectleider van het project.", []),
    ("The lead partner is responsible for reporting.", []),
])
def test_lead_sentences_in_other_orders(text: str, expected: list, aliases, gazetteer) -> None:
    assert _rows(text, aliases, gazetteer, "role") == expected


def test_labelled_name_and_country_lines(aliases, gazetteer) -> None:
    text = ("Partners\nLead partner\nName: Kent County Council\nCountry: United Kingdom\nPartner\n"
            "Name: Conseil Général du Pas-de-Calais\nCountry: France\nProject description\nThe project aims to help.\n")
    rows = extract_partners(text, None, aliases, gazetteer)
    assert [(p.name, p.role, p.country, sorted(p.inferred)) for p in rows] == [
        ("Kent County Council", "lead", "GB", []), ("Conseil Général du Pas-de-Calais", "partner", "FR", [])]


def test_project_gathering_organisations(aliases, gazetteer) -> None:
    text = ("Lancé hier à Hirson en présence du préfet, le projet ACCES réunit l'Agence régionale de santé "
            "Hauts-de-France, l'INAMI et la Mutualité chrétienne. Photo : les partenaires réunis à la mairie.")
    assert _rows(text, aliases, gazetteer, "role") == [
        ("Agence régionale de santé Hauts-de-France", "partner"), ("INAMI", "partner"),
        ("Mutualité chrétienne", "partner")]


@pytest.mark.parametrize("heading", ["Lead-Partner:", "Lead partner:", "Leadpartner:"])
def test_a_hyphenated_lead_heading_gives_the_lead(heading: str, aliases, gazetteer) -> None:
    text = f"{heading} Stadt Aachen, Aachen (DE)\n\nProjektpartner:\n- Gemeente Heerlen, Heerlen (NL)\n"
    assert _rows(text, aliases, gazetteer, "role", "country", "city") == [
        ("Stadt Aachen", "lead", "DE", "Aachen"), ("Gemeente Heerlen", "partner", "NL", "Heerlen")]


@pytest.mark.parametrize(("line", "expected"), [
    # the town after the name is its city, the bracket its country, known to the gazetteer or not
    ("- Université de Lille, Lille (France)", [("Université de Lille", "FR", "Lille")]),
    ("- Magistrat der Stadt Linz, Linz (Österreich)", [("Magistrat der Stadt Linz", "AT", "Linz")]),
    ("- Cooperativa Sociale Il Ponte, Cuneo (Italia)", [("Cooperativa Sociale Il Ponte", "IT", "Cuneo")]),
    ("- Gemeente Alphen, Alphen aan den Rijn (NL)", [("Gemeente Alphen", "NL", "Alphen aan den Rijn")]),
    ("- Stadt Aachen, Aachen (DE), Ville de Lille, Lille (FR)",
     [("Stadt Aachen", "DE", "Aachen"), ("Ville de Lille", "FR", "Lille")]),
    ("- Fundación Vida, Bilbao (ES)", [("Fundación Vida", "ES", "Bilbao")]),
    ("- Jihočeský kraj, České Budějovice (CZ)", [("Jihočeský kraj", "CZ", "České Budějovice")]),
    ("- Stichting Welzijn 's-Hertogenbosch, 's-Hertogenbosch (NL)",
     [("Stichting Welzijn 's-Hertogenbosch", "NL", "'s-Hertogenbosch")]),
    ("- Hogeschool Zeeland – Vlissingen (NL)", [("Hogeschool Zeeland", "NL", "Vlissingen")]),
    ("- Gemeente Venlo, 5911 Venlo (NL)", [("Gemeente Venlo", "NL", "Venlo")]),
    ("- Gmina Zgorzelec (Zgorzelec, PL)", [("Gmina Zgorzelec", "PL", "Zgorzelec")]),
    # entries that carry their own country stay entries
    ("- Medway Council (UK), Diakonie Sachsen (DE)", [("Medway Council", "GB", None),
                                                      ("Diakonie Sachsen", "DE", None)]),
])
def test_name_town_country_entries(line: str, expected: list, aliases, gazetteer) -> None:
    rows = _rows(f"Partners:\n{line}\n", aliases, gazetteer, "country", "city")
    assert rows == expected


def test_a_list_entry_holding_another_entry_after_an_article_is_its_own_partner(aliases, gazetteer) -> None:
    text = ("Projektpartner:\n- Stadt Bocholt, Bocholt (DE)\n- Sozialamt der Stadt Bocholt, Bocholt (DE)\n\n"
            "Ook de Gemeente Venlo doet mee. De Gemeente Venlo is partner.\n")
    assert _rows(text, aliases, gazetteer, "city") == [
        ("Stadt Bocholt", "Bocholt"), ("Sozialamt der Stadt Bocholt", "Bocholt"), ("Gemeente Venlo", "Venlo")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Der Caritasverband Eifel e.V. ist Lead-Partner des Projekts.", [("Caritasverband Eifel e.V.", "lead")]),
    ("Buurtwerk Maasland v.z.w. is partner van het project.", [("Buurtwerk Maasland v.z.w.", "partner")]),
    ("The project is led by Euro Services S.A. and runs until 2021.", [("Euro Services S.A.", "lead")]),
    ("Le projet est porté par la Maison de l'Emploi a.s.b.l. et dure trois ans.",
     [("Maison de l'Emploi a.s.b.l.", "lead")]),
    ("The lead partner is Kent Care Ltd. The project runs until 2021.", [("Kent Care Ltd.", "lead")]),
    ("Pflegedienst Schmidt GmbH & Co. KG ist Lead-Partner.", [("Pflegedienst Schmidt GmbH & Co. KG", "lead")]),
])
def test_legal_forms_with_dots_stay_in_the_name(text: str, expected: list, aliases, gazetteer) -> None:
    assert _rows(text, aliases, gazetteer, "role") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Partners: Caritas Aachen e.V., Pflegedienst Schmidt GmbH & Co. KG\n",
     ["Caritas Aachen e.V.", "Pflegedienst Schmidt GmbH & Co. KG"]),
    ("The partners are Caritas Aachen e.V., Euro Services S.A. and Buurtwerk Gent v.z.w.\n",
     ["Caritas Aachen e.V.", "Euro Services S.A.", "Buurtwerk Gent v.z.w."]),
    ("Partners: Dupont & Cie, Kent County Council and Medway Council.\n",
     ["Dupont & Cie", "Kent County Council", "Medway Council"]),
])
def test_inline_lists_keep_legal_forms_whole(text: str, expected: list, aliases, gazetteer) -> None:
    assert [row[0] for row in _rows(text, aliases, gazetteer)] == expected


def test_bulleted_entries_with_their_address_are_entries(aliases, gazetteer) -> None:
    text = ("Partners:\n- CPAS de Namur, Rue de Dave 165, 5100 Namur (BE)\n"
            "- Caritas Görlitz, Hauptstraße 5, 02826 Görlitz\n- Ville de Mons\n")
    assert _rows(text, aliases, gazetteer, "country", "city") == [
        ("CPAS de Namur", "BE", "Namur"), ("Caritas Görlitz", None, "Görlitz"), ("Ville de Mons", "BE", "Mons")]
