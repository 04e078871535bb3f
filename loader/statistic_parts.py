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
- :class:`StatisticParts` (in the main process): the union of the parts, and
  :meth:`StatisticParts.quads`, the statistics graph they make: the very queries, run by
  :func:`loader.statistics.statistics_quads` on an in-memory store of the counted lines (so the
  counts, ``MAX``, decimal ``SUM``s and their lexical forms are Oxigraph's own), with the statements'
  count (``irg:statementCount``) taken from the set of statements gathered instead of from
  ``rdf:subject`` quads (about a third of a build's facts' lines, which would only be counted).

A blank node in a counted line makes the parts :attr:`~StatisticParts.usable` no more (a blank node
label is not the store's, and a statistic's label digests its dimension value): the build then queries
the store as before. The description graph, written by the same bulk load, adds no counted triple:
its only counted predicate, ``schema:addressCountry``, it copies from the organisations' facts.

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
import threading
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from loader.errors import StoreError
from loader.statistics import statistics_quads
from ontology.namespaces import ID, IRG, PREFIXES

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
_SUBSET_GRAPH = NamedNode("urn:interreg-kg:statistic-parts")
_STATEMENT_COUNT = IRG + "statementCount"
_XSD_INTEGER = NamedNode(PREFIXES["xsd"] + "integer")


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
    """The union of :func:`document_part` over a build's documents (and its ontology and vocabularies);
    :meth:`quads` gives the statistics graph they make, :meth:`start` computes it in a thread."""

    def __init__(self) -> None:
        self.usable = True
        self._counted: list[bytes] = []
        self._statements: set[int | str] = set()
        self._thread: threading.Thread | None = None
        self._result: list[Quad] | BaseException | None = None

    def add(self, counted: str | bytes, statements: Iterable[int | str]) -> None:
        """Add one document's part (:func:`document_part`, or what the mapping gathered; the counted
        lines as text or as UTF-8 bytes, which a build's workers send)."""
        counted = counted.encode() if isinstance(counted, str) else counted
        if b"_:" in counted or any(type(s) is str and s.startswith("_:") for s in statements):
            self.usable = False  # a blank node (or a literal holding "_:": then the build only queries)
        if counted:
            self._counted.append(counted)
        self._statements.update(statements)

    def quads(self) -> list[Quad]:
        """The quads of ``graph:statistics`` for a store holding exactly the parts' triples (what
        :func:`loader.statistics.statistics_quads` gives on it).

        :raises StoreError: the parts hold a blank node (:attr:`usable` is False), or a query fails.
        """
        if not self.usable:
            raise StoreError("the statistic parts hold a blank node: query the store instead")
        data, self._counted = b"".join(self._counted), []  # let go of the pieces, then of the text once loaded
        store = Store()
        try:
            store.bulk_load(data, format=RdfFormat.N_TRIPLES, to_graph=_SUBSET_GRAPH)
        except (OSError, SyntaxError, ValueError, RuntimeError) as err:
            raise StoreError(f"could not load the statistic parts: {err}") from err
        del data
        statements = Literal(str(len(self._statements)), datatype=_XSD_INTEGER)
        return [Quad(q.subject, q.predicate, statements, q.graph_name) if q.predicate.value == _STATEMENT_COUNT
                else q for q in statistics_quads(store)]

    def start(self) -> None:
        """Compute :meth:`quads` in a thread (Oxigraph loads and queries without holding the GIL)."""
        if self._thread is not None or not self.usable:
            return

        def run() -> None:
            try:
                self._result = self.quads()
            except BaseException as err:  # raised again by result(), in the calling thread
                self._result = err

        self._thread = threading.Thread(target=run, name="build-statistics")
        self._thread.start()

    def wait(self) -> None:
        """Wait for the thread :meth:`start` started, if any, to end."""
        if self._thread is not None:
            self._thread.join()

    def result(self) -> list[Quad] | None:
        """What the thread :meth:`start` started computed (it has ended then), or None when it was not
        started (the parts unusable, or the documents not all read).

        :raises StoreError: what :meth:`quads` raised.
        """
        if self._thread is None:
            return None
        self.wait()
        if isinstance(self._result, BaseException):
            raise self._result
        return self._result
