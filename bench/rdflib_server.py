"""rdflib-endpoint over an N-Quads dump, for the SPARQL endpoint comparison at 1,000 documents.

``python -m bench.rdflib_server DUMP.nq PORT`` holds the dump in an rdflib ``Dataset`` (default graph
the union of its graphs) and serves it at ``http://127.0.0.1:PORT/sparql`` with uvicorn's defaults.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str]) -> None:
    """Load ``argv[0]`` and serve it on port ``argv[1]`` until stopped."""
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)
    dataset.parse(argv[0], format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", title="bench rdflib-endpoint")
    uvicorn.run(app, host="127.0.0.1", port=int(argv[1]), log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
