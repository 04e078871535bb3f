"""Organisations across documents: merges only by key, each with its evidence; look-alikes left apart for
a curator; an alias added by the curator re-extracts the documents on the next load."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from loader import cli_partners
from loader.aliases import AliasTable
from loader.extract.partners import extract_partners
from loader.pipeline import Inputs, load_paths
from loader.review import HostRow, NameRow, build_review, review_store
from loader.store import open_current
from ontology.namespaces import IRG
from ontology.settings import PROJECT_ROOT, Settings

CARE_EN = """Cross-Border Care Network (CBCN)
Programme: Interreg IV A 2 Seas 2007-2013
Start date: 01/10/2009
Lead partner: Kent County Council, Maidstone (UK)
Partners:
- Ville de Dunkerque (FR)
- Provincie Zeeland (NL)
Website: www.cbcn.eu
"""
SOINS_FR = """Réseau de Soins Transfrontalier (REST)
Programme INTERREG IV A 2 Mers Seas Zeeën
Date de début : 1er avril 2010
Chef de file : KCC
Partenaires :
- Communauté Urbaine de Dunkerque (FR)
- Province de Zélande (NL)
"""


@pytest.fixture()
def setup(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "care_en.txt").write_text(CARE_EN, encoding="utf-8")
    (docs / "soins_fr.txt").write_text(SOINS_FR, encoding="utf-8")
    return Settings(store=tmp_path / "store", data=data), docs


def _load(settings: Settings, docs: Path):
    return load_paths([docs], settings, progress=False, inputs=Inputs.from_data(settings.data))


def _org(key: str) -> str:
    return f"https://w3id.org/interreg-kg/id/organisation/{key}"


def test_partner_records_carry_the_evidence_of_their_key() -> None:
    table = AliasTable.from_rows([("kent-county-council", "KCC", "en")])
    kcc, cud = extract_partners("Lead partner: KCC\nPartners:\n- Ville de Dunkerque (FR)\n", "en", table)
    assert (kcc.key, kcc.key_source, kcc.key_evidence) == ("kent-county-council", "alias-table",
                                                            "kent-county-council,KCC,en")
    assert (cud.key, cud.key_source, cud.key_evidence) == ("ville-de-dunkerque", "normalised-name",
                                                            "ville-de-dunkerque")


def test_merges_across_documents_are_recorded_with_their_evidence(setup) -> None:
    settings, docs = setup
    assert _load(settings, docs).exit_code == 0
    store = open_current(settings.store)
    sources = {q.object.value for q in store.quads_for_pattern(None, NamedNode(IRG + "keySource"), None, None)}
    assert sources == {"alias-table", "normalised-name"}
    review = review_store(store)
    merged = {m.organisation: m for m in review.merges}
    kent = merged[_org("kent-county-council")]
    assert [Path(d).name for d in kent.documents] == ["care_en.txt", "soins_fr.txt"]
    evidence = {(n.name, n.source, n.evidence) for n in kent.names}
    assert ("KCC", "alias-table", "kent-county-council,KCC,en") in evidence
    assert ("Kent County Council", "alias-table", "kent-county-council,Kent County Council,en") in evidence
    # Not merged: different bodies, and names no alias row equates.
    assert _org("ville-de-dunkerque") not in merged and _org("provincie-zeeland") not in merged
    pairs = {(c.first, c.second): c for c in review.candidates}
    dunkirk = pairs[(_org("communaute-urbaine-de-dunkerque"), _org("ville-de-dunkerque"))]
    assert dunkirk.kind == "similar names" and "same country" in dunkirk.reason


def test_the_curator_alias_reextracts_the_documents_and_merges(setup) -> None:
    settings, docs = setup
    _load(settings, docs)
    again = _load(settings, docs)
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    before = review_store(open_current(settings.store))
    names = {m.organisation for m in before.merges}
    assert _org("provincie-zeeland") not in names and _org("province-de-zelande") not in names
    assert (_org("province-de-zelande"), _org("provincie-zeeland")) in {(c.first, c.second) for c in before.candidates}
    table = settings.data / "aliases" / "organisations.csv"
    table.write_text(table.read_text(encoding="utf-8") + "provincie-zeeland,Provincie Zeeland,nl\n"
                     "provincie-zeeland,Province de Zélande,fr\n", encoding="utf-8")
    after = _load(settings, docs)
    assert [o.status for o in after.outcomes] == ["loaded", "loaded"]  # the alias table's digest changed
    merges = {m.organisation: m for m in review_store(open_current(settings.store)).merges}
    zeeland = merges[_org("provincie-zeeland")]
    assert {(n.name, n.source) for n in zeeland.names} == {("Provincie Zeeland", "alias-table"),
                                                          ("Province de Zélande", "alias-table")}
    assert _load(settings, docs).outcomes[0].status == "unchanged"


def _rows(*specs) -> list[NameRow]:
    return [NameRow(org, name, "name", "normalised-name", org, doc, country) for org, name, doc, country in specs]


def test_similar_names_in_two_countries_are_no_candidates() -> None:
    rows = _rows(("a", "Provincie Limburg", "d1", "NL"), ("b", "Provincie Limburg (BE)", "d2", "BE"),
                 ("c", "CCAS Lille", "d3", None), ("d", "CCAS de Lille", "d4", "FR"))
    review = build_review(rows, [])
    assert [(c.first, c.second) for c in review.candidates] == [("c", "d")]
    assert review.merges == ()


def test_dissimilar_names_are_no_candidates_and_the_threshold_counts() -> None:
    rows = _rows(("a", "Medway Council", "d1", "GB"), ("b", "Kent County Council", "d2", "GB"))
    assert build_review(rows, []).candidates == ()
    assert len(build_review(rows, [], threshold=40).candidates) == 1


def test_shared_hosts_are_candidates_but_webmail_is_not() -> None:
    rows = _rows(("a", "CCAS de Lille", "d1", "FR"), ("b", "Ville de Lille", "d1", "FR"),
                 ("c", "Les Deux Rives", "d2", "FR"), ("d", "Atelier Nord", "d3", "FR"))
    hosts = [HostRow("a", "e-mail domain", "mairie-lille.fr"), HostRow("b", "e-mail domain", "mairie-lille.fr"),
             HostRow("c", "e-mail domain", "wanadoo.fr"), HostRow("d", "e-mail domain", "wanadoo.fr"),
             HostRow("c", "website host", "www.deuxrives.org"), HostRow("d", "website host", "deuxrives.org")]
    candidates = build_review(rows, hosts, threshold=101).candidates
    assert [(c.first, c.second, c.kind, c.reason) for c in candidates] == [
        ("a", "b", "e-mail domain", "both use mairie-lille.fr"),
        ("c", "d", "website host", "both use deuxrives.org")]
    assert build_review(rows, hosts, threshold=101).merges == ()


def test_one_name_in_one_document_is_no_merge_two_are() -> None:
    one = _rows(("a", "Medway Council", "d1", "GB"))
    assert build_review(one, []).merges == ()
    two = one + [NameRow("a", "MC", "other name", "in-document", "MC = Medway Council", "d1", "GB")]
    (merge,) = build_review(two, []).merges
    assert [n.name for n in merge.names] == ["Medway Council", "MC"] and merge.documents == ("d1",)


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="interreg-kg")
    cli_partners.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_partners_review_command(setup, capsys) -> None:
    settings, docs = setup
    _load(settings, docs)
    assert _cli("partners", "--review", "--store", str(settings.store), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert _org("kent-county-council") in [m["organisation"] for m in out["merges"]]
    assert all(set(c) >= {"first", "second", "kind", "reason"} for c in out["candidates"])
    assert _cli("partners", "--review", "--store", str(settings.store)) == 0
    text = capsys.readouterr().out
    assert "Merges made: " in text and "alias-table: kent-county-council,KCC,en" in text
    assert "@" not in text  # domains only, never an address


def test_partners_command_usage_errors(tmp_path, capsys) -> None:
    assert _cli("partners", "--store", str(tmp_path)) == 2
    assert "--review" in capsys.readouterr().err
    assert _cli("partners", "--review", "--store", str(tmp_path / "none")) == 2
    assert "interreg-kg build" in capsys.readouterr().err
