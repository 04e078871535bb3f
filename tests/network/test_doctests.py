"""The examples in the network package's docstrings run, and the schema validator's own contract
(without ../shared: the suite never reads it)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import api.network
from api.network import validate

MODULES = ["api.network", *(f"api.network.{m.name}" for m in pkgutil.iter_modules(api.network.__path__))]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
    assert tried > 0 or name == "api.network.errors"


def test_validator_says_when_the_schemas_are_missing(tmp_path, capsys):
    assert validate.main(["--shared", str(tmp_path / "nowhere")]) == 2
    assert "cannot read the schemas" in capsys.readouterr().err
