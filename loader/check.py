"""``interreg-kg check``: validate the published store against ``ontology/shapes.ttl`` (SHACL).

The data graph is the union of every graph except ``graph:contacts/*`` and ``graph:shapes``
(``graph:ontology`` is in it, so ``sh:targetClass`` sees our subclass axioms); pyshacl runs with
``inference="none"``. Violations make the report non-conforming; warnings (two lead partners, a
project without title nor acronym: real documents do this) are reported but do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyoxigraph import RdfFormat, Store
from pyshacl import validate

from loader.store import open_current
from ontology import SHAPES_TTL
from ontology.namespaces import CONTACTS_GRAPH_PREFIX, SHAPES_GRAPH

__all__ = ["CheckResult", "CheckReport", "check_store", "check_graph", "union_graph"]

_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_SEVERITIES = {_SH.Violation: "Violation", _SH.Warning: "Warning", _SH.Info: "Info"}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One SHACL validation result."""

    severity: str
    focus: str
    path: str
    message: str
    value: str | None = None

    def line(self) -> str:
        """A readable line: severity, focus node, path, message (and the offending value)."""
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{self.severity}: <{self.focus}> {self.path}: {self.message}{value}"


@dataclass(frozen=True, slots=True)
class CheckReport:
    """All results; ``conforms`` is False only when there is at least one violation."""

    results: tuple[CheckResult, ...]
    triples: int

    @property
    def violations(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.severity == "Warning")

    @property
    def conforms(self) -> bool:
        return not self.violations

    def lines(self) -> list[str]:
        """One line per result (violations first), then a summary line."""
        ordered = sorted(self.results, key=lambda r: (r.severity != "Violation", r.focus, r.path, r.message))
        summary = (f"{'conforms' if self.conforms else 'does not conform'}: {len(self.violations)} violation(s), "
                   f"{len(self.warnings)} warning(s) over {self.triples} triples")
        return [r.line() for r in ordered] + [summary]


# Built from our own namespace constants only (no request input goes into it).
_UNION = f"""
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(!STRSTARTS(STR(?g), "{CONTACTS_GRAPH_PREFIX}") && ?g != <{SHAPES_GRAPH}>)
}}"""


def union_graph(store: Store) -> rdflib.Graph:
    """The union of a store's graphs except contacts and shapes, as an rdflib graph."""
    result = store.query(_UNION)
    data = result.serialize(format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data.decode("utf-8") if isinstance(data, bytes) else data, format="nt")
    return graph


def _term(term: rdflib.term.Node | None) -> str:
    if term is None:
        return "-"
    if isinstance(term, rdflib.URIRef):
        return str(term)
    return term.n3()


def _path(report: rdflib.Graph, result: rdflib.term.Node) -> str:
    path = report.value(result, _SH.resultPath)
    if path is None:
        return "-"
    if isinstance(path, rdflib.BNode):
        inverse = report.value(path, _SH.inversePath)
        if inverse is not None:
            return f"^<{inverse}>"
        return "(complex path)"
    return f"<{path}>"


def check_graph(data: rdflib.Graph, shapes: rdflib.Graph | None = None) -> CheckReport:
    """Validate an rdflib graph against the shapes (default: ``ontology/shapes.ttl``).

    >>> g = rdflib.Graph().parse(data='''@prefix irg: <https://w3id.org/interreg-kg/ontology#> .
    ... <http://x/p> a irg:Project ; irg:cofinancingRate 1.5 ; irg:acronym "X" .''', format="turtle")
    >>> [r.severity for r in check_graph(g).results], check_graph(g).conforms
    (['Violation'], False)
    """
    if shapes is None:
        shapes = rdflib.Graph().parse(SHAPES_TTL, format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    results = []
    for result in report.subjects(rdflib.RDF.type, _SH.ValidationResult):
        severity = _SEVERITIES.get(report.value(result, _SH.resultSeverity), "Info")
        message = report.value(result, _SH.resultMessage)
        value = report.value(result, _SH.value)
        if value == report.value(result, _SH.focusNode):
            value = None
        results.append(CheckResult(
            severity=severity,
            focus=_term(report.value(result, _SH.focusNode)),
            path=_path(report, result),
            message=str(message) if message is not None else "constraint not met",
            value=None if value is None else _term(value),
        ))
    results.sort(key=lambda r: (r.severity, r.focus, r.path, r.message, r.value or ""))
    return CheckReport(tuple(results), len(data))


def check_store(store_path: Path) -> CheckReport:
    """Validate the current build of a store root.

    :param store_path: the store root (``Settings.store``).
    :returns: the :class:`CheckReport`.
    :raises loader.errors.StoreError: when nothing was published there yet.
    """
    store = open_current(Path(store_path))
    return check_graph(union_graph(store))
