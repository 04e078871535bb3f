"""The contacts store: every build is a public store with no personal data and, beside it, a store of
the ``graph:contacts/*`` graphs alone (docs/decisions/0006-contacts-store.md). Full builds,
incremental loads, failures and builds made before the split all keep that line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from loader.errors import StoreError
from loader.pipeline import Inputs, build, load_paths
from loader.store import (
    BuildWriter,
    DocumentMeta,
    full_build,
    incremental,
    open_current,
    open_current_contacts,
)
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, IRG, contacts_graph, document_graph
from ontology.settings import PROJECT_ROOT, Settings
from ontology.storage import contacts_store_path, current_build, public_store_path

VCARD = "http://www.w3.org/2006/vcard/ns#"
DCAT_CONTACT_POINT = "http://www.w3.org/ns/dcat#contactPoint"
PLAIN_TEXT = IRG + "plainText"


def _personal(quad: Quad) -> bool:
    """A quad that names people: in a contacts graph, or with a vCard or plain-text predicate."""
    predicate = quad.predicate.value
    return (quad.graph_name.value.startswith(CONTACTS_GRAPH_PREFIX) or predicate.startswith(VCARD)
            or predicate in (PLAIN_TEXT, DCAT_CONTACT_POINT))


@pytest.fixture(scope="module")
def seed_root(tmp_path_factory) -> Path:
    """The seed documents of data/, built by the real pipeline."""
    settings = Settings(store=tmp_path_factory.mktemp("split") / "store", data=PROJECT_ROOT / "data")
    assert build(settings, progress=False).exit_code == 0
    return settings.store


def test_the_public_store_of_the_seed_build_holds_no_personal_data(seed_root) -> None:
    store = open_current(seed_root)
    assert len(store) > 1000
    leaked = [q for q in store if _personal(q)]
    assert leaked == []
    assert not [g for g in store.named_graphs() if g.value.startswith(CONTACTS_GRAPH_PREFIX)]


def test_the_contacts_store_holds_the_contacts_graphs_and_nothing_else(seed_root) -> None:
    build_dir = current_build(seed_root)
    assert contacts_store_path(build_dir).is_dir() and public_store_path(build_dir) == build_dir
    contacts = open_current_contacts(seed_root)
    quads = list(contacts)
    assert quads and all(q.graph_name.value.startswith(CONTACTS_GRAPH_PREFIX) for q in quads)
    predicates = {q.predicate.value for q in quads}
    assert {PLAIN_TEXT, DCAT_CONTACT_POINT, VCARD + "fn", VCARD + "hasEmail"} <= predicates
    # each contacts graph of a document has its meta entry in the public store
    public = open_current(seed_root)
    named = {q.object.value for q in public.quads_for_pattern(None, NamedNode(IRG + "contactsGraph"), None, None)}
    assert {g.value for g in contacts.named_graphs()} <= named
    # a contact point is linked to its project and organisation inside the contacts graph itself
    for point in contacts.quads_for_pattern(None, NamedNode(DCAT_CONTACT_POINT), None, None):
        links = {q.predicate.value for q in contacts.quads_for_pattern(point.subject, None, None, point.graph_name)}
        assert {IRG + "project", IRG + "organisation"} <= links


def _with_contacts(extract):
    """The store tests' fake extractor, plus a contact person and e-mail for the first partner when a
    line ``mail ADDRESS`` is in the text (the fake extractor skips lines without a colon)."""

    def read(document, vocab, aliases):
        record = extract(document, vocab, aliases)
        mail = next((line[5:] for line in document.text.splitlines() if line.startswith("mail ")), None)
        if mail is None or not record.partners:
            return record
        first = dataclasses.replace(record.partners[0], email=mail, contact_person="Jeanne Exemple")
        return dataclasses.replace(record, partners=(first, *record.partners[1:]))

    return read


@pytest.fixture
def contact_inputs(inputs) -> Inputs:
    return dataclasses.replace(inputs, extract=_with_contacts(inputs.extract))


def _contact_names(store: Store, key: str) -> list[str]:
    return [q.object.value for q in store.quads_for_pattern(None, NamedNode(VCARD + "fn"), None,
                                                             NamedNode(contacts_graph(key)))]


def test_an_incremental_load_replaces_both_graphs_of_a_document(settings, contact_inputs, data_dir) -> None:
    docs = data_dir / "documents"
    (docs / "alpha.txt").write_text("ALPHA | Alpha\nlead: Ville de Lille, FR\nmail jeanne@lille.fr\n", encoding="utf-8")
    assert build(settings, progress=False, inputs=contact_inputs).exit_code == 0
    first = current_build(settings.store)
    assert _contact_names(open_current_contacts(settings.store), "alpha") == ["Jeanne Exemple"]
    assert not [q for q in open_current(settings.store) if _personal(q)]

    (docs / "alpha.txt").write_text("ALPHA | Alpha renamed\nlead: Ville de Lille, FR\n", encoding="utf-8")
    report = load_paths([docs / "alpha.txt"], settings, progress=False, inputs=contact_inputs)
    assert [o.status for o in report.outcomes] == ["loaded"]
    public, contacts = open_current(settings.store), open_current_contacts(settings.store)
    assert _contact_names(contacts, "alpha") == []  # the contacts graph was replaced too
    texts = [q.object.value for q in contacts.quads_for_pattern(None, NamedNode(PLAIN_TEXT), None,
                                                                 NamedNode(contacts_graph("alpha")))]
    assert texts == ["ALPHA | Alpha renamed\nlead: Ville de Lille, FR\n"]
    titles = {q.object.value for q in public.quads_for_pattern(None, NamedNode("http://purl.org/dc/terms/title"),
                                                               None, NamedNode(document_graph("alpha")))}
    assert "Alpha renamed" in titles and "Alpha" not in titles
    assert not [q for q in public if _personal(q)]
    # the other documents' contacts graphs came along in the copy; the old build is as it was
    assert contacts.contains_named_graph(NamedNode(contacts_graph("beta")))
    assert _contact_names(Store.read_only(str(contacts_store_path(first))), "alpha") == ["Jeanne Exemple"]


def test_a_failed_build_leaves_neither_store(settings, inputs) -> None:
    with pytest.raises(RuntimeError, match="boom"), full_build(settings.store) as writer:
        writer.bulk_extend([Quad(NamedNode("http://a"), NamedNode(VCARD + "fn"), Literal("Jeanne"),
                                 NamedNode(contacts_graph("zeta")))])
        assert contacts_store_path(writer.path).is_dir()
        raise RuntimeError("boom")
    assert current_build(settings.store) is None
    assert list((settings.store / "builds").iterdir()) == []


def test_a_failed_incremental_load_leaves_the_published_stores_as_they_were(settings, inputs) -> None:
    build(settings, progress=False, inputs=inputs)
    before = current_build(settings.store)
    builds = set((settings.store / "builds").iterdir())
    with pytest.raises(RuntimeError, match="boom"), incremental(settings.store) as writer:
        writer.replace_document("zeta", [Quad(NamedNode("http://a"), NamedNode(VCARD + "fn"), Literal("Jeanne"),
                                              NamedNode(contacts_graph("zeta")))],
                                DocumentMeta("0" * 64, "t", "t", "zeta.txt"))
        assert writer.contacts.contains_named_graph(NamedNode(contacts_graph("zeta")))
        raise RuntimeError("boom")
    assert current_build(settings.store) == before and set((settings.store / "builds").iterdir()) == builds
    assert not open_current_contacts(settings.store).contains_named_graph(NamedNode(contacts_graph("zeta")))


def test_when_the_public_update_fails_the_contacts_graph_is_put_back(settings, inputs, monkeypatch) -> None:
    build(settings, progress=False, inputs=inputs)
    graph = NamedNode(contacts_graph("alpha"))
    with pytest.raises(KeyboardInterrupt), incremental(settings.store) as writer:
        before = {str(q) for q in writer.contacts.quads_for_pattern(None, None, None, graph)}
        assert before

        def fail(*args, **kwargs):
            raise StoreError("the public store refused")

        monkeypatch.setattr(BuildWriter, "replace_graphs", fail)
        with pytest.raises(StoreError):
            writer.replace_document("alpha", [Quad(NamedNode("http://a"), NamedNode(VCARD + "fn"), Literal("New"),
                                                   graph)], DocumentMeta("0" * 64, "t", "t", "alpha.txt"))
        assert {str(q) for q in writer.contacts.quads_for_pattern(None, None, None, graph)} == before
        raise KeyboardInterrupt  # never published


def test_the_public_store_refuses_contacts_graphs(settings, inputs) -> None:
    with pytest.raises(KeyboardInterrupt), full_build(settings.store) as writer:
        for graphs, quads in (([contacts_graph("a")], []),
                              ([], [Quad(NamedNode("http://a"), NamedNode("http://p"), Literal("x"),
                                         NamedNode(contacts_graph("a")))])):
            with pytest.raises(StoreError, match="contacts store"):
                writer.replace_graphs(graphs, quads)
        raise KeyboardInterrupt


def test_a_build_made_before_the_split_has_its_contacts_moved_out_by_the_next_load(settings, inputs,
                                                                                  data_dir) -> None:
    from ontology.storage import new_build_dir, publish

    build(settings, progress=False, inputs=inputs)
    current = current_build(settings.store)
    old = new_build_dir(settings.store)  # the old layout: one store holding everything
    merged = Store(str(old))
    merged.bulk_extend(list(Store.read_only(str(current))) + list(Store.read_only(str(contacts_store_path(current)))))
    merged.flush()
    del merged
    publish(settings.store, old)
    assert open_current(settings.store).contains_named_graph(NamedNode(contacts_graph("beta")))

    report = load_paths([data_dir / "documents" / "alpha.txt"], settings, progress=False, inputs=inputs)
    assert report.exit_code == 0
    assert not [q for q in open_current(settings.store) if _personal(q)]
    contacts = open_current_contacts(settings.store)
    assert {g.value for g in contacts.named_graphs()} == {contacts_graph(k) for k in ("alpha", "beta", "gamma")}
