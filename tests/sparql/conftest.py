"""Fixtures of the SPARQL endpoint tests: stores loaded as researchers load RDF, live servers, listeners.

- ``protocol_root``: a store root made by ``interreg-kg load dataset.nq`` (the console script, as a
  researcher would run it) from the dataset the W3C protocol tests describe: three graphs named
  ``http://kasei.us/2009/09/sparql/data/dataN.rdf``, each saying that its own IRI is a
  ``foaf:Document``, plus one graph of literals of our own for the client tests. The file is
  written here from :data:`PROTOCOL_GRAPHS`; nothing is read from ../shared.
- ``contacts_root``: a build written directly (the loader refuses contacts graphs from files) with a
  document graph in its public store and a contacts graph in its contacts store, for the "never
  widened to contacts" checks.
- :class:`LiveServer`: uvicorn serving ``create_app(settings)`` on a free loopback port in a thread.
- :class:`Listener`: a socket server on 127.0.0.1 that records every connection and answers one
  SPARQL JSON row, standing in for a remote SPARQL endpoint.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from pyoxigraph import Literal, NamedNode, Quad, Store

import interreg_kg
from api.main import create_app
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, DOCUMENT_GRAPH_PREFIX
from ontology.settings import Settings
from ontology.storage import contacts_store_path, new_build_dir, publish

KASEI = "http://kasei.us/2009/09/sparql/data/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
EX = "http://example.org/interreg-kg-tests/"
EXTRA_GRAPH = EX + "extra"
#: graph IRI -> its triples (subject, predicate, object term in N-Triples syntax)
PROTOCOL_GRAPHS: dict[str, list[tuple[str, str, str]]] = {
    f"{KASEI}data{n}.rdf": [(f"{KASEI}data{n}.rdf", RDF_TYPE, f"<{FOAF_DOCUMENT}>")] for n in (1, 2, 3)
}
PROTOCOL_GRAPHS[EXTRA_GRAPH] = [
    (EX + "agir", EX + "title", '"Agir ensemble"@fr'),
    (EX + "agir", EX + "title", '"Acting together"@en'),
    (EX + "agir", EX + "partners", '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    (EX + "agir", EX + "note", '"a line, with \\"quotes\\"\\nand a tab\\t."'),
]
CONTACT_NAME = "Jeanne Exemple"
CONTACTS_GRAPH = CONTACTS_GRAPH_PREFIX + "d900"
DOCUMENT_GRAPH = DOCUMENT_GRAPH_PREFIX + "d900"


def nquads(graphs: dict[str, list[tuple[str, str, str]]]) -> str:
    """The graphs as N-Quads text."""
    return "".join(f"<{s}> <{p}> {o} <{g}> .\n" for g, triples in graphs.items() for s, p, o in triples)


@pytest.fixture(scope="session")
def protocol_root(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("protocol")
    dataset = folder / "dataset.nq"
    dataset.write_text(nquads(PROTOCOL_GRAPHS), encoding="utf-8")
    root = folder / "store"
    assert interreg_kg.main(["load", "--store", str(root), "--no-progress", str(dataset)]) == 0
    return root


@pytest.fixture(scope="session")
def contacts_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("contacts") / "store"
    build = new_build_dir(root)
    person, project = NamedNode(EX + "person/1"), NamedNode(EX + "project/1")
    public_quad = Quad(project, NamedNode(EX + "title"), Literal("Public project"), NamedNode(DOCUMENT_GRAPH))
    contact_quad = Quad(person, NamedNode("http://www.w3.org/2006/vcard/ns#fn"), Literal(CONTACT_NAME),
                        NamedNode(CONTACTS_GRAPH))
    for path, quad in ((build, public_quad), (contacts_store_path(build), contact_quad)):  # the build's two stores
        store = Store(str(path))
        store.add(quad)
        store.flush()
        del store
    publish(root, build)
    return root


class LiveServer:
    """uvicorn serving the app of ``settings`` on a free loopback port, in a thread."""

    def __init__(self, settings: Settings) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.app = create_app(settings)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.app.state.query_pool.close()


@pytest.fixture(scope="session")
def protocol_server(protocol_root):
    """The endpoint over the protocol dataset, with the default guards."""
    with LiveServer(Settings(store=protocol_root)) as live:
        yield live


class Listener:
    """A stand-in remote SPARQL endpoint on 127.0.0.1 that records each request it receives."""

    ANSWER = b'{"head":{"vars":["remote"]},"results":{"bindings":[{"remote":{"type":"literal","value":"from afar"}}]}}'

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.requests: list[bytes] = []
        self.connections = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(5)
                data = b""
                try:
                    while b"\r\n\r\n" not in data:
                        data += conn.recv(65536)
                    head, _, body = data.partition(b"\r\n\r\n")
                    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                                   if line.lower().startswith(b"content-length:")), 0)
                    while len(body) < length:
                        body += conn.recv(65536)
                    self.requests.append(head + b"\r\n\r\n" + body)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(self.ANSWER) + self.ANSWER)
                except OSError:
                    continue

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener():
    with Listener() as running:
        yield running
