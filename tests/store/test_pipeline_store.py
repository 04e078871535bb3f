"""Full builds and incremental loads: counts, the skip rule, failures that leave the store as it was."""

from __future__ import annotations

from pyoxigraph import NamedNode

from loader.check import check_store
from loader.pipeline import build, load_paths
from loader.store import open_current, open_current_contacts
from ontology.namespaces import IRG, META_GRAPH, ONTOLOGY_GRAPH, contacts_graph, document_graph, vocab_graph
from ontology.storage import current_build


def _graph(store, name: str) -> set[str]:
    return {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(name))}


def _facts(store) -> set[str]:
    """Every quad outside graph:meta (whose load times legitimately change)."""
    return {str(q) for q in store if q.graph_name.value != META_GRAPH}


def test_build_loads_every_manifest_document(settings, inputs) -> None:
    report = build(settings, progress=False, inputs=inputs)
    assert report.exit_code == 0, report.lines()
    assert [o.status for o in report.outcomes] == ["loaded"] * 3
    assert (report.projects, report.organisations, report.participations) == (3, 4, 5)
    assert report.build is not None and current_build(settings.store) is not None
    alpha = report.outcomes[0]
    assert alpha.project == "alpha" and alpha.partners == 2
    assert alpha.quads.facts > 0 and alpha.quads.provenance > 0 and alpha.quads.metadata > 0
    store = open_current(settings.store)
    assert store.contains_named_graph(NamedNode(ONTOLOGY_GRAPH))
    assert store.contains_named_graph(NamedNode(vocab_graph("roles")))
    metas = {q.subject.value for q in store.quads_for_pattern(None, NamedNode(IRG + "sha256"), None,
                                                               NamedNode(META_GRAPH))}
    assert metas == {document_graph(k) for k in ("alpha", "beta", "gamma")}
    assert check_store(settings.store).conforms


def test_reloading_unchanged_documents_changes_nothing(settings, inputs, data_dir, helpers) -> None:
    build(settings, progress=False, inputs=inputs)
    before = helpers.all_quads(open_current(settings.store))
    report = load_paths([data_dir / "documents"], settings, progress=False, inputs=inputs)
    assert [o.status for o in report.outcomes] == ["unchanged"] * 3
    assert report.exit_code == 0
    assert helpers.all_quads(open_current(settings.store)) == before


def test_a_new_alias_table_reloads_without_changing_facts(settings, inputs, data_dir, helpers) -> None:
    build(settings, progress=False, inputs=inputs)
    before = _facts(open_current(settings.store))
    report = load_paths([data_dir / "documents"], settings, progress=False,
                        inputs=helpers.make_inputs(data_dir, alias_sha256="aliases-v2"))
    assert [o.status for o in report.outcomes] == ["loaded"] * 3
    after = open_current(settings.store)
    assert _facts(after) == before
    digests = {q.object.value for q in after.quads_for_pattern(None, NamedNode(IRG + "aliasTableSha256"), None, None)}
    assert digests == {"aliases-v2"}


def test_a_changed_document_replaces_its_graph(settings, inputs, data_dir) -> None:
    build(settings, progress=False, inputs=inputs)
    beta_before = _graph(open_current(settings.store), document_graph("beta"))
    (data_dir / "documents" / "alpha.txt").write_text("ALPHA | Alpha inclusion project\nlead: Ville de Lille, FR\n",
                                                      encoding="utf-8")
    report = load_paths([data_dir / "documents"], settings, progress=False, inputs=inputs)
    assert [o.status for o in report.outcomes] == ["loaded", "unchanged", "unchanged"]
    store = open_current(settings.store)
    alpha = _graph(store, document_graph("alpha"))
    assert not any("medway-council" in q for q in alpha)
    assert any("ville-de-lille" in q for q in alpha)
    assert _graph(store, document_graph("beta")) == beta_before
    assert report.participations == 4


def test_a_failing_document_leaves_its_graphs_and_the_rest_loads(settings, inputs, data_dir) -> None:
    build(settings, progress=False, inputs=inputs)
    beta_before = _graph(open_current(settings.store), document_graph("beta"))
    docs = data_dir / "documents"
    (docs / "beta.txt").write_text("EXTRACT-FAIL\n", encoding="utf-8")
    (docs / "gamma.txt").write_text("GAMMA | Gamma youth work\npartner: Migrant Help, GB\n", encoding="utf-8")
    (docs / "delta.txt").write_text("", encoding="utf-8")
    report = load_paths([docs], settings, progress=False, inputs=inputs)
    status = {o.path.rsplit("/", 1)[-1]: o.status for o in report.outcomes}
    assert status == {"alpha.txt": "unchanged", "beta.txt": "failed", "delta.txt": "failed", "gamma.txt": "loaded"}
    assert report.exit_code == 1
    messages = [o.message for o in report.failed]
    assert any("beta.txt" in m and "cannot extract" in m for m in messages)
    assert any("delta.txt" in m for m in messages)
    store = open_current(settings.store)
    assert _graph(store, document_graph("beta")) == beta_before
    assert any("partnerOf" in q for q in _graph(store, document_graph("gamma")))
    assert not store.contains_named_graph(NamedNode(document_graph("delta")))


def test_a_document_without_a_project_fails(settings, inputs, data_dir) -> None:
    (data_dir / "documents" / "empty.txt").write_text(" | \nno partner here\n", encoding="utf-8")
    report = load_paths([data_dir / "documents" / "empty.txt"], settings, progress=False, inputs=inputs)
    assert report.exit_code == 1
    assert "no project found" in report.failed[0].message


def test_a_build_where_every_document_fails_is_not_published(settings, data_dir, helpers) -> None:
    for name in helpers.docs:
        (data_dir / "documents" / name).write_text("EXTRACT-FAIL\n", encoding="utf-8")
    report = build(settings, progress=False, inputs=helpers.make_inputs(data_dir))
    assert report.exit_code == 1 and report.build is None
    assert any("every document failed" in c for c in report.check_failures)
    assert current_build(settings.store) is None


def test_a_first_load_into_an_empty_root_writes_ontology_and_vocabularies(settings, inputs, data_dir) -> None:
    report = load_paths([data_dir / "documents" / "gamma.txt"], settings, progress=False, inputs=inputs)
    assert report.exit_code == 0
    store = open_current(settings.store)
    assert store.contains_named_graph(NamedNode(ONTOLOGY_GRAPH))
    assert store.contains_named_graph(NamedNode(vocab_graph("roles")))
    assert report.projects == 1


VCARD_INDIVIDUAL = "http://www.w3.org/2006/vcard/ns#Individual"


def test_contacts_graph_is_replaced_with_its_document(settings, inputs, data_dir) -> None:
    docs = data_dir / "documents"
    build(settings, progress=False, inputs=inputs)
    store = open_current_contacts(settings.store)  # the contacts graphs have a store of their own
    # the contacts graph holds the document's text (it names people) but no contact yet
    assert store.contains_named_graph(NamedNode(contacts_graph("alpha")))
    assert not open_current(settings.store).contains_named_graph(NamedNode(contacts_graph("alpha")))
    assert not list(store.quads_for_pattern(None, None, NamedNode(VCARD_INDIVIDUAL),
                                            NamedNode(contacts_graph("alpha"))))
    del store
    (docs / "alpha.txt").write_text("ALPHA | Alpha\nlead: Ville de Lille, FR\n", encoding="utf-8")
    report = load_paths([docs / "alpha.txt"], settings, progress=False, inputs=inputs)
    assert report.outcomes[0].status == "loaded"
    meta = open_current(settings.store).quads_for_pattern(NamedNode(document_graph("alpha")),
                                                          NamedNode(IRG + "contactsGraph"), None, None)
    assert [q.object.value for q in meta] == [contacts_graph("alpha")]
