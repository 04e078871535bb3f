"""N-Quads text written straight from IRIs and lexical forms, exactly as Oxigraph writes it.

A full build maps every document in a worker and hands its quads to Oxigraph's bulk loader as
N-Quads text (``loader/bulk.py``). Making a pyoxigraph ``NamedNode``, ``Literal`` and ``Quad`` per
quad and serialising them cost more than the mapping itself; these functions write each term's text
directly, byte for byte what ``pyoxigraph.serialize(..., format=RdfFormat.N_QUADS)`` gives for the
same terms (``tests/store/test_nquads_writer.py`` holds them to it, every code point included):

- :func:`iri` checks the IRI with pyoxigraph's own parser (``ValueError`` as ``NamedNode`` raises it)
  and writes ``<iri>``: Oxigraph writes a valid IRI as it is given.
- :func:`literal` writes ``"lexical form"`` with Oxigraph's escapes (:func:`quoted`), then
  ``@language`` (lower-cased, as Oxigraph stores it) or ``^^<datatype>`` (none for ``xsd:string``).
- :func:`blank` writes ``_:label``; :func:`line` joins four terms (or three: the default graph).

A term's text is the same as ``str()`` of the pyoxigraph term, so two equal terms give equal text and
a set of lines is a set of quads.

>>> line(iri("http://a"), iri("http://p"), literal('say "hi"\\n'), iri("http://g"))
'<http://a> <http://p> "say \\\\"hi\\\\"\\\\n" <http://g> .\\n'
>>> literal("5", datatype="http://www.w3.org/2001/XMLSchema#integer"), literal("Lille", language="FR")
('"5"^^<http://www.w3.org/2001/XMLSchema#integer>', '"Lille"@fr')
"""

from __future__ import annotations

import re

from pyoxigraph import BlankNode, Literal, NamedNode

__all__ = ["XSD_STRING", "blank", "iri", "iri_value", "line", "literal", "quoted"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: What Oxigraph escapes in a literal's lexical form: C0 controls (``\b \t \n \f \r`` by their short
#: forms, the rest as ``\uXXXX``), the quote, the backslash, DEL and the two non-characters
#: U+FFFE and U+FFFF. Every other code point is written as itself.
_ESCAPES: dict[int, str] = {c: f"\\u{c:04X}" for c in range(0x20)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\",
                 0x7F: "\\u007F", 0xFFFE: "\\uFFFE", 0xFFFF: "\\uFFFF"})
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\"\\\\\x7f\ufffe\uffff]")
_LANGUAGES: dict[str, str] = {}
_DATATYPES: dict[str, str] = {}


def quoted(value: str) -> str:
    """``value`` as the quoted lexical form of an N-Quads literal, escaped as Oxigraph escapes it.

    >>> print(quoted('a "b" \\\\ c\\td\\u0001é'))
    "a \\"b\\" \\\\ c\\td\\u0001é"
    """
    if _NEEDS_ESCAPE.search(value) is None:
        return f'"{value}"'
    return '"' + value.translate(_ESCAPES) + '"'


def iri(value: str) -> str:
    """``<value>``, the N-Quads text of an IRI.

    :raises ValueError: when ``value`` is not an absolute IRI (the message is pyoxigraph's).

    >>> iri("https://w3id.org/interreg-kg/id/project/agir")
    '<https://w3id.org/interreg-kg/id/project/agir>'
    """
    NamedNode(value)
    return f"<{value}>"


def iri_value(term: str) -> str:
    """The IRI of an IRI's text, or the text itself for any other term (a literal, a blank node): what
    ``NamedNode.value`` and ``str(Literal)`` give.

    >>> iri_value("<http://a>"), iri_value('"x"@en')
    ('http://a', '"x"@en')
    """
    return term[1:-1] if term.startswith("<") else term


def literal(value: str, *, datatype: str | None = None, language: str | None = None) -> str:
    """The N-Quads text of a literal: simple, language-tagged or typed.

    :param value: the lexical form (any text; it is escaped).
    :param datatype: the datatype IRI; none or ``xsd:string`` writes a simple literal.
    :param language: a BCP 47 language tag (written lower-cased, as Oxigraph keeps it).
    :raises ValueError: for an invalid language tag or datatype IRI, or a language tag with a datatype
        other than ``rdf:langString`` (pyoxigraph's messages).
    """
    text = quoted(value)
    if language is not None:
        if datatype is not None or language not in _LANGUAGES:
            Literal(value, language=language, **({"datatype": NamedNode(datatype)} if datatype else {}))
            _LANGUAGES[language] = Literal("", language=language).language or ""
        return f"{text}@{_LANGUAGES[language]}"
    if datatype is None or datatype == XSD_STRING:
        return text
    suffix = _DATATYPES.get(datatype)
    if suffix is None:
        suffix = _DATATYPES[datatype] = "^^" + iri(datatype)
    return text + suffix


def blank(label: str) -> str:
    """``_:label``, the N-Quads text of a blank node.

    :raises ValueError: when ``label`` is not a valid blank node label (pyoxigraph's message).

    >>> blank("b0")
    '_:b0'
    """
    BlankNode(label)
    return f"_:{label}"


def line(subject: str, predicate: str, obj: str, graph: str | None = None) -> str:
    """One N-Quads line of four term texts (three: the default graph), with its line end."""
    if graph is None:
        return f"{subject} {predicate} {obj} .\n"
    return f"{subject} {predicate} {obj} {graph} .\n"
