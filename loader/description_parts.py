"""The description graph of a full build, computed from the documents' quads as they are streamed
instead of by querying the freshly loaded store (``docs/decisions/0008-description-graph.md``,
amendment "computed while streaming").

- :func:`document_part` (in a worker): the lines of one document's N-Quads text that the description
  queries read (the organisations', participations' and projects' types, the five facts of an
  organisation, ``irg:participantIn``, ``irg:leadPartnerOf``, the participations' organisation, project
  and role, a project's acronym, title, programme, period and dates, ``skos:prefLabel``),
  each once, as N-Triples lines without their ``" ."``: the graph does not matter to the queries,
  which read every graph the same (``DISTINCT``, ``MIN``, ``COUNT(DISTINCT)``).
- :class:`DescriptionParts` (in the main process): the union of those parts over the documents, and
  :meth:`DescriptionParts.lines`, the description graph's lines: exactly what
  :func:`loader.descriptions.description_lines` gives for a store holding those quads. The
  organisations' facts (``build_organisations.rq``: names, places, their keys, the display name) are
  computed by that very query on an in-memory store of just the facts of the typed organisations;
  the projects' figures (``build_participations.rq``) in Python, over identifiers only, held to the
  query by ``tests/store/test_description_parts.py``; the projects' listing columns
  (``build_projects.rq``) by that query on an in-memory store of the projects' facts (it writes no value
  that depends on the order a store gives values in: ``tests/queries/test_project_descriptions.py``).

A term's N-Triples text is the same for equal terms (``loader/nquads.py``), so sets of texts are sets
of terms. A blank node in any line read makes the parts :attr:`~DescriptionParts.usable` no more
(blank node labels are not the same in the store): the build then queries the store as before.

>>> parts = DescriptionParts()
>>> parts.add(document_part(
...     '<http://o> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
...     '<https://w3id.org/interreg-kg/ontology#Organisation> <http://g> .\\n'
...     '<http://o> <http://schema.org/name> "A b" <http://g> .\\n'))
>>> sorted(parts.lines())[:2]
[b'<http://o> <http://schema.org/name> "A b" .', b'<http://o> <https://w3id.org/interreg-kg/ontology#displayName> "A b" .']
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from pyoxigraph import NamedNode, RdfFormat, Store

from loader.descriptions import construct_lines
from loader.errors import StoreError
from ontology.namespaces import ID, IRG, PREFIXES
from queries import QUERY_DIR

__all__ = ["DESCRIBED_PREDICATES", "DESCRIBED_TYPES", "DescriptionParts", "document_part"]

_SCHEMA, _SKOS = "http://schema.org/", PREFIXES["skos"]
_TYPE = f"<{PREFIXES['rdf']}type>"
_ORGANISATION, _PARTICIPATION = f"<{IRG}Organisation>", f"<{IRG}Participation>"
_FACTS = tuple(f"<{p}>" for p in (_SCHEMA + "name", _SKOS + "altLabel", _SCHEMA + "addressCountry",
                                  _SCHEMA + "addressLocality", _SCHEMA + "url"))
_PARTICIPANT_IN, _LEAD_OF = f"<{IRG}participantIn>", f"<{IRG}leadPartnerOf>"
_OF_ORG, _OF_PROJECT, _ROLE = f"<{IRG}organisation>", f"<{IRG}project>", f"<{IRG}role>"
#: what build_projects.rq reads of a project (beside irg:participantIn), and the programmes' labels
_PROJECT_TYPE = f"<{IRG}Project>"
_PROJECT_FACTS = (f"<{IRG}acronym>", f"<{PREFIXES['dcterms']}title>", f"<{IRG}programme>", f"<{IRG}period>",
                  f"<{_SCHEMA}startDate>", f"<{_SCHEMA}endDate>")
_LABEL = f"<{_SKOS}prefLabel>"
_READ = (*_FACTS, _PARTICIPANT_IN, _LEAD_OF, _OF_ORG, _OF_PROJECT, _ROLE, *_PROJECT_FACTS, _LABEL)
_INDEX = {predicate: i for i, predicate in enumerate(_READ)}

#: the predicate IRIs :func:`document_part` keeps (any object), and the types it keeps
DESCRIBED_PREDICATES = frozenset(p[1:-1] for p in (*_READ, _TYPE))
DESCRIBED_TYPES = frozenset((_ORGANISATION, _PARTICIPATION, _PROJECT_TYPE))

#: one quad line whose predicate the description queries read (or a type they read), captured
#: without its graph and final " ." (a graph is one term without spaces; the object is what is left)
_LINE = re.compile("^(\\S+ (?:" + "|".join(re.escape(p) for p in _READ) + ") .+|\\S+ " + re.escape(_TYPE)
                   + " (?:" + "|".join(re.escape(c) for c in (_ORGANISATION, _PARTICIPATION, _PROJECT_TYPE))
                   + ")) \\S+ \\.$",
                   re.MULTILINE)

_ORGANISATIONS_QUERY = QUERY_DIR / "descriptions" / "build_organisations.rq"
_PROJECTS_QUERY = QUERY_DIR / "descriptions" / "build_projects.rq"
_SUBSET_GRAPH = NamedNode("urn:interreg-kg:description-parts")
_XSD_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
_ROLES = {f"<{ID}role/{role}>": role for role in ("lead", "partner", "associated", "unknown")}
_COUNT_OF = {"lead": "projectsAsLeadCount", "partner": "projectsAsPartnerCount",
             "associated": "projectsAsAssociatedCount", "unknown": "projectsInUnknownRoleCount"}
_PROJECT_AS = {"lead": "projectAsLead", "partner": "projectAsPartner", "associated": "projectAsAssociated",
               "unknown": "projectInUnknownRole", None: "projectInNoRole", "other": "projectInOtherRole"}


def document_part(nquads: str) -> list[str]:
    """The distinct lines of ``nquads`` (N-Quads text, one quad a line, as ``loader/nquads.py`` writes
    it) that the description queries read, as ``"subject predicate object"`` texts (no graph), in
    their order. A build's workers get the same from the mapping as it writes the lines
    (``loader.document_lines.MappedDocument.described``); this reads any text (the ontology, tests)."""
    return list(dict.fromkeys(_LINE.findall(nquads)))


class DescriptionParts:
    """The union of :func:`document_part` over a build's documents (and its ontology and vocabularies);
    :meth:`lines` gives the description graph they make."""

    def __init__(self) -> None:
        self.usable = True
        self._organisations: set[str] = set()
        self._participations: set[str] = set()
        self._projects: set[str] = set()
        #: subject -> [predicate index in _READ, object, predicate index, object, ...] as read, repeats
        #: included (a flat list of shared strings is the smallest thing to hold; sets are made at the end)
        self._about: dict[str, list] = {}
        self._terms: dict[str, str] = {}

    def _term(self, text: str) -> str:
        """One shared string per term text (the same organisation is named by thousands of documents)."""
        return self._terms.setdefault(text, text)

    def add(self, part: list[str]) -> None:
        """Add one document's part (:func:`document_part`)."""
        term, about = self._term, self._about
        for text in part:
            subject, predicate, obj = text.split(" ", 2)
            if subject.startswith("_:") or obj.startswith("_:"):
                self.usable = False
            if predicate == _TYPE:
                kind = {_ORGANISATION: self._organisations, _PARTICIPATION: self._participations}.get(obj, self._projects)
                kind.add(term(subject))
            else:
                found = about.get(subject)
                if found is None:
                    found = about[term(subject)] = []
                found += (_INDEX[predicate], term(obj))

    def _values(self, subject: str, predicate: str) -> set[str]:
        """The distinct objects of ``subject predicate``."""
        found, index = self._about.get(subject, ()), _INDEX[predicate]
        return {found[i + 1] for i in range(0, len(found), 2) if found[i] == index}

    def lines(self) -> set[bytes]:
        """The N-Triples lines (without line ends) of the description graph these parts make: what
        :func:`loader.descriptions.description_lines` gives on a store of exactly these quads.

        :raises StoreError: the parts hold a blank node (:attr:`usable` is False), or the facts' query
            fails.
        """
        if not self.usable:
            raise StoreError("the description parts hold a blank node: query the store instead")
        # the projects' query in a thread beside the organisations': pyoxigraph lets go of the GIL while
        # it loads and queries, so the two in-memory stores' work overlaps (this runs at the end of a
        # build, beside Oxigraph's last batch)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="project-descriptions") as pool:
            listing = pool.submit(self._listing_lines_or_error)
            lines = self._organisation_lines()
            lines.update(line.encode() for line in self._project_lines())
            found = listing.result()
        if isinstance(found, str):
            raise StoreError(found)
        lines.update(found)
        return lines

    def _listing_lines_or_error(self) -> set[bytes] | str:
        """:meth:`_listing_lines`, or its error's message: the error's frames hold pyoxigraph objects
        that may only be dropped in the thread that made them, so they end here."""
        try:
            return self._listing_lines()
        except StoreError as err:
            return str(err)

    def _organisation_lines(self) -> set[bytes]:
        """``build_organisations.rq`` on an in-memory store of the typed organisations' facts."""
        facts: set[str] = set()
        for s in self._organisations:
            found = self._about.get(s, ())
            facts.update(f"{s} {_READ[found[i]]} {found[i + 1]} .\n" for i in range(0, len(found), 2)
                         if found[i] < len(_FACTS))
            facts.add(f"{s} {_TYPE} {_ORGANISATION} .\n")
        return _query_on(facts, _ORGANISATIONS_QUERY)

    def _listing_lines(self) -> set[bytes]:
        """``build_projects.rq`` on an in-memory store of what it reads: the typed projects and their
        acronyms, titles, programmes, periods and dates, every ``irg:participantIn`` and every
        ``skos:prefLabel`` (the programmes' labels, from the vocabularies). Its SAMPLE-d values are only
        written where a project has one value, so the order this store gives them in does not matter."""
        if not self._projects:
            return set()
        first, last = _INDEX[_PROJECT_FACTS[0]], _INDEX[_PROJECT_FACTS[-1]]
        wanted = {_INDEX[_PARTICIPANT_IN], _INDEX[_LABEL]}
        facts: set[str] = {f"{s} {_TYPE} {_PROJECT_TYPE} .\n" for s in self._projects}
        for s, found in self._about.items():
            typed = s in self._projects
            facts.update(f"{s} {_READ[found[i]]} {found[i + 1]} .\n" for i in range(0, len(found), 2)
                         if found[i] in wanted or typed and first <= found[i] <= last)
        return _query_on(facts, _PROJECTS_QUERY)

    def _project_lines(self) -> set[str]:
        """What ``build_participations.rq`` makes, from the identifiers alone."""
        out: set[str] = set()
        for org in self._organisations:
            out.add(_count(org, "participantInCount", len(self._values(org, _PARTICIPANT_IN))))
            if led := self._values(org, _LEAD_OF):
                out.add(_count(org, "leadPartnerOfCount", len(led)))
        rows: dict[str, set[tuple[str, str | None]]] = {}  # organisation -> (project, role)
        for participation in self._participations:
            projects, roles = self._values(participation, _OF_PROJECT), self._values(participation, _ROLE)
            for org in self._values(participation, _OF_ORG):
                mine = rows.setdefault(org, set())
                for project in projects:
                    mine.update((project, role) for role in roles or (None,))
        for org, pairs in rows.items():
            if org.startswith('"'):  # a literal cannot be a subject: CONSTRUCT leaves the triple out
                continue
            counted: dict[str, set[str]] = {"projectsInAnyRoleCount": set(), "projectsNotAssociatedCount": set()}
            for project, role in pairs:
                named = _ROLES.get(role) if role is not None else None
                counted["projectsInAnyRoleCount"].add(project)
                if named != "associated":
                    counted["projectsNotAssociatedCount"].add(project)
                if named is not None:
                    counted.setdefault(_COUNT_OF[named], set()).add(project)
                kind = named if named is not None or role is None else "other"
                out.add(f"{org} <{IRG}{_PROJECT_AS[kind]}> {project} .")
            out.update(_count(org, name, len(found)) for name, found in counted.items() if found)
        return out


def _count(org: str, name: str, value: int) -> str:
    return f'{org} <{IRG}{name}> "{value}"^^{_XSD_INTEGER} .'


def _query_on(facts: set[str], query) -> set[bytes]:
    """The CONSTRUCT ``query`` (a path) on an in-memory store of the N-Triples lines ``facts``."""
    store = Store()
    try:
        store.bulk_load("".join(facts).encode(), format=RdfFormat.N_TRIPLES, to_graph=_SUBSET_GRAPH)
    except (OSError, SyntaxError, ValueError, RuntimeError) as err:
        raise StoreError(f"could not compute descriptions with {query.name}: {err}") from err
    return construct_lines(store, query)
