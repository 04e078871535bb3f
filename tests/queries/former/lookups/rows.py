"""The former row building of ``queries.run`` (before rows were zipped from a solution's terms): kept to
hold the current code to it in ``tests/queries/test_lookup_rows.py``."""

from __future__ import annotations

from pyoxigraph import QuerySolutions


def page(solutions: QuerySolutions, offset: int = 0, limit: int | None = None) -> tuple[tuple, list[dict], int]:
    """The variables, the rows of the page and the total, built as ``run`` built them: a look-up by name
    per column of each solution."""
    variables = tuple(v.value for v in solutions.variables)
    total, rows = 0, []
    stop = None if limit is None else offset + limit
    for i, solution in enumerate(solutions):
        total += 1
        if i >= offset and (stop is None or i < stop):
            rows.append({v: solution[v] for v in variables})
    return variables, rows, total
