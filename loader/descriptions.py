"""The description graph (``graph:descriptions``): one deduplicated description per organisation,
computed with each build.

Every document graph repeats the facts of the organisations it names, so queries on
the union default graph join each fact once per document (2,064 times for the organisation in most
projects at 35,000 documents). Every write (:func:`loader.store.full_build` and
:func:`loader.store.incremental`) therefore ends, before the statistics and before the build is
published, with :func:`refresh_descriptions`: the CONSTRUCT queries ``queries/descriptions/build_*.rq``
(a full build computes the same from the quads it streams: :mod:`loader.description_parts`) make,
from the document graphs, each distinct fact of an organisation once, with the facts' own predicates
(``schema:name``, ``schema:addressCountry`` ...), and a few figures of our own
(``irg:displayName``, ``irg:participantInCount``, ``irg:leadPartnerOfCount``, and the numbers of
projects of its participations: ``irg:projectsInAnyRoleCount``, ``irg:projectsNotAssociatedCount``,
``irg:projectsAsLeadCount`` and the other roles'); and, per project, the columns the project listings
show (``build_projects.rq``: ``irg:participantCount``, and ``irg:listingKey`` with the other listing
columns where every SAMPLE-d column has one value). The subjects are the
items' own IRIs and nothing is typed in the graph, so the union default graph gains no fact it did not
hold and no query that reads a type and a fact in the same graph (``GRAPH ?g``) finds the description
graph. The build queries read every graph but this one (``FILTER(?g != graph:descriptions)`` where a
predicate is one the graph holds), so a stale description never feeds its own recomputation.

Equal facts give equal quads (no blank node, no time in the graph: the time it was computed is in
``graph:meta``), so a write that changes nothing leaves the graph, and its meta entry, as they were.
The shape is in ``docs/graph-model.md`` (section "Description graph"); why, in
``docs/decisions/0008-description-graph.md``.

>>> from pyoxigraph import Store
>>> store = Store()
>>> refresh_descriptions(store)
True
>>> refresh_descriptions(store)
False
>>> description_quads(store)
[]
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, QueryTriples, RdfFormat, Store, parse

from loader.errors import StoreError
from ontology.namespaces import DESCRIPTIONS_GRAPH, IRG, META_GRAPH, PREFIXES
from queries import QUERY_DIR

__all__ = ["BUILD_QUERY_DIR", "build_queries", "construct_lines", "description_lines", "description_quads", "meta_quads",
           "refresh_descriptions"]

BUILD_QUERY_DIR = QUERY_DIR / "descriptions"


def build_queries() -> list[Path]:
    """The CONSTRUCT queries that make the description graph, sorted by file name.

    >>> [p.name for p in build_queries()]
    ['build_organisations.rq', 'build_participations.rq']
    """
    return sorted(BUILD_QUERY_DIR.glob("build_*.rq"))


def description_lines(store: Store) -> set[bytes]:
    """The N-Triples lines (without their line ends) of ``graph:descriptions`` for ``store`` as it is
    now; nothing is written. Oxigraph writes equal terms as equal text, so two sets compare as graphs.

    :param store: a public store (documents, vocabularies; any description graph in it is not read).
    :raises StoreError: a query of :func:`build_queries` fails (unreadable store, bad query text).
    """
    lines: set[bytes] = set()
    for path in build_queries():
        lines.update(construct_lines(store, path))
    return lines


def construct_lines(store: Store, path: Path) -> set[bytes]:
    """The N-Triples lines the CONSTRUCT query in ``path`` gives on ``store``'s union default graph.

    :raises StoreError: naming the query, when it cannot be read, is not a CONSTRUCT query, or fails.
    """
    try:
        triples = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        if not isinstance(triples, QueryTriples):
            raise StoreError(f"{path.name} is not a CONSTRUCT query")
        text = triples.serialize(format=RdfFormat.N_TRIPLES)
    except (OSError, SyntaxError, ValueError, RuntimeError) as err:
        raise StoreError(f"could not compute descriptions with {path.name}: {err}") from err
    return {line for line in text.splitlines() if line}


def description_quads(store: Store) -> list[Quad]:
    """The quads of ``graph:descriptions`` for ``store`` as it is now (nothing is written), in the
    order of their N-Triples text.

    :raises StoreError: as :func:`description_lines`.
    """
    return _quads(sorted(description_lines(store)))


def _quads(lines: list[bytes]) -> list[Quad]:
    """N-Triples lines as quads of the description graph."""
    graph = NamedNode(DESCRIPTIONS_GRAPH)
    data = b"\n".join(lines) + b"\n"
    return [Quad(t.subject, t.predicate, t.object, graph) for t in parse(data, format=RdfFormat.N_TRIPLES)]


def meta_quads(generated_at: str) -> list[Quad]:
    """The ``graph:meta`` entry of the description graph: its type and when it was computed
    (``generated_at``, an xsd:dateTime lexical form).

    >>> [q.predicate.value.rpartition("#")[2] for q in meta_quads("2026-01-01T00:00:00Z")]
    ['type', 'generatedAtTime']
    """
    subject, graph = NamedNode(DESCRIPTIONS_GRAPH), NamedNode(META_GRAPH)
    return [
        Quad(subject, NamedNode(PREFIXES["rdf"] + "type"), NamedNode(IRG + "DescriptionGraph"), graph),
        Quad(subject, NamedNode(PREFIXES["prov"] + "generatedAtTime"),
             Literal(generated_at, datatype=NamedNode(PREFIXES["xsd"] + "dateTime")), graph),
    ]


def refresh_descriptions(store: Store, made: set[bytes] | None = None) -> bool:
    """Bring ``store``'s description graph and its ``graph:meta`` entry up to date with its facts.

    Only the difference is written: the quads no longer made are removed, the new ones bulk-loaded
    (``Store.bulk_load``, not transactional: the loader calls this on an unpublished build, which
    nobody reads before it is published, and a failure drops the build). Tests call it on the stores
    they make in memory, so that every store the named queries read has the graph.

    :param store: a writable public store (not the contacts store).
    :param made: :func:`description_lines` of ``store`` as it is now, when the caller computed them
        already (a full build computes them beside the statistics); default: computed here.
    :returns: whether anything was written (False when the descriptions were already those of the facts).
    :raises StoreError: when they cannot be computed or written.
    """
    graph, meta = NamedNode(DESCRIPTIONS_GRAPH), NamedNode(META_GRAPH)
    made = description_lines(store) if made is None else made
    held: set[bytes] = set()
    if any(True for _ in store.quads_for_pattern(None, None, None, graph)):
        held = {line for line in store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph).splitlines() if line}
    stamped = list(store.quads_for_pattern(graph, None, None, meta))
    if made == held and stamped:
        return False
    try:
        for quad in _quads(sorted(held - made)) if held - made else []:
            store.remove(quad)
        for quad in stamped:
            store.remove(quad)
        if made - held:
            store.bulk_load(b"\n".join(sorted(made - held)) + b"\n", format=RdfFormat.N_TRIPLES, to_graph=graph)
        store.extend(meta_quads(datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
    except (OSError, SyntaxError, ValueError, RuntimeError) as err:
        raise StoreError(f"could not write the description graph: {err}") from err
    return True
