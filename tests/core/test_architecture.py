"""The data flows one way: loader never imports api, api never imports loader, leaves import neither."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "loader": {"api"},
    "api": {"loader"},
    "ontology": {"api", "loader", "queries"},
    "queries": {"api", "loader"},
}


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_respect_the_data_flow(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offenders = {
        str(f.relative_to(ROOT)): sorted(_imported_packages(f) & FORBIDDEN[package]) for f in files
    }
    offenders = {f: bad for f, bad in offenders.items() if bad}
    assert offenders == {}, f"{package} imports what it must not: {offenders}"


def test_only_the_console_script_joins_both_sides() -> None:
    joiners = []
    for path in ROOT.glob("*.py"):
        imported = _imported_packages(path)
        if {"api", "loader"} <= imported:
            joiners.append(path.name)
    assert joiners == ["interreg_kg.py"]
