"""Fixtures of the statistics tests: the seed store built from a copy of data/ without its last
document, and the same root after an incremental load of that document (two published builds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import Store

from api.store import Snapshot
from loader.pipeline import build, load_paths
from ontology.settings import Settings
from ontology.storage import current_build

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
HELD_BACK = "003_d1612b52a8539e33.txt"


def snapshot_of(root: Path) -> Snapshot:
    build_dir = current_build(root)
    assert build_dir is not None
    return Snapshot.of(Store.read_only(str(build_dir)), build_dir)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Snapshot]:
    folder = tmp_path_factory.mktemp("stats")
    data = folder / "data"
    shutil.copytree(REPO_DATA, data)
    (data / "documents" / HELD_BACK).unlink()
    manifest = data / "documents" / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(line for line in lines if not line.startswith(HELD_BACK)), encoding="utf-8")
    settings = Settings(store=folder / "store", data=data)
    assert build(settings, progress=False).exit_code == 0
    first = snapshot_of(settings.store)
    assert load_paths([REPO_DATA / "documents" / HELD_BACK], settings, progress=False).exit_code == 0
    second = snapshot_of(settings.store)
    assert first.build != second.build
    return {"built": first, "loaded": second}
