"""``/sparql`` in a browser: the editor page, who gets it and who does not, and its assets."""

from __future__ import annotations

import doctest
import json
import re

import pytest

import queries
from api.routes import ui

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def _examples_of(page: str) -> list[dict]:
    found = re.search(r'<script type="application/json" id="example-data">(.*?)</script>', page, re.S)
    assert found, "the page carries no example data"
    return json.loads(found.group(1))


def test_doctests_of_the_module():
    result = doctest.testmod(ui, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5 and result.failed == 0


def test_a_browser_gets_the_editor_page(client):
    response = client.get("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Accept" in response.headers["vary"]
    page = response.text
    assert 'data-endpoint="/sparql"' in page and "yasgui.min.js" in page and "/static/sparql-editor.js" in page
    assert [e["name"] for e in _examples_of(page)] == queries.names()


def test_the_example_data_cannot_close_its_script_element(client):
    page = client.get("/sparql", headers={"Accept": BROWSER}).text
    data = re.search(r'id="example-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data  # every IRI bracket is escaped
    assert any("<https://w3id.org/interreg-kg/ontology#>" in e["text"] for e in json.loads(data))


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "application/sparql-results+json",
                                    "text/html;q=0.5, text/turtle", "text/html;q=0.8, */*;q=0.8"])
def test_sparql_clients_keep_the_protocol_answers(client, accept):
    headers = {} if accept is None else {"Accept": accept}
    response = client.get("/sparql", headers=headers)
    assert not response.headers.get("content-type", "").startswith("text/html")
    assert "example-data" not in response.text


@pytest.mark.parametrize("params", [{"query": "ASK {}"}, {"update": "CLEAR ALL"}, {"query": ""}])
def test_a_browser_sending_a_query_or_update_reaches_the_endpoint(client, params):
    response = client.get("/sparql", params=params, headers={"Accept": BROWSER})
    assert "example-data" not in response.text


def test_a_post_is_never_the_page(client):
    response = client.post("/sparql", content="ASK {}", headers={"Accept": BROWSER,
                                                                 "Content-Type": "application/sparql-query"})
    assert "example-data" not in response.text


def test_the_page_route_is_not_in_the_openapi_document(client):
    document = client.get("/openapi.json").json()
    assert not any(path.startswith("/static") for path in document["paths"])
    assert "get" in document["paths"]["/sparql"]  # the protocol's GET stays documented
    assert document["paths"]["/sparql"]["get"]["operationId"] != "editor_sparql_get"


def test_static_files_are_served_with_their_media_type(client):
    script = client.get("/static/sparql-editor.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "new window.Yasgui" in script.text
    style = client.get("/static/sparql-editor.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    assert client.request("HEAD", "/static/sparql-editor.js").status_code == 200


@pytest.mark.parametrize("path", ["/static/../main.py", "/static/%2e%2e/main.py", "/static/..%2Fmain.py",
                                  "/static/package.json", "/static/sparql.html", "/static/nothing.js",
                                  "/static/vendor/node_modules/@zazuko/yasgui/package.json"])
def test_static_serves_nothing_else(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text


def test_without_the_npm_build_the_page_loads_the_cdn_and_says_so(tmp_path):
    base, local = ui.assets(tmp_path)
    assert not local and base.startswith("https://cdn.jsdelivr.net/npm/@zazuko/yasgui@" + ui.YASGUI_VERSION)
    page = ui.page("/sparql", vendor_dir=tmp_path)
    assert f'src="{base}yasgui.min.js"' in page and f'href="{base}yasgui.min.css"' in page
    assert 'data-assets="cdn"' in page and "loaded from the CDN cdn.jsdelivr.net" in page


def test_with_the_npm_build_the_page_loads_it_from_the_service(tmp_path):
    (tmp_path / "yasgui").mkdir()
    for name in ("yasgui.min.js", "yasgui.min.css"):
        (tmp_path / "yasgui" / name).write_text("/* build */", encoding="utf-8")
    page = ui.page("/sparql", vendor_dir=tmp_path)
    assert 'src="/static/vendor/yasgui/yasgui.min.js"' in page and "cdn.jsdelivr" not in page
    assert 'data-assets="local"' in page and "served by this service" in page


def test_only_half_a_build_counts_as_none(tmp_path):
    (tmp_path / "yasgui").mkdir()
    (tmp_path / "yasgui" / "yasgui.min.js").write_text("/* build */", encoding="utf-8")
    assert ui.assets(tmp_path)[1] is False


def test_the_cdn_version_is_the_one_npm_installs():
    package = json.loads((ui.STATIC_DIR / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ui.STATIC_DIR / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["@zazuko/yasgui"] == ui.YASGUI_VERSION
    assert lock["packages"]["node_modules/@zazuko/yasgui"]["version"] == ui.YASGUI_VERSION
