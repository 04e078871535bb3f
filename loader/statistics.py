"""The statistics graph (``graph:statistics``): dashboard figures computed with each build.

Every write (:func:`loader.store.full_build` and :func:`loader.store.incremental`) ends, before the
build is published, by replacing ``graph:statistics`` with what the CONSTRUCT queries of
``queries/statistics/build_*.rq`` make of the build's public store, read on the union default graph
(the public store holds no contacts graph; the statistics graph's own ``irg:Statistic`` nodes match
no pattern of those queries, which read projects, organisations, participations, documents,
statements and concepts). So a published build always carries statistics
that match its facts, and dashboards (``/api/stats``) read a few hundred precomputed observations
instead of aggregating the whole graph per request. Equal facts give equal statistics: each
observation is a blank node labelled by a digest of its dimension and value, and the time they were
computed is in ``graph:meta`` (:func:`meta_quads`), so a write that changes no fact leaves the graph
as it was (:func:`unchanged`). The shape is in ``docs/graph-model.md``
(section "Statistics graph"); why, in ``docs/decisions/0005-statistics-graph.md``.

>>> from pyoxigraph import Store
>>> quads = statistics_quads(Store())
>>> sorted({q.graph_name.value for q in quads})
['https://w3id.org/interreg-kg/graph/statistics']
>>> any(q.predicate.value.endswith("#projectCount") and q.object.value == "0" for q in quads)
True
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QueryTriples, Store

from loader.errors import StoreError
from ontology.namespaces import IRG, META_GRAPH, PREFIXES, STATISTICS_GRAPH
from queries import QUERY_DIR, public_graphs

__all__ = ["BUILD_QUERY_DIR", "build_queries", "source_graphs", "statistics_quads", "meta_quads", "unchanged",
           "observation_label"]

BUILD_QUERY_DIR = QUERY_DIR / "statistics"
_DIMENSION = IRG + "dimension"
_VALUES = (IRG + "dimensionConcept", IRG + "dimensionCode")


def build_queries() -> list[Path]:
    """The CONSTRUCT queries that make the statistics graph, sorted by file name.

    >>> [p.name for p in build_queries()][:2]
    ['build_by_country.rq', 'build_by_period.rq']
    """
    return sorted(BUILD_QUERY_DIR.glob("build_*.rq"))


def source_graphs(store: Store) -> list[NamedNode]:
    """The graphs statistics are computed from: the public graphs but the statistics graph itself
    (the queries read the union default graph, where the statistics graph adds nothing they match)."""
    return [g for g in public_graphs(store) if g.value != STATISTICS_GRAPH]


def statistics_quads(store: Store) -> list[Quad]:
    """The quads of ``graph:statistics`` for ``store`` as it is now (nothing is written).

    :raises StoreError: a query of :func:`build_queries` fails (unreadable store, bad query text).
    """
    target = NamedNode(STATISTICS_GRAPH)
    quads: list[Quad] = []
    for path in build_queries():
        try:
            triples = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        except (OSError, SyntaxError, ValueError, RuntimeError) as err:
            raise StoreError(f"could not compute statistics with {path.name}: {err}") from err
        if not isinstance(triples, QueryTriples):
            raise StoreError(f"{path.name} is not a CONSTRUCT query")
        by_subject: dict[object, list] = defaultdict(list)
        for t in triples:
            by_subject[t.subject].append(t)
        for observation in by_subject.values():
            node = observation_label([(t.predicate.value, t.object) for t in observation])
            quads.extend(Quad(node, t.predicate, t.object, target) for t in observation)
    return quads


def observation_label(observation: list[tuple[str, object]]) -> BlankNode:
    """A blank node named by a digest of the observation's dimension and dimension value, given its
    (predicate IRI, object term) pairs.

    >>> observation_label([]).value
    'se3b0c44298fc1c149afbf4c8'
    """
    key = "|".join(sorted(str(o) for p, o in observation if p == _DIMENSION or p in _VALUES))
    return BlankNode("s" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24])


def meta_quads(generated_at: str) -> list[Quad]:
    """The ``graph:meta`` entry of the statistics graph: its type and when it was computed
    (``generated_at``, an xsd:dateTime lexical form).

    >>> [q.predicate.value.rpartition("#")[2] for q in meta_quads("2026-01-01T00:00:00Z")]
    ['type', 'generatedAtTime']
    """
    subject, graph = NamedNode(STATISTICS_GRAPH), NamedNode(META_GRAPH)
    return [
        Quad(subject, NamedNode(PREFIXES["rdf"] + "type"), NamedNode(IRG + "StatisticsGraph"), graph),
        Quad(subject, NamedNode(PREFIXES["prov"] + "generatedAtTime"),
             Literal(generated_at, datatype=NamedNode(PREFIXES["xsd"] + "dateTime")), graph),
    ]


def unchanged(store: Store, quads: list[Quad]) -> bool:
    """Whether ``store``'s statistics graph holds exactly ``quads`` already."""
    held = {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(STATISTICS_GRAPH))}
    return held == {str(q) for q in quads}
