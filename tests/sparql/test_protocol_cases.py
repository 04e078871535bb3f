"""Every case of the W3C SPARQL 1.1 Protocol test manifest (sparql11/protocol/manifest.ttl), by its id.

Our own table of requests and expectations, one row per manifest entry, run over HTTP against a live
server whose store was made with ``interreg-kg load dataset.nq`` (see conftest). The query-side
cases expect what the manifest expects. The update-side cases that expect success (``update_*``)
are answered 403 here on purpose: this endpoint is read-only; the table pins that instead, and the
``bad_update_*`` cases (any 4xx) pass as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from tests.sparql.conftest import KASEI, PROTOCOL_GRAPHS

D0, D1, D2, D3 = (f"{KASEI}data{n}.rdf" for n in range(4))
TABULAR = {"application/sparql-results+json": QueryResultsFormat.JSON,
           "application/sparql-results+xml": QueryResultsFormat.XML,
           "text/csv": QueryResultsFormat.CSV, "text/tab-separated-values": QueryResultsFormat.TSV}
BOOLEAN = {k: v for k, v in TABULAR.items() if k.endswith(("json", "xml"))}
RDF = {"text/turtle": RdfFormat.TURTLE, "application/n-triples": RdfFormat.N_TRIPLES,
       "application/rdf+xml": RdfFormat.RDF_XML, "application/ld+json": RdfFormat.JSON_LD}
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
BOTH_TYPED = f"ASK {{ <{D1}> a ?kind . <{D2}> a ?kind }}"
BOTH_NAMED = f"ASK {{ GRAPH ?first {{ <{D1}> a ?kind }} GRAPH ?second {{ <{D2}> a ?kind }} }}"


@dataclass(frozen=True)
class Case:
    """One protocol request and what must come back."""

    method: str
    params: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    content_type: str | None = None
    status: str = "2xx"  # a status class ("2xx", "4xx") or an exact code ("403")
    form: str | None = None  # "boolean", "tabular" or "RDF"
    boolean: bool | None = None


CASES: dict[str, Case] = {
    # query side: what the manifest expects
    "query_post_form": Case("POST", [("default-graph-uri", D0)], b"query=ASK%20%7B%7D", FORM,
                            form="boolean", boolean=True),
    "query_dataset_default_graphs_get": Case("GET", [("query", BOTH_TYPED), ("default-graph-uri", D1),
                                                     ("default-graph-uri", D2)], form="boolean", boolean=True),
    "query_dataset_default_graphs_post": Case("POST", [("default-graph-uri", D1), ("default-graph-uri", D2)],
                                              BOTH_TYPED.encode(), DIRECT, form="boolean", boolean=True),
    "query_dataset_named_graphs_post": Case("POST", [("named-graph-uri", D1), ("named-graph-uri", D2)],
                                            BOTH_NAMED.encode(), DIRECT, form="boolean", boolean=True),
    "query_dataset_named_graphs_get": Case("GET", [("query", BOTH_NAMED), ("named-graph-uri", D1),
                                                   ("named-graph-uri", D2)], form="boolean", boolean=True),
    "query_dataset_full": Case("POST", [("default-graph-uri", D3), ("named-graph-uri", D1), ("named-graph-uri", D2)],
                               f"ASK {{ <{D3}> a ?kind GRAPH ?a {{ <{D1}> a ?kind }} GRAPH ?b {{ <{D2}> a ?kind }} }}"
                               .encode(), DIRECT, form="boolean", boolean=True),
    # the protocol's dataset wins over FROM: FROM <data3> alone would leave no named graphs
    "query_multiple_dataset": Case("POST", [("named-graph-uri", D1), ("named-graph-uri", D2)],
                                   BOTH_NAMED.replace("ASK {", f"ASK FROM <{D3}> {{", 1).encode(), DIRECT,
                                   form="boolean", boolean=True),
    "query_get": Case("GET", [("query", "ASK {}"), ("default-graph-uri", D0)], form="boolean", boolean=True),
    "query_content_type_select": Case("POST", [("default-graph-uri", D0)], b"SELECT (1 AS ?one) {}", DIRECT,
                                      form="tabular"),
    "query_content_type_ask": Case("POST", [("default-graph-uri", D0)], b"ASK {}", DIRECT, form="boolean"),
    "query_content_type_describe": Case("POST", [("default-graph-uri", D0)], b"DESCRIBE <http://example.org/>",
                                        DIRECT, form="RDF"),
    # relative IRIs resolve against the endpoint's URL (the service-defined base)
    "query_content_type_construct": Case("POST", [("default-graph-uri", D0)], b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                                         DIRECT, form="RDF"),
    "query_post_direct": Case("POST", [], b"ASK {}", DIRECT, form="boolean", boolean=True),
    "bad_query_method": Case("PUT", [("query", "ASK {}"), ("default-graph-uri", D0)], b"", FORM, status="4xx"),
    "bad_multiple_queries": Case("GET", [("query", "ASK {}"), ("query", "SELECT * {}")], status="4xx"),
    "bad_query_wrong_media_type": Case("POST", [], b"ASK {}", "text/plain", status="4xx"),
    "bad_query_missing_form_type": Case("POST", [], b"query=ASK%20%7B%7D", None, status="4xx"),
    "bad_query_missing_direct_type": Case("POST", [], b"ASK {}", None, status="4xx"),
    "bad_query_non_utf8": Case("POST", [], "ASK {}".encode("utf-16"), DIRECT + "; charset=UTF-16", status="4xx"),
    "bad_query_syntax": Case("GET", [("query", "ASK {")], status="4xx"),
    # update side: refused (read-only), where the manifest expects success
    "update_dataset_default_graph": Case("POST", [("using-graph-uri", D1)],
                                         b"INSERT DATA { <http://e/x> <http://e/y> 1 }", UPDATE, status="403"),
    "update_dataset_default_graphs": Case("POST", [("using-graph-uri", D1), ("using-graph-uri", D2)],
                                          b"CLEAR DEFAULT", UPDATE, status="403"),
    "update_dataset_named_graphs": Case("POST", [("using-named-graph-uri", D1)], b"CLEAR NAMED", UPDATE,
                                        status="403"),
    "update_dataset_full": Case("POST", [("using-graph-uri", D1), ("using-named-graph-uri", D2)], b"CLEAR ALL",
                                UPDATE, status="403"),
    "update_post_form": Case("POST", [], b"update=CLEAR+ALL", FORM, status="403"),
    "update_post_direct": Case("POST", [], b"CLEAR ALL", UPDATE, status="403"),
    "update_base_uri": Case("POST", [], b"CLEAR SILENT GRAPH <http://example.org/base-test/>", UPDATE, status="403"),
    # update side: errors the manifest expects (any 4xx)
    "bad_update_get": Case("GET", [("update", "CLEAR ALL")], status="4xx"),
    "bad_multiple_updates": Case("POST", [], b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM, status="4xx"),
    "bad_update_wrong_media_type": Case("POST", [], b"CLEAR NAMED", "text/plain", status="4xx"),
    "bad_update_missing_form_type": Case("POST", [], b"update=CLEAR%20NAMED", None, status="4xx"),
    "bad_update_non_utf8": Case("POST", [], "CLEAR NAMED".encode("utf-16"), UPDATE + "; charset=UTF-16",
                                status="4xx"),
    "bad_update_syntax": Case("POST", [], b"update=CLEAR%20XYZ", FORM, status="4xx"),
    "bad_update_dataset_conflict": Case("POST", [("using-named-graph-uri", "http://example/people")],
                                        b"WITH <http://example/a> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", UPDATE,
                                        status="4xx"),
}
#: the manifest's entries, in its order (34): every one has a row above
MANIFEST_IDS = (
    "query_post_form query_dataset_default_graphs_get query_dataset_default_graphs_post "
    "query_dataset_named_graphs_post query_dataset_named_graphs_get query_dataset_full query_multiple_dataset "
    "query_get query_content_type_select query_content_type_ask query_content_type_describe "
    "query_content_type_construct update_dataset_default_graph update_dataset_default_graphs "
    "update_dataset_named_graphs update_dataset_full update_post_form update_post_direct update_base_uri "
    "query_post_direct bad_query_method bad_multiple_queries bad_query_wrong_media_type "
    "bad_query_missing_form_type bad_query_missing_direct_type bad_query_non_utf8 bad_query_syntax "
    "bad_update_get bad_multiple_updates bad_update_wrong_media_type bad_update_missing_form_type "
    "bad_update_non_utf8 bad_update_syntax bad_update_dataset_conflict"
).split()


def test_the_table_covers_every_manifest_entry():
    assert len(MANIFEST_IDS) == 34
    assert sorted(CASES) == sorted(MANIFEST_IDS)


def _status_ok(expected: str, status: int) -> bool:
    return str(status)[0] == expected[0] if expected.endswith("xx") else status == int(expected)


@pytest.mark.parametrize("case_id", MANIFEST_IDS)
def test_protocol_case(protocol_server, case_id):
    case = CASES[case_id]
    headers = {"Content-Type": case.content_type} if case.content_type else {}
    response = httpx.request(case.method, f"{protocol_server.url}/sparql", params=case.params,
                             content=case.body, headers=headers, timeout=30)
    assert _status_ok(case.status, response.status_code), (response.status_code, response.text)
    media = response.headers.get("content-type", "").split(";")[0]
    if case.form == "boolean":
        assert media in BOOLEAN
        answer = parse_query_results(response.content, format=BOOLEAN[media])
        if case.boolean is not None:
            assert bool(answer) is case.boolean
    elif case.form == "tabular":
        assert media in TABULAR
        rows = list(parse_query_results(response.content, format=TABULAR[media]))
        assert [row["one"].value for row in rows] == ["1"]
    elif case.form == "RDF":
        assert media in RDF
        triples = list(parse(response.content, format=RDF[media]))
        if case_id.endswith("construct"):
            assert [t.subject.value for t in triples] == [f"{protocol_server.url}/s"]
    elif response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == response.status_code


def test_updates_left_the_store_as_it_was(protocol_server):
    """After the update cases ran (or not), the loaded graphs still hold every triple of the file."""
    graphs = " ".join(f"<{g}>" for g in PROTOCOL_GRAPHS)
    response = httpx.get(f"{protocol_server.url}/sparql", params={
        "query": f"SELECT (COUNT(*) AS ?n) {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"})
    expected = sum(len(triples) for triples in PROTOCOL_GRAPHS.values())
    assert response.json()["results"]["bindings"][0]["n"]["value"] == str(expected)
