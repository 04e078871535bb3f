"""A query worker process: jobs in on stdin, answers out on stdout (see :mod:`api.sparql.pool`).

Started as ``python -c "from api.sparql.worker import main; main()"``: a fresh interpreter that
imports only pyoxigraph and :mod:`api.sparql.execute` (not the web framework), says it is ready,
then serves jobs until its stdin closes. It holds the stores jobs name open read-only (the last two:
a build's public store and its contacts store) and opens another when a job names it.
"""

from __future__ import annotations

import os
from multiprocessing.connection import Connection

__all__ = ["serve_jobs", "main", "READY"]

READY = "ready"


def serve_jobs(jobs: Connection, replies: Connection) -> None:
    """Receive ``(store path, job)``, send back ``("ok", Answer)`` or ``("error", exception)``, until EOF."""
    from pyoxigraph import Store

    from api.sparql.execute import run

    replies.send((READY, os.getpid()))
    opened: dict[str, Store] = {}  # path -> store, the most recently used last
    while True:
        try:
            path, job = jobs.recv()
        except (EOFError, OSError):
            return  # the server went away
        try:
            store = opened.pop(path, None)
            if store is None:
                while len(opened) > 1:  # let an old build's store close before opening another
                    del opened[next(iter(opened))]
                store = Store.read_only(path)
            opened[path] = store
            del store
            reply = ("ok", run(opened[path], job))
        except Exception as exc:  # sent to the server, which maps it to an HTTP status
            reply = ("error", exc)
        try:
            replies.send(reply)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # an unpicklable exception: send its text instead
            replies.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def main() -> None:
    """Entry point: replies go to the original stdout, anything printed goes to stderr."""
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    serve_jobs(Connection(0, writable=False), replies)
