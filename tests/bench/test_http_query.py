"""bench/measure.py ``http_query``: the "query over HTTP" timings post on one kept-alive connection,
open another when the server closed it, and fail on an error status (a tiny local server stands in
for the endpoint)."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import pytest

from bench import measure
from tests.support.local_http import serving


@pytest.fixture
def endpoint():
    """A server on a free port; its ``seen`` lists (client port, query) per request."""
    seen: list[tuple[int, str]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            length = int(self.headers["Content-Length"])
            query = parse_qs(self.rfile.read(length).decode())["query"][0]
            seen.append((self.client_address[1], query))
            status = 400 if query == "bad" else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            if query == "last":
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"{}")
            if query == "last":
                self.close_connection = True

        def log_message(self, *args) -> None:
            pass

    with serving(Handler) as url:
        try:
            yield f"{url}/sparql", seen
        finally:
            measure.close_connections()


def test_queries_share_one_connection_until_the_server_closes_it(endpoint):
    url, seen = endpoint
    for query in ("ASK {}", "ASK { ?s ?p ?o }", "last", "after"):
        measure.http_query(url, query)
    assert [q for _, q in seen] == ["ASK {}", "ASK { ?s ?p ?o }", "last", "after"]
    ports = [port for port, _ in seen]
    assert ports[0] == ports[1] == ports[2] != ports[3]


def test_an_error_status_raises(endpoint):
    url, seen = endpoint
    with pytest.raises(OSError, match="HTTP 400"):
        measure.http_query(url, "bad")
    measure.http_query(url, "ASK {}")
    assert [q for _, q in seen] == ["bad", "ASK {}"]


def test_the_overhead_times_in_process_and_over_http_in_turn_on_a_connection_of_its_own(endpoint):
    """The endpoint overhead's child (bench.run._in_process_and_over_http): as many calls of each, in
    turn, and none on the connection its parent keeps (two processes on one socket would mix answers)."""
    from pyoxigraph import Store

    from bench import run

    url, seen = endpoint
    TEXT = "SELECT * WHERE { ?s ?p ?o }"  # noqa: N806 - a constant of this test
    measure.http_query(url, "parent")
    parent_port = seen[-1][0]
    local, remote, reference = measure.bounded(lambda: run._in_process_and_over_http(Store(), TEXT, url), 30.0)
    assert local.runs == remote.runs >= 3 and reference is None
    child_ports = {port for port, query in seen if query == TEXT}
    assert len(child_ports) == 1 and parent_port not in child_ports
    measure.http_query(url, "parent again")
    assert seen[-1] == (parent_port, "parent again")


def test_the_overhead_times_a_reference_server_in_the_same_rounds(endpoint):
    """With the Oxigraph server's URL (here the same stand-in), the child times the three in turn: one
    call to the reference first (to see that it takes the text), then as many of each."""
    from pyoxigraph import Store

    from bench import run, servers

    url, seen = endpoint
    TEXT = "SELECT * WHERE { ?s ?p ?o }"  # noqa: N806 - a constant of this test
    local, remote, reference = measure.bounded(lambda: run._in_process_and_over_http(Store(), TEXT, url, url), 30.0)
    assert local.runs == remote.runs == reference.runs >= 3
    assert sum(1 for _, query in seen if query == TEXT) == 2 * local.runs + 1
    refused = f"http://127.0.0.1:{servers.free_port()}/query"  # nothing listens there
    local, remote, reference = measure.bounded(lambda: run._in_process_and_over_http(Store(), TEXT, url, refused),
                                               30.0)
    assert reference is None and local.runs == remote.runs >= 3
