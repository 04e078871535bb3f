"""``/api/documents/{id}``: a source document, and what was extracted from it and where (its spans).

Only public facts are listed: contact details and their spans live in the contacts graphs, which
the default graph of every query leaves out.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import QueriesDep
from api.errors import NotFoundError
from api.routes.common import responses
from api.rows import checked_id, ref
from api.schemas import DocumentDetail, Fact
from ontology.iris import mint_document

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get(
    "/{document_id}",
    response_model=DocumentDetail,
    summary="One source document and its facts",
    responses=responses(404),
)
def get_document(
    reads: QueriesDep,
    document_id: Annotated[
        str,
        Path(
            description="the document's id: the part of its IRI after id/document/ (the file's stable key)",
            examples=["000_61233fa75de99c9d"],
        ),
    ],
) -> DocumentDetail:
    """The document ``id/document/{document_id}``: file name, language, format, source, digest, when it
    was loaded, the projects read from it, and every fact with its span (offsets into the text and
    the quoted words) or how it was inferred."""
    key = checked_id(document_id)
    iri = None if key is None else mint_document(key)
    found = (
        []
        if iri is None
        else reads.run(
            "document", {"document": iri}
        ).values()
    )
    if not found:
        raise NotFoundError(f"no document with id {document_id!r}")
    d = found[0]
    facts = reads.run(
        "document_facts", {"document": iri}
    ).values()
    projects = reads.run(
        "document_projects", {"document": iri}
    ).values()
    return DocumentDetail(
        id=key,
        iri=iri,
        title=d["title"],
        language=d["language"],
        format=d["format"],
        source=d["source"],
        sha256=d["sha256"],
        loaded_at=None if d["loadedAt"] is None else str(d["loadedAt"]),
        loader_version=d["loaderVersion"],
        projects=[ref(p["project"], "project", p["acronym"] or p["title"]) for p in projects],
        facts=[
            Fact(
                subject=f["subject"],
                property=f["predicate"],
                value=None if f["object"] is None else str(f["object"]),
                span=f["span"],
                start=f["start"],
                end=f["end"],
                quote=f["quote"],
                inferred=bool(f["inferred"]),
                inferred_from=f["inferredFrom"],
            )
            for f in facts
        ],
    )
