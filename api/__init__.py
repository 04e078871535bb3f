"""The read path: the REST facade, the SPARQL endpoint and the network exports over the store.

``api.main.create_app`` is the web application, ``api.network`` the partner network and its file
formats, ``api.cli`` the ``serve``, ``query`` and ``export`` subcommands. This package reads the
store only (through :mod:`queries` and :mod:`ontology`); it never imports the write path.
"""
