"""``/api/programmes``, ``/api/target-groups``, ``/api/themes``: the concepts projects link to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

import queries
from api.deps import StoreDep
from api.rows import last_segment, maybe_ref
from api.schemas import Concept, Page, Programme
from ontology.iris import local_part

router = APIRouter(prefix="/api", tags=["vocabularies"])


@router.get("/programmes", response_model=Page[Programme], summary="Programmes, with their number of projects")
def list_programmes(
    snapshot: StoreDep,
    period: Annotated[str | None, Query(description="programming period, e.g. 2007-2013")] = None,
) -> Page[Programme]:
    rows = queries.run(snapshot.store, "programmes", {"period": period}, default_graph=snapshot.graphs)
    data = [
        Programme(id=local_part(r["programme"], "programme"), iri=r["programme"], label=r["label"],
                  notation=r["notation"],
                  period=maybe_ref(r["programmePeriod"], "period", last_segment(r["programmePeriod"])),
                  family=maybe_ref(r["family"], "programme-family"),
                  countries=sorted((r["countries"] or "").split()), projects=r["projects"] or 0)
        for r in rows.values()
    ]
    return Page[Programme](data=data, count=rows.total)


def _concepts(snapshot, query: str, kind: str) -> Page[Concept]:
    rows = queries.run(snapshot.store, query, default_graph=snapshot.graphs)
    data = [Concept(id=local_part(r["concept"], kind), iri=r["concept"], label=r["label"], broader=r["broader"],
                    projects=r["projects"] or 0) for r in rows.values()]
    return Page[Concept](data=data, count=rows.total)


@router.get("/target-groups", response_model=Page[Concept], summary="Target groups")
def list_target_groups(snapshot: StoreDep) -> Page[Concept]:
    return _concepts(snapshot, "target_groups", "target-group")


@router.get("/themes", response_model=Page[Concept], summary="Themes")
def list_themes(snapshot: StoreDep) -> Page[Concept]:
    return _concepts(snapshot, "themes", "theme")
