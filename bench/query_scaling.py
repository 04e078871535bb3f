"""How each named query scales: median and p99 of every ``.rq`` of a folder on one built store,
queried on Oxigraph's union default graph (``use_default_graph_as_union=True``).

``python -m bench.query_scaling STORE_ROOT [--queries DIR] [--only NAME ...] [--timeout S] [--json FILE]``

``STORE_ROOT`` is what ``interreg-kg build --store`` wrote (its current build is opened read-only), or
one build's folder.
``--queries`` defaults to the packaged ``queries/`` (``queries/statistics`` holds the statistics
build and read queries); pass a folder holding older copies to measure a "before". Lookups get the
parameters ``bench run`` gives them: the organisation in most projects, one of its projects, that
organisation's city and one document of the project. Each query is timed in a forked child process
(a runaway query is stopped after ``--timeout`` seconds) as calls that read every row's every value,
as many as fit in about two seconds (:func:`bench.measure.time_calls`).

>>> kind_of("counts"), kind_of("project"), kind_of("build_whole_graph"), kind_of("country_pairs")
('dashboard', 'lookup', 'build', 'research')
>>> target_ms("lookup"), target_ms("research")
(100, 2000)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import measure

__all__ = ["kind_of", "target_ms", "sample", "time_query", "main"]

_IRG = "https://w3id.org/interreg-kg/ontology#"
_SCHEMA = "http://schema.org/"
_PROV = "http://www.w3.org/ns/prov#"


def kind_of(name: str) -> str:
    """The target a query is held to: bench.measure's kinds, ``build`` for statistics build queries
    and ``dashboard`` for statistics read queries."""
    if name.startswith("build_"):
        return "build"
    if name.startswith("read_"):
        return "dashboard"
    return measure.query_kind(name)


def target_ms(kind: str) -> int:
    """p99 target in milliseconds at 35,000 documents (research and build queries: 2 s)."""
    return 100 if kind in ("dashboard", "lookup") else 2000


def sample(store) -> dict[str, str]:
    """Parameter values naming one thing, as ``bench run`` picks them (see module docstring)."""
    best = next(iter(store.query(
        f"SELECT ?o (COUNT(DISTINCT ?p) AS ?n) (SAMPLE(?p) AS ?proj) WHERE {{ "
        f"?x a <{_IRG}Participation> ; <{_IRG}organisation> ?o ; <{_IRG}project> ?p }} "
        "GROUP BY ?o ORDER BY DESC(?n) LIMIT 1", use_default_graph_as_union=True)), None)
    if best is None:
        raise RuntimeError("the store holds no participation to sample lookups from")
    org, project = best["o"], best["proj"]
    out = {"country": "BE", "string": "care", "integer": "2012", "year": "2012", "date": "2012-06-30",
           "iri:organisation": org.value, "iri:project": project.value, "iri:subject": project.value,
           "iri": project.value, "_most": best["n"].value}
    city = next(iter(store.query(f"SELECT ?c WHERE {{ <{org.value}> <{_SCHEMA}addressLocality> ?c }} LIMIT 1",
                                 use_default_graph_as_union=True)), None)
    out["city"] = city["c"].value if city is not None else "Lille"
    doc = next(iter(store.query(f"SELECT ?d WHERE {{ <{project.value}> <{_PROV}wasDerivedFrom> ?d }} LIMIT 1",
                                use_default_graph_as_union=True)), None)
    if doc is not None:
        out["iri:document"] = doc["d"].value
    return out


def _read_all(store, text: str, bindings) -> int:
    """Run once and read every value of every row (or triple); the number of rows."""
    from pyoxigraph import QuerySolutions

    result = store.query(text, substitutions=bindings, use_default_graph_as_union=True)
    rows = 0
    if isinstance(result, QuerySolutions):
        variables = result.variables
        for solution in result:
            for v in variables:
                solution[v]
            rows += 1
    elif isinstance(result, bool):
        rows = 1
    else:
        for _ in result:
            rows += 1
    return rows


def time_query(store, path: Path, params: dict[str, str], timeout: float) -> dict:
    """Time one ``.rq`` file: ``{"name", "kind", "rows", "p50_ms", "p99_ms", "runs"}`` or, when it
    ran past ``timeout``, ``{"name", "kind", "stopped": timeout}``; ``"error"`` when it failed."""
    import queries

    named = queries.parse(path.read_text(encoding="utf-8"), name=path.stem, path=path)
    bindings = named.bindings(measure.query_params(named, params))
    out: dict = {"name": named.name, "kind": kind_of(named.name)}

    def body():
        rows = _read_all(store, named.text, bindings)
        timing = measure.time_calls(lambda: _read_all(store, named.text, bindings), budget_s=2.0, min_runs=5)
        return rows, timing.p50_ms, timing.p99_ms, timing.runs

    try:
        done = measure.bounded(body, timeout)
    except RuntimeError as err:
        return {**out, "error": str(err)[:200]}
    if done is None:
        return {**out, "stopped": timeout}
    out["rows"], out["p50_ms"], out["p99_ms"], out["runs"] = done
    return out


def _line(r: dict) -> str:
    if "error" in r:
        return f"{r['name']:<36} {r['kind']:<9} error: {r['error']}"
    if "stopped" in r:
        return f"{r['name']:<36} {r['kind']:<9} > {r['stopped']:.0f} s (stopped)"
    verdict = "ok" if r["p99_ms"] <= target_ms(r["kind"]) else "over"
    return (f"{r['name']:<36} {r['kind']:<9} rows {r['rows']:>7}  p50 {r['p50_ms']:9.1f} ms  "
            f"p99 {r['p99_ms']:9.1f} ms  ({r['runs']} runs, {verdict} at this size)")


def main(argv: list[str] | None = None) -> int:
    """Measure and print one line per query; ``--json`` also writes the figures."""
    from pyoxigraph import Store

    import queries
    from ontology.storage import current_build

    parser = argparse.ArgumentParser(prog="python -m bench.query_scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--queries", type=Path, default=Path(queries.QUERY_DIR))
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    build = current_build(args.store) or (args.store if (args.store / "CURRENT").exists() else None)
    if build is None:
        print(f"no published build under {args.store}", file=sys.stderr)
        return 2
    store = Store.read_only(str(build))
    params = sample(store)
    print(f"{len(store):,} quads; lookups: organisation in {params['_most']} projects, city {params['city']!r}")
    paths = sorted(args.queries.glob("*.rq")) + sorted((args.queries / "statistics").glob("*.rq"))
    results = []
    for path in paths:
        if args.only and path.stem not in args.only:
            continue
        result = time_query(store, path, params, args.timeout)
        results.append(result)
        print(_line(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
