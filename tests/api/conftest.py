"""Fixtures of the API tests: the hand-written store (fixtures/graph.trig, parted into a public store
and a contacts store as a build holds them) and a client for the app.

The client drives the ASGI app through httpx's ASGI transport (Starlette's TestClient warns about
its httpx use, and warnings are errors here).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Store

from api.main import create_app
from tests.support.asgi_client import Client
from tests.support.split_stores import load_split

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "graph.trig"
# what the contact graphs hold: none of it may appear in any answer
CONTACT_STRINGS = ("Fawad", "Bhatti", "Solene", "Ferreira", "mailto:", "tel:", "pauline.durieu", "334320",
                   "/contact/", "contactPoint", "Individual", "hasEmail", "hasTelephone", "vcard:fn", "ns#fn")


def fixture_store() -> Store:
    """The fixture's public store (every graph but the contacts ones)."""
    return load_split(FIXTURE)[0]


def fixture_contacts() -> Store:
    """The fixture's contacts store (the ``graph:contacts/*`` graphs)."""
    return load_split(FIXTURE)[1]


@pytest.fixture(scope="module")
def store() -> Store:
    return fixture_store()


@pytest.fixture(scope="module")
def contacts() -> Store:
    return fixture_contacts()


@pytest.fixture(scope="module")
def client(store, contacts) -> Client:
    """A client of an app that has the contacts store but does not serve personal data (the default)."""
    return Client(create_app(store=store, contacts=contacts))


def assert_no_contacts(text: str) -> None:
    for needle in CONTACT_STRINGS:
        assert needle not in text, f"contact data {needle!r} leaked"


@pytest.fixture(scope="session")
def no_contacts():
    """The check that a text holds nothing of the contact graphs."""
    return assert_no_contacts


@pytest.fixture(scope="session")
def make_client():
    """Build a :class:`Client` for an app."""
    return Client


def write_build(root: Path, store: Store) -> Path:
    """Copy ``store`` into a new on-disk build under ``root`` (not yet published)."""
    from ontology.storage import new_build_dir

    build = new_build_dir(root)
    disk = Store(str(build))
    disk.bulk_extend(store.quads_for_pattern(None, None, None, None))
    disk.flush()
    del disk
    return build


@pytest.fixture(scope="session")
def make_build():
    """``make_build(root, store) -> Path``: a new on-disk build holding ``store``'s quads."""
    return write_build
