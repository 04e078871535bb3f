"""HTML to plain text: block elements on their own lines, list items as lines, chrome dropped.

Scripts, styles, ``<nav>``, ``<head>`` and forms are dropped; footers are kept (partner lists
often live there). Table cells of one row stay on one line ("Totaal budget: 1.142.943,65 EUR").

>>> html_to_text("<div>Lead partner:<br>Medway Council</div><nav>Home</nav><p>A  b</p>")
'Lead partner:\\nMedway Council\\nA b'
"""

from __future__ import annotations

import re

import lxml.html
from bs4 import BeautifulSoup
from lxml import etree

__all__ = ["html_to_text"]

_DROP = ("script", "style", "nav", "head", "noscript", "template", "form", "svg", "button", "iframe")
_BLOCKS = ("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "table", "section", "article", "header", "footer", "aside", "main", "blockquote", "pre",
           "address", "figure", "figcaption", "hr", "title")
_CELLS = ("td", "th")


_BLOCK_SET, _CELL_SET = frozenset(_BLOCKS), frozenset(_CELLS)
_SPACES = re.compile(r"[ \t\u00a0]+")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line, spaces collapsed within lines.

    Walks lxml's tree (ten times faster than BeautifulSoup, same text); pages lxml refuses (an XML
    encoding declaration in a decoded string, say) go through BeautifulSoup.
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return _html_to_text_bs4(html)
    out: list[str] = []
    _walk(root, out)
    lines = _SPACES.sub(" ", "".join(out)).split("\n")  # no run of _SPACES spans a line break
    return "\n".join(line for line in map(str.strip, lines) if line)


def _walk(element, out: list[str]) -> None:
    """Append the visible text under ``element`` to ``out``: blocks on their own lines, a space after
    each table cell, a line break for ``<br>``; dropped elements, comments and instructions left out."""
    if not isinstance(element.tag, str):
        return
    tag = element.tag.lower()
    if tag in _DROP or tag.endswith(":svg"):
        return
    block = tag in _BLOCK_SET
    if block or tag == "br":
        out.append("\n")
    if element.text:
        out.append(element.text)
    for child in element:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if tag in _CELL_SET:
        out.append(" ")
    if block:
        out.append("\n")


def _html_to_text_bs4(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(_CELLS):
        tag.insert_after(" ")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
