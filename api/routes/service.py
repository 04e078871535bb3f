"""``/health`` and ``/version``: whether a build is being served, and what software serves it."""

from __future__ import annotations

from importlib import metadata

from fastapi import APIRouter

from api.deps import StoreDep
from api.routes.common import PROBLEM
from api.schemas import Health, Version

router = APIRouter(tags=["service"])

GRAPH_MODEL = "v1"


@router.get(
    "/health",
    response_model=Health,
    summary="The build being served",
    responses={503: {"description": "no build is published yet", "content": PROBLEM}},
)
def health(snapshot: StoreDep) -> Health:
    """``ok`` with the build's folder name; 503 when no build is published."""
    return Health(
        status="ok",
        build=None if snapshot.build is None else snapshot.build.name,
        graphs=len(snapshot.graphs),
    )


@router.get("/version", response_model=Version, summary="Software and graph-model versions")
def version() -> Version:
    try:
        number = metadata.version("interreg-kg")
    except metadata.PackageNotFoundError:
        number = "unknown"
    return Version(version=number, graph_model=GRAPH_MODEL)
