"""Fixtures of the benchmark tests: a small synthetic corpus generated once per session.

The corpus comes from ``bench.generate`` with its fixed seed (never from ../shared).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import generate

CORPUS_SIZE = 30


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus of :data:`CORPUS_SIZE` documents (docs/, expected/, data/)."""
    out = tmp_path_factory.mktemp("corpus")
    generate(CORPUS_SIZE, out, pdf=True)
    return out
