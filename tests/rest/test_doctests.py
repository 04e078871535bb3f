"""The runnable examples in the docstrings of the facade, linked-data and dump modules hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["api.errors", "api.http_reads", "api.dumps", "api.privacy", "api.facade", "api.routes.common",
           "api.routes.filtering", "api.linked_data.context", "api.linked_data.resources", "api.linked_data.pages",
           "api.linked_data.void", "api.main"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "api.facade":
        assert result.attempted > 0, f"{name} has no runnable example"
