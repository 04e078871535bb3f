"""Golden cases: records.json -> quads must be isomorphic, graph by graph, to expected.trig."""

from __future__ import annotations

import rdflib
from pyoxigraph import RdfFormat, parse
from rdflib.compare import graph_diff, to_isomorphic

from loader.to_rdf import project_to_quads


def _dataset(quads) -> dict[str, rdflib.Graph]:
    """Quads as one rdflib graph per named graph (parsed via N-Triples, so rdflib sees plain graphs)."""
    lines: dict[str, list[str]] = {}
    for q in quads:
        lines.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .")
    return {name: rdflib.Graph().parse(data="\n".join(ls), format="nt") for name, ls in lines.items()}


def _dump(graph: rdflib.Graph) -> str:
    return "\n".join(sorted(line for line in graph.serialize(format="nt").splitlines() if line))


def test_case_maps_to_expected_quads(case, load_case) -> None:
    record = load_case(case)
    actual = _dataset(project_to_quads(record))
    with open(case / "expected.trig", "rb") as handle:
        expected = _dataset(parse(handle, format=RdfFormat.TRIG))
    assert sorted(actual) == sorted(expected), "the named graphs differ"
    for name in expected:
        iso_a, iso_e = to_isomorphic(actual[name]), to_isomorphic(expected[name])
        if iso_a != iso_e:
            _, only_actual, only_expected = graph_diff(iso_a, iso_e)
            raise AssertionError(f"graph {name} differs\n--- only in actual:\n{_dump(only_actual)}\n"
                                 f"--- only in expected:\n{_dump(only_expected)}")


def test_case_spans_quote_the_text(case, load_case) -> None:
    """Every span node's quote is exactly the document text between its offsets, and those offsets
    are the ones its IRI names (``#char=start,end``)."""
    record = load_case(case)
    quads = project_to_quads(record)
    starts, ends, exact = {}, {}, {}
    for q in quads:
        s, p = q.subject.value, q.predicate.value
        if p.endswith("#start"):
            starts[s] = int(q.object.value)
        elif p.endswith("#end"):
            ends[s] = int(q.object.value)
        elif p.endswith("#exact"):
            exact[s] = q.object.value
    assert exact, "the case has no spans"
    assert set(exact) == set(starts) == set(ends)
    for span, text in exact.items():
        assert span.endswith(f"#char={starts[span]},{ends[span]}")
        assert record.document.text[starts[span]:ends[span]] == text
