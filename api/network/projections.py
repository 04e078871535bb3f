"""The three projections of the participations into a :class:`networkx.Graph`.

- ``organisation``: a node per organisation, an edge per pair sharing projects (``weight`` the
  number of shared projects, ``projects`` their acronyms joined with ``|``, ``first_year`` and
  ``last_year`` they worked together);
- ``bipartite``: organisations and projects, an edge per participation with its ``role``;
- ``country``: a node per country (organisations of unknown country go to the node ``unknown``,
  never dropped), ``weight`` the number of projects joining two countries; self-loops (projects
  joining organisations of one country) only when asked for.

Node attributes (typed, see :data:`NODE_ATTRIBUTES`): ``label``, ``kind``, ``country``, ``city``,
``projects`` (number of projects), ``leads`` (number of lead roles), ``budget`` (total budget in
euros of its projects whose budget is known), and ``spells`` (for dynamic exports). The graph's
own attributes say what it is: ``projection``, ``filters``, ``projects``, ``undated_projects``,
``partly_dated_projects`` (and ``build``, ``generator``, set by :func:`api.network.network`).

>>> p = Participation("o/a", "A", "FR", "Lille", "p/x", "X", "lead")
>>> q = Participation("o/b", "B", "", "", "p/x", "X", "partner")
>>> g = project([p, q], "country")
>>> sorted(g.nodes), g.edges["FR", "unknown"]["weight"], g.graph["undated_projects"]
(['FR', 'unknown'], 1, 1)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

import networkx as nx
import pycountry

from api.network.errors import UnknownProjectionError
from api.network.participations import Participation, paused_gc
from api.network.timeline import merge_spells, years

__all__ = ["PROJECTIONS", "NODE_ATTRIBUTES", "EDGE_ATTRIBUTES", "UNKNOWN_COUNTRY", "project", "add_edges"]

PROJECTIONS = ("organisation", "bipartite", "country")
UNKNOWN_COUNTRY = "unknown"
# name -> (type, meaning): every writer declares these types, in this order, under these names
NODE_ATTRIBUTES: dict[str, tuple[type, str]] = {
    "kind": (str, "kind"), "country": (str, "country"), "city": (str, "city"),
    "projects": (int, "number of projects"), "leads": (int, "number of lead roles"),
    "budget": (float, "total budget of its projects (EUR)"),
    "organisations": (int, "number of organisations"),
    "degree": (int, "degree"), "weighted_degree": (float, "weighted degree"),
    "community": (int, "community (Louvain modularity)"), "betweenness": (float, "betweenness centrality"),
}
EDGE_ATTRIBUTES: dict[str, tuple[type, str]] = {
    "projects": (str, "shared projects"), "first_year": (int, "first year together"),
    "last_year": (int, "last year together"), "role": (str, "role"),
}


def project(participations: Sequence[Participation], projection: str = "organisation", *,
            self_loops: bool = False) -> nx.Graph:
    """The graph of ``participations`` in ``projection`` (one of :data:`PROJECTIONS`).

    :param self_loops: country projection only: keep a country's loop (projects joining two of its
        organisations).
    :raises UnknownProjectionError: another projection.
    """
    builders: dict[str, Callable[..., nx.Graph]] = {
        "organisation": _organisations, "bipartite": _bipartite, "country": _countries}
    if projection not in builders:
        raise UnknownProjectionError(f"unknown projection {projection!r}; expected one of {', '.join(PROJECTIONS)}")
    # the cyclic garbage collector is paused while the graph is built: it would scan the growing
    # graph's dicts again and again (a third of the projection's time at 10,000 documents), and
    # nothing built here forms a cycle
    with paused_gc():
        graph = builders[projection](participations, self_loops) if projection == "country" \
            else builders[projection](participations)
        spans = {p.project: (p.start, p.end) for p in participations}
    graph.graph.update(projection=projection, projects=len(spans),
                       undated_projects=sum(s is None and e is None for s, e in spans.values()),
                       partly_dated_projects=sum((s is None) != (e is None) for s, e in spans.values()))
    return graph


def add_edges(graph: nx.Graph, edges: Iterable[tuple[str, str, dict]]) -> None:
    """Add ``edges`` (``(a, b, data)``, both nodes already in ``graph``, each pair once) to ``graph``:
    what :meth:`networkx.Graph.add_edges_from` does for them, each ``data`` dict becoming the edge's
    own, in the same order, but written straight into the graph's adjacency (a third of the
    organisation projection's time at 35,000 documents went to add_edges_from's checks and copies).

    >>> g = nx.Graph(); g.add_nodes_from("ab"); add_edges(g, [("a", "b", {"weight": 2})])
    >>> list(g.edges(data=True))
    [('a', 'b', {'weight': 2})]
    """
    adj = graph._adj  # the adjacency networkx's own methods write (Graph._adj), shared by its views
    for a, b, data in edges:
        adj[a][b] = data
        adj[b][a] = data
    nx._clear_cache(graph)


def _by_project(participations: Sequence[Participation]) -> dict[str, list[Participation]]:
    members: dict[str, list[Participation]] = defaultdict(list)
    for p in participations:
        members[p.project].append(p)
    return members


def _totals(ps: Sequence[Participation]) -> dict:
    """projects, leads, budget and spells of a group of participations (of one node)."""
    projects = {p.project: p for p in ps}
    return {"projects": len(projects), "leads": len({p.project for p in ps if p.role == "lead"}),
            "budget": round(sum(p.budget for p in projects.values() if p.budget is not None), 2),
            "spells": merge_spells((p.start, p.end) for p in projects.values())}


def _edge(shared: Sequence[Participation], **extra) -> dict:
    """weight, projects, years and spells of an edge made of the projects in ``shared``."""
    projects = {p.project: p for p in shared}
    first, last = years((p.start, p.end) for p in projects.values())
    data = {"weight": len(projects), "projects": "|".join(sorted({p.acronym for p in projects.values()})),
            "spells": merge_spells((p.start, p.end) for p in projects.values()), **extra}
    if first is not None:
        data.update(first_year=first, last_year=last)
    return data


def _single_edges() -> Callable[..., dict]:
    """:func:`_edge` of one participation (one project), remembered by project: most edges are made
    of one project, and their spells are then one shared tuple, not one per edge."""
    seen: dict[str, tuple[dict, dict, dict]] = {}

    def edge(p: Participation, **extra) -> dict:
        parts = seen.get(p.project)
        if parts is None:
            first, last = years(((p.start, p.end),))
            head = {"weight": 1, "projects": p.acronym, "spells": merge_spells(((p.start, p.end),))}
            tail = {} if first is None else {"first_year": first, "last_year": last}
            parts = seen[p.project] = (head, tail, {**head, **tail})
        if extra:  # the key order of the data is weight, projects, spells, the extra keys, then the years
            return {**parts[0], **extra, **parts[1]}
        return parts[2].copy()

    return edge


def _organisations(participations: Sequence[Participation]) -> nx.Graph:
    graph = nx.Graph()
    of_org: dict[str, list[Participation]] = defaultdict(list)
    for p in participations:
        of_org[p.organisation].append(p)
    ordered = sorted(of_org)
    for org in ordered:
        ps = of_org[org]
        graph.add_node(org, label=ps[0].name, kind="organisation", country=ps[0].country, city=ps[0].city,
                       **_totals(ps))
    # a pair is the number rank(a) * n + rank(b) (ranks in IRI order): sorting numbers gives the
    # order of sorting the IRI pairs, without comparing IRIs that share their first 45 characters
    rank, n = {org: i for i, org in enumerate(ordered)}, len(ordered)
    ranks: dict[str, list[int]] = defaultdict(list)  # project -> its organisations' ranks
    some: dict[str, Participation] = {}  # project -> one of its participations (its acronym, dates)
    for p in participations:
        ranks[p.project].append(rank[p.organisation])
        some.setdefault(p.project, p)
    shared: dict[int, list[Participation]] = defaultdict(list)
    for project_iri, members in ranks.items():
        if len(members) > 1:
            p = some[project_iri]
            members.sort()
            for a, b in combinations(members, 2):
                shared[a * n + b].append(p)
    single = _single_edges()
    add_edges(graph, ((ordered[a], ordered[b], single(ps[0]) if len(ps) == 1 else _edge(ps))
                      for (a, b), ps in ((divmod(pair, n), ps) for pair, ps in sorted(shared.items()))))
    return graph


def _bipartite(participations: Sequence[Participation]) -> nx.Graph:
    graph = nx.Graph()
    of_org: dict[str, list[Participation]] = defaultdict(list)
    for p in participations:
        of_org[p.organisation].append(p)
    for org, ps in sorted(of_org.items()):
        graph.add_node(org, label=ps[0].name, kind="organisation", country=ps[0].country, city=ps[0].city,
                       **_totals(ps))
    for project_iri, ps in sorted(_by_project(participations).items()):
        graph.add_node(project_iri, label=ps[0].acronym, kind="project", country="", city="", **_totals(ps),
                       organisations=len(ps))
    single = _single_edges()
    add_edges(graph, ((p.organisation, p.project, single(p, role=p.role)) for p in participations))
    return graph


def _country_label(code: str) -> str:
    if code == UNKNOWN_COUNTRY:
        return "Unknown country"
    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def _countries(participations: Sequence[Participation], self_loops: bool) -> nx.Graph:
    graph = nx.Graph()
    of_country: dict[str, list[Participation]] = defaultdict(list)
    for p in participations:
        of_country[p.country or UNKNOWN_COUNTRY].append(p)
    for code, ps in sorted(of_country.items()):
        graph.add_node(code, label=_country_label(code), kind="country",
                       country="" if code == UNKNOWN_COUNTRY else code, city="", **_totals(ps),
                       organisations=len({p.organisation for p in ps}))
    joined: dict[tuple[str, str], list[Participation]] = defaultdict(list)
    for ps in _by_project(participations).values():
        present: dict[str, int] = defaultdict(int)
        for p in ps:
            present[p.country or UNKNOWN_COUNTRY] += 1
        codes = sorted(present)
        for a, b in combinations(codes, 2):
            joined[(a, b)].append(ps[0])
        if self_loops:
            joined.update({(c, c): [*joined[(c, c)], ps[0]] for c in codes if present[c] > 1})
    for (a, b), ps in sorted(joined.items()):
        graph.add_edge(a, b, **_edge(ps))
    return graph
