"""Fixtures of the REST, linked-data and dump tests: the hand-written store of ``tests/api/fixtures``
(three projects, their contacts graphs, vocabularies and metadata) and an ASGI client for the app.

The client goes through httpx's ASGI transport (Starlette's TestClient warns, and warnings are errors).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from pyoxigraph import RdfFormat, Store

from api.main import create_app

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
    store = Store()
    store.load(path=str(FIXTURE), format=RdfFormat.TRIG)
    return store


class Client:
    """A synchronous client for an ASGI app (one event loop per request)."""

    def __init__(self, app) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)


@pytest.fixture(scope="module")
def store() -> Store:
    return fixture_store()


@pytest.fixture(scope="module")
def app(store):
    return create_app(store=store)


@pytest.fixture(scope="module")
def client(app) -> Client:
    return Client(app)


@pytest.fixture(scope="module")
def personal_client(store) -> Client:
    """A client of an app configured to serve personal data."""
    app = create_app(store=store)
    app.state.personal_data = True
    return Client(app)


@pytest.fixture(scope="session")
def no_contacts():
    def check(text: str) -> None:
        for needle in CONTACT_STRINGS:
            assert needle not in text, f"personal data {needle!r} leaked"

    return check
