"""The query editor in a real browser: the page loads (offline, from the service's own assets), a
named query runs from its example and a typed query runs, and the results show in the table, the
same as the endpoint answers them directly."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

import queries
from api.routes import ui

ACRONYMS = ("SELECT ?project ?acronym WHERE { ?project a <https://w3id.org/interreg-kg/ontology#Project> ;"
            " <https://w3id.org/interreg-kg/ontology#acronym> ?acronym } ORDER BY ?acronym")


def _endpoint_rows(server: str, query: str) -> list[dict]:
    """What /sparql answers for ``query``, straight over HTTP."""
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(server + "/sparql", data=body, method="POST",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["results"]["bindings"]


def _wait(browser, seconds: float = 30) -> WebDriverWait:
    return WebDriverWait(browser, seconds)


def _visible(browser, selector: str):
    return [e for e in browser.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def _results(browser) -> tuple[int, list[str]]:
    """The number of results the active tab says it has, and the text of its table rows."""
    chip = _wait(browser).until(lambda b: next((c for c in _visible(b, ".yasr_response_chip")
                                                if "result" in c.text), None))
    count = int(re.match(r"(\d+) results?", chip.text).group(1))
    rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, ".tabPanel.active .yasr table tbody tr")]
    return count, rows


@pytest.fixture(scope="module")
def page(browser, server):
    """The editor, loaded and ready (YASGUI drawn)."""
    browser.get(server + "/sparql")
    _wait(browser).until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".tabPanel.active .CodeMirror")))
    return browser


def test_the_page_loads_with_its_own_assets(page, server):
    assert page.title.startswith("SPARQL query editor")
    assert page.execute_script("return typeof window.Yasgui") == "function"
    assert page.find_element(By.TAG_NAME, "body").get_attribute("data-assets") == "local", \
        "the YASGUI build is missing from api/static/vendor/: run make install with npm"
    assert "served by this service" in page.find_element(By.ID, "assets-notice").text
    resources = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any(r.endswith("/static/vendor/yasgui/yasgui.min.js") for r in resources)
    assert all(r.startswith(server) for r in resources), "the page reached outside the service"
    assert page.find_element(By.ID, "status").text == ""
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_every_named_query_is_an_example(page):
    buttons = page.find_elements(By.CSS_SELECTOR, "#example-list button")
    assert [b.get_attribute("data-query") for b in buttons] == queries.names()
    assert all(b.text.strip() for b in buttons)


def test_the_editor_queries_this_service(page, server):
    assert page.execute_script("return window.interregYasgui.getTab().getEndpoint()") == server + "/sparql"


def test_a_named_query_runs_from_its_example_and_its_results_show(page, server):
    page.find_element(By.CSS_SELECTOR, '#example-list button[data-query="projects"]').click()
    title = queries.load("projects").title
    _wait(page).until(lambda b: b.execute_script("return window.interregYasgui.getTab().getName()") == title)
    text = page.execute_script("return window.interregYasgui.getTab().getQuery()")
    assert text == ui.example_text(queries.load("projects"))
    _visible(page, ".tabPanel.active .yasqe_queryButton")[0].click()
    count, rows = _results(page)
    expected = _endpoint_rows(server, text)
    assert count == len(expected) == len(rows) > 0
    shown = "\n".join(rows)
    for binding in expected:
        assert binding["acronym"]["value"] in shown


def test_an_example_already_open_is_selected_not_opened_twice(page):
    tabs = len(page.find_elements(By.CSS_SELECTOR, ".tabsList .tab"))
    page.find_element(By.CSS_SELECTOR, ".tabsList .addTab").click()
    _wait(page).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".tabsList .tab")) == tabs + 1)
    page.find_element(By.CSS_SELECTOR, '#example-list button[data-query="projects"]').click()
    title = queries.load("projects").title
    _wait(page).until(lambda b: b.execute_script("return window.interregYasgui.getTab().getName()") == title)
    assert len(page.find_elements(By.CSS_SELECTOR, ".tabsList .tab")) == tabs + 1


def test_a_typed_query_runs_with_the_keyboard_and_its_results_show(page, server):
    page.find_element(By.CSS_SELECTOR, ".tabsList .addTab").click()
    editor = _wait(page).until(lambda b: next(iter(_visible(b, ".tabPanel.active .CodeMirror")), None))
    page.execute_script("window.interregYasgui.getTab().getYasqe().setValue('')")
    editor.click()
    page.switch_to.active_element.send_keys(ACRONYMS)
    typed = page.execute_script("return window.interregYasgui.getTab().getQuery()")
    assert typed.split() == ACRONYMS.split()  # the editor's bracket helpers did not change what was typed
    page.switch_to.active_element.send_keys(Keys.CONTROL, Keys.ENTER)
    count, rows = _results(page)
    expected = [b["acronym"]["value"] for b in _endpoint_rows(server, typed)]
    assert count == len(expected) == len(rows) > 0
    shown = [row.split("\n") for row in rows]
    assert [next(cell for cell in row if cell in expected) for row in shown] == expected
