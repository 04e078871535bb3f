"""The runnable examples in the docstrings of the extraction modules hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["loader.errors", "loader.manifest", "loader.documents", "loader.readers", "loader.readers.html",
           "loader.readers.text", "loader.vocab", "loader.extract", "loader.extract.text", "loader.extract.dates",
           "loader.extract.money", "loader.extract.programme", "loader.extract.titles", "loader.extract.concepts",
           "loader.extract.results", "loader.evaluate", "loader.cli_extract", "loader.extract.acceptance",
           "loader.aliases", "loader.review", "loader.cli_partners", "loader.extract.title_places",
           "loader.extract.title_labels", "loader.extract.memo"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
