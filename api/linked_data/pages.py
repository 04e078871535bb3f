"""Readable HTML pages of the graph's resources and of the ontology, for a browser.

A page shows a resource's label, kind and IRI, links to its RDF representations, and its facts:
for a project a summary (title, programme, dates, budget, partners with links, target groups,
themes, source documents), then for every resource a table of its properties and of what points
at it. Links to our own IRIs go to their ``/id/...`` pages. Text is escaped; the layout is
``api/templates/page.html`` (a :class:`string.Template`).

>>> "&lt;b&gt;" in page("<b>", "Project", "https://w3id.org/interreg-kg/id/project/x", "")
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from string import Template

from pyoxigraph import Literal, NamedNode, Store, Triple

import queries
from api.linked_data.resources import local_path
from ontology.namespaces import IRG, PREFIXES

__all__ = ["page", "resource_page", "ontology_page", "label_of", "compact"]

_TEMPLATE = Template((Path(__file__).resolve().parent.parent / "templates" / "page.html").read_text("utf-8"))
_LABELS = (
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["schema"] + "name",
    PREFIXES["dcterms"] + "title",
    PREFIXES["rdfs"] + "label",
    IRG + "acronym",
)
_RDF_TYPE = PREFIXES["rdf"] + "type"
_FORMATS = (
    ("Turtle", "text/turtle", "ttl"),
    ("N-Triples", "application/n-triples", "nt"),
    ("JSON-LD", "application/ld+json", "jsonld"),
)


def compact(iri: str) -> str:
    """``iri`` with a known prefix (``irg:acronym``), or as it is.

    >>> compact("https://w3id.org/interreg-kg/ontology#acronym")
    'irg:acronym'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def label_of(store: Store, graphs: Sequence[NamedNode], iri: str) -> str | None:
    """A label for ``iri``: an English prefLabel first, then a name, title, label or acronym."""
    node = NamedNode(iri)
    wanted = set(graphs)
    for predicate in _LABELS:  # one probe over every graph, kept by graph (not one probe per graph)
        found: list[Literal] = [
            q.object
            for q in store.quads_for_pattern(node, NamedNode(predicate), None, None)
            if isinstance(q.object, Literal) and q.graph_name in wanted
        ]
        if found:
            english = [lit for lit in found if lit.language in ("en", None)]
            return sorted((english or found), key=lambda lit: lit.value)[0].value
    return None


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(store: Store, graphs: Sequence[NamedNode], term: object, labels: dict[str, str | None]) -> str:
    if isinstance(term, NamedNode):
        iri = term.value
        if iri not in labels:
            labels[iri] = label_of(store, graphs, iri)
        text = labels[iri] or compact(iri)
        href = local_path(iri) or (iri if iri.startswith(("http://", "https://")) else None)
        return f'<a href="{_e(href)}">{_e(text)}</a>' if href else _e(text)
    if isinstance(term, Literal):
        suffix = f' <small lang="{_e(term.language)}">@{_e(term.language)}</small>' if term.language else ""
        return _e(term.value) + suffix
    return _e(term)


def page(title: str, kind: str, iri: str, body: str, formats: bool = True, path: str | None = None) -> str:
    """The whole HTML document; ``body`` is trusted HTML, the rest is escaped."""
    here = path or local_path(iri) or ""
    links = " ".join(f'<a href="{_e(here)}?format={f}" type="{_e(m)}">{_e(n)}</a>' for n, m, f in _FORMATS)
    alternates = (
        "\n".join(
            f'<link rel="alternate" type="{_e(m)}" href="{_e(here)}?format={f}">' for _, m, f in _FORMATS
        )
        if formats
        else ""
    )
    return _TEMPLATE.substitute(
        title=_e(title),
        kind=_e(kind),
        iri=_e(iri),
        body=body,
        formats=links if formats else "—",
        alternates=alternates,
    )


def _table(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"


def _project_summary(store: Store, graphs: Sequence[NamedNode], iri: str) -> str:
    found = queries.run(store, "project", {"project": iri}).values()
    if not found:
        return ""
    r = found[0]
    partners = queries.run(store, "project_partners", {"project": iri}).values()
    details = queries.run(store, "project_details", {"project": iri}).values()

    def linked(target: object, text: object) -> str:
        href = local_path(str(target)) if target else None
        return f'<a href="{_e(href)}">{_e(text or target)}</a>' if href else _e(text or target or "")

    def items(kind: str) -> str:
        return ", ".join(linked(d["item"], d["label"]) for d in details if d["kind"] == kind) or "—"

    def money(v: object) -> str:
        return "—" if v is None else f"{float(v):,.2f} €"  # type: ignore[arg-type]

    rows = [
        ("Title", _e(r["title"] or "—")),
        ("Acronym", _e(r["acronym"] or "—")),
        ("Programme", linked(r["programme"], r["programmeLabel"]) if r["programme"] else "—"),
        ("Period", linked(r["period"], r["periodLabel"]) if r["period"] else "—"),
        ("Start", _e(r["startDate"] or "—")),
        ("End", _e(r["endDate"] or "—")),
        ("Total budget", _e(money(r["totalBudgetEur"]))),
        ("EU funding", _e(money(r["euFundingEur"]))),
        (
            "Partners",
            "<ul>"
            + "".join(
                f"<li>{linked(p['organisation'], p['name'])} — {_e((p['role'] or '').rsplit('/', 1)[-1] or 'role unknown')}"
                f"{', ' + _e(p['city']) if p['city'] else ''}{' (' + _e(p['country']) + ')' if p['country'] else ''}</li>"
                for p in partners
            )
            + "</ul>"
            if partners
            else "—",
        ),
        ("Target groups", items("targetGroup")),
        ("Themes", items("theme")),
        ("Results", items("result")),
        ("Source documents", items("document")),
    ]
    return "<h2>Summary</h2>" + _table(rows)


def resource_page(store: Store, graphs: Sequence[NamedNode], iri: str, triples: Sequence[Triple]) -> str:
    """The HTML page of ``iri`` from its description ``triples`` (see :func:`describe`)."""
    labels: dict[str, str | None] = {}
    title = label_of(store, graphs, iri) or compact(iri)
    types = [t.object.value for t in triples if t.subject.value == iri and t.predicate.value == _RDF_TYPE]
    kind = ", ".join(compact(t) for t in types) or "Resource"
    body = ""
    if IRG + "Project" in types:
        body += _project_summary(store, graphs, iri)
    own: dict[str, list[str]] = {}
    incoming: list[tuple[str, str]] = []
    parts: dict[str, list[tuple[str, str]]] = {}
    part_terms: dict[str, object] = {}  # a part may be a blank node (VoID partitions): keep the term
    for t in triples:
        if t.subject.value == iri:
            own.setdefault(compact(t.predicate.value), []).append(_link(store, graphs, t.object, labels))
        elif isinstance(t.object, NamedNode) and t.object.value == iri:
            incoming.append((_link(store, graphs, t.subject, labels), _e(compact(t.predicate.value))))
        else:
            part_terms.setdefault(t.subject.value, t.subject)
            parts.setdefault(t.subject.value, []).append(
                (_e(compact(t.predicate.value)), _link(store, graphs, t.object, labels))
            )
    body += "<h2>Properties</h2>" + _table([(_e(p), "<br>".join(v)) for p, v in sorted(own.items())])
    if parts:
        body += "<h2>Parts</h2>"
        for subject, rows in sorted(parts.items()):
            body += f'<h3 class="iri">{_link(store, graphs, part_terms[subject], labels)}</h3>' + _table(rows)
    if incoming:
        body += "<h2>Referenced by</h2>" + _table(sorted(incoming))
    return page(title, kind, iri, body)


def ontology_page(
    store: Store, graphs: Sequence[NamedNode], ontology_iri: str, triples: Sequence[Triple]
) -> str:
    """The documentation of the ontology: its header, then every class and property with its label,
    comment, domain and range."""
    by_subject: dict[str, dict[str, list]] = {}
    for t in triples:
        by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    labels: dict[str, str | None] = {}

    def section(kind: str, heading: str) -> str:
        members = sorted(
            s
            for s, props in by_subject.items()
            if any(isinstance(o, NamedNode) and o.value == kind for o in props.get(_RDF_TYPE, []))
        )
        if not members:
            return ""
        out = f"<h2>{_e(heading)}</h2>"
        for s in members:
            props = by_subject[s]
            name = compact(s)
            anchor = s.rsplit("#", 1)[-1]
            rows = [
                (_e(compact(p)), "<br>".join(_link(store, graphs, o, labels) for o in objs))
                for p, objs in sorted(props.items())
                if p != _RDF_TYPE
            ]
            out += f'<h3 id="{_e(anchor)}">{_e(name)}</h3>' + _table(rows)
        return out

    owl = PREFIXES["owl"]
    head = by_subject.get(ontology_iri.rstrip("#"), by_subject.get(ontology_iri, {}))
    header = _table(
        [
            (_e(compact(p)), "<br>".join(_link(store, graphs, o, labels) for o in objs))
            for p, objs in sorted(head.items())
        ]
    )
    toc = "".join(
        f'<a href="#{_e(s.rsplit("#", 1)[-1])}">{_e(compact(s))}</a> '
        for s in sorted(by_subject)
        if s.startswith(IRG) and s != IRG
    )
    body = (
        header
        + f"<p>{toc}</p>"
        + section(owl + "Class", "Classes")
        + section(owl + "ObjectProperty", "Object properties")
        + section(owl + "DatatypeProperty", "Datatype properties")
    )
    return page("The Interreg knowledge graph ontology", "owl:Ontology", ontology_iri, body, path="/ontology")
