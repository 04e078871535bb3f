"""The two ways the exports read participations agree: without a filter on projects or organisations
they come from ``queries/network/participations.rq`` (roles filtered in Python), otherwise from the
research query ``network_participations`` (filtered in SPARQL)."""

from __future__ import annotations

import pytest

from api import network
from api.network import participations
from api.network.filters import Filters


def _by_research_query(monkeypatch, store, filters: Filters) -> tuple:
    with monkeypatch.context() as patch:
        patch.setattr(Filters, "narrows_scope", lambda self: True)
        return participations.read_participations(store, filters)


@pytest.mark.parametrize("include_associated", [False, True])
@pytest.mark.parametrize("lead_only", [False, True])
@pytest.mark.parametrize("which", ["store", "seed"])
def test_the_export_query_gives_the_research_querys_participations(request, monkeypatch, which, lead_only,
                                                                    include_associated):
    store = request.getfixturevalue(which)
    filters = Filters(lead_only=lead_only, include_associated=include_associated)
    assert not filters.narrows_scope()
    fast = participations.read_participations(store, filters)
    assert fast, "the store has participations"
    assert fast == _by_research_query(monkeypatch, store, filters)
    assert [(p.organisation, p.project) for p in fast] == sorted((p.organisation, p.project) for p in fast)
    roles = {p.role for p in fast}
    assert roles == {"lead"} if lead_only else ("associated" in roles) == include_associated


def test_a_scope_filter_reads_with_the_research_query(store, monkeypatch):
    seen = []
    real = participations._csv
    monkeypatch.setattr(participations, "_csv", lambda s, name, params: seen.append(str(name)) or real(s, name, params))
    participations.read_participations(store, Filters(country="FR"))
    participations.read_participations(store, Filters())
    assert seen[0] == "network_participations" and seen[3].endswith("participations.rq")


def test_roles_rank_lead_over_partner_over_unknown_over_associated():
    text = """@prefix irg: <https://w3id.org/interreg-kg/ontology#> .
    @prefix id: <https://w3id.org/interreg-kg/id/> .
    @prefix g: <https://w3id.org/interreg-kg/graph/> .
    g:document\\/a { id:x a irg:Participation ; irg:organisation id:o ; irg:project id:p ; irg:role id:role\\/associated .
                     id:y a irg:Participation ; irg:organisation id:o ; irg:project id:q ; irg:role id:role\\/partner . }
    g:document\\/b { id:x a irg:Participation ; irg:organisation id:o ; irg:project id:p .
                     id:y a irg:Participation ; irg:organisation id:o ; irg:project id:q ; irg:role id:role\\/lead . }"""
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load(text.encode(), format=RdfFormat.TRIG)
    rows = network.read_participations(store, Filters(include_associated=True))
    assert [(p.project.rsplit("/", 1)[-1], p.role) for p in rows] == [("p", "unknown"), ("q", "lead")]
    assert [(p.project.rsplit("/", 1)[-1], p.role) for p in network.read_participations(store)] == \
        [("p", "unknown"), ("q", "lead")]
    assert [p.role for p in network.read_participations(store, Filters(lead_only=True))] == ["lead"]
