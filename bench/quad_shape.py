"""Quads per document by kind, and the CPU of mapping them: the figures behind the provenance shape.

``python -m bench.quad_shape DIR [--limit N]`` reads the first N documents (default 300) of a
generated corpus (``interreg-kg bench generate --output DIR``), reads, extracts and maps each with
``loader.pipeline.map_document`` and prints the average quads per document in each bucket of
``bucket`` and the CPU (``time.process_time``) per document of the mapping alone
(``loader.to_rdf.project_to_quads`` on the extracted record, then its N-Quads serialisation, as a
build worker does) and of the whole read-extract-map step.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, serialize

from ontology.namespaces import ID, PREFIXES

__all__ = ["bucket", "QuadShape", "measure", "main"]

_RDF = PREFIXES["rdf"]
#: The buckets, in the order they are printed.
BUCKETS = ("statement", "evidence", "selector", "fact", "contacts")


def bucket(quad: Quad) -> str:
    """The kind of a document quad: ``contacts`` (the contacts graph), ``statement`` (about a
    reified statement), ``evidence`` (about a span), ``selector`` (about a selector node of the
    old shape), else ``fact``.

    >>> from pyoxigraph import Literal
    >>> g = NamedNode("https://w3id.org/interreg-kg/graph/document/d")
    >>> span = NamedNode(ID + "document/d#char=0,4")
    >>> bucket(Quad(span, NamedNode("http://www.w3.org/ns/oa#exact"), Literal("AGIR"), g))
    'evidence'
    >>> bucket(Quad(NamedNode(ID + "project/agir"), NamedNode(_RDF + "type"), NamedNode(ID + "x"), g))
    'fact'
    """
    if "/graph/contacts/" in quad.graph_name.value:
        return "contacts"
    s = quad.subject.value if isinstance(quad.subject, NamedNode) else ""
    if s.startswith(ID + "statement/"):
        return "statement"
    if "/selector/" in s:
        return "selector"
    if "#char=" in s:
        return "evidence"
    return "fact"


@dataclass(frozen=True)
class QuadShape:
    """Averages over ``documents`` mapped documents."""

    documents: int
    per_bucket: dict[str, float]
    map_cpu_ms: float
    nquads_cpu_ms: float
    read_extract_map_cpu_ms: float

    @property
    def per_document(self) -> float:
        return sum(self.per_bucket.values())

    def lines(self) -> list[str]:
        """The figures as printed lines."""
        out = [f"{self.documents} documents: {self.per_document:.1f} quads per document"]
        out += [f"  {name:<10} {self.per_bucket.get(name, 0.0):7.1f}" for name in BUCKETS]
        out.append(f"  CPU per document: project_to_quads {self.map_cpu_ms:.3f} ms, N-Quads "
                   f"{self.nquads_cpu_ms:.3f} ms; read+extract+map {self.read_extract_map_cpu_ms:.3f} ms")
        return out


def measure(corpus: Path, limit: int = 300, repeats: int = 5) -> QuadShape:
    """Map the first ``limit`` documents of ``corpus`` (a ``bench generate`` folder) and average.

    :param corpus: the folder holding ``docs/`` and ``data/``.
    :param limit: how many documents (sorted by name) to map.
    :param repeats: how many times the mapping alone is repeated to time it (the minimum is kept).
    :returns: the averages.
    :raises ValueError: when no document of ``corpus`` maps.
    """
    from loader.pipeline import Inputs, map_document
    from loader.to_rdf import project_to_quads

    inputs = Inputs.from_data(corpus / "data")
    paths = sorted(p for p in (corpus / "docs").iterdir() if p.is_file())[:limit]
    counts: Counter[str] = Counter()
    records = []
    start = time.process_time()
    for path in paths:
        try:
            record, quads = map_document(path, inputs)
        except Exception:  # noqa: BLE001 - a document that is not a project counts for nothing here
            continue
        records.append(record)
        counts.update(bucket(q) for q in quads)
    whole = time.process_time() - start
    if not records:
        raise ValueError(f"no document of {corpus} maps")
    best_map = best_nquads = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        mapped = [project_to_quads(record) for record in records]
        middle = time.process_time()
        for quads in mapped:
            serialize(quads, format=RdfFormat.N_QUADS)
        best_map = min(best_map, middle - start)
        best_nquads = min(best_nquads, time.process_time() - middle)
    n = len(records)
    return QuadShape(n, {k: counts[k] / n for k in BUCKETS}, 1000 * best_map / n, 1000 * best_nquads / n,
                     1000 * whole / n)


def main(argv: list[str] | None = None) -> None:
    """The command line: ``python -m bench.quad_shape DIR [--limit N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args(argv)
    print("\n".join(measure(args.corpus, args.limit).lines()))


if __name__ == "__main__":
    main()
