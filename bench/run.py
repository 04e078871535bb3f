"""``interreg-kg bench run --size N``: generate N documents, measure, print and record the table.

The run generates the corpus under ``var/bench/N`` (kept between runs of the same size), rebuilds it
several times, times pyoxigraph's own bulk load of the same quads, extraction per format, every
named query in process and through ``/sparql``, REST and SPARQL throughput under 16 concurrent
clients beside a constant-JSON app, the Oxigraph server and (at <= 1,000 documents)
rdflib-endpoint, network exports, and the server's resident memory. Servers and load generator
are pinned to different cores with taskset. Every load is on 127.0.0.1, bounded in time.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench import measure, servers
from bench.report import Report

__all__ = ["run"]


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def run(size: int, *, workdir: Path, results: Path, repeats: int | None = None, seconds: float = 5.0) -> Report:
    """Measure everything at ``size`` documents; writes the section of this size into ``results``.

    :param size: documents in the corpus.
    :param workdir: where the corpus and stores go (``workdir/<size>``).
    :param results: the Markdown file (``bench/RESULTS.md``); other sizes' sections are kept.
    :param repeats: full rebuilds to take the median of (default 3 up to 2,000 documents, else 1).
    :param seconds: duration of each load run.
    """
    from bench.generate import generate

    report = Report(size, measure.machine())
    base = workdir / str(size)
    corpus_ok = (base / "docs" / "manifest.csv").exists() and (base / ".size").exists() and \
        (base / ".size").read_text() == str(size)
    start = time.perf_counter()
    if not corpus_ok:
        _say(f"generating {size} documents under {base}")
        summary = generate(size, base)
        (base / ".size").write_text(str(size))
        report.note(f"corpus: {summary.documents} documents {summary.formats}, {summary.organisations} "
                    f"organisations, {summary.participations} participations, the most-used organisation in "
                    f"{summary.max_projects_of_one} projects (generated in {time.perf_counter() - start:.1f} s)")
    store, data = base / "store", base / "data"
    _rebuilds(report, store, data, repeats or (3 if size <= 500 else 2 if size <= 2000 else 1), base)
    _say("extraction per format")
    for fmt, (rate, n) in measure.extraction_rates(base / "docs", data).items():
        report.row("extraction", f".{fmt} (one process, {n} docs)", f"{rate:.1f} docs/s per core",
                   "target >= 200" if fmt in ("txt", "html") else "")
    _queries_in_process(report, store, seconds)
    _servers(report, store, base, size, seconds)
    _exports(report, store, base)
    report.write(results)
    return report


def _rebuilds(report: Report, store: Path, data: Path, repeats: int, base: Path) -> None:
    runs = []
    for i in range(repeats):
        _say(f"full rebuild {i + 1}/{repeats}")
        runs.append(measure.rebuild(store, data))
    seconds = statistics.median(r.seconds for r in runs)
    cpu = statistics.median(r.cpu_seconds / r.seconds for r in runs)
    quads = runs[-1].quads
    docs = report.size
    report.row("rebuild", f"full rebuild, median of {repeats}", f"{seconds:.1f} s",
               f"{docs / seconds:.0f} docs/s, {quads / seconds:,.0f} quads/s, {cpu:.2f} cores busy")
    report.row("rebuild", "quads in the store", f"{quads:,}", f"{quads / docs:.0f} per document (with the "
                                                               "ontology, shapes and vocabularies)")
    _say("pyoxigraph bulk load of the same quads")
    bulk = measure.bulk_load(runs[-1].build, base)
    ours = quads / seconds
    report.row("rebuild", "pyoxigraph bulk_load of the same quads", f"{bulk.seconds:.1f} s",
               f"{bulk.quads / bulk.seconds:,.0f} quads/s; rebuild at {ours / (bulk.quads / bulk.seconds):.2f} "
               "of it (target >= 0.5)")
    # the CPU each took: a rebuild does the bulk load's work and extraction besides, on the same cores
    rebuild_cpu = statistics.median(r.cpu_seconds for r in runs)
    report.row("rebuild", "CPU: full rebuild beside the bulk load", f"{rebuild_cpu:.1f} s / {bulk.cpu_seconds:.1f} s",
               f"{bulk.cpu_seconds / bulk.seconds:.2f} cores busy in the bulk load; the rebuild's CPU over "
               f"{os.cpu_count()} cores alone takes >= {rebuild_cpu / (os.cpu_count() or 1):.1f} s")


def _sample(store) -> dict[str, str]:
    """Parameter values for lookups: the organisation in most projects, one of its projects, its city."""
    from ontology.namespaces import IRG

    best = store.query(f"""SELECT ?o (COUNT(DISTINCT ?p) AS ?n) (SAMPLE(?p) AS ?proj) WHERE {{
        GRAPH ?g {{ ?x a <{IRG}Participation> ; <{IRG}organisation> ?o ; <{IRG}project> ?p }} }}
        GROUP BY ?o ORDER BY DESC(?n) LIMIT 1""")
    row = next(iter(best), None)
    sample = {"country": "BE", "string": "care", "integer": "2012", "year": "2012", "date": "2012-06-30",
              "iri:target-group": "migrants", "iri:theme": "social-inclusion", "iri:period": "2007-2013"}
    if row is None:
        raise RuntimeError("the store holds no participation to sample lookups from")
    sample["iri:organisation"] = row["o"].value
    sample["iri:project"] = sample["iri:subject"] = sample["iri"] = row["proj"].value
    sample["_most"] = row["n"].value
    # the sampled project's source document and the sampled organisation's city (docs/graph-model.md):
    # a lookup left without its parameter would time a scan of every document or city instead
    doc = next(iter(store.query(f"SELECT ?d WHERE {{ <{row['proj'].value}> "
                                "<http://www.w3.org/ns/prov#wasDerivedFrom> ?d } LIMIT 1",
                                use_default_graph_as_union=True)), None)
    if doc is not None:
        sample["iri:document"] = doc["d"].value
    city = next(iter(store.query(f"SELECT ?c WHERE {{ <{row['o'].value}> <http://schema.org/addressLocality> ?c }} "
                                 "LIMIT 1", use_default_graph_as_union=True)), None)
    sample["city"] = city["c"].value if city is not None else "Lille"
    programme = next(iter(store.query(f"SELECT ?x WHERE {{ GRAPH ?g {{ ?p <{IRG}programme> ?x }} }} LIMIT 1")),
                     None)
    if programme is not None:
        sample["iri:programme"] = programme["x"].value
    return sample


def _open(store: Path):
    from pyoxigraph import Store

    from ontology.storage import current_build

    return Store.read_only(str(current_build(store)))


def _queries_in_process(report: Report, store_root: Path, seconds: float) -> None:
    import queries

    _say("named queries in process")
    store = _open(store_root)
    # the sample's GROUP BY over every participation runs in a child of its own: run here, it left the
    # parent's heap and block cache as every timed child inherits them (the first call of `partner` in
    # each child then paid ~20,000 page faults, 50-70 ms of system CPU, and its later calls ~13 ms more)
    sample = measure.bounded(lambda: _sample(store), 600.0)
    if sample is None:
        raise RuntimeError("choosing the lookups' parameters took over 10 minutes")
    report.note(f"lookups use the organisation in most projects ({sample.get('_most', '?')} projects) and "
                "one of its projects")
    for name in queries.names():
        named = queries.load(name)
        params = measure.query_params(named, sample)
        kind = measure.query_kind(name)
        target = 2000 if kind == "research" else 100
        try:
            timing = measure.bounded(lambda n=named, p=params: measure.time_calls(
                lambda: queries.run(store, n, p), budget_s=1.0), QUERY_TIMEOUT)
        except RuntimeError as err:  # a query that fails is reported, the run goes on
            report.row("query in process", name, "error", str(err)[:80])
            continue
        if timing is None:
            report.row("query in process", f"{name} ({kind})", f"> {QUERY_TIMEOUT:.0f} s",
                       f"stopped; target p99 <= {target} ms: MISSED")
            continue
        if timing.p50_ms <= 1000:
            FAST.add(name)
        verdict = "ok" if timing.p99_ms <= target else f"MISSED by {timing.p99_ms - target:.0f} ms"
        report.row("query in process", f"{name} ({kind})", f"p50 {timing.p50_ms:.1f} ms, p99 {timing.p99_ms:.1f} ms",
                   f"{timing.runs} runs; target p99 <= {target} ms: {verdict}")
    _statistics_reads(report, store)


def _statistics_reads(report: Report, store) -> None:
    """The dashboard as ``/api/stats`` reads it: each ``queries/statistics/read_*.rq`` on the build's
    statistics graph (target p99 <= 100 ms, as the dashboard queries)."""
    import queries

    for path in sorted((queries.QUERY_DIR / "statistics").glob("read_*.rq")):
        named = queries.load(path)
        timing = measure.bounded(lambda n=named: measure.time_calls(lambda: queries.run(store, n), budget_s=1.0),
                                 QUERY_TIMEOUT)
        what = f"{path.stem} (dashboard, statistics graph)"
        if timing is None:
            report.row("query in process", what, f"> {QUERY_TIMEOUT:.0f} s", "stopped; target p99 <= 100 ms: MISSED")
            continue
        verdict = "ok" if timing.p99_ms <= 100 else f"MISSED by {timing.p99_ms - 100:.0f} ms"
        report.row("query in process", what, f"p50 {timing.p50_ms:.1f} ms, p99 {timing.p99_ms:.1f} ms",
                   f"{timing.runs} runs; target p99 <= 100 ms: {verdict}")


QUERY_TIMEOUT = 3.0
FAST: set[str] = set()  # queries timed in process under 1 s: the endpoint overhead is measured on these


def _lookup_text(store_root: Path) -> tuple[str, str]:
    """A lookup by IRI (the project of the sample) as SPARQL text, and the project id for REST."""
    store = _open(store_root)
    sample = _sample(store)
    iri = sample.get("iri:project", "")
    text = f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"
    return text, iri.rsplit("/", 1)[-1]


def _rest_paths(store_root: Path) -> tuple[list[str], list[str]]:
    """Paths for the uncached REST rows: every project's ``/api/projects/{id}`` (shuffled with a fixed
    seed), and filtered list pages over several countries and offsets (one request each before any repeats)."""
    import random

    from ontology.namespaces import IRG

    store = _open(store_root)
    ids = sorted({row["p"].value.rsplit("/", 1)[-1] for row in store.query(
        f"SELECT DISTINCT ?p WHERE {{ GRAPH ?g {{ ?p a <{IRG}Project> }} }}")})
    countries = sorted({row["c"].value for row in store.query(
        "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?o <http://schema.org/addressCountry> ?c } }")})[:8]
    random.Random(7).shuffle(ids)
    pages = [f"/api/projects?country={c}&limit=20&offset={o}" for o in range(0, 200, 20) for c in countries]
    return [f"/api/projects/{i}" for i in ids], pages


def _servers(report: Report, store: Path, base: Path, size: int, seconds: float) -> None:
    import queries

    text, project_id = _lookup_text(store)
    id_paths, list_paths = _rest_paths(store)
    port = servers.free_port()
    _say("our server: endpoint overhead, REST and SPARQL under load")
    with servers.serve(measure.cli() + ["serve", "--store", str(store), "--port", str(port)], port,
                       "/openapi.json", env={"INTERREG_KG_QUERY_TIMEOUT": "10"}) as ours:
        report.row("memory", "our server, idle", f"{ours.rss_mb():.0f} MB",
                   f"all its processes; the largest {ours.largest_rss_mb():.0f} MB (target < 500 MB each)")
        _endpoint_overhead(report, store, ours.url + "/sparql", seconds)
        peak = _under_load(ours, lambda: servers.load(f"{ours.url}/api/projects/{project_id}", seconds=seconds))
        rest_id = peak[1]
        report.row("REST", f"GET /api/projects/{{id}} ({rest_id.tool}, 16 clients)", f"{rest_id.rps:.0f} req/s",
                   f"p50 {rest_id.p50_ms:.1f} ms, p99 {rest_id.p99_ms:.1f} ms, {rest_id.errors} errors")
        report.row("memory", "our server, under load", f"{peak[0]:.0f} MB",
                   f"peak of all its processes while serving 16 clients; the largest {peak[2]:.0f} MB "
                   "(target < 500 MB each)")
        # each load starts on an idle server: requests a load leaves running (slow pages whose clients
        # gave up) would otherwise be counted against the next one
        ours.wait_idle()
        many = servers.load(ours.url, seconds=seconds, paths=id_paths)
        report.row("REST", f"GET /api/projects/{{id}} over {len(id_paths)} ids in turn", f"{many.rps:.0f} req/s",
                   f"p50 {many.p50_ms:.1f} ms, p99 {many.p99_ms:.1f} ms, {many.errors} errors; uncached until "
                   f"{len(id_paths)} requests ({many.rps * seconds:.0f} made)")
        ours.wait_idle()
        listed = servers.load(f"{ours.url}/api/projects?country=BE&limit=20", seconds=seconds)
        report.row("REST", "GET /api/projects?country=BE&limit=20", f"{listed.rps:.0f} req/s",
                   f"p50 {listed.p50_ms:.1f} ms, p99 {listed.p99_ms:.1f} ms, {listed.errors} errors")
        ours.wait_idle()
        pages = servers.load(ours.url, seconds=seconds, paths=list_paths)
        report.row("REST", f"GET /api/projects?country=..&limit=20&offset=.. over {len(list_paths)} pages in turn",
                   f"{pages.rps:.0f} req/s", f"p50 {pages.p50_ms:.1f} ms, p99 {pages.p99_ms:.1f} ms, "
                   f"{pages.errors} errors; uncached until {len(list_paths)} requests ({pages.rps * seconds:.0f} made)")
        waited = ours.wait_idle()
        sparql = servers.load(ours.url + "/sparql", seconds=seconds, body=_form(text))
        report.row("SPARQL", "our /sparql, lookup by IRI", f"{sparql.rps:.0f} req/s",
                   f"p50 {sparql.p50_ms:.1f} ms, p99 {sparql.p99_ms:.1f} ms, {sparql.errors} errors; "
                   f"started after {waited:.0f} s waiting for the server to be idle")
    port = servers.free_port()
    with servers.serve([sys.executable, "-m", "uvicorn", "bench.const_app:app", "--host", "127.0.0.1",
                        "--port", str(port)], port, "/const") as const:
        limit = servers.load(const.url + "/const", seconds=seconds)
    report.row("REST", "constant-JSON route (same uvicorn settings)", f"{limit.rps:.0f} req/s",
               f"p50 {limit.p50_ms:.1f} ms, p99 {limit.p99_ms:.1f} ms; /api/projects/{{id}} at "
               f"{rest_id.rps / limit.rps:.2f} of it (target >= 0.5); over many ids {many.rps / limit.rps:.2f}")
    _oxigraph(report, store, text, sparql, seconds)
    if size <= 1000:
        _rdflib(report, store, base, text, seconds)
    del queries


def _form(text: str) -> str:
    import urllib.parse

    return urllib.parse.urlencode({"query": text})


def _under_load(server: servers.Server,
                work: Callable[[], servers.LoadResult]) -> tuple[float, servers.LoadResult, float]:
    """Run ``work`` while watching the server's memory: (peak of all its processes in MB, the load's
    result, peak of its largest process in MB)."""
    peak = [0.0, 0.0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], server.rss_mb())
            peak[1] = max(peak[1], server.largest_rss_mb())
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        result = work()
    finally:
        stop.set()
        watcher.join()
    return peak[0], result, peak[1]


def _endpoint_overhead(report: Report, store_root: Path, url: str, seconds: float) -> None:
    with _oxigraph_beside(store_root) as oxigraph:
        _overheads(report, store_root, url, oxigraph)


@contextlib.contextmanager
def _oxigraph_beside(store_root: Path):
    """The Oxigraph server over the same build (pinned as ours), its query URL; None when not installed:
    what a SPARQL server written in Rust adds to the same queries is the reference for ours."""
    from ontology.storage import current_build

    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        yield None
        return
    port = servers.free_port()
    with servers.serve([binary, "serve-read-only", "--location", str(current_build(store_root)), "--bind",
                        f"127.0.0.1:{port}", "--union-default-graph"], port, "/") as oxi:
        yield oxi.url + "/query"


def _overheads(report: Report, store_root: Path, url: str, oxigraph: str | None) -> None:
    import queries

    store = _open(store_root)
    sample = measure.bounded(lambda: _sample(store), 600.0)  # in a child: see _queries_in_process
    if sample is None:
        raise RuntimeError("choosing the lookups' parameters took over 10 minutes")
    overheads, references = [], []
    for name in queries.names():
        named = queries.load(name)
        if name not in FAST:
            continue
        try:
            text = measure.values_form(named, named.bindings(measure.query_params(named, sample)))
            # one call in process first (the text may plan worse than the named query: not over HTTP then),
            # then in process, over HTTP and through the Oxigraph server in turn, in one child: timed at
            # the same moments
            once = measure.bounded(lambda t=text: len(list(store.query(t, use_default_graph_as_union=True))) >= 0,
                                   QUERY_TIMEOUT)
            if once is None:
                report.row("query over HTTP", name, "not run", f"as a client sends it (parameters in a VALUES "
                           f"block) it takes > {QUERY_TIMEOUT:.0f} s in process")
                continue
            timed = measure.bounded(lambda t=text: _in_process_and_over_http(store, t, url, oxigraph), 60.0)
            if timed is None:
                report.row("query over HTTP", name, "not run", "timed in process and over HTTP in turn, "
                           "its calls took over 60 s")
                continue
            local, remote, reference = timed
        except (OSError, RuntimeError, SyntaxError, ValueError) as err:  # reported, the run goes on
            report.row("query over HTTP", name, "error", str(err)[:80])
            continue
        overheads.append(remote.p50_ms - local.p50_ms)
        beside = ""
        if reference is not None:
            references.append(reference.p50_ms - local.p50_ms)
            beside = f"; the Oxigraph server adds {reference.p50_ms - local.p50_ms:.1f} ms"
        report.row("query over HTTP", name, f"p50 {remote.p50_ms:.1f} ms, p99 {remote.p99_ms:.1f} ms",
                   f"in process (same text) p50 {local.p50_ms:.1f} ms: the endpoint adds "
                   f"{remote.p50_ms - local.p50_ms:.1f} ms{beside}")
    if overheads:
        beside = (f"; the Oxigraph server adds {statistics.median(references):.1f} ms over {len(references)} of them"
                  if references else "")
        report.row("query over HTTP", "endpoint overhead, median over the queries",
                   f"{statistics.median(overheads):.1f} ms", f"target <= 2 ms{beside}")


def _in_process_and_over_http(store, text: str, url: str, oxigraph: str | None = None
                              ) -> tuple[measure.Timing, measure.Timing, measure.Timing | None]:
    """In a forked child: the text timed in process, over ``url`` (our ``/sparql``) and, when given,
    through the Oxigraph server's ``oxigraph`` query URL, in turn (the last None when not given, or when
    the Oxigraph server refuses the text)."""
    measure._CONNECTIONS.clear()  # the parent's kept-alive connections are its own, not a child's to use

    def local() -> None:
        list(store.query(text, use_default_graph_as_union=True))

    def ours() -> None:
        measure.http_query(url, text)

    if oxigraph is not None:
        try:
            measure.http_query(oxigraph, text)
        except OSError:
            oxigraph = None
    if oxigraph is None:
        return (*measure.time_in_turn(local, ours, budget_s=2.0), None)
    return measure.time_in_turn(local, ours, lambda: measure.http_query(oxigraph, text), budget_s=3.0)


def _oxigraph(report: Report, store_root: Path, text: str, ours: servers.LoadResult, seconds: float) -> None:
    from ontology.storage import current_build

    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        report.row("SPARQL", "Oxigraph server", "not installed", "pip install -e '.[bench]'")
        return
    port = servers.free_port()
    _say("the Oxigraph server")
    with servers.serve([binary, "serve-read-only", "--location", str(current_build(store_root)), "--bind",
                        f"127.0.0.1:{port}", "--union-default-graph"], port, "/") as oxi:
        result = servers.load(oxi.url + "/query", seconds=seconds, body=_form(text))
        rss = oxi.rss_mb()
    report.row("SPARQL", "Oxigraph server (Rust), lookup by IRI", f"{result.rps:.0f} req/s",
               f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, {rss:.0f} MB; ours at "
               f"{ours.rps / result.rps:.2f} of it (target >= 0.8)")


def _rdflib(report: Report, store_root: Path, base: Path, text: str, seconds: float) -> None:
    from pyoxigraph import RdfFormat

    import queries

    store = _open(store_root)
    dump = base / "public.nq"
    with open(dump, "wb") as f:
        for graph in queries.public_graphs(store):
            store.dump(output=f, format=RdfFormat.N_QUADS, from_graph=graph)
    port = servers.free_port()
    _say("rdflib-endpoint (loading the dump into memory)")
    start = time.perf_counter()
    try:
        with servers.serve([sys.executable, "-m", "bench.rdflib_server", str(dump), str(port)], port,
                           "/sparql?query=ASK%7B%7D", timeout=240) as rdf:
            loaded = time.perf_counter() - start
            result = servers.load(rdf.url + "/sparql", seconds=seconds, body=_form(text))
            rss = rdf.rss_mb()
        report.row("SPARQL", "rdflib-endpoint, lookup by IRI", f"{result.rps:.0f} req/s",
                   f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, {rss:.0f} MB resident, "
                   f"{loaded:.0f} s to load and start")
    except RuntimeError as err:
        report.row("SPARQL", "rdflib-endpoint", "failed", str(err)[:100])
    finally:
        dump.unlink(missing_ok=True)


EXPORT_TIMEOUT = 30.0


def _exports(report: Report, store: Path, base: Path) -> None:
    help_text = subprocess.run(measure.cli() + ["export", "network", "--help"], capture_output=True,
                               text=True).stdout
    m = re.search(r"--format \{([^}]*)\}", help_text)
    formats = [f for f in (m[1].split(",") if m else ["gexf", "graphml", "csv"]) if f not in ("png", "svg")]
    variants = [[]] + ([["--metrics"]] if "--metrics" in help_text else [])
    out = base / "exports"
    out.mkdir(exist_ok=True)
    stopped = None
    for fmt in formats:
        for extra in variants:
            label = f"{fmt}{' with metrics' if extra else ''}"
            if stopped and extra:  # exports without metrics (the ones with targets) always run
                report.row("network export", label, "not run", f"the {stopped} export ran out of time")
                continue
            _say(f"network export {fmt} {' '.join(extra)}")
            target = out / (f"net-{fmt}" + ("" if fmt == "csv" else f".{fmt}"))
            seconds, peak, code, tail = measure.run_peak(
                measure.cli() + ["export", "network", "--format", fmt, "--output", str(target), "--store",
                                 str(store)] + extra, timeout=EXPORT_TIMEOUT)
            if code != 0 and seconds >= EXPORT_TIMEOUT:
                report.row("network export", label, f"> {EXPORT_TIMEOUT:.0f} s", f"stopped; peak {peak:.0f} MB")
                stopped = label if extra else stopped
                continue
            if code != 0:
                report.row("network export", label, "failed", tail.strip().splitlines()[-1][:100] if tail else "")
                continue
            verdict = "" if extra else ("ok" if seconds <= 10 and peak <= 1024 else "MISSED")
            report.row("network export", label, f"{seconds:.1f} s", f"peak {peak:.0f} MB resident"
                       + (f"; target <= 10 s, <= 1 GB: {verdict}" if verdict else ""))
