"""A build whose documents are extracted in worker processes stores what a one-process build stores."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from pyoxigraph import BlankNode, Store

from loader.pipeline import PARALLEL_MIN, Inputs, build
from loader.records import PartnerRecord, ProjectRecord, Span
from ontology.iris import name_key
from ontology.settings import Settings
from ontology.storage import current_build

N_DOCS = PARALLEL_MIN + 6


def _extract(document, vocab, aliases) -> ProjectRecord:
    """Read ``ACRONYM | lead name | partner name`` (a tiny line format; ``FAIL`` makes it fail)."""
    if "FAIL" in document.text:
        raise ValueError(f"{document.path}: cannot extract")
    acronym, lead, partner = (part.strip() for part in document.text.split("|"))
    return ProjectRecord(document=document, key=acronym.lower(), acronym=acronym,
                         spans=(("acronym", Span(0, len(acronym))),),
                         partners=(PartnerRecord(name=lead, key=name_key(lead), role="lead"),
                                   PartnerRecord(name=partner, key=name_key(partner), role="partner")))


def _data(folder: Path) -> Path:
    docs = folder / "documents"
    docs.mkdir(parents=True)
    rows = ["file,project,language,source_url"]
    for i in range(N_DOCS):
        text = "FAIL" if i == 7 else f"P{i:03d} | Ville de Lille | Organisation {i % 9}"
        (docs / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
        rows.append(f"d{i:03d}.txt,,en,")
    (docs / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _inputs(data: Path) -> Inputs:
    from loader.manifest import read_manifest

    return Inputs(vocab=SimpleNamespace(concepts=()), aliases=SimpleNamespace(sha256="x"),
                  manifest=read_manifest(data / "documents" / "manifest.csv"), extract=_extract)


def _named_quads(root: Path) -> set[str]:
    store = Store.read_only(str(current_build(root)))
    return {str(q) for q in store if not any(isinstance(t, BlankNode) for t in (q.subject, q.object))
            and not str(q.predicate).endswith("generatedAtTime>")}


def test_two_workers_store_the_same_quads_and_report_the_same_outcomes(tmp_path: Path) -> None:
    data = _data(tmp_path / "data")
    reports = {}
    for workers in (1, 2):
        settings = Settings(store=tmp_path / f"store{workers}", data=data)
        reports[workers] = build(settings, progress=False, inputs=_inputs(data), workers=workers)
    one, two = reports[1], reports[2]
    assert [o.line() for o in one.outcomes] == [o.line() for o in two.outcomes]
    assert len(two.failed) == 1 and "d007.txt" in two.failed[0].message
    assert (two.projects, two.organisations) == (one.projects, one.organisations) == (N_DOCS - 1, 10)
    quads = _named_quads(tmp_path / "store1")
    assert quads == _named_quads(tmp_path / "store2")
    assert len(quads) > N_DOCS * 10
