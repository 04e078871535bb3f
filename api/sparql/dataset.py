"""The RDF dataset a query runs over: protocol parameters, else the query's FROM clauses, else the default.

Three sources, in this order of precedence (SPARQL 1.1 Protocol, section 2.1.4):

1. ``default-graph-uri`` / ``named-graph-uri`` parameters: when either is given they alone make the
   dataset (the query's ``FROM`` clauses are overridden); a list not given is empty. Naming a
   ``graph:contacts/*`` graph here answers 403 (:class:`GraphForbiddenError`) unless personal data
   is allowed.
2. The query's ``FROM`` / ``FROM NAMED`` clauses: likewise only those graphs, except that a contacts
   graph named there is read as an empty graph (as ``GRAPH <contacts...>`` in the query body is)
   unless personal data is allowed.
3. Neither: the default graph is the union of the store's named graphs, which are the named graphs
   (``(None, None)``: Oxigraph's union default graph, one index probe per pattern), or, when the
   caller passes a list of graphs, the union of those.

``/sparql`` reads the build's public store, which holds no contacts graph
(``docs/decisions/0006-contacts-store.md``), and names no graph admitted only with personal data;
``/sparql/contacts`` reads the contacts store. Which graph IRIs may be named is decided by
:func:`api.privacy.graph_admitted` alone.

>>> pub = (NamedNode("https://e/g1"), NamedNode("https://e/g2"))
>>> resolve(None, "ASK {}", [], [])
(None, None)
>>> resolve(pub, "ASK {}", [], [])
(('https://e/g1', 'https://e/g2'), ('https://e/g1', 'https://e/g2'))
>>> resolve(pub, "ASK FROM <https://e/g1> {}", [], [])
(('https://e/g1',), ())
>>> resolve(pub, "ASK FROM <https://e/g1> {}", [], ["https://e/g2"])
((), ('https://e/g2',))
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import NamedNode

from api.errors import BadRequestError
from api.privacy import graph_admitted
from api.sparql.errors import GraphForbiddenError
from api.sparql.text import dataset_clauses

__all__ = ["resolve"]


def _checked(uris: Sequence[str], personal_data: bool) -> tuple[str, ...]:
    for uri in uris:
        if not graph_admitted(uri, personal_data):
            raise GraphForbiddenError(f"contact-detail graphs are not served: {uri}")
        try:
            NamedNode(uri)
        except ValueError as exc:
            raise BadRequestError(f"a graph URI is not an IRI: {uri!r} ({exc})") from None
    return tuple(dict.fromkeys(uris))


def _from_query(uris: Sequence[str | None], personal_data: bool) -> tuple[str, ...]:
    if any(uri is None for uri in uris):
        raise BadRequestError("a FROM clause names a graph this endpoint cannot resolve: write it as an "
                              "absolute IRI or with a declared prefix")
    return tuple(dict.fromkeys(u for u in uris if u is not None and graph_admitted(u, personal_data)))


def resolve(public: Sequence[NamedNode] | None, query: str, default_uris: Sequence[str],
            named_uris: Sequence[str], base: str | None = None, *,
            personal_data: bool = False) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The (default graphs, named graphs) IRIs ``query`` runs over; ``(None, None)`` for the union
    default graph of the store with all its named graphs.

    :param public: the graphs of the default dataset, or None for the store's union default graph.
    :param query: the query text (its FROM clauses are read when no parameter is given).
    :param default_uris: the ``default-graph-uri`` parameters; ``named_uris`` the ``named-graph-uri`` ones.
    :param base: the IRI relative FROM graphs resolve against when the query declares no BASE.
    :param personal_data: whether contacts graphs may be named (:func:`api.privacy.graph_admitted`).
    :raises GraphForbiddenError: a parameter names a contacts graph while personal data is off.
    :raises BadRequestError: a parameter is not an IRI, or a FROM clause cannot be resolved.
    """
    if default_uris or named_uris:
        return _checked(default_uris, personal_data), _checked(named_uris, personal_data)
    from_default, from_named = dataset_clauses(query, base)
    if from_default or from_named:
        return _from_query(from_default, personal_data), _from_query(from_named, personal_data)
    if public is None:
        return None, None
    everything = tuple(g.value for g in public)
    return everything, everything
