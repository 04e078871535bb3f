"""Escaping for the streamed XML writers, byte for byte as the libraries the exports used to be built
with wrote it: lxml (libxml2) for GEXF in UTF-8, :mod:`xml.etree.ElementTree` for GraphML in ASCII
with character references.

>>> gexf_attribute('a "b" & <c>\\n'), gexf_text("x < y\\r")
('a &quot;b&quot; &amp; &lt;c&gt;&#10;', 'x &lt; y&#13;')
>>> graphml_attribute("Métropole\\t"), graphml_text("A & B: Métropole")
('M&#233;tropole&#09;', 'A &amp; B: M&#233;tropole')
"""

from __future__ import annotations

import re

__all__ = ["gexf_attribute", "gexf_text", "graphml_attribute", "graphml_text"]

_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e]")


def gexf_attribute(value: str) -> str:
    """``value`` as an attribute value between double quotes, as libxml2 writes it (UTF-8 left as is;
    ``& < > "`` and tab, line feed and carriage return as references)."""
    if not value.isalnum():
        value = (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
                 .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))
    return value


def gexf_text(value: str) -> str:
    """``value`` as element text, as libxml2 writes it (``& < >`` and carriage return escaped)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def graphml_attribute(value: str) -> str:
    """``value`` as an attribute value between double quotes, as ElementTree writes it in ASCII
    (``& < > "``, tab, line feed, carriage return and every non-ASCII character as references)."""
    value = (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
             .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))
    return value if value.isascii() else value.encode("ascii", "xmlcharrefreplace").decode("ascii")


def graphml_text(value: str) -> str:
    """``value`` as element text, as ElementTree writes it in ASCII (``& < >`` and every non-ASCII
    character as references). A carriage return, alone or before a line feed, and the other ASCII
    characters :meth:`str.splitlines` breaks at become a line feed, as networkx's output was split into
    lines and joined with line feeds (a parser reads a carriage return as a line feed anyway)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _BREAKS.search(value):
        value = _BREAKS.sub("\n", value)
    return value if value.isascii() else value.encode("ascii", "xmlcharrefreplace").decode("ascii")
