from __future__ import annotations

import pytest

from loader.vocab import Vocabularies, load_vocabularies
from ontology.settings import PROJECT_ROOT


@pytest.fixture(scope="session")
def vocab() -> Vocabularies:
    return load_vocabularies(PROJECT_ROOT / "data")


@pytest.fixture(scope="session")
def aliases():
    from loader.aliases import load_alias_table

    return load_alias_table(PROJECT_ROOT / "data")
