"""``GET /api/network`` and ``interreg-kg export network``: every projection and format, filters,
file names, and errors."""

from __future__ import annotations

import argparse
import io
import json
import zipfile

import networkx as nx
import pytest

from api import cli
from api.main import create_app
from api.network import FORMATS, PROJECTIONS
from tests.api.conftest import Client


@pytest.fixture(scope="module")
def client(store) -> Client:
    return Client(create_app(store=store))


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="interreg-kg")
    cli.register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code)
    return args.func(args)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("projection", PROJECTIONS)
def test_every_projection_and_format_is_served_with_a_file_name(client, projection, fmt):
    response = client.get("/api/network", params={"projection": projection, "format": fmt})
    assert response.status_code == 200
    suffix = "zip" if fmt == "csv" else fmt
    assert response.headers["content-disposition"] == f'attachment; filename="interreg-{projection}-network.{suffix}"'
    assert len(response.content) > 100


def test_rest_filters_narrow_the_network(client, store):
    whole = nx.node_link_graph(client.get("/api/network", params={"format": "json"}).json(), edges="edges")
    french = client.get("/api/network", params={"format": "json", "country": "FR", "from": "2010-01-01",
                                                "to": "2016-01-01", "metrics": "true"}).json()
    part = nx.node_link_graph(french, edges="edges")
    assert part.number_of_nodes() < whole.number_of_nodes()
    assert {d["country"] for _, d in part.nodes(data=True)} == {"FR"}
    assert french["graph"]["filters"] == "country=FR; date_from=2010-01-01; date_to=2016-01-01"
    assert all("betweenness" in d for _, d in part.nodes(data=True))


def test_rest_dynamic_gexf_and_zip(client):
    gexf = client.get("/api/network", params={"format": "gexf", "dynamic": "true", "projection": "country"}).text
    assert 'mode="dynamic"' in gexf and "<spell " in gexf
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/network", params={"format": "csv"}).content))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]


def test_rest_bad_values_are_refused(client):
    assert client.get("/api/network", params={"format": "pdf"}).status_code == 422
    assert client.get("/api/network", params={"projection": "city"}).status_code == 422
    assert client.get("/api/network", params={"from": "yesterday"}).status_code == 422
    assert client.get("/api/network", params={"country": "France"}).status_code == 400


@pytest.mark.parametrize("projection", PROJECTIONS)
def test_cli_exports_each_projection(seed_root, tmp_path, projection):
    out = tmp_path / "n.gexf"
    assert _run(["export", "network", "--projection", projection, "--format", "gexf", "--dynamic", "--metrics",
                 "--output", str(out), "--store", str(seed_root)]) == 0
    graph = nx.read_gexf(out, version="1.3")
    assert graph.number_of_nodes() > 0 and all("community" in d for _, d in graph.nodes(data=True))
    assert "build: " + (seed_root / "current").resolve().name in out.read_text(encoding="utf-8")


def test_cli_filters_and_picture(seed_root, tmp_path):
    assert _run(["export", "network", "--format", "json", "--country", "FR", "--lead-only",
                 "--output", str(tmp_path / "fr.json"), "--store", str(seed_root)]) == 0
    data = json.loads((tmp_path / "fr.json").read_text(encoding="utf-8"))
    assert data["graph"]["filters"] == "country=FR; lead_only=true"
    assert {n["country"] for n in data["nodes"]} <= {"FR"}
    assert _run(["export", "network", "--format", "svg", "--output", str(tmp_path / "n.svg"),
                 "--store", str(seed_root)]) == 0
    assert (tmp_path / "n.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_cli_usage_errors(seed_root, tmp_path, capsys):
    assert _run(["export", "network", "--format", "gexf", "--output", str(tmp_path / "x.gexf"),
                 "--country", "France", "--store", str(seed_root)]) == 2
    assert "country" in capsys.readouterr().err
    assert _run(["export", "network", "--format", "gexf", "--output", "x", "--from", "soon"]) == 2
    assert _run(["export", "network", "--projection", "city", "--format", "gexf", "--output", "x"]) == 2
