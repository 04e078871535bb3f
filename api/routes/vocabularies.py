"""``/api/programmes`` (and one with its projects), ``/api/target-groups``, ``/api/themes``: the concepts
projects link to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import Queries, QueriesDep
from api.errors import NotFoundError
from api.routes.common import responses
from api.rows import checked_id, last_segment, maybe_ref, project_summary, ref
from api.schemas import Concept, Page, Programme, ProgrammeDetail
from ontology.iris import local_part, mint_concept

router = APIRouter(prefix="/api", tags=["vocabularies"])


def _programme(r: dict, model: type[Programme] = Programme, **more) -> Programme:
    return model(
        id=local_part(r["programme"], "programme"),
        iri=r["programme"],
        label=r["label"],
        notation=r["notation"],
        period=maybe_ref(r["programmePeriod"], "period", last_segment(r["programmePeriod"])),
        family=maybe_ref(r["family"], "programme-family"),
        countries=sorted((r["countries"] or "").split()),
        projects=r["projects"] or 0,
        **more,
    )


@router.get(
    "/programmes",
    response_model=Page[Programme],
    summary="Programmes, with their number of projects",
    responses=responses(),
)
def list_programmes(
    reads: QueriesDep,
    period: Annotated[
        str | None, Query(description="programming period, e.g. 2007-2013", examples=["2007-2013"])
    ] = None,
) -> Page[Programme]:
    rows = reads.run("programmes", {"period": period})
    data = [_programme(r) for r in rows.values()]
    return Page[Programme](data=data, count=rows.total)


@router.get(
    "/programmes/{programme_id}",
    response_model=ProgrammeDetail,
    summary="One programme with its projects",
    responses=responses(404),
)
def get_programme(
    reads: QueriesDep,
    programme_id: Annotated[
        str,
        Path(
            description="the programme's id: the part of its IRI after id/programme/",
            examples=["iv-a-france-channel-england"],
        ),
    ],
) -> ProgrammeDetail:
    """The programme ``id/programme/{programme_id}`` and the projects of it or of a programme below it.

    ``projects`` counts the projects linked to the programme itself; ``project_list`` also holds those
    of the programmes below it (a generation such as ``iv-a`` lists all of its programmes' projects).
    """
    key = checked_id(programme_id)
    iri = None if key is None else mint_concept("programme", key)
    found = [
        r
        for r in reads.run("programmes").values()
        if r["programme"] == iri
    ]
    if not found:
        raise NotFoundError(f"no programme with id {programme_id!r}")
    projects = reads.run(
        "projects", {"programme": iri}
    ).values()
    broader = reads.run(
        "programme_broader", {"programme": iri}
    ).values()
    return _programme(
        found[0],
        ProgrammeDetail,
        broader=[
            ref(
                b["broader"], "programme" if "/programme/" in b["broader"] else "programme-family", b["label"]
            )
            for b in broader
        ],
        project_list=[project_summary(r) for r in projects],
    )


def _concepts(reads: Queries, query: str, kind: str) -> Page[Concept]:
    rows = reads.run(query)
    data = [
        Concept(
            id=local_part(r["concept"], kind),
            iri=r["concept"],
            label=r["label"],
            broader=r["broader"],
            projects=r["projects"] or 0,
        )
        for r in rows.values()
    ]
    return Page[Concept](data=data, count=rows.total)


@router.get("/target-groups", response_model=Page[Concept], summary="Target groups", responses=responses())
def list_target_groups(reads: QueriesDep) -> Page[Concept]:
    return _concepts(reads, "target_groups", "target-group")


@router.get("/themes", response_model=Page[Concept], summary="Themes", responses=responses())
def list_themes(reads: QueriesDep) -> Page[Concept]:
    return _concepts(reads, "themes", "theme")
