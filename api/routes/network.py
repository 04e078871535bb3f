"""``/api/network``: a partner network as a file for Gephi (or any graph tool), streamed with a file name.

Projections ``organisation``, ``bipartite`` and ``country``; formats ``gexf`` (``dynamic=true`` for
spells), ``graphml``, ``json``, ``csv`` (a zip of Gephi's ``nodes.csv`` and ``edges.csv``), ``png``
and ``svg``. The filters are those of ``interreg-kg export network``; bad values answer 400.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api import network
from api.deps import StoreDep

router = APIRouter(prefix="/api", tags=["network"])

_MEDIA = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml", "json": "application/json",
          "csv": "application/zip", "png": "image/png", "svg": "image/svg+xml"}
_SUFFIX = {"csv": "zip"}
_CHUNK = 64 * 1024


def _render(snapshot, projection: str, fmt: str, filters: network.Filters, dynamic: bool, metrics: bool,
            self_loops: bool) -> bytes:
    build = snapshot.build.name if snapshot.build is not None else "in-memory store"
    graph = network.network(snapshot.store, projection, filters, metrics=metrics, self_loops=self_loops,
                            build=build)
    files = network.render(graph, fmt, dynamic=dynamic)
    if fmt != "csv":
        return next(iter(files.values()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def _chunks(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), _CHUNK):
        yield body[start:start + _CHUNK]


@router.get("/network", summary="A partner network as a file (GEXF, GraphML, CSV, JSON, PNG, SVG)",
            response_class=StreamingResponse,
            responses={200: {"content": {m: {} for m in _MEDIA.values()},
                             "description": "GEXF 1.3, GraphML, node-link JSON, a zip of Gephi's nodes.csv and "
                                            "edges.csv, or a picture"}})
async def get_network(
    snapshot: StoreDep,
    projection: Annotated[Literal["organisation", "bipartite", "country"],
                          Query(description="what the nodes are")] = "organisation",
    format: Annotated[Literal["gexf", "graphml", "csv", "json", "png", "svg"],  # noqa: A002
                      Query(description="file format")] = "gexf",
    dynamic: Annotated[bool, Query(description="gexf: spells from the projects' dates")] = False,
    metrics: Annotated[bool, Query(description="degree, weighted degree, community, betweenness")] = False,
    self_loops: Annotated[bool, Query(description="country projection: loops within a country")] = False,
    programme: Annotated[str | None, Query(description="programme id or IRI")] = None,
    period: Annotated[str | None, Query(description="programming period id (e.g. 2007-2013) or IRI")] = None,
    theme: Annotated[str | None, Query(description="theme id or IRI")] = None,
    target_group: Annotated[str | None, Query(description="target group id or IRI")] = None,
    country: Annotated[str | None, Query(description="only organisations of this country (ISO alpha-2)")] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="projects running on or after")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="projects running on or before")] = None,
    lead_only: Annotated[bool, Query(description="only lead partners")] = False,
    include_associated: Annotated[bool, Query(description="keep associated partners")] = False,
) -> StreamingResponse:
    """Nodes are organisations, organisations and projects, or countries; edges join those that share
    projects (weight = shared projects). No personal data is ever exported."""
    filters = network.Filters(programme=programme, period=period, theme=theme, target_group=target_group,
                              country=country, date_from=date_from, date_to=date_to, lead_only=lead_only,
                              include_associated=include_associated)
    body = await run_in_threadpool(_render, snapshot, projection, format, filters, dynamic, metrics, self_loops)
    filename = f"interreg-{projection}-network.{_SUFFIX.get(format, format)}"
    return StreamingResponse(_chunks(body), media_type=_MEDIA[format],
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})
