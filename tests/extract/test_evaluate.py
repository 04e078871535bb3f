"""The scorer: hand-computed figures on synthetic gold / output pairs (same rules as the reference scorer)."""

from __future__ import annotations

import json

import pytest

from loader.evaluate import agree, evaluate, score_pairs, similarity

GOLD_A = {
    "title": "Senior Friendly Communities", "acronym": None, "programme": "Interreg Euregio Meuse-Rhine",
    "period": None, "start_date": "2021-04", "end_date": None, "total_budget_eur": 6700000,
    "eu_funding_eur": None, "cofinancing_rate": 1.0,
    "partners": [
        {"name": "Kent County Council", "role": "lead", "country": "GB", "city": None, "email": None,
         "phone": "+44 1634 334320", "website": None},
        {"name": "Norfolk County Council", "role": "partner", "country": None, "city": None, "email": None,
         "phone": None, "website": None},
    ],
    "target_groups": ["older people"], "themes": ["health"],
}
OUT_A = {
    "document": "some/folder/a.txt", "title": "senior friendly communities!", "acronym": "SFC",
    "programme": {"id": "v-a-euregio-maas-rijn", "label": "Interreg V A Euregio Meuse-Rhine"},
    "period": "2014-2020", "start_date": "2021-04-01", "end_date": "2023", "total_budget_eur": 6720000.0,
    "eu_funding_eur": None, "cofinancing_rate": 100, "inferred": ["period"],
    "partners": [
        {"name": "The Kent County Council", "role": "lead", "country": "GB", "city": "Canterbury",
         "phone": "01634 334320"},
        {"name": "Plymouth City Council", "role": "partner"},
    ],
    "target_groups": [{"id": "older-people", "label": "older people"}, {"id": "carers", "label": "carers"}],
    "themes": [],
}
GOLD_B = {"acronym": "AGIR", "end_date": "2015-03", "programme": "Interreg IV A France (Channel) England",
          "partners": []}


@pytest.fixture()
def gold_dir(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(GOLD_A), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(GOLD_B), encoding="utf-8")
    return tmp_path


def test_hand_computed_counts(gold_dir):
    report = evaluate(gold_dir, [OUT_A])
    rows = {name: (c.tp, c.fp, c.fn) for name, c in report.rows.items()}
    assert rows["title"] == (1, 0, 0)
    assert rows["acronym"] == (0, 1, 1)  # an output where the gold has none (a), a gold value missed (b)
    assert rows["programme"] == (1, 0, 1)
    assert rows["period"] == (0, 0, 0)  # inferred and the gold has none: not counted
    assert rows["start_date"] == (1, 0, 0)
    assert rows["end_date"] == (0, 1, 1)
    assert rows["total_budget_eur"] == (1, 0, 0)
    assert rows["cofinancing_rate"] == (1, 0, 0)
    assert rows["eu_funding_eur"] == (0, 0, 0)
    assert rows["partners"] == (1, 1, 1)
    assert rows["partner.role"] == (1, 0, 0)
    assert rows["partner.country"] == (1, 0, 0)
    assert rows["partner.city"] == (0, 0, 0)  # the gold has no city: not counted
    assert rows["partner.phone"] == (1, 0, 0)
    total = report.total
    assert (total.tp, total.fp, total.fn) == (9, 3, 4)
    assert report.overall_f1 == pytest.approx(18 / 25)  # 2tp / (2tp + fp + fn) = 0.72
    assert report.missing == ["b"]
    assert report.concepts["target_groups"] == (1, 1, 1, 2)
    assert report.concepts["themes"] == (0, 1, 0, 0)
    table = report.table()
    assert table.splitlines()[-1] == "overall F1 0.720"
    assert "acronym                 0.00  0.00  0.00  0/1/1" in table


def test_a_contradiction_is_both_a_false_positive_and_a_false_negative():
    report = score_pairs([("d", {"start_date": "2010-07-01", "partners": []},
                           {"start_date": "2010-08-01", "partners": []})])
    c = report.rows["start_date"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
    assert report.overall_f1 == 0.0


def test_a_perfect_record_scores_one():
    gold = {"acronym": "SAM", "total_budget_eur": 1142943.65, "partners": [{"name": "Ville de Lille", "role": "partner"}]}
    out = {"acronym": "sam", "total_budget_eur": 1142943.65, "partners": [{"name": "VILLE DE LILLE", "role": "partner"}]}
    report = score_pairs([("d", gold, out)])
    assert report.overall_f1 == 1.0 and report.total.tp == 4


def test_a_gold_alias_matches_a_partner():
    gold = {"partners": [{"name": "Communauté Urbaine de Dunkerque", "aliases": ["Greater Dunkirk District Council"],
                          "role": "partner", "country": "FR"}]}
    out = {"partners": [{"name": "Greater Dunkirk District Council", "role": "lead", "country": "FR"}]}
    rows = score_pairs([("d", gold, out)]).rows
    assert (rows["partners"].tp, rows["partner.role"].fp, rows["partner.role"].fn, rows["partner.country"].tp) == (1, 1, 1, 1)


@pytest.mark.parametrize(("field", "gold", "out", "ok"), [
    ("title", "Senior Activ’", "senior activ", True),
    ("title", "Ouderen en Kanker", "Kanker bij ouderen in Limburg", True),  # all the gold words are there
    ("title", "Ouderen en Kanker", "Senioren und Krebs", False),
    ("acronym", "C-CARE", "C CARE", True),
    ("acronym", "TICC", "TIC", False),
    ("programme", "Interreg IIIA", "Interreg III A", True),
    ("programme", "Interreg IIIA", "Interreg IV A", False),
    ("programme", "Interreg V", "Interreg V A Grande Région", True),
    ("programme", "Interreg 2 Seas", "Interreg IV A 2 Seas", True),
    ("programme", "Interreg IV A France (Channel) England", "Interreg IV A France (Manche) Angleterre", False),
    ("period", "2007-2013", "2007 - 2013", True),
    ("start_date", "2015-03", "2015-03-01", True),
    ("start_date", "2015-03-31", "2015-03", True),
    ("start_date", "2015-03-31", "2015", False),
    ("end_date", "2015", "2016", False),
    ("total_budget_eur", 1000000, 1004999, True),
    ("total_budget_eur", 1000000, 1006000, False),
    ("cofinancing_rate", 0.4, 40, True),
    ("cofinancing_rate", 0.4, 0.5, False),
    ("phone", "+33 3 20 11 34 16", "+33-(0)3.20.11.34.16", True),
    ("website", "www.medway.gov.uk/agir", "http://medway.gov.uk", True),
    ("email", "A.Rivet@amiens-metropole.com", "a.rivet@amiens-metropole.com", True),
    ("country", "FR", "fr", True),
])
def test_agreement_rules(field, gold, out, ok):
    assert agree(field, gold, out) is ok


def test_similarity_folds_case_accents_and_punctuation():
    assert similarity("Union Départementale des CCAS du Nord", "UNION DEPARTEMENTALE DES CCAS DU NORD") == 1.0
    assert similarity("Medway Council", "Kent County Council") < 0.8
