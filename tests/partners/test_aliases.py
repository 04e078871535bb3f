"""The organisation alias table: curated keys, names per key, digest, review candidates."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from loader.aliases import AliasTable, AliasTableError, host_of, load_alias_table, parse_alias_csv
from loader.errors import LoaderError
from loader.extract.partners import extract_partners
from loader.records import PartnerRecord

ROOT = Path(__file__).resolve().parents[2]


def test_greater_dunkirk_is_the_communaute_urbaine(aliases: AliasTable) -> None:
    assert aliases.key_for("Greater Dunkirk District Council") == "communaute-urbaine-de-dunkerque"
    assert aliases.key_for("COMMUNAUTÉ URBAINE DE DUNKERQUE") == "communaute-urbaine-de-dunkerque"
    assert "Greater Dunkirk District Council" in aliases.names_for("communaute-urbaine-de-dunkerque")


def test_cross_language_names_share_a_key(aliases: AliasTable) -> None:
    assert aliases.key_for("CCAS Halluin") == aliases.key_for("Centre Communal d'Action Sociale de Halluin")
    assert aliases.key_for("OCMW Kortrijk") == aliases.key_for("Openbaar Centrum voor Maatschappelijk Welzijn Kortrijk")
    assert aliases.key_for("CPAS de Tournai") == aliases.key_for("OCMW Doornik")
    assert aliases.key_for("Universiteit Maastricht") == aliases.key_for("Maastricht University")


def test_unknown_names_key_as_their_normalised_name(aliases: AliasTable) -> None:
    assert aliases.key_for("The Sunlight Development Trust") == "sunlight-development-trust"
    assert aliases.names_for("sunlight-development-trust") == ()


def test_medway_council_in_two_documents_is_one_organisation(aliases: AliasTable, gazetteer) -> None:
    keys = set()
    for name in ("000_61233fa75de99c9d.txt", "001_6ad943d2a728cbed.txt"):
        text = (ROOT / "data" / "documents" / name).read_text(encoding="utf-8")
        keys |= {p.key for p in extract_partners(text, None, aliases, gazetteer) if "Medway" in p.name}
    assert keys == {"medway-council"}


def test_in_document_alias_is_listed_on_the_partner(aliases: AliasTable, gazetteer) -> None:
    text = (ROOT / "data" / "documents" / "000_61233fa75de99c9d.txt").read_text(encoding="utf-8")
    cud = next(p for p in extract_partners(text, None, aliases, gazetteer) if p.key == "communaute-urbaine-de-dunkerque")
    assert cud.name == "Communauté Urbaine de Dunkerque"
    assert cud.aliases == ("Greater Dunkirk District Council",)
    assert cud.contact_person == "Steffi Suhl"


def test_acronym_and_long_form_are_one_partner(aliases: AliasTable, gazetteer) -> None:
    text = ("Le Centre Régional de Santé (CRS) travaille avec ses partenaires.\n"
            "Au coeur du dispositif : le CRS, porteur du projet.\n")
    partners = extract_partners(text, "fr", aliases, gazetteer)
    assert [(p.name, p.role, p.aliases) for p in partners] == [
        ("Centre Régional de Santé (CRS)", "lead", ("CRS",))]


def test_sha256_is_the_digest_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "aliases").mkdir()
    raw = b"key,name,lang\nx-org,X Org,en\nx-org,Organisation X,fr\n"
    (tmp_path / "aliases" / "organisations.csv").write_bytes(raw)
    table = load_alias_table(tmp_path)
    assert table.sha256 == hashlib.sha256(raw).hexdigest()
    assert table.key_for("organisation x") == "x-org"
    assert load_alias_table(ROOT / "data").sha256 != table.sha256


def test_a_file_read_again_is_parsed_once_and_a_changed_file_again(tmp_path: Path) -> None:
    (tmp_path / "aliases").mkdir()
    path = tmp_path / "aliases" / "organisations.csv"
    path.write_bytes(b"key,name,lang\nx-org,X Org,en\n")
    first = load_alias_table(tmp_path)
    assert load_alias_table(tmp_path) is first
    path.write_bytes(b"key,name,lang\nx-org,X Org,en\nx-org,Organisation X,fr\n")
    changed = load_alias_table(tmp_path)
    assert changed is not first and changed.key_for("Organisation X") == "x-org"
    assert first.names_for("x-org") == ("X Org",)  # the first table is left as it was
    path.write_bytes(b"key,name\nx-org,X Org\n")
    with pytest.raises(AliasTableError):
        load_alias_table(tmp_path)  # a malformed file raises every time, it is never kept
    with pytest.raises(AliasTableError):
        load_alias_table(tmp_path)


def test_missing_file_gives_an_empty_table(tmp_path: Path) -> None:
    table = load_alias_table(tmp_path)
    assert table.names == {} and table.key_for("Ville de Lille") == "ville-de-lille"


@pytest.mark.parametrize("text", [
    "key,name\nx,X\n",
    "key,name,lang\n,X,en\n",
    "key,name,lang\nx,Same Name,en\ny,same name,en\n",
])
def test_malformed_tables_raise(text: str) -> None:
    with pytest.raises(AliasTableError) as err:
        parse_alias_csv(text)
    assert isinstance(err.value, LoaderError)


def test_shared_domain_pairs_are_review_candidates(aliases: AliasTable) -> None:
    ccas = PartnerRecord(name="CCAS de Lille", key="ccas-de-lille", email="frouviere@mairie-lille.fr")
    ville = PartnerRecord(name="Ville de Lille", key="ville-de-lille", email="contact.ri@mairie-lille.fr")
    amiens = PartnerRecord(name="Amiens Métropole", key="amiens-metropole", website="www.amiens.fr")
    city = PartnerRecord(name="Ville d'Amiens", key="ville-d-amiens", email="info@amiens.fr")
    found = [(c.first, c.second, c.host) for c in aliases.review_candidates([ccas, ville, amiens, city])]
    assert found == [("amiens-metropole", "ville-d-amiens", "amiens.fr"),
                     ("ccas-de-lille", "ville-de-lille", "mairie-lille.fr")]
    assert aliases.key_for("CCAS de Lille") != aliases.key_for("Ville de Lille")  # never merged


@pytest.mark.parametrize("domain", ["yahoo.fr", "gmail.com", "hotmail.com", "outlook.com", "orange.fr",
                                    "wanadoo.fr", "free.fr", "gmx.de", "web.de"])
def test_webmail_pairs_are_not_review_candidates(aliases: AliasTable, domain: str) -> None:
    a = PartnerRecord(name="Les Deux Rives", key="deux-rives", email=f"lesdeuxrives80@{domain}")
    b = PartnerRecord(name="Centre Hospitalier Brisset", key="centre-hospitalier-brisset", email=f"ch@{domain}")
    assert aliases.review_candidates([a, b]) == []


def test_one_organisation_is_never_its_own_candidate() -> None:
    a = PartnerRecord(name="Medway Council", key="medway-council", email="a@medway.gov.uk",
                      website="www.medway.gov.uk/agir")
    assert AliasTable().review_candidates([a, a]) == []


def test_host_of_reads_mails_and_sites() -> None:
    assert host_of("Fawad.Bhatti@Medway.gov.uk") == "medway.gov.uk"
    assert host_of("http://www.interreg-fwvl.eu/nl/prj/178.html") == "interreg-fwvl.eu"


def test_long_form_defined_later_is_listed_as_alias(aliases: AliasTable, gazetteer) -> None:
    text = ("Chef de file, le Cnam Lorraine propose des stages.\n"
            "Le Centre national des arts et métiers (Cnam) Lorraine dépose un nouveau programme.\n"
            "Partenaires : Stad Gent (BE)\n")
    partners = extract_partners(text, "fr", aliases, gazetteer)
    assert [(p.name, p.role, p.aliases) for p in partners] == [
        ("Cnam Lorraine", "lead", ("Centre national des arts et métiers (Cnam) Lorraine",)),
        ("Stad Gent", "partner", ())]
