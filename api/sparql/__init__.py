"""The SPARQL endpoint's machinery behind :mod:`api.routes.sparql`.

- :mod:`api.sparql.text` reads a query's FROM clauses and SERVICE endpoints from its tokens;
- :mod:`api.sparql.dataset` works out the dataset a query may see (no contacts graph unless
  :mod:`api.privacy` allows personal data);
- :mod:`api.sparql.federation` refuses SERVICE calls outside ``INTERREG_KG_SERVICE_ALLOW``;
- :mod:`api.sparql.execute` runs a query and serializes it, with the row limit;
- :mod:`api.sparql.pool` runs queries in worker processes that are killed at the time limit;
- :mod:`api.sparql.description` is the service description;
- :mod:`api.sparql.errors` the errors of these guards.
"""
