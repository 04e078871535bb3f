"""The N-Quads term writer (``loader/nquads.py``) writes exactly what pyoxigraph serialises for the
same terms, and refuses what pyoxigraph refuses."""

from __future__ import annotations

import doctest

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse, serialize

import loader.nquads
from loader.nquads import XSD_STRING, blank, iri, iri_value, line, literal, quoted

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
S, P, G = "http://example.org/s", "http://example.org/p", "http://example.org/g"

AWKWARD_TEXTS = [
    "",
    "plain",
    'say "hi"',
    "back\\slash \\n not a newline",
    "line\nbreak",
    "carriage\rreturn\r\n",
    "tab\there",
    "\b\f\v\a",
    "".join(map(chr, range(0x20))),
    "del\x7f",
    "Communauté Urbaine de Dunkerque – “quotes” ‘single’ ß œ",
    "中文 العربية עברית 😀 \U0001f1eb\U0001f1f7",
    "non-characters \ufffe \uffff \U0010ffff \U0001fffe",
    "zero width\u200b joiner\u200d BOM\ufeff line sep\u2028 para\u2029 nel\x85 nbsp\xa0",
    '\\"',
    '"',
    "\\",
    "ends with backslash \\",
    "@en",
    '"^^<http://x>',
    "> .\n<http://evil> <http://p> \"x\" <http://g> .",
]

ODD_IRIS = [
    "http://example.org/a",
    "https://w3id.org/interreg-kg/id/document/d1#char=0,4",
    "http://example.org/é/ü?q=ß#frag",
    "http://example.org/a%20b%C3%A9",
    "http://[::1]:8080/x",
    "mailto:jean.o'neil+tag@example.org",
    "tel:+3320123456",
    "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
    "http://example.org/\u200b",
    "http://example.org/a!$&'()*+,;=:@~",
    "http://user:pass@example.org/",
    "file:///tmp/x",
    "http://example.org/中文",
]

BAD_IRIS = ["http://a b", "http://a/<", "http://a/>", 'http://a/"', "http://a/{b}", "http://a/|", "http://a/^",
            "http://a/`", "http://a/\\", "no-scheme", "http://a/%zz", "http://a/b#c#d", "http://a/\ue000",
            "http://a/\x00", "http://a/\n", ""]

LANGUAGES = ["en", "EN", "en-GB", "EN-gb", "de-CH-1996", "zh-Hant-TW", "sr-Latn-RS", "x-private", "en-US-x-twain"]


def _serialized(subject, predicate, obj, graph=None) -> str:
    quad = Quad(subject, predicate, obj, graph if graph is not None else DefaultGraph())
    return serialize([quad], format=RdfFormat.N_QUADS).decode()


def test_doctests() -> None:
    assert doctest.testmod(loader.nquads).failed == 0


def test_every_code_point_is_written_as_pyoxigraph_writes_it() -> None:
    """One literal holding every Unicode scalar value (surrogates cannot be in RDF text)."""
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert quoted(text) == str(Literal(text))
    ours = line(iri(S), iri(P), quoted(text), iri(G))
    assert ours == _serialized(NamedNode(S), NamedNode(P), Literal(text), NamedNode(G))
    assert [q.object.value for q in parse(ours.encode(), format=RdfFormat.N_QUADS)] == [text]


@pytest.mark.parametrize("code_point", [*range(0x20), 0x22, 0x5C, 0x7F, 0x80, 0x9F, 0xA0, 0xFFFD, 0xFFFE,
                                        0xFFFF, 0x10000, 0x10FFFF])
def test_each_escaped_and_boundary_code_point_alone(code_point: int) -> None:
    text = f"a{chr(code_point)}b"
    assert quoted(text) == str(Literal(text))


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_awkward_literals_simple_typed_and_tagged(text: str) -> None:
    s, p, g = NamedNode(S), NamedNode(P), NamedNode(G)
    assert line(iri(S), iri(P), literal(text), iri(G)) == _serialized(s, p, Literal(text), g)
    for datatype in (XSD + "integer", XSD + "date", XSD_STRING, "http://example.org/dt#é", RDF_LANG_STRING):
        expected = _serialized(s, p, Literal(text, datatype=NamedNode(datatype)), g)
        assert line(iri(S), iri(P), literal(text, datatype=datatype), iri(G)) == expected
    for language in LANGUAGES:
        expected = _serialized(s, p, Literal(text, language=language), g)
        assert line(iri(S), iri(P), literal(text, language=language), iri(G)) == expected
        assert literal(text, language=language, datatype=RDF_LANG_STRING) == str(Literal(text, language=language))


def test_a_term_text_is_the_str_of_the_pyoxigraph_term() -> None:
    for text in AWKWARD_TEXTS:
        assert literal(text) == str(Literal(text))
        assert literal(text, language="fr-BE") == str(Literal(text, language="fr-BE"))
        assert literal(text, datatype=XSD + "decimal") == str(Literal(text, datatype=NamedNode(XSD + "decimal")))
    for value in ODD_IRIS:
        assert iri(value) == str(NamedNode(value))
        assert iri_value(iri(value)) == NamedNode(value).value
    assert iri_value(literal("x", language="en")) == str(Literal("x", language="en"))


@pytest.mark.parametrize("value", ODD_IRIS)
def test_odd_iris_in_every_position(value: str) -> None:
    node = NamedNode(value)
    assert line(iri(value), iri(value), iri(value), iri(value)) == _serialized(node, node, node, node)
    assert line(iri(value), iri(P), literal("x")) == _serialized(node, NamedNode(P), Literal("x"))


@pytest.mark.parametrize("value", BAD_IRIS)
def test_invalid_iris_are_refused_as_pyoxigraph_refuses_them(value: str) -> None:
    with pytest.raises(ValueError) as theirs:
        NamedNode(value)
    with pytest.raises(ValueError) as ours:
        iri(value)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("language", ["", "not valid!", "en_GB", "toolongsubtag", "-en"])
def test_invalid_language_tags_are_refused(language: str) -> None:
    with pytest.raises(ValueError):
        Literal("x", language=language)
    with pytest.raises(ValueError):
        literal("x", language=language)


def test_a_language_tag_with_another_datatype_is_refused() -> None:
    with pytest.raises(ValueError, match="langString"):
        literal("x", language="en", datatype=XSD + "integer")


def test_invalid_datatype_iri_is_refused() -> None:
    with pytest.raises(ValueError):
        literal("x", datatype="not an iri")


def test_blank_nodes_and_the_default_graph() -> None:
    b = BlankNode("b0")
    assert line(blank("b0"), iri(P), blank("b1")) == _serialized(b, NamedNode(P), BlankNode("b1"))
    assert line(blank("b0"), iri(P), literal("x"), iri(G)) == _serialized(b, NamedNode(P), Literal("x"), NamedNode(G))
    with pytest.raises(ValueError):
        blank("not a label")


def test_surrogates_cannot_be_written_as_utf8() -> None:
    """pyoxigraph refuses a lone surrogate in a literal; the writer's text cannot be encoded either."""
    with pytest.raises(ValueError):
        Literal("a\udcffb")
    with pytest.raises(ValueError):  # UnicodeEncodeError
        line(iri(S), iri(P), literal("a\udcffb"), iri(G)).encode()
