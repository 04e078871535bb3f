"""Every projection has as many nodes and edges as SPARQL counts over the store, with every filter;
and every filter really narrows the network. The SPARQL here is written independently of
queries/network_participations.rq, from the graph model."""

from __future__ import annotations

import pytest

from api import network
from tests.network.conftest import sparql_count

ID = "https://w3id.org/interreg-kg/id/"
# a filter: its Filters, and the SPARQL condition on a participation {x} of organisation {o} in project {p}
FILTERS = {
    "none": (network.Filters(), ""),
    "country": (network.Filters(country="FR"), '{o} schema:addressCountry "FR" .'),
    "period": (network.Filters(period="2007-2013"), f"{{p}} irg:period <{ID}period/2007-2013> ."),
    "programme": (network.Filters(programme="iii-a"),
                  f"{{{{ {{p}} irg:programme <{ID}programme/iii-a> }}}} UNION "
                  f"{{{{ {{p}} irg:programme/skos:broader <{ID}programme/iii-a> }}}}"),
    "theme": (network.Filters(theme="housing"), f"{{p}} irg:theme <{ID}theme/housing> ."),
    "target_group": (network.Filters(target_group="older-people"),
                     f"{{p}} irg:targetGroup <{ID}target-group/older-people> ."),
    "dates": (network.Filters(date_from="2012-01-01", date_to="2013-12-31"),
              '{p} schema:startDate ?s{o_} ; schema:endDate ?e{o_} '
              'FILTER(?s{o_} <= "2013-12-31"^^xsd:date && ?e{o_} >= "2012-01-01"^^xsd:date)'),
    "lead_only": (network.Filters(lead_only=True), "FILTER(BOUND({r}) && {r} = role:lead)"),
    "associated": (network.Filters(include_associated=True), None),
}


def _participation(name: str, x: str, o: str, p: str) -> str:
    """The SPARQL pattern of one participation kept by the filter ``name``."""
    r = f"?r_{x[1:]}"
    condition = FILTERS[name][1]
    keep_associated = condition is None
    base = (f"{x} a irg:Participation ; irg:organisation {o} ; irg:project {p} . OPTIONAL {{ {x} irg:role {r} }} "
            + ("" if keep_associated else f"FILTER(!BOUND({r}) || {r} != role:associated) "))
    return base + (condition or "").format(x=x, o=o, p=p, r=r, o_=o[1:])


def expected(store, projection: str, name: str) -> tuple[int, int]:
    one = _participation(name, "?x", "?o", "?p")
    two = _participation(name, "?x", "?a", "?p") + " " + _participation(name, "?y", "?b", "?p")
    if projection == "organisation":
        nodes = sparql_count(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {one} }}")
        edges = sparql_count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?a ?b WHERE {{ {two} "
                                    "FILTER(STR(?a) < STR(?b)) } }")
    elif projection == "bipartite":
        nodes = sparql_count(store, f"SELECT (COUNT(DISTINCT ?o) + COUNT(DISTINCT ?p) AS ?n) WHERE {{ {one} }}")
        edges = sparql_count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?o ?p WHERE {{ {one} }} }}")
    else:
        code = 'COALESCE(?c_{v}, "unknown")'
        nodes = sparql_count(store, f"SELECT (COUNT(DISTINCT ?code) AS ?n) WHERE {{ {one} "
                                    f"OPTIONAL {{ ?o schema:addressCountry ?c_o }} BIND({code.format(v='o')} AS ?code) }}")
        edges = sparql_count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?ca ?cb WHERE {{ {two} "
                                    f"OPTIONAL {{ ?a schema:addressCountry ?c_a }} OPTIONAL {{ ?b schema:addressCountry ?c_b }} "
                                    f"BIND({code.format(v='a')} AS ?ca) BIND({code.format(v='b')} AS ?cb) "
                                    "FILTER(?ca < ?cb) } }")
    return nodes, edges


@pytest.mark.parametrize("projection", network.PROJECTIONS)
@pytest.mark.parametrize("name", FILTERS)
def test_counts_match_sparql_on_the_fixture(store, projection, name):
    graph = network.network(store, projection, FILTERS[name][0])
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected(store, projection, name)


@pytest.mark.parametrize("projection", network.PROJECTIONS)
@pytest.mark.parametrize("name", ["none", "country", "lead_only", "associated", "period"])
def test_counts_match_sparql_on_the_seed_store(seed, projection, name):
    graph = network.network(seed, projection, FILTERS[name][0])
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected(seed, projection, name)


@pytest.mark.parametrize("name", [n for n in FILTERS if n != "none"])
def test_every_filter_changes_the_network(store, name):
    whole = network.network(store, "organisation")
    part = network.network(store, "organisation", FILTERS[name][0])
    assert (part.number_of_nodes(), part.number_of_edges()) != (whole.number_of_nodes(), whole.number_of_edges())
    assert part.graph["filters"] == FILTERS[name][0].describe() != "none"


def test_the_fixture_counts_by_hand(store):
    assert expected(store, "organisation", "none") == (8, 1 + 6 + 3)  # pairs: CONMIIXT 2 orgs, AGIR 4, SAM 3
    assert expected(store, "organisation", "country") == (5, 1 + 1)   # Amiens-Deux Rives, the two CCAS
    assert expected(store, "country", "none") == (3, 1 + 1)           # GB-FR (two projects), FR-BE


def test_unknown_country_is_a_node_never_dropped(seed):
    graph = network.network(seed, "country")
    unknown = sparql_count(seed, """SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {
        ?x a irg:Participation ; irg:organisation ?o ; irg:role ?r FILTER(?r != role:associated)
        FILTER NOT EXISTS { ?o schema:addressCountry ?c } }""")
    assert unknown > 0 and graph.nodes[network.UNKNOWN_COUNTRY]["organisations"] == unknown
    assert sum(d["organisations"] for _, d in graph.nodes(data=True)) == network.network(seed).number_of_nodes()
