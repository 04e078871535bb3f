"""The rows every projection is built from: one :class:`Participation` per organisation, project and
role, read with the ``network_participations`` query. Names, places, dates and budgets only: no
person, e-mail or telephone is ever read here, so none can reach an export.

>>> from pyoxigraph import Store
>>> read_participations(Store())
()
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import QueryResultsFormat, Store

import queries
from api.network.filters import Filters
from ontology.namespaces import ID, IRG

__all__ = ["Participation", "read_participations", "read_organisations", "read_projects", "ROLE_RANK",
           "EXPORT_QUERIES", "paused_gc"]

ROLE_RANK = {"lead": 0, "partner": 1, "unknown": 2, "associated": 3}
ROLE_IRI = ID + "role/"
_NONE = "\U0010FFFF"  # what queries/network/organisations.rq and projects.rq give for "none"
_NO_IRI = IRG + "none"
#: the queries only the exports read (not named queries: no parameters, rows for a program)
EXPORT_QUERIES = queries.QUERY_DIR / "network"


@dataclass(frozen=True, slots=True)
class Participation:
    """One organisation in one project.

    ``organisation`` and ``project`` are IRIs; ``role`` is ``lead``, ``partner``, ``associated`` or
    ``unknown``; ``country`` an ISO alpha-2 code or ``""``; ``start``/``end`` the project's dates
    (either may be None); ``budget`` its total budget in euros, or None.
    """

    organisation: str
    name: str
    country: str
    city: str
    project: str
    acronym: str
    role: str
    start: dt.date | None = None
    end: dt.date | None = None
    budget: float | None = None


def read_participations(store: Store, filters: Filters | None = None) -> tuple[Participation, ...]:
    """The participations ``filters`` keep, one per organisation and project (its highest role),
    sorted by organisation and project.

    Three queries: the participations (who takes part in what), then the names and places of the
    organisations (:func:`read_organisations`) and the acronyms, dates and budgets of the projects
    (:func:`read_projects`), one row each: joining them per participation in SPARQL multiplies rows
    by the documents that repeat them. Without a filter on projects or organisations the
    participations are every one ``queries/network/participations.rq`` gives, with ``lead_only`` and
    ``include_associated`` applied here (the rows ``network_participations`` gives, in 0.6 of its
    time at 35,000 documents: no per-row filter, parameter column or DISTINCT); with one,
    ``network_participations`` filters them. They read every graph but ``graph:contacts/*``
    (``GRAPH ?g`` and an anti-join), on the union default graph: listing thousands of document graphs
    as the default graph makes Oxigraph about a hundred times slower. Their results are read as CSV
    serialised by Oxigraph (a Python object per term costs more than the query); a participation's
    name, place and acronym strings are those of its organisation's and project's rows, shared.

    :raises queries.ParameterError: a filter value that does not fit (an unknown kind of id, a bad date).
    """
    filters = filters or Filters()
    with paused_gc():  # hundreds of thousands of rows and tuples: no cycle among them to look for
        rows = _participation_rows(store, filters)
        if not rows:
            return ()
        # organisation -> project -> role name: sorting the organisations, then each one's few
        # projects, gives the order of sorting the (organisation, project) pairs with far fewer
        # comparisons of IRIs that share their first 45 characters
        best: dict[str, dict[str, str]] = {}
        rank, role_name = ROLE_RANK.get, _role_names()
        for org, project, role, *_ in rows:
            role = role_name(role)
            held_by_org = best.get(org)
            if held_by_org is None:
                best[org] = {project: role}
                continue
            held = held_by_org.get(project)
            if held is None or rank(role, 2) < rank(held, 2):
                held_by_org[project] = role
        del rows
        orgs, projects = read_organisations(store), read_projects(store)
        out = []
        make, project_of, no_project = Participation, projects.get, (None, None, None)
        for org in sorted(best):
            name, country, city = orgs.get(org) or (org.rsplit("/", 1)[-1], "", "")
            roles = best[org]
            for project in sorted(roles) if len(roles) > 1 else roles:
                acronym, start, end, budget = project_of(project) or (project.rsplit("/", 1)[-1], *no_project)
                out.append(make(org, name, country, city, project, acronym, roles[project], start, end, budget))
        return tuple(out)


def read_organisations(store: Store) -> dict[str, tuple[str, str, str]]:
    """Name, country and city by organisation IRI, as ``network_organisations`` gives them (the first
    of each in alphabetical order; the name defaults to the IRI's last segment, the others to ``""``),
    read with ``queries/network/organisations.rq`` (also for subjects that take part in nothing)."""
    out = {}
    for org, name, country, city in _csv(store, EXPORT_QUERIES / "organisations.rq", {}):
        out[org] = (name if name and name != _NONE else org.rsplit("/", 1)[-1],
                    "" if country == _NONE else country, "" if city == _NONE else city)
    return out


def read_projects(store: Store) -> dict[str, tuple[str, dt.date | None, dt.date | None, float | None]]:
    """Acronym, earliest start, latest end and largest total budget by IRI of each irg:Project, as
    ``network_projects`` gives them (the acronym defaults to the IRI's last segment, the others to
    None), read with ``queries/network/projects.rq``."""
    out = {}
    for project, typed, acronym, start, end, budget in _csv(store, EXPORT_QUERIES / "projects.rq", {}):
        if typed == "1":
            out[project] = (acronym if acronym and acronym != _NONE else project.rsplit("/", 1)[-1],
                            None if start == _NONE else _date(start), None if end == _NO_IRI else _date(end),
                            None if budget == _NO_IRI else _budget(budget))
    return out


def _participation_rows(store: Store, filters: Filters) -> list[list[str]]:
    """Rows starting with organisation, project and role IRI (``""`` unbound): those ``filters`` keep."""
    if filters.narrows_scope():
        return _csv(store, "network_participations", filters.params())
    queries.load("network_participations").bindings(filters.params())  # the same checks of the values
    rows = _csv(store, EXPORT_QUERIES / "participations.rq", {})
    if filters.lead_only:
        return [r for r in rows if r[2] == ROLE_IRI + "lead"]
    if not filters.include_associated:
        return [r for r in rows if r[2] != ROLE_IRI + "associated"]
    return rows


def _role_names():
    """A function from a role IRI (``""`` unbound) to its name (``lead``, ..., ``unknown``), remembered."""
    names: dict[str, str] = {}

    def name(iri: str) -> str:
        found = names.get(iri)
        if found is None:
            found = names[iri] = iri.rsplit("/", 1)[-1] if iri else "unknown"
        return found

    return name


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are made: it would scan them
    again and again as they grow (about 1 s of an export at 35,000 documents). Restores its state."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _csv(store: Store, name: str | Path, params: dict[str, str]) -> list[list[str]]:
    """The rows of a named query (or a ``.rq`` file) as strings (the CSV results format: an IRI or a
    literal's lexical form, ``""`` when unbound), without the header."""
    named = queries.load(name)
    solutions = store.query(named.text, substitutions=named.bindings(params), use_default_graph_as_union=True)
    try:  # pyoxigraph's solutions must be dropped on the thread that made them
        body = solutions.serialize(format=QueryResultsFormat.CSV)
    finally:
        del solutions
    text = body.decode("utf-8")
    lines = text.split("\r\n")
    if '"' not in text and "," in lines[0]:  # no field is quoted, so none holds a comma or a line break
        if lines[-1] == "":
            lines.pop()
        return [line.split(",") for line in lines[1:]]
    return list(csv.reader(io.StringIO(text, newline="")))[1:]


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _budget(text: str) -> float | None:
    try:
        return round(float(text), 2) if text else None
    except ValueError:
        return None
