"""The former :mod:`api.sparql.text` (before what is read from a text was kept), as it was, to hold
the new one to the same answers.

What a query's text says about its dataset and its federated calls, read without running it.

pyoxigraph does not hand out its parsed query, so the endpoint reads the few things it must check
from the tokens: the ``FROM`` / ``FROM NAMED`` graphs (the query's own dataset) and the endpoint
of every ``SERVICE``. Tokens are read the way the SPARQL grammar reads them: IRIs, strings and
comments first, so a keyword inside a string, an IRI or a comment is not a keyword; prefixed names
are expanded with the query's ``PREFIX`` declarations; ``\\u`` escapes in IRIs are decoded as the
parser decodes them. Whatever cannot be resolved to an absolute IRI comes back as None, and the
callers refuse it (fail closed); a SERVICE endpoint must be absolute as written (or via its prefix),
while FROM graphs may be relative to the query's ``BASE`` or the endpoint's URL.

>>> q = 'PREFIX ex: <http://ex.org/> SELECT * FROM ex:a FROM NAMED <http://ex.org/b> { ?s ?p ?o }'
>>> dataset_clauses(q)
(['http://ex.org/a'], ['http://ex.org/b'])
>>> service_endpoints('SELECT * { SERVICE SILENT <http://x.org/sparql> { ?s ?p ?o } }  # SERVICE <y>')
['http://x.org/sparql']
>>> service_endpoints('SELECT * { BIND("SERVICE" AS ?x) SERVICE ?endpoint { ?s ?p ?o } }')
[None]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

__all__ = ["Token", "tokens", "dataset_clauses", "service_endpoints"]

_TOKEN = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*(?:\\[uU][0-9A-Fa-f]+[^<>"{}|^`\\\x00-\x20]*)*>)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<var>[?$][\w\u00B7-\uFFFF]+)"
    r"|(?P<name>(?:[^\W\d][\w.\-\u00B7-\uFFFF]*)?:(?:[\w.\-:%\u00B7-\uFFFF]|\\.)*|[^\W\d_][\w\-]*)"
    r"|(?P<other>\S)",
    re.UNICODE,
)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True, slots=True)
class Token:
    """One lexical token: ``kind`` is iri, string, var, name or other; ``text`` as written."""

    kind: str
    text: str


def tokens(query: str) -> list[Token]:
    """The query's tokens without comments.

    >>> [t.text for t in tokens('ASK { <a#b> ?p "x # y" } # done')]
    ['ASK', '{', '<a#b>', '?p', '"x # y"', '}']
    """
    found = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind != "comment":
            found.append(Token(kind, match.group()))
    return found


def _unescape_iri(token: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), token[1:-1])


def _keyword(token: Token, word: str) -> bool:
    return token.kind == "name" and token.text.upper() == word


class _Prologue:
    """PREFIX and BASE declarations seen so far, to expand names into IRIs."""

    def __init__(self, base: str | None = None) -> None:
        self.prefixes: dict[str, tuple[str | None, bool]] = {}  # name -> (IRI, written as absolute)
        self.base = base

    def iri(self, token: Token, relative: bool = False) -> str | None:
        """The absolute IRI ``token`` stands for, or None (a variable, an unknown prefix, a relative IRI
        unless ``relative`` allows resolving it against the base)."""
        if token.kind == "iri":
            value = _unescape_iri(token.text)
            if relative and self.base and not _ABSOLUTE.match(value):
                value = urljoin(self.base, value)
        elif token.kind == "name" and ":" in token.text:
            prefix, _, local = token.text.partition(":")
            base, absolute = self.prefixes.get(prefix, (None, False))
            if base is None or not (absolute or relative):
                return None
            value = base + re.sub(r"\\(.)", r"\1", local.rstrip("."))
        else:
            return None
        return value if _ABSOLUTE.match(value) else None


def _scan(query: str, base: str | None = None) -> tuple[list[Token], _Prologue]:
    toks = tokens(query)
    prologue = _Prologue(base)
    for i, tok in enumerate(toks[:-1]):
        if _keyword(tok, "BASE") and toks[i + 1].kind == "iri":
            prologue.base = prologue.iri(toks[i + 1], relative=True)
        elif _keyword(tok, "PREFIX") and i + 2 < len(toks) and toks[i + 1].kind == "name" and toks[i + 2].kind == "iri":
            written = _unescape_iri(toks[i + 2].text)
            prologue.prefixes[toks[i + 1].text.rstrip(":")] = (prologue.iri(toks[i + 2], relative=True),
                                                               bool(_ABSOLUTE.match(written)))
    return toks, prologue


def dataset_clauses(query: str, base: str | None = None) -> tuple[list[str | None], list[str | None]]:
    """The graphs of the query's ``FROM`` and ``FROM NAMED`` clauses, None for any not resolvable.

    Relative IRIs are resolved against the query's ``BASE``, else ``base`` (the endpoint's URL).

    >>> dataset_clauses('SELECT ?from WHERE { ?from ?p "FROM <x>" }')
    ([], [])
    >>> dataset_clauses('SELECT * FROM <g1> FROM NAMED <g2> {}', base="http://h/sparql")
    (['http://h/g1'], ['http://h/g2'])
    """
    if "FROM" not in query.upper():  # no token can be the keyword: skip the tokenizer (most queries)
        return [], []
    toks, prologue = _scan(query, base)
    default: list[str | None] = []
    named: list[str | None] = []
    for i, tok in enumerate(toks):
        if not _keyword(tok, "FROM"):
            continue
        rest = toks[i + 1:i + 3]
        if rest and _keyword(rest[0], "NAMED"):
            named.append(prologue.iri(rest[1], relative=True) if len(rest) > 1 else None)
        else:
            default.append(prologue.iri(rest[0], relative=True) if rest else None)
    return default, named


def service_endpoints(query: str) -> list[str | None]:
    """The endpoint IRI of every ``SERVICE`` in the query, None where it is not a plain absolute IRI.

    >>> service_endpoints('PREFIX w: <http://w.org/> SELECT * { SERVICE w:sparql { ?s ?p ?o } }')
    ['http://w.org/sparql']
    """
    if "SERVICE" not in query.upper():  # as in dataset_clauses
        return []
    toks, prologue = _scan(query)
    endpoints: list[str | None] = []
    for i, tok in enumerate(toks):
        if not _keyword(tok, "SERVICE"):
            continue
        j = i + 2 if i + 1 < len(toks) and _keyword(toks[i + 1], "SILENT") else i + 1
        endpoints.append(prologue.iri(toks[j]) if j < len(toks) else None)
    return endpoints

