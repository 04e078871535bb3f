"""Vocabulary integrity: ids, labels, links between schemes, and the programme reference facts."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from loader.records import ROLES
from loader.vocab import GENERATIONS, LabelMatcher, fold, load_vocabularies
from ontology.iris import KINDS, mint_concept
from ontology.namespaces import IRG, PREFIXES
from ontology.settings import PROJECT_ROOT

VOCAB_DIR = PROJECT_ROOT / "data" / "vocab"


def test_every_concept_has_one_english_pref_label_and_at_most_one_per_language(vocab):
    for concept in vocab.concepts:
        prefs = Counter(label.lang for label in concept.labels if label.kind == "pref")
        assert prefs["en"] == 1, concept.id
        assert all(n == 1 for n in prefs.values()), concept.id
        assert all(label.lang in ("en", "fr", "nl", "de") for label in concept.labels), concept.id
        assert all(label.text.strip() == label.text and label.text for label in concept.labels), concept.id


def test_ids_are_unique_per_kind_and_kinds_are_known(vocab):
    keys = Counter((c.kind, c.id) for c in vocab.concepts)
    assert [k for k, n in keys.items() if n > 1] == []
    assert {c.kind for c in vocab.concepts} <= set(KINDS)


def test_broader_links_point_at_existing_concepts(vocab):
    iris = {mint_concept(c.kind, c.id) for c in vocab.concepts}
    for concept in vocab.concepts:
        for broader in concept.broader:
            assert broader in iris, (concept.id, broader)
        for predicate, value in concept.properties:
            if predicate == IRG + "period":
                assert value in iris, (concept.id, value)


def test_programmes_are_the_reference_rows_plus_generations_with_periods_and_families(vocab):
    with (VOCAB_DIR / "programmes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 161
    assert "source" not in rows[0]
    for row in rows:
        concept = vocab.get("programme", row["id"])
        assert concept is not None and concept.pref_label() == row["name_en"]
        assert (IRG + "period", mint_concept("period", row["period"])) in concept.properties
        assert concept.notation == (row["cci"] or None)
        assert [v for p, v in concept.literal_properties if p == IRG + "countryCode"] == row["countries"].split()
        assert mint_concept("programme-family", row["family"]) in concept.broader
    for gen in GENERATIONS:
        assert vocab.get("programme", gen) is not None
        assert vocab.get("programme", f"{gen}-a").pref_label() == f"Interreg {gen.upper()} A"
    assert vocab.get("programme", "vi-d") is not None and vocab.get("programme", "iii-d") is None


@pytest.mark.parametrize(("family", "members"), [
    ("2-seas", {"iv-a-2-seas", "v-a-2-seas"}),
    ("france-channel-england", {"iii-a-france-england", "iv-a-france-channel-england", "v-a-france-channel-england"}),
    ("euregio-meuse-rhine", {"iii-a-euregio-maas-rijn", "iv-a-euregio-maas-rhein", "v-a-euregio-maas-rijn",
                             "vi-a-meuse-rhine"}),
])
def test_families_gather_a_programme_across_periods(vocab, family, members):
    iri = mint_concept("programme-family", family)
    assert {c.id for c in vocab.by_kind("programme") if iri in c.broader} == members


def test_periods_roles_precisions_and_themes(vocab):
    assert [c.id for c in vocab.by_kind("period")] == ["2000-2006", "2007-2013", "2014-2020", "2021-2027"]
    period = vocab.get("period", "2007-2013")
    assert (PREFIXES["schema"] + "startDate", "2007-01-01") in period.literal_properties
    assert {c.id for c in vocab.by_kind("role")} == set(ROLES)
    assert dict(vocab.get("role", "lead").properties)[PREFIXES["org"] + "roleProperty"] == IRG + "leadPartnerOf"
    assert {c.id for c in vocab.by_kind("precision")} == {"day", "month", "year"}
    keep = {mint_concept("keep-theme", c.id) for c in vocab.by_kind("keep-theme")}
    assert len(keep) == 40
    for theme in vocab.by_kind("theme"):
        assert len(theme.broader) == 1 and theme.broader[0] in keep


def test_target_groups_cover_the_required_list_in_four_languages(vocab):
    required = {"migrants", "refugees-and-asylum-seekers", "roma", "ethnic-minorities", "young-people", "children",
                "families", "young-or-single-parents", "older-people", "long-term-unemployed", "jobseekers",
                "people-with-disabilities", "women", "residents-of-deprived-neighbourhoods",
                "socially-isolated-people", "carers", "professionals-and-social-workers", "employers", "volunteers",
                "community-organisations", "local-authorities"}
    groups = {c.id: c for c in vocab.by_kind("target-group")}
    assert required <= set(groups)
    for concept in groups.values():
        assert {label.lang for label in concept.labels if label.kind == "pref"} == {"en", "fr", "nl", "de"}


@pytest.mark.parametrize(("text", "ids"), [
    ("support for refugees and asylum seekers", ["refugees-and-asylum-seekers"]),
    ("les personnes âgées et les aidants", ["older-people", "carers"]),
    ("Menschen mit Behinderungen", ["people-with-disabilities"]),
    ("jongeren en vrijwilligers", ["young-people", "volunteers"]),
    ("migrants' access", ["migrants"]),
    ("immigrant workers", []),
])
def test_target_group_matching_uses_word_boundaries_and_plurals(vocab, text, ids):
    assert [c.id for c, _ in vocab.target_groups.find(text)] == ids


def test_label_matcher_gives_first_mentions():
    from loader.records import Concept, Label

    concept = Concept("t", "theme", "housing", (Label("housing", "en", "pref"), Label("logement", "fr", "alt")))
    matcher = LabelMatcher.of((concept,))
    found = matcher.find("Logement et housing")
    assert [(c.id, s.start, s.end) for c, s in found] == [("housing", 0, 8)]


def test_fold():
    assert fold("Großregion – Grande Région") == "grossregion grande region"


def test_loading_a_folder_without_vocabularies_fails(tmp_path):
    from loader.errors import LoaderError

    with pytest.raises(LoaderError, match="missing"):
        load_vocabularies(tmp_path)
