"""``/api/network``: the partner co-participation network as a file for Gephi (or any graph tool)."""

from __future__ import annotations

import io
import zipfile
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from api import network
from api.deps import StoreDep

router = APIRouter(prefix="/api", tags=["network"])

_MEDIA = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml", "json": "application/json",
          "csv": "application/zip"}
_SUFFIX = {"gexf": "gexf", "graphml": "graphml", "json": "json", "csv": "zip"}


def _render(snapshot, fmt: str, include_associated: bool) -> bytes:
    graph = network.partner_network(snapshot.store, include_associated=include_associated,
                                    default_graph=snapshot.graphs)
    if fmt == "csv":
        nodes, edges = network.to_csv_tables(graph)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("nodes.csv", nodes)
            archive.writestr("edges.csv", edges)
        return buffer.getvalue()
    return {"gexf": network.to_gexf, "graphml": network.to_graphml, "json": network.to_json}[fmt](graph)


@router.get("/network", summary="The partner co-participation network as a file",
            response_class=Response,
            responses={200: {"content": {m: {} for m in _MEDIA.values()},
                             "description": "GEXF 1.3, GraphML, node-link JSON, or a zip of Gephi's nodes.csv and edges.csv"}})
async def get_network(
    snapshot: StoreDep,
    projection: Annotated[Literal["organisation"], Query(description="what the nodes are")] = "organisation",
    format: Annotated[Literal["gexf", "graphml", "csv", "json"], Query(description="file format")] = "gexf",  # noqa: A002
    include_associated: Annotated[bool, Query(description="keep associated partners")] = False,
) -> Response:
    """Nodes are organisations, edges join organisations that share projects (weight = shared projects)."""
    body = await run_in_threadpool(_render, snapshot, format, include_associated)
    filename = f"interreg-{projection}-network.{_SUFFIX[format]}"
    return Response(body, media_type=_MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
