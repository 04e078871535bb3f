"""Without the npm build of YASGUI the page points at the CDN and says so; offline (as here: the
browser resolves no host but the loopback) it still lists the named queries, as text, and says why
the editor is missing."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from pyoxigraph import Store
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import queries
from api.main import create_app
from api.routes import ui


@pytest.fixture(scope="module")
def bare_server(tmp_path_factory):
    """The app on a loopback port in this process, with an empty vendor folder (no npm build)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(ui, "VENDOR_DIR", tmp_path_factory.mktemp("no-vendor"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store=Store()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        patch.undo()


def test_the_page_says_it_loads_the_cdn_and_lists_the_queries_as_text(browser, bare_server):
    browser.get(bare_server + "/sparql")
    status = WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.ID, "status") if b.find_element(By.ID, "status").text else None)
    assert "could not be loaded" in status.text and "CDN" in status.text
    body = browser.find_element(By.TAG_NAME, "body")
    assert body.get_attribute("data-assets") == "cdn"
    notice = browser.find_element(By.ID, "assets-notice").text
    assert "loaded from the CDN cdn.jsdelivr.net" in notice and "make install" in notice
    script = browser.find_element(By.CSS_SELECTOR, 'script[src$="yasgui.min.js"]').get_attribute("src")
    assert script == ui.CDN + "yasgui.min.js"
    assert browser.execute_script("return typeof window.Yasgui") == "undefined"
    texts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#example-list pre")]
    assert len(texts) == len(queries.names())
    assert texts[0].startswith("# title: " + queries.load(queries.names()[0]).title)
