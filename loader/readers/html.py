"""HTML to plain text: block elements on their own lines, list items as lines, chrome dropped.

Scripts, styles, ``<nav>``, ``<head>`` and forms are dropped; footers are kept (partner lists
often live there). Table cells of one row stay on one line ("Totaal budget: 1.142.943,65 EUR").

>>> html_to_text("<div>Lead partner:<br>Medway Council</div><nav>Home</nav><p>A  b</p>")
'Lead partner:\\nMedway Council\\nA b'
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

__all__ = ["html_to_text"]

_DROP = ("script", "style", "nav", "head", "noscript", "template", "form", "svg", "button", "iframe")
_BLOCKS = ("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "table", "section", "article", "header", "footer", "aside", "main", "blockquote", "pre",
           "address", "figure", "figcaption", "hr", "title")
_CELLS = ("td", "th")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line, spaces collapsed within lines."""
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
