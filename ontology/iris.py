"""Deterministic IRI minting: the one place where data IRIs are made.

Every IRI is a pure function of the most stable inputs there are, so a rebuild, a better
extractor or another load order gives the same IRIs (see ``docs/decisions/0001-iris.md``):

- a project from its curated key (the manifest's ``project`` column) or else its acronym, or else
  the first words of its title;
- an organisation from its curated key (the alias table) or else its normalised name;
- a document from its file name;
- a participation from its project and organisation; a span from its document and offsets.

>>> slug("Communauté Urbaine de Dunkerque")
'communaute-urbaine-de-dunkerque'
>>> mint_organisation("medway-council")
'https://w3id.org/interreg-kg/id/organisation/medway-council'
>>> local_part(mint_project("agir"), "project")
'agir'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ontology.namespaces import ID

__all__ = [
    "slug",
    "name_key",
    "project_key",
    "mint_project",
    "mint_organisation",
    "mint_participation",
    "mint_contact",
    "mint_document",
    "mint_span",
    "mint_statement",
    "mint_result",
    "mint_measure",
    "mint_concept",
    "local_part",
    "KINDS",
]

KINDS = ("project", "organisation", "document", "programme", "programme-family", "period",
         "target-group", "theme", "keep-theme", "role", "precision", "measure", "result",
         "statement", "scheme")

_LEADING_ARTICLES = re.compile(r"^(the|le|la|les|l|de|het|der|die|das|een)\s+", re.IGNORECASE)
_MAX_SLUG = 80


def _fold(text: str) -> str:
    if text.isascii():  # NFKD keeps ASCII as it is and no ASCII character is combining
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def slug(text: str) -> str:
    """Lowercase ASCII slug: accents folded, ``&`` read as "and", other punctuation to ``-``.

    :param text: any text.
    :returns: the slug, at most 80 characters, never empty (``"x"`` for text without letters).

    >>> slug("  Ville de LILLE ")
    'ville-de-lille'
    >>> slug("Medway Council & Partners")
    'medway-council-and-partners'
    >>> slug("***")
    'x'
    """
    s = _fold(text).lower().replace("&", " and ").replace("'", " ").replace("\u2019", " ")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    s = s[:_MAX_SLUG].rstrip("-")
    return s or "x"


def name_key(name: str) -> str:
    """The matching key of an organisation name: its slug without a leading article.

    Two names with the same key are the same organisation (``docs/decisions/0001-iris.md``).

    >>> name_key("The Medway Council")
    'medway-council'
    >>> name_key("CENTRE COMMUNAL D'ACTION SOCIALE DE LILLE")
    'centre-communal-d-action-sociale-de-lille'
    """
    text = " ".join(_fold(name).split())
    text = _LEADING_ARTICLES.sub("", text)
    return slug(text)


def project_key(*, curated: str | None = None, acronym: str | None = None, title: str | None = None,
                fallback: str) -> str:
    """Choose the key of a project: curated key, else acronym, else title's first six words.

    >>> project_key(acronym="AIMER", title="Achieving the Integration", fallback="doc")
    'aimer'
    >>> project_key(curated="sam-eurometropool", acronym="SAM", fallback="doc")
    'sam-eurometropool'
    >>> project_key(title="Senior friendly communities in the Euregio Meuse-Rhine", fallback="d")
    'senior-friendly-communities-in-the-euregio'
    """
    if curated:
        return slug(curated)
    if acronym:
        return slug(acronym)
    if title:
        return slug(" ".join(title.split()[:6]))
    return slug(fallback)


def mint_project(key: str) -> str:
    return f"{ID}project/{key}"


def mint_organisation(key: str) -> str:
    return f"{ID}organisation/{key}"


def mint_participation(project_key_: str, organisation_key: str) -> str:
    """The link between a project and an organisation, carrying the role.

    >>> mint_participation("agir", "medway-council")
    'https://w3id.org/interreg-kg/id/project/agir/participation/medway-council'
    """
    return f"{ID}project/{project_key_}/participation/{organisation_key}"


def mint_contact(project_key_: str, organisation_key: str, document_key: str) -> str:
    """A contact point of one participation as read from one document (no person name in it)."""
    return f"{mint_participation(project_key_, organisation_key)}/contact/{document_key}"


def mint_document(document_key: str) -> str:
    return f"{ID}document/{document_key}"


def mint_span(document_key: str, start: int, end: int) -> str:
    """An RFC 5147 fragment IRI for characters ``start`` (inclusive) to ``end`` (exclusive).

    >>> mint_span("d1", 3, 9)
    'https://w3id.org/interreg-kg/id/document/d1#char=3,9'
    """
    return f"{mint_document(document_key)}#char={start},{end}"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def mint_statement(document_key: str, subject: str, predicate: str, obj: str) -> str:
    """The reified statement that carries provenance of one fact read from one document."""
    return f"{ID}statement/{_digest(document_key, subject, predicate, obj)}"


def mint_result(project_key_: str, text: str) -> str:
    """A result of a project, keyed by its normalised text (the same result in two documents is one)."""
    return f"{ID}project/{project_key_}/result/{_digest(slug(text))}"


def mint_measure(programme_id: str | None, label: str) -> str:
    return f"{ID}measure/{programme_id or 'unknown-programme'}/{slug(label)}"


def mint_concept(kind: str, concept_id: str) -> str:
    """IRI of a vocabulary concept: ``kind`` is one of :data:`KINDS` (programme, theme, ...).

    >>> mint_concept("target-group", "migrants")
    'https://w3id.org/interreg-kg/id/target-group/migrants'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return f"{ID}{kind}/{concept_id}"


def local_part(iri: str, kind: str) -> str | None:
    """The id of an IRI of the given kind (what REST routes take), or None if it is another kind.

    >>> local_part("https://w3id.org/interreg-kg/id/organisation/ville-de-lille", "organisation")
    'ville-de-lille'
    >>> local_part("https://example.org/x", "project") is None
    True
    """
    prefix = f"{ID}{kind}/"
    if not iri.startswith(prefix):
        return None
    return iri[len(prefix):]
