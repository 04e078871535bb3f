"""The SPARQL 1.1 Service Description of ``/sparql`` (what ``GET /sparql`` without a query answers).

It says, in the SD vocabulary, that the service answers SPARQL 1.1 queries in the listed result
formats; that its default dataset's default graph is the union of its named graphs
(``sd:UnionDefaultGraph``) and lists those graphs: for ``/sparql`` the document graphs, the
vocabularies, the ontology and the loaded RDF files, never the contact-detail graphs (they are in
another store); for ``/sparql/contacts`` (``personal=True``) the contact-detail graphs; and, when
SERVICE endpoints are allowed, that it makes federated queries (``sd:BasicFederatedQuery``).

>>> ttl = description("http://localhost/sparql", [NamedNode("https://e/g")]).decode()
>>> "sd:UnionDefaultGraph" in ttl and "<https://e/g>" in ttl
True
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

__all__ = ["description", "SD"]

SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_FORMATS = "http://www.w3.org/ns/formats/"
_FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def description(endpoint: str, graphs: Sequence[NamedNode], services: Collection[str] = (), *,
                personal: bool = False) -> bytes:
    """The service description of the endpoint at ``endpoint`` serving ``graphs``, in Turtle.

    :param endpoint: the endpoint's own URL (``sd:endpoint``).
    :param graphs: the named graphs served; the default graph is their union.
    :param services: the allowed SERVICE endpoints (non-empty adds ``sd:BasicFederatedQuery``).
    :param personal: the endpoint serves the contact-detail graphs (``/sparql/contacts``).
    """
    comment = ("The union of the contact-detail graphs listed in this dataset: contact points, persons, "
               "e-mails, telephones and the texts naming them (personal data)." if personal else
               "The union of the named graphs listed in this dataset: one graph per source document, the "
               "vocabularies, the ontology and loaded RDF files. Contact details of people are not served.")
    service, dataset, default = NamedNode(endpoint), BlankNode(), BlankNode()
    triples = [
        Triple(service, _RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), service),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, _RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default),
        Triple(default, _RDF_TYPE, _sd("Graph")),
        Triple(default, _COMMENT, Literal(comment, language="en")),
    ]
    if services:
        triples.append(Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    triples += [Triple(service, _sd("resultFormat"), NamedNode(_FORMATS + f)) for f in _FORMAT_IRIS]
    for graph in graphs:
        node = BlankNode()
        triples += [Triple(dataset, _sd("namedGraph"), node),
                    Triple(node, _RDF_TYPE, _sd("NamedGraph")),
                    Triple(node, _sd("name"), graph)]
    prefixes = {"sd": SD, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    return serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes) or b""
