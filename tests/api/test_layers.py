"""The read path never imports the write path, and queries stays a leaf."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(package: str) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(("package", "forbidden"), [("api", {"loader"}), ("queries", {"loader", "api"})])
def test_layering(package, forbidden):
    imported = _imports(package)
    assert {"ontology", "pyoxigraph"} <= imported  # the scan sees real imports
    assert not imported & forbidden
