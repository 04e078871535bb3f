"""Fixtures of the store tests: a small data folder and extraction inputs that need no extractor.

The documents are tiny texts in a line format the fake extractor below reads, so these tests
exercise the store and pipeline alone (the real extractor is tested end to end elsewhere)::

    ACRONYM | Title
    lead: Organisation name
    partner: Organisation name, FR
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from loader.errors import ExtractionError
from loader.manifest import read_manifest
from loader.pipeline import Inputs
from loader.records import Concept, Label, PartnerRecord, ProjectRecord, Span
from ontology.iris import name_key, project_key
from ontology.settings import Settings

DOCS = {
    "alpha.txt": "ALPHA | Alpha inclusion project\nlead: Ville de Lille, FR\npartner: Medway Council, GB\n",
    "beta.txt": "BETA | Beta cross-border care\nlead: Kent County Council, GB\npartner: Ville de Lille, FR\n",
    "gamma.txt": "GAMMA | Gamma youth work\nassociated: Migrant Help, GB\n",
}


def fake_extract(document, vocab, aliases) -> ProjectRecord:
    """Read the line format above; ``EXTRACT-FAIL`` anywhere makes it fail."""
    text = document.text
    if "EXTRACT-FAIL" in text:
        raise ExtractionError(f"{document.path}: cannot extract")
    first, *rest = text.split("\n")
    acronym, title = (part.strip() for part in first.split("|"))
    partners, offset = [], len(first) + 1
    for line in rest:
        if ":" in line:
            role, value = line.split(":", 1)
            name, _, country = value.strip().partition(", ")
            start = offset + line.index(name)
            partners.append(PartnerRecord(name=name, key=name_key(name), role=role.strip(),
                                          country=country or None, spans=(("name", Span(start, start + len(name))),)))
        offset += len(line) + 1
    return ProjectRecord(document=document, key=project_key(curated=document.project_key, acronym=acronym,
                                                            fallback=document.key),
                         title=title, acronym=acronym, partners=tuple(partners),
                         spans=(("acronym", Span(0, len(acronym))),))


def write_data(folder: Path, docs: dict[str, str] = DOCS) -> Path:
    documents = folder / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (documents / name).write_text(text, encoding="utf-8")
    rows = "".join(f"{name},,en,\n" for name in docs)
    (documents / "manifest.csv").write_text("file,project,language,source_url\n" + rows, encoding="utf-8")
    return folder


ROLES = tuple(Concept("roles", "role", r, (Label(r, "en", "pref"),)) for r in ("lead", "partner", "associated"))


def make_inputs(data: Path, alias_sha256: str = "aliases-v1") -> Inputs:
    return Inputs(vocab=SimpleNamespace(concepts=ROLES), aliases=SimpleNamespace(sha256=alias_sha256),
                  manifest=read_manifest(data / "documents" / "manifest.csv"), extract=fake_extract)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data")


@pytest.fixture
def settings(tmp_path: Path, data_dir: Path) -> Settings:
    return Settings(store=tmp_path / "store", data=data_dir)


@pytest.fixture
def inputs(data_dir: Path) -> Inputs:
    return make_inputs(data_dir)


def all_quads(store) -> set[str]:
    """Every quad of a store as a string (comparable across builds)."""
    return {str(q) for q in store}


@pytest.fixture
def helpers() -> SimpleNamespace:
    """The helpers above, for test modules (conftest is not importable under importlib mode)."""
    return SimpleNamespace(write_data=write_data, make_inputs=make_inputs, all_quads=all_quads, docs=DOCS,
                           fake_extract=fake_extract)
