"""The runnable examples in the docstrings of the partner and place modules hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["loader.extract.partners", "loader.extract.partner_blocks", "loader.extract.partner_names",
           "loader.extract.partner_forms", "loader.extract.partner_sentences", "loader.extract.places"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
