"""The build's report records (loader/outcomes.py) and graph:meta entries (loader/document_meta.py)."""

import doctest
import pickle

import loader.outcomes
from loader.outcomes import DocumentOutcome, LoadReport, QuadCounts
from loader.pipeline import LoadReport as PipelineLoadReport


def test_doctests_pass():
    assert doctest.testmod(loader.outcomes).failed == 0


def test_the_pipeline_still_exports_the_records():
    assert PipelineLoadReport is LoadReport


def test_lines_and_exit_code_per_status():
    loaded = DocumentOutcome("a.txt", "loaded", project="p", partners=1, quads=QuadCounts(3, 2, 1))
    report = LoadReport((loaded, DocumentOutcome("b.txt", "unchanged")), projects=1, organisations=2,
                        participations=3)
    assert report.exit_code == 0
    assert report.lines() == [
        "loaded    a.txt: project p, 1 partner(s), 6 quads (3 facts, 2 provenance, 1 metadata)",
        "unchanged b.txt",
        "1 loaded, 1 unchanged, 0 failed; store: 1 projects, 2 organisations, 3 participations",
    ]
    checked = LoadReport((loaded,), check_failures=("no project",))
    assert checked.exit_code == 1 and checked.lines()[1] == "CHECK     no project"


def test_outcomes_pickle_for_the_workers():
    outcome = DocumentOutcome("a.txt", "failed", "cannot read")
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    assert outcome.line() == "FAILED    a.txt: cannot read"


def test_document_meta_doctests_and_store_exports():
    import loader.document_meta
    import loader.store

    assert doctest.testmod(loader.document_meta).failed == 0
    assert loader.store.DocumentMeta is loader.document_meta.DocumentMeta
    assert loader.store.meta_nquads is loader.document_meta.meta_nquads
