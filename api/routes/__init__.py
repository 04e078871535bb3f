"""One router per resource: projects, partners, vocabularies, network, sparql, service."""
