"""The runnable examples in the bench modules' docstrings."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ("bench.agreement", "bench.templates", "bench.organisations", "bench.report", "bench.generate",
           "bench.cli", "bench.measure")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
