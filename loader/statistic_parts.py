"""The statistics graph of a full build, computed from the documents' quads as they are streamed
instead of by querying the freshly loaded store (``docs/decisions/0005-statistics-graph.md``,
amendment "computed while streaming").

- :data:`COUNTED_PREDICATES` and :data:`COUNTED_TYPES`: what the statistics queries
  (``queries/statistics/build_*.rq``) read: the quads of those predicates (``rdf:type`` only with
  one of those classes), and of ``rdf:subject`` only the subjects (the statements, counted).
- :func:`document_part` (in a worker, or for any N-Quads text): one text's part, the counted lines as
  N-Triples (no graph: the queries read the union of the public graphs, every pattern through
  ``DISTINCT`` or ``MAX``, so which graph holds a triple does not matter) and its statements. A build's
  workers get the same from the mapping as it writes the lines
  (``loader.document_lines.MappedDocument.counted``).
- :class:`StatisticParts` (in the main process, as each document is read): the union of the parts as
  sets of terms per class and per predicate and subject, and the set of statements; after the last
  document, :meth:`StatisticParts.quads` aggregates them as the seven queries do (``DISTINCT``
  counts, the ``MAX`` of each project's budgets and their ``SUM``), in Python, into the same quads
  (:func:`loader.statistics.observation_label` labels them). Held to the queries by
  ``tests/store/test_statistic_parts.py``.

Terms are compared by their N-Triples text, which is the same for equal terms (``loader/nquads.py``)
but for literals Oxigraph stores by value: so the parts stand for the store only when every typed
literal read is an ``xsd:decimal`` budget of at most 18 digits after the point (Oxigraph keeps
decimals as 10^-18 units in an i128, and writes them back canonically: :func:`_decimal_text`) and the
budgets' sums stay far within that range, and when no blank node is read (a label is not the store's,
and a statistic's label digests its dimension value). Otherwise :meth:`~StatisticParts.quads` gives
None and the build queries the store as before. The description graph, written by the same bulk load,
adds no counted triple: its only counted predicate, ``schema:addressCountry``, it copies from the
organisations' facts.

>>> parts = StatisticParts()
>>> parts.add(*document_part(
...     '<http://p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
...     '<https://w3id.org/interreg-kg/ontology#Project> <http://g> .\\n'
...     '<http://s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <http://p> <http://g> .\\n'))
>>> figures = {q.predicate.value.rpartition("#")[2]: q.object.value for q in parts.quads()
...            if not q.object.value.startswith("http")}
>>> figures["projectCount"], figures["statementCount"]
('1', '1')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Context, Decimal

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse

from loader.statistics import observation_label
from ontology.namespaces import ID, IRG, PREFIXES, STATISTICS_GRAPH

__all__ = ["COUNTED_PREDICATES", "COUNTED_TYPES", "STATEMENT_PREDICATE", "StatisticParts", "document_part",
           "statement_key"]

_RDF, _SCHEMA = PREFIXES["rdf"], "http://schema.org/"
_TYPE = _RDF + "type"
#: the subjects of ``rdf:subject`` quads are the statements ``build_whole_graph.rq`` counts
STATEMENT_PREDICATE = _RDF + "subject"
#: the predicate IRIs whose quads the statistics queries read (``rdf:type`` with :data:`COUNTED_TYPES`)
COUNTED_PREDICATES = frozenset([_TYPE, _SCHEMA + "addressCountry"] + [IRG + p for p in (
    "participantIn", "leadPartnerOf", "period", "totalBudgetEur", "euFundingEur", "programme", "role",
    "organisation", "project", "targetGroup", "theme")])
#: the classes (as N-Triples terms) whose ``rdf:type`` quads the statistics queries read
COUNTED_TYPES = frozenset(f"<{IRG}{c}>" for c in ("Project", "Organisation", "Participation", "SourceDocument",
                                                 "Programme", "TargetGroup", "Theme"))
_STATEMENT_IRI = re.compile(f"<{re.escape(ID)}statement/([0-9a-f]{{16}})>")
_QUAD = re.compile(r"^(\S+) <([^>]*)> (.+) (\S+) \.$", re.MULTILINE)
_XSD = PREFIXES["xsd"]
_DECIMAL_SUFFIX = f'"^^<{_XSD}decimal>'
#: a decimal lexical form Oxigraph reads exactly (at most 18 digits after the point, as its i128 keeps)
_DECIMAL = re.compile(r'"([+-]?(?:[0-9]+(?:\.[0-9]{0,18})?|\.[0-9]{1,18}))"\^\^<' + re.escape(_XSD) + 'decimal>')
#: the sums must stay within Oxigraph's decimal (an i128 of 10^-18 units: about 1.7e20)
_DECIMAL_LIMIT = Decimal(10) ** 20
_BUDGETS = frozenset((IRG + "totalBudgetEur", IRG + "euFundingEur"))
_EXACT = Context(prec=60)  # 20 digits before the point and 18 after, summed without rounding


def statement_key(subject: str) -> int | str:
    """A statement's subject term as a set member: a minted statement IRI (``ontology.iris``) as the
    integer of its 16 hex digits (one to one, and a tenth of the string's size), any other as its text.

    >>> statement_key("<https://w3id.org/interreg-kg/id/statement/00000000000000ff>"), statement_key("<http://s>")
    (255, '<http://s>')
    """
    found = _STATEMENT_IRI.fullmatch(subject)
    return int(found.group(1), 16) if found else subject


def document_part(nquads: str) -> tuple[str, list[int | str]]:
    """The counted lines of ``nquads`` (N-Quads text, one quad a line, as ``loader/nquads.py`` writes
    it) as N-Triples text, and the :func:`statement_key` of each ``rdf:subject`` quad's subject."""
    counted: list[str] = []
    statements: list[int | str] = []
    for subject, predicate, obj, _graph in _QUAD.findall(nquads):
        if predicate == STATEMENT_PREDICATE:
            statements.append(statement_key(subject))
        elif predicate in COUNTED_PREDICATES and (predicate != _TYPE or obj in COUNTED_TYPES):
            counted.append(f"{subject} <{predicate}> {obj} .\n")
    return "".join(counted), statements


class StatisticParts:
    """The union of :func:`document_part` over a build's documents (and its ontology and vocabularies),
    held as sets of terms (N-Triples texts) per class and predicate; :meth:`quads` gives the statistics
    graph they make."""

    def __init__(self) -> None:
        self.usable = True
        self._typed: dict[str, set[str]] = {t: set() for t in COUNTED_TYPES}
        #: predicate IRI -> subject -> objects (N-Triples texts)
        self._links: dict[str, dict[str, set[str]]] = {p: {} for p in COUNTED_PREDICATES - {_TYPE}}
        self._statements: set[int | str] = set()
        self._terms: dict[str, str] = {}  # one shared string per term text

    def add(self, counted: str, statements: Iterable[int | str]) -> None:
        """Add one document's part (:func:`document_part`, or what the mapping gathered)."""
        if "_:" in counted or any(type(s) is str and s.startswith("_:") for s in statements):
            self.usable = False  # a blank node (or a literal holding "_:": then the build only queries)
        self._statements.update(statements)
        term, typed, links = self._terms.setdefault, self._typed, self._links
        for line in counted.splitlines():
            subject, predicate, obj = line[:-2].split(" ", 2)
            subject = term(subject, subject)
            predicate = predicate[1:-1]
            if predicate == _TYPE:
                typed[obj].add(subject)
                continue
            if obj.startswith('"') and '"^^' in obj and (predicate not in _BUDGETS or not obj.endswith(_DECIMAL_SUFFIX)):
                self.usable = False  # a typed literal but a budget's decimal: Oxigraph may store it otherwise
            found = links[predicate].get(subject)
            if found is None:
                found = links[predicate][subject] = set()
            found.add(term(obj, obj))

    def quads(self) -> list[Quad] | None:
        """The quads of ``graph:statistics`` for a store holding exactly the parts' triples: what
        :func:`loader.statistics.statistics_quads` gives on it (``tests/store/test_statistic_parts.py``);
        None when the parts cannot stand for the store (:attr:`usable` is False, a budget is not a
        decimal Oxigraph reads exactly, or the sums could leave its range): query the store instead."""
        if not self.usable:
            return None
        projects = self._typed[f"<{IRG}Project>"]
        links = {p.rpartition("#")[2].rpartition("/")[2]: found for p, found in self._links.items()}
        try:
            totals = self._maxima(links["totalBudgetEur"], projects)
            funding = self._maxima(links["euFundingEur"], projects)
        except _NotExact:
            return None
        observations = [
            *self._by_country(links, projects),
            *self._by_period(links, projects, totals, funding),
            *self._by_programme(links, projects, totals, funding),
            *self._by_role(links),
            *self._by_concept(links["targetGroup"], projects, "targetGroup", "TargetGroup"),
            *self._by_concept(links["theme"], projects, "theme", "Theme"),
            self._whole_graph(links, projects, totals, funding),
        ]
        return [quad for observation in observations for quad in _quads(observation)]

    @staticmethod
    def _maxima(values: dict[str, set[str]], projects: set[str]) -> dict[str, Decimal]:
        """The MAX of each typed project's budgets (decimals only: else the parts are not used)."""
        found: dict[str, Decimal] = {}
        for project, texts in values.items():
            if project not in projects:
                continue
            numbers = []
            for text in texts:
                match = _DECIMAL.fullmatch(text)
                if match is None:
                    raise _NotExact(text)
                numbers.append(Decimal(match.group(1)))
            found[project] = max(numbers)
        if sum(abs(v) for v in found.values()) >= _DECIMAL_LIMIT:
            raise _NotExact("budget sums beyond Oxigraph's decimals")
        return found

    def _by_country(self, links: dict, projects: set[str]) -> list[dict]:
        per: dict[str, tuple[set, set, set]] = {}
        countries, leads = links["addressCountry"], links["leadPartnerOf"]
        for organisation, joined in links["participantIn"].items():
            mine = joined & projects
            if not mine or organisation not in countries:
                continue
            leader = bool(leads.get(organisation, set()) & mine)
            for country in countries[organisation]:
                found = per.setdefault(country, (set(), set(), set()))
                found[0].update(mine)
                found[1].add(organisation)
                if leader:
                    found[2].add(organisation)
        return [{"dimension": f"<{_SCHEMA}addressCountry>", "dimensionCode": country, "projectCount": len(p),
                 "organisationCount": len(o), "leadPartnerCount": len(lead)} for country, (p, o, lead) in per.items()]

    @staticmethod
    def _budgets(members: set[str], totals: dict[str, Decimal], funding: dict[str, Decimal]) -> dict:
        budgeted = [totals[p] for p in members if p in totals]
        funded = [funding[p] for p in members if p in funding]
        return {"budgetedProjectCount": len(budgeted), "euFundedProjectCount": len(funded),
                "totalBudgetSumEur": _sum(budgeted), "euFundingSumEur": _sum(funded)}

    def _by_period(self, links: dict, projects: set[str], totals: dict, funding: dict) -> list[dict]:
        members = _members(links["period"], projects)
        by_project: dict[str, set[str]] = {}
        for organisation, joined in links["participantIn"].items():
            for project in joined:
                by_project.setdefault(project, set()).add(organisation)
        out = []
        for period, mine in members.items():
            organisations = set().union(*(by_project.get(p, ()) for p in mine))
            out.append({"dimension": f"<{IRG}period>", "dimensionConcept": period, "projectCount": len(mine),
                        "organisationCount": len(organisations), **self._budgets(mine, totals, funding)})
        return out

    def _by_programme(self, links: dict, projects: set[str], totals: dict, funding: dict) -> list[dict]:
        typed = self._typed[f"<{IRG}Programme>"]
        return [{"dimension": f"<{IRG}programme>", "dimensionConcept": programme, "projectCount": len(mine),
                 **self._budgets(mine, totals, funding)}
                for programme, mine in _members(links["programme"], projects).items() if programme in typed]

    def _by_role(self, links: dict) -> list[dict]:
        per: dict[str, tuple[set, set, set]] = {}
        organisations, projects = links["organisation"], links["project"]
        for participation, roles in links["role"].items():
            if participation not in self._typed[f"<{IRG}Participation>"]:
                continue
            if participation not in organisations or participation not in projects:
                continue
            for role in roles:
                found = per.setdefault(role, (set(), set(), set()))
                found[0].add(participation)
                found[1].update(organisations[participation])
                found[2].update(projects[participation])
        return [{"dimension": f"<{IRG}role>", "dimensionConcept": role, "participationCount": len(x),
                 "organisationCount": len(o), "projectCount": len(p)} for role, (x, o, p) in per.items()]

    def _by_concept(self, values: dict, projects: set[str], predicate: str, cls: str) -> list[dict]:
        typed = self._typed[f"<{IRG}{cls}>"]
        return [{"dimension": f"<{IRG}{predicate}>", "dimensionConcept": concept, "projectCount": len(mine)}
                for concept, mine in _members(values, projects).items() if concept in typed]

    def _whole_graph(self, links: dict, projects: set[str], totals: dict, funding: dict) -> dict:
        typed = self._typed
        programmes = {g for p, found in links["programme"].items() if p in projects for g in found}
        return {"projectCount": len(projects), "organisationCount": len(typed[f"<{IRG}Organisation>"]),
                "participationCount": len(typed[f"<{IRG}Participation>"]),
                "documentCount": len(typed[f"<{IRG}SourceDocument>"]), "programmeCount": len(programmes),
                "statementCount": len(self._statements), **self._budgets(projects, totals, funding)}


class _NotExact(Exception):
    """A value the Python sums may not compute as Oxigraph does."""


def _members(values: dict[str, set[str]], projects: set[str]) -> dict[str, set[str]]:
    """Value -> the typed projects linked to it (``?project <predicate> ?value``)."""
    members: dict[str, set[str]] = {}
    for project, found in values.items():
        if project in projects:
            for value in found:
                members.setdefault(value, set()).add(project)
    return members


def _sum(values: list[Decimal]) -> Decimal | int:
    """SUM as the queries make it: 0 (an xsd:integer) over no value, else the decimal sum."""
    if not values:
        return 0
    total = Decimal(0)
    for value in values:
        total = _EXACT.add(total, value)
    return total


def _term(text: str) -> NamedNode | Literal:
    """The pyoxigraph term of an N-Triples term text (a dimension value)."""
    return next(iter(parse(f"<urn:s> <urn:p> {text} .\n".encode(), format=RdfFormat.N_TRIPLES))).object


def _decimal_text(value: Decimal) -> str:
    """Oxigraph's canonical xsd:decimal lexical form: no exponent, no trailing zero or point, "0" for zero.

    >>> [_decimal_text(Decimal(v)) for v in ("1.50", "3.0", "-0.0", "100", "1E+2", "0.001")]
    ['1.5', '3', '0', '100', '100', '0.001']
    """
    if value == 0:
        return "0"
    return format(value.normalize(_EXACT), "f")


def _quads(observation: dict) -> list[Quad]:
    """One observation (measure name -> count or sum; ``dimension`` and its value as N-Triples texts) as
    the quads of the statistics graph, its blank node labelled as :func:`loader.statistics.observation_label`."""
    triples: list[tuple[NamedNode, NamedNode | Literal]] = [(NamedNode(_TYPE), NamedNode(IRG + "Statistic"))]
    for name, value in observation.items():
        if isinstance(value, str):
            obj = _term(value)
        elif isinstance(value, Decimal):
            obj = Literal(_decimal_text(value), datatype=NamedNode(_XSD + "decimal"))
        else:
            obj = Literal(str(value), datatype=NamedNode(_XSD + "integer"))
        triples.append((NamedNode(IRG + name), obj))
    node: BlankNode = observation_label([(p.value, o) for p, o in triples])
    graph = NamedNode(STATISTICS_GRAPH)
    return [Quad(node, p, o, graph) for p, o in triples]
