"""A hand-written TriG fixture as a build holds it: a public store and a contacts store.

The loader writes the ``graph:contacts/*`` graphs into a store of their own beside the public one
(``docs/decisions/0006-contacts-store.md``); fixtures written as one TriG file are parted the same
way here, so the read side is tested on the stores it gets from a build.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store, parse

from loader.descriptions import refresh_descriptions
from ontology.namespaces import CONTACTS_GRAPH_PREFIX


def load_split(path: Path) -> tuple[Store, Store]:
    """The quads of the TriG file ``path`` as (public store, contacts store), in memory; the public
    store with its description graph, as every build has it (``loader/descriptions.py``)."""
    public, contacts = Store(), Store()
    with open(path, "rb") as handle:
        for quad in parse(handle, format=RdfFormat.TRIG):
            personal = quad.graph_name.value.startswith(CONTACTS_GRAPH_PREFIX)
            (contacts if personal else public).add(quad)
    assert len(contacts) > 0, f"{path} has no contacts graph: nothing would test the privacy rules"
    refresh_descriptions(public)
    return public, contacts
