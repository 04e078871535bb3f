"""Named SPARQL queries: the ``queries/*.rq`` files, their parameters, and how to run them.

A leaf package: the write path and the read path both import it, it imports only ``ontology``.
Each ``.rq`` file starts with a header comment block::

    # title: Projects of a programme
    # description: One row per project of the programme, newest first.
    # param programme: iri:programme -- the programme (its id, e.g. iii-a, or its full IRI)
    # param country: country = FR -- ISO 3166 alpha-2 code

A parameter type is one of ``iri`` (an absolute IRI), ``iri:KIND`` (an id of that kind of
:data:`ontology.iris.KINDS`, or a full IRI), ``string``, ``country`` (two letters, upper-cased),
``integer``, ``decimal``, ``date`` (YYYY-MM-DD) or ``boolean``. Values are bound as typed RDF terms
with pyoxigraph's ``substitutions=``, never pasted into the query text, so a value cannot change
what a query does. A parameter left out is unbound; queries test that with
``COALESCE(STR(?p), "") = ""`` (pyoxigraph's ``BOUND`` does not see substituted values), and a
parameter must appear in the query's SELECT clause for pyoxigraph to substitute it.

Queries run on Oxigraph's union default graph: the union of every named graph of the store. The
stores of a build are two (``docs/decisions/0006-contacts-store.md``): readers hand :func:`run` the
public store, which holds no personal data (the ``graph:contacts/*`` graphs are in the contacts
store beside it), so the union is the public graph, read with one index probe per pattern.

>>> q = parse("# title: T\\n# param n: integer = 3 -- how many\\nSELECT ?n WHERE {}", name="t")
>>> q.title, [(p.name, p.type, p.default) for p in q.parameters]
('T', [('n', 'integer', '3')])
>>> run(Store(), q, {"n": "4"}).rows[0]["n"].value
'4'
>>> run(Store(), q, {"n": "four"})
Traceback (most recent call last):
...
queries.errors.ParameterError: parameter 'n' of query 't' must be a whole number, not 'four'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QuerySolutions, Store, Variable

from ontology.iris import KINDS, mint_concept
from ontology.namespaces import CONTACTS_GRAPH_PREFIX
from queries.errors import ParameterError, QueryError, QueryHeaderError, UnknownQueryError

__all__ = [
    "QUERY_DIR",
    "TYPES",
    "Parameter",
    "NamedQuery",
    "Rows",
    "names",
    "load",
    "parse",
    "run",
    "public_graphs",
    "value",
    "QueryError",
    "UnknownQueryError",
    "QueryHeaderError",
    "ParameterError",
]

QUERY_DIR = Path(__file__).resolve().parent
TYPES = ("iri", "string", "country", "integer", "decimal", "date", "boolean")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER = re.compile(r"^#\s*(title|description)\s*:\s*(.*)$")
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_]\w*)\s*:\s*([\w:-]+)(?:\s*=\s*(\S+))?\s*(?:--\s*(.*))?$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")
_LOCAL_ID = re.compile(r"^[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*$")


@dataclass(frozen=True, slots=True)
class Parameter:
    """One declared parameter of a named query.

    :param name: the SPARQL variable it binds (without ``?``).
    :param type: one of :data:`TYPES`, or ``iri:KIND`` with KIND in :data:`ontology.iris.KINDS`.
    :param default: the raw value used when the caller gives none, or None (then it stays unbound).
    :param description: what it does, for help texts and the API docs.
    """

    name: str
    type: str
    default: str | None = None
    description: str = ""

    def term(self, raw: str, query: str = "query") -> NamedNode | Literal:
        """The RDF term for the raw text ``raw``; raises :class:`ParameterError` if it does not fit.

        >>> Parameter("p", "iri:programme").term("iii-a").value
        'https://w3id.org/interreg-kg/id/programme/iii-a'
        >>> Parameter("c", "country").term("fr").value
        'FR'
        """
        def bad(expected: str) -> ParameterError:
            return ParameterError(f"parameter {self.name!r} of query {query!r} must be {expected}, not {raw!r}")

        kind = self.type.partition(":")[2]
        if self.type == "iri" or kind:
            if kind and _LOCAL_ID.match(raw) and not _ABSOLUTE_IRI.match(raw):
                return NamedNode(mint_concept(kind, raw))
            if not _ABSOLUTE_IRI.match(raw):
                raise bad(f"an id of a {kind} or an absolute IRI" if kind else "an absolute IRI")
            try:
                return NamedNode(raw)
            except ValueError:
                raise bad("an absolute IRI") from None
        if self.type == "string":
            return Literal(raw)
        if self.type == "country":
            if not re.fullmatch(r"[A-Za-z]{2}", raw):
                raise bad("a two-letter country code")
            return Literal(raw.upper())
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d{1,18}", raw.strip()):
                raise bad("a whole number")
            return Literal(str(int(raw)), datatype=NamedNode(_XSD + "integer"))
        if self.type == "decimal":
            try:
                number = Decimal(raw.strip())
            except InvalidOperation:
                raise bad("a decimal number") from None
            if not number.is_finite():
                raise bad("a finite decimal number")
            return Literal(str(number), datatype=NamedNode(_XSD + "decimal"))
        if self.type == "date":
            try:
                return Literal(dt.date.fromisoformat(raw.strip()).isoformat(), datatype=NamedNode(_XSD + "date"))
            except ValueError:
                raise bad("a date YYYY-MM-DD") from None
        if self.type == "boolean":
            if raw.strip().lower() not in ("true", "false", "1", "0"):
                raise bad("true or false")
            return Literal(raw.strip().lower() in ("true", "1"))
        raise QueryHeaderError(f"query {query!r} declares parameter {self.name!r} of unknown type {self.type!r}")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query with its header: ``name``, ``title``, ``description``, ``parameters``, ``text``."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path | None = None

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise ParameterError(f"query {self.name!r} has no parameter {name!r}; its parameters: {known}")

    def bindings(self, params: Mapping[str, str] | None = None) -> dict[Variable, NamedNode | Literal]:
        """The substitutions for ``params`` plus the defaults of parameters not given.

        Empty values count as not given. Raises :class:`ParameterError` for an undeclared name or a
        value that does not fit its type.
        """
        given = {k: v for k, v in (params or {}).items() if v is not None and v != ""}
        for name in given:
            self.parameter(name)
        out: dict[Variable, NamedNode | Literal] = {}
        for p in self.parameters:
            raw = given.get(p.name, p.default)
            if raw is not None:
                out[Variable(p.name)] = p.term(raw, self.name)
        return out


@dataclass(frozen=True, slots=True)
class Rows:
    """The solutions of a SELECT: ``variables``, the page of ``rows`` and the ``total`` before paging.

    Each row maps a variable name to a pyoxigraph term, or None when unbound.
    """

    variables: tuple[str, ...]
    rows: tuple[dict, ...]
    total: int

    def values(self) -> list[dict[str, object]]:
        """The rows with every term turned into a Python value (see :func:`value`)."""
        return [{k: value(v) for k, v in row.items()} for row in self.rows]


def parse(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """Read the header comment block of a query text; raises :class:`QueryHeaderError`."""
    title, description, parameters = "", [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if m := _HEADER.match(stripped):
            if m.group(1) == "title":
                title = m.group(2).strip()
            else:
                description.append(m.group(2).strip())
        elif stripped.startswith("#") and re.match(r"^#\s*param\b", stripped):
            m = _PARAM.match(stripped)
            if not m:
                raise QueryHeaderError(f"query {name!r}: cannot read parameter line {stripped!r}")
            pname, ptype, default, pdesc = m.groups()
            base, _, kind = ptype.partition(":")
            if base not in TYPES or (kind and (base != "iri" or kind not in KINDS)):
                raise QueryHeaderError(f"query {name!r}: parameter {pname!r} has unknown type {ptype!r}")
            parameters.append(Parameter(pname, ptype, default, (pdesc or "").strip()))
        elif description and re.match(r"^#\s{2,}\S", line):
            description.append(stripped.lstrip("#").strip())
    query = NamedQuery(name, title or name, " ".join(description), tuple(parameters), text, path)
    for p in query.parameters:
        if p.default is not None:
            p.term(p.default, name)
    return query


def names() -> list[str]:
    """The names of the packaged queries (the ``.rq`` file names without suffix), sorted.

    >>> "projects" in names() and "counts" in names()
    True
    """
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def load(name: str | Path) -> NamedQuery:
    """A packaged query by name (``"projects"``) or a ``.rq`` file by path.

    Raises :class:`UnknownQueryError` (which lists the known names) when there is neither.
    """
    candidate = Path(name)
    if candidate.suffix == ".rq" and candidate.is_file():
        path = candidate
    elif isinstance(name, str) and re.fullmatch(r"[a-z0-9_]+", name) and (QUERY_DIR / f"{name}.rq").is_file():
        path = QUERY_DIR / f"{name}.rq"
    else:
        raise UnknownQueryError(str(name), names())
    return parse(path.read_text(encoding="utf-8"), name=path.stem, path=path)


def public_graphs(store: Store) -> list[NamedNode]:
    """Every named graph of ``store`` except the contact-detail graphs, sorted by IRI (for listing
    graphs: a query reads a build's public store whole, on the union default graph, see :func:`run`)."""
    graphs = (g for g in store.named_graphs() if isinstance(g, NamedNode))
    return sorted((g for g in graphs if not g.value.startswith(CONTACTS_GRAPH_PREFIX)), key=lambda g: g.value)


def run(store: Store, query: str | NamedQuery, params: Mapping[str, str] | None = None, *,
        default_graph: Iterable[NamedNode] | None = None, limit: int | None = None, offset: int = 0) -> Rows:
    """Run a named SELECT query with its parameters bound as RDF terms.

    :param store: the store to read.
    :param query: a query name, a ``.rq`` path, or a :class:`NamedQuery`.
    :param params: raw parameter values by name; defaults fill the rest.
    :param default_graph: the graphs forming the default graph (and the only graphs ``GRAPH`` sees),
        for callers who narrow; None means the union of all the store's named graphs (Oxigraph's
        ``use_default_graph_as_union``): pass a store without personal data.
    :param limit: the page size (None: all rows); SPARQL cannot bind LIMIT, so paging is applied to
        the solution sequence here.
    :param offset: rows to skip before the page.
    :returns: :class:`Rows` with ``total`` the number of solutions before paging.
    :raises UnknownQueryError: no such query.
    :raises ParameterError: an undeclared parameter or an ill-typed value.
    :raises QueryError: the query is not a SELECT.
    :raises SyntaxError: the query text does not parse. OSError: the store cannot be read.
    """
    named = query if isinstance(query, NamedQuery) else load(query)
    if limit is not None and limit < 0 or offset < 0:
        raise ParameterError("limit and offset must not be negative")
    if default_graph is None:
        solutions = store.query(named.text, substitutions=named.bindings(params), use_default_graph_as_union=True)
    else:
        graphs = list(default_graph)
        solutions = store.query(named.text, substitutions=named.bindings(params),
                                default_graph=graphs or None, named_graphs=graphs)
    try:  # pyoxigraph's solutions must be dropped on the thread that made them: never let them escape
        if not isinstance(solutions, QuerySolutions):
            raise QueryError(f"query {named.name!r} is not a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        total, page = 0, []
        stop = None if limit is None else offset + limit
        for i, solution in enumerate(solutions):
            total += 1
            if i >= offset and (stop is None or i < stop):
                # a solution iterates its terms in the order of ``variables`` (None where unbound): one
                # pass instead of a look-up by name per column (31 -> 11 ms of CPU over the solutions' own cost
                # for partner's 2,064 rows of 10 columns at 35,000 documents, medians of 11)
                page.append(dict(zip(variables, solution, strict=True)))
    finally:
        del solutions
    return Rows(variables, tuple(page), total)


def value(term: object) -> object:
    """A Python value for an RDF term: str for IRIs and plain strings, int, Decimal, float, bool,
    ``datetime.date`` for typed literals, None for None.

    >>> value(Literal("2", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    2
    >>> value(NamedNode("http://example.org/a"))
    'http://example.org/a'
    """
    if term is None:
        return None
    if not isinstance(term, Literal):
        return getattr(term, "value", str(term))
    datatype = term.datatype.value.removeprefix(_XSD)
    try:
        if datatype in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
            return int(term.value)
        if datatype == "decimal":
            return Decimal(term.value)
        if datatype in ("double", "float"):
            return float(term.value)
        if datatype == "boolean":
            return term.value in ("true", "1")
        if datatype == "date":
            return dt.date.fromisoformat(term.value)
    except (ValueError, ArithmeticError):  # ill-typed, e.g. "a lot"^^xsd:decimal: its text
        return term.value
    return term.value

