"""The curator's review of organisations: merges made (with their evidence) and look-alikes left apart.

Organisations are merged only by their key: the alias table's key, or the normalised name
(``docs/graph-model.md``, "Organisation identity"). :func:`review_store` reads back, from a built
store, every name each document gives an organisation and the evidence that made it that
organisation (``queries/organisation_name_evidence.rq``), and lists

- **merges**: organisations named in more than one document or under more than one name, with
  each name, its documents and its evidence (alias table row, normalised name, in-document equation);
- **candidates** left apart for a human: pairs of organisations whose names are similar (rapidfuzz
  token-set ratio at least ``threshold``) in the same or an unknown country, or that share a
  website host or a non-webmail e-mail domain (``queries/organisation_hosts.rq``).

A curator confirms a candidate by adding its names under one key to
``data/aliases/organisations.csv``; the next ``interreg-kg load`` re-extracts every document, since
the alias table's digest is part of each document's skip rule.

>>> names = [NameRow("id/org/a", "Ville de Lille", "name", "normalised-name", "ville-de-lille", "d1.txt", "FR"),
...          NameRow("id/org/a", "Ville de Lille", "name", "normalised-name", "ville-de-lille", "d2.txt", "FR"),
...          NameRow("id/org/b", "Ville Lille", "name", "normalised-name", "ville-lille", "d3.txt", None)]
>>> review = build_review(names, [])
>>> [(m.organisation, m.documents) for m in review.merges]
[('id/org/a', ('d1.txt', 'd2.txt'))]
>>> [(c.first, c.second, c.kind) for c in review.candidates]
[('id/org/a', 'id/org/b', 'similar names')]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from loader.aliases import WEBMAIL_DOMAINS

__all__ = ["NameRow", "HostRow", "MergedName", "Merge", "Candidate", "Review", "build_review", "review_store",
           "DEFAULT_THRESHOLD"]

DEFAULT_THRESHOLD = 80.0


@dataclass(frozen=True, slots=True)
class NameRow:
    """One name a document gives an organisation, and why it is that organisation."""

    organisation: str
    name: str
    kind: str  # "name" or "other name"
    source: str  # alias-table | normalised-name | in-document
    evidence: str | None
    document: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class HostRow:
    """A website host or e-mail domain of an organisation (never the address itself)."""

    organisation: str
    kind: str  # "website host" or "e-mail domain"
    host: str


@dataclass(frozen=True, slots=True)
class MergedName:
    name: str
    kind: str
    source: str
    evidence: str | None
    documents: tuple[str, ...]

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "source": self.source, "evidence": self.evidence,
                "documents": list(self.documents)}


@dataclass(frozen=True, slots=True)
class Merge:
    """An organisation seen in several documents or under several names: what was merged, and why."""

    organisation: str
    names: tuple[MergedName, ...]
    documents: tuple[str, ...]

    def to_json(self) -> dict:
        return {"organisation": self.organisation, "documents": list(self.documents),
                "names": [n.to_json() for n in self.names]}


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two organisations left apart that a curator may want to merge with an alias row."""

    first: str
    second: str
    kind: str  # "similar names" | "website host" | "e-mail domain"
    reason: str
    first_names: tuple[str, ...] = ()
    second_names: tuple[str, ...] = ()
    score: float | None = None

    def to_json(self) -> dict:
        return {"first": self.first, "second": self.second, "kind": self.kind, "reason": self.reason,
                "first_names": list(self.first_names), "second_names": list(self.second_names),
                "score": self.score}


@dataclass(frozen=True, slots=True)
class Review:
    merges: tuple[Merge, ...] = ()
    candidates: tuple[Candidate, ...] = ()

    def to_json(self) -> dict:
        return {"merges": [m.to_json() for m in self.merges], "candidates": [c.to_json() for c in self.candidates]}

    def lines(self) -> list[str]:
        """The review as text: one block per merge, one line per candidate."""
        out = [f"Merges made: {len(self.merges)}"]
        for merge in self.merges:
            out.append(f"  {_short(merge.organisation)}  ({len(merge.documents)} document(s))")
            for n in merge.names:
                evidence = f"{n.source}: {n.evidence}" if n.evidence else n.source
                out.append(f"    {n.kind:10} {n.name!r}  [{evidence}]  in {', '.join(n.documents)}")
        out.append(f"Candidates left apart: {len(self.candidates)}")
        for c in self.candidates:
            out.append(f"  {_short(c.first)} <> {_short(c.second)}  {c.kind}: {c.reason}")
        if self.candidates:
            out.append("To merge a pair, list its names under one key in data/aliases/organisations.csv "
                       "(key,name,lang) and run `interreg-kg load` again.")
        return out


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))


def _merges(rows: list[NameRow]) -> list[Merge]:
    by_org: dict[str, dict[tuple[str, str, str, str | None], list[str]]] = {}
    for r in rows:
        docs = by_org.setdefault(r.organisation, {}).setdefault((r.name, r.kind, r.source, r.evidence), [])
        if r.document not in docs:
            docs.append(r.document)
    merges = []
    for org, names in sorted(by_org.items()):
        documents = tuple(sorted({d for docs in names.values() for d in docs}))
        distinct = {name for name, *_ in names}
        if len(documents) < 2 and len(distinct) < 2:
            continue
        merged = tuple(MergedName(name, kind, source, evidence, tuple(sorted(docs)))
                       for (name, kind, source, evidence), docs in sorted(names.items(), key=lambda i: (i[0][1], i[0][0])))
        merges.append(Merge(org, merged, documents))
    return merges


def _similar(rows: list[NameRow], threshold: float) -> list[Candidate]:
    names: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    for r in rows:
        names.setdefault(r.organisation, set()).add(r.name)
        if r.country:
            countries.setdefault(r.organisation, set()).add(r.country)
    folded = {org: {n: _fold(n) for n in ns} for org, ns in names.items()}
    out = []
    for a, b in combinations(sorted(names), 2):
        ca, cb = countries.get(a, set()), countries.get(b, set())
        if ca and cb and not ca & cb:
            continue  # two countries: not one body
        best = max(((fuzz.token_set_ratio(fa, fb), na, nb) for na, fa in folded[a].items()
                    for nb, fb in folded[b].items()), default=(0.0, "", ""))
        if best[0] >= threshold:
            where = "same country" if ca & cb else "country unknown"
            out.append(Candidate(a, b, "similar names",
                                 f"{best[1]!r} ~ {best[2]!r} token-set ratio {best[0]:.0f} ({where})",
                                 tuple(sorted(names[a])), tuple(sorted(names[b])), round(best[0], 1)))
    return out


def _shared_hosts(hosts: Iterable[HostRow], names: dict[str, set[str]]) -> list[Candidate]:
    by_host: dict[tuple[str, str], set[str]] = {}
    for h in hosts:
        host = h.host.strip().lower().removeprefix("www.")
        if not host or host in WEBMAIL_DOMAINS:
            continue
        by_host.setdefault((host, h.kind), set()).add(h.organisation)
    out = []
    for (host, kind), orgs in sorted(by_host.items()):
        for a, b in combinations(sorted(orgs), 2):
            out.append(Candidate(a, b, kind, f"both use {host}", tuple(sorted(names.get(a, ()))),
                                 tuple(sorted(names.get(b, ())))))
    return out


def build_review(names: Iterable[NameRow], hosts: Iterable[HostRow], *,
                 threshold: float = DEFAULT_THRESHOLD) -> Review:
    """The review of the rows read from a store (pure: no store needed).

    :param names: every name each document gives each organisation, with its evidence.
    :param hosts: website hosts and e-mail domains of organisations.
    :param threshold: the least rapidfuzz token-set ratio (0-100) of two similar names.
    :returns: merges (organisations with several documents or names) and candidates left apart.
    """
    rows = list(names)
    by_org: dict[str, set[str]] = {}
    for r in rows:
        by_org.setdefault(r.organisation, set()).add(r.name)
    candidates = _similar(rows, threshold) + _shared_hosts(hosts, by_org)
    return Review(tuple(_merges(rows)), tuple(sorted(candidates, key=lambda c: (c.kind, c.first, c.second))))


def review_store(store, contacts=None, *, threshold: float = DEFAULT_THRESHOLD) -> Review:
    """The review of a build's organisations: names and website hosts from its public store, e-mail
    domains from its contacts store (no address or person is reported).

    :param store: the public ``pyoxigraph.Store`` (``loader.store.open_current``).
    :param contacts: the contacts store (``loader.store.open_current_contacts``); None: no e-mail domains.
    :param threshold: the least token-set ratio of two similar names.
    """
    import queries

    def text(term) -> str | None:
        return None if term is None else term.value

    names = []
    for row in queries.run(store, "organisation_name_evidence").rows:
        # one row per name and evidence, its documents newline-separated and the organisation's
        # countries space-separated: a NameRow per document and country (both are read as sets)
        countries = (text(row.get("countries")) or "").split() or [None]
        for document in (text(row.get("documents")) or "").split("\n"):
            for country in countries:
                names.append(NameRow(text(row["organisation"]) or "", text(row["name"]) or "",
                                     text(row["nameKind"]) or "", text(row.get("keySource")) or "unrecorded",
                                     text(row.get("keyEvidence")), document, country))
    hosts = [HostRow(text(row["organisation"]) or "", text(row["kind"]) or "", text(row["host"]) or "")
             for row in queries.run(store, "organisation_hosts").rows]
    if contacts is not None:
        domains = queries.load(queries.QUERY_DIR / "personal" / "organisation_email_domains.rq")
        hosts += [HostRow(text(row["organisation"]) or "", text(row["kind"]) or "", text(row["host"]) or "")
                  for row in queries.run(contacts, domains).rows]
    return build_review(names, hosts, threshold=threshold)
