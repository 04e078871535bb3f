"""The HTML reader's fast lxml walk gives the same text as its BeautifulSoup path, on every page we have."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extract_speed import render_html
from loader.readers.html import _html_to_text_bs4, html_to_text

CASES = Path(__file__).parent / "cases"
PAGES = [p.read_text("utf-8") for p in sorted(CASES.glob("*/input.html"))]
PAGES += [render_html(p.read_text("utf-8")) for p in sorted(CASES.glob("*/input.txt"))]
PAGES += [
    "<div>Lead partner:<br>Medway Council</div><nav>Home</nav><p>A  b</p>",
    "<table><tr><td>Total budget:</td><td>1.142.943,65 EUR</td></tr></table><!-- hidden -->after<p>caf&eacute;</p>",
    "<p>x<br/>y</p><svg><text>not shown</text></svg><form><p>cookie</p></form><footer>Partners: A</footer>",
]


@pytest.mark.parametrize("page", PAGES, ids=range(len(PAGES)))
def test_fast_walk_equals_beautifulsoup(page):
    assert html_to_text(page) == _html_to_text_bs4(page)


def test_a_page_lxml_refuses_still_reads():
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Projet AGIR</p><p>b</p></body></html>'
    assert html_to_text(page) == "Projet AGIR\nb"
