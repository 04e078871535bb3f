"""The leaf package shared by both sides: IRIs, settings and the store layout."""

from __future__ import annotations

import doctest
import os
import threading

import pytest

import ontology.iris
import ontology.namespaces
import ontology.settings
import ontology.storage
from ontology.iris import (
    local_part,
    mint_concept,
    mint_organisation,
    mint_participation,
    mint_project,
    mint_span,
    mint_statement,
    name_key,
    project_key,
    slug,
)
from ontology.settings import Settings
from ontology.storage import (
    StoreBusyError,
    current_build,
    new_build_dir,
    prune,
    publish,
    writer_lock,
)


@pytest.mark.parametrize(
    "module", [ontology.iris, ontology.namespaces, ontology.settings, ontology.storage]
)
def test_docstring_examples_run(module) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_same_organisation_name_in_other_case_and_accents_gives_one_iri() -> None:
    assert name_key("MEDWAY COUNCIL") == name_key("Medway Council") == "medway-council"
    assert name_key("Communauté urbaine de Dunkerque") == name_key("COMMUNAUTE URBAINE DE DUNKERQUE")
    assert mint_organisation(name_key("The Medway Council")) == mint_organisation("medway-council")


def test_different_organisations_stay_apart() -> None:
    assert name_key("Ville de Lille") != name_key("Centre Communal d'Action Sociale de Lille")


def test_slugs_are_bounded_and_ascii() -> None:
    long = slug("Ä" * 500)
    assert len(long) <= 80 and long.isascii()


def test_project_key_prefers_curated_then_acronym_then_title() -> None:
    assert project_key(curated="Sam Eurometropool", acronym="SAM", title="x", fallback="d") == "sam-eurometropool"
    assert project_key(acronym="CONMIIXT", title="y", fallback="d") == "conmiixt"
    assert project_key(fallback="000_abc") == "000-abc"


def test_minting_is_deterministic_and_local_parts_round_trip() -> None:
    assert mint_statement("d", "s", "p", "o") == mint_statement("d", "s", "p", "o")
    assert mint_statement("d", "s", "p", "o") != mint_statement("e", "s", "p", "o")
    assert local_part(mint_project("agir"), "project") == "agir"
    assert local_part(mint_project("agir"), "organisation") is None
    assert mint_participation("agir", "medway-council").startswith(mint_project("agir") + "/")
    assert mint_span("d", 1, 5).endswith("#char=1,5")
    with pytest.raises(ValueError, match="unknown kind"):
        mint_concept("planet", "mars")


def test_settings_read_and_validate_the_environment(tmp_path) -> None:
    s = Settings.from_env({"INTERREG_KG_STORE": str(tmp_path), "INTERREG_KG_QUERY_TIMEOUT": "5"})
    assert s.store == tmp_path and s.query_timeout == 5.0
    with pytest.raises(ValueError, match="INTERREG_KG_MAX_ROWS"):
        Settings.from_env({"INTERREG_KG_MAX_ROWS": "0"})


def test_publish_switches_current_atomically_and_prune_keeps_it(tmp_path) -> None:
    assert current_build(tmp_path) is None
    builds = []
    for _ in range(5):
        b = new_build_dir(tmp_path)
        b.mkdir()
        publish(tmp_path, b)
        assert current_build(tmp_path) == b.resolve()
        builds.append(b)
    assert os.path.islink(tmp_path / "current")
    removed = prune(tmp_path, keep=2)
    assert len(removed) == 3
    assert current_build(tmp_path) == builds[-1].resolve()
    assert builds[-1].exists() and builds[-2].exists() and not builds[0].exists()


def test_a_second_writer_is_refused(tmp_path) -> None:
    with writer_lock(tmp_path):
        errors = []

        def second() -> None:
            try:
                with writer_lock(tmp_path):
                    pass
            except StoreBusyError as exc:
                errors.append(exc)

        t = threading.Thread(target=second)
        t.start()
        t.join()
        assert len(errors) == 1
    with writer_lock(tmp_path):  # released again
        pass
