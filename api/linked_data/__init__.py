"""Linked data: the JSON-LD context of the REST answers, ``/id/...`` dereferencing (RDF by Accept, HTML
for a browser), the ontology's documentation, and the VoID/DCAT description of the dataset."""
