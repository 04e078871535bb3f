"""Fixtures of the query-editor tests: the seed store built from data/, and a client for its app.

The client drives the ASGI app through httpx's ASGI transport (Starlette's TestClient warns about its
httpx use, and warnings are errors here).
"""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from api.main import create_app
from loader.pipeline import build
from ontology.settings import PROJECT_ROOT, Settings
from ontology.storage import current_build
from tests.support.asgi_client import Client


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory) -> Settings:
    """Settings whose store root holds a build of the repository's data/ folder."""
    settings = Settings(store=tmp_path_factory.mktemp("ui-seed") / "store", data=PROJECT_ROOT / "data")
    report = build(settings, progress=False)
    assert report.exit_code == 0, report.lines()
    return settings


@pytest.fixture(scope="session")
def seed_store(seed_settings) -> Store:
    """The seed build, opened read-only."""
    return Store.read_only(str(current_build(seed_settings.store)))


@pytest.fixture(scope="session")
def client(seed_settings) -> Client:
    """A client of the app serving the seed build."""
    return Client(create_app(seed_settings))
