"""The description graph of the builds the loader writes (``loader/descriptions.py``): a full build
and an incremental load both publish it, matching their facts, and a write that changes nothing leaves
it and its time as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode

import queries
from loader.descriptions import description_quads, refresh_descriptions
from ontology.namespaces import DESCRIPTIONS_GRAPH, META_GRAPH
from ontology.storage import current_build

DESCRIPTIONS = NamedNode(DESCRIPTIONS_GRAPH)
FORMER = Path(__file__).resolve().parents[1] / "queries" / "former"


def _held(store) -> set[str]:
    return {str(q) for q in store.quads_for_pattern(None, None, None, DESCRIPTIONS)}


@pytest.mark.parametrize("which", ["built", "loaded"])
def test_every_published_build_describes_its_organisations(builds, which):
    store = builds[which].store
    held = _held(store)
    assert held and held == {str(q) for q in description_quads(store)}
    stamped = {q.object.value for q in store.quads_for_pattern(DESCRIPTIONS, None, None, NamedNode(META_GRAPH))}
    assert "https://w3id.org/interreg-kg/ontology#DescriptionGraph" in stamped


@pytest.mark.parametrize("name", sorted(p.stem for p in FORMER.glob("*.rq")))
def test_the_rewritten_queries_answer_as_their_former_texts_on_the_seed_build(builds, name):
    store = builds["loaded"].store
    former = queries.parse((FORMER / f"{name}.rq").read_text(encoding="utf-8"), name=name)
    current = queries.load(name)

    def rows(named):
        solutions = store.query(named.text, substitutions=named.bindings({}), use_default_graph_as_union=True)
        return [tuple(str(s[v]) if s[v] is not None else None for v in solutions.variables) for s in solutions]

    got = rows(current)
    assert got == rows(former)
    assert got or name in ("organisations_with_several_names", "projects_for_migrants_with_partners")


def test_equal_facts_give_equal_descriptions(builds):
    """A write that changes no fact leaves the description graph and its time as they were."""
    from loader.store import incremental

    root = builds["loaded"].build.parent.parent
    before = _held(builds["loaded"].store)
    with pytest.raises(KeyboardInterrupt), incremental(root) as writer:  # interrupted: never published
        stamp = list(writer.store.quads_for_pattern(DESCRIPTIONS, None, None, NamedNode(META_GRAPH)))
        assert refresh_descriptions(writer.store) is False
        assert _held(writer.store) == before
        assert list(writer.store.quads_for_pattern(DESCRIPTIONS, None, None, NamedNode(META_GRAPH))) == stamp
        raise KeyboardInterrupt
    assert current_build(root) == builds["loaded"].build
