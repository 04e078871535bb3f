"""``bench.quad_shape``: quads per document by kind over a generated corpus, in the compact shape."""

from __future__ import annotations

import doctest
from pathlib import Path

import bench.quad_shape
from bench.quad_shape import BUCKETS, measure


def test_docstring_examples() -> None:
    result = doctest.testmod(bench.quad_shape)
    assert result.attempted > 0 and result.failed == 0


def test_buckets_add_up_and_no_selector_is_written(corpus: Path) -> None:
    shape = measure(corpus, limit=10, repeats=1)
    assert 0 < shape.documents <= 10
    assert set(shape.per_bucket) == set(BUCKETS)
    assert shape.per_bucket["selector"] == 0.0
    assert shape.per_bucket["evidence"] > 0 and shape.per_bucket["statement"] > 0
    assert abs(shape.per_document - sum(shape.per_bucket.values())) < 1e-9
    assert shape.map_cpu_ms > 0 and shape.read_extract_map_cpu_ms >= shape.map_cpu_ms
    assert shape.lines()[0].startswith(f"{shape.documents} documents: ")
