"""Fixtures of the REST, linked-data and dump tests: the hand-written store of ``tests/api/fixtures``
(three projects, their contacts graphs, vocabularies and metadata), parted into the public store and
the contacts store a build holds, and an ASGI client for the app.

The client goes through httpx's ASGI transport (Starlette's TestClient warns, and warnings are errors).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Store

from api.main import create_app
from tests.support.asgi_client import Client
from tests.support.split_stores import load_split

FIXTURE = Path(__file__).resolve().parent.parent / "api" / "fixtures" / "graph.trig"
# what the contact graphs of the fixture hold: none of it may leave the service by default
CONTACT_STRINGS = (
    "Fawad",
    "Bhatti",
    "Solene",
    "Ferreira",
    "mailto:",
    "tel:",
    "pauline.durieu",
    "334320",
    "/contact/",
    "contactPoint",
    "Individual",
    "hasEmail",
    "hasTelephone",
    "plainText",
)


def fixture_store() -> Store:
    """The fixture's public store (every graph but the contacts ones)."""
    return load_split(FIXTURE)[0]


@pytest.fixture(scope="module")
def store() -> Store:
    return fixture_store()


@pytest.fixture(scope="module")
def contacts() -> Store:
    """The fixture's contacts store: what must never leave the service by default."""
    return load_split(FIXTURE)[1]


@pytest.fixture(scope="module")
def app(store, contacts):
    return create_app(store=store, contacts=contacts)


@pytest.fixture(scope="module")
def client(app) -> Client:
    return Client(app)


@pytest.fixture(scope="module")
def personal_client(store, contacts) -> Client:
    """A client of an app configured to serve personal data."""
    app = create_app(store=store, contacts=contacts)
    app.state.personal_data = True
    return Client(app)


@pytest.fixture(scope="session")
def no_contacts():
    def check(text: str) -> None:
        for needle in CONTACT_STRINGS:
            assert needle not in text, f"personal data {needle!r} leaked"

    return check
