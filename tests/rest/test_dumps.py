"""Whole-graph dumps: the download route and ``interreg-kg export dump``, never with personal data by default."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

import interreg_kg
import queries

CONTACTS = "https://w3id.org/interreg-kg/graph/contacts/"


def public_quads(store: Store) -> int:
    return sum(
        len(list(store.quads_for_pattern(None, None, None, g)))
        for g in store.named_graphs()
        if not g.value.startswith(CONTACTS)
    )


def load(data: bytes, fmt: RdfFormat) -> Store:
    store = Store()
    store.load(data, format=fmt)
    return store


@pytest.mark.parametrize(
    ("fmt", "rdf", "media"),
    [("nquads", RdfFormat.N_QUADS, "application/n-quads"), ("trig", RdfFormat.TRIG, "application/trig")],
)
def test_the_download_holds_every_public_graph_and_no_contacts(client, store, no_contacts, fmt, rdf, media):
    response = client.get("/api/dump", params={"format": fmt})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    no_contacts(response.text)
    dumped = load(response.content, rdf)
    assert len(dumped) == public_quads(store)
    assert not [g for g in dumped.named_graphs() if g.value.startswith(CONTACTS)]
    assert NamedNode("https://w3id.org/interreg-kg/graph/ontology") in set(dumped.named_graphs())


def test_the_download_has_an_etag(client):
    first = client.get("/api/dump")
    again = client.get("/api/dump", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/api/dump", params={"format": "trig"}).headers["etag"] != first.headers["etag"]


def test_an_unknown_dump_format_is_a_problem(client):
    response = client.get("/api/dump", params={"format": "rdfxml"})
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"


def test_personal_data_only_when_configured(personal_client, store, contacts):
    dumped = load(personal_client.get("/api/dump").content, RdfFormat.N_QUADS)
    assert len(dumped) == len(store) + len(contacts)  # the contacts store's quads are appended
    assert {g.value for g in contacts.named_graphs()} <= {g.value for g in dumped.named_graphs()}
    assert "Fawad Bhatti" in personal_client.get("/api/dump").text


def test_the_personal_data_switch_is_off_by_default():
    from api.privacy import personal_data_allowed

    assert personal_data_allowed({}) is False
    assert personal_data_allowed({"INTERREG_KG_PERSONAL_DATA": "0"}) is False
    assert personal_data_allowed({"INTERREG_KG_PERSONAL_DATA": "yes"}) is True


def _publish_build(root, store: Store, contacts: Store) -> None:
    """A build of the two stores, as the loader lays it out, published under ``root``."""
    from ontology.storage import contacts_store_path, new_build_dir, publish

    build = new_build_dir(root)
    for path, source in ((build, store), (contacts_store_path(build), contacts)):
        disk = Store(str(path))
        disk.bulk_extend(source.quads_for_pattern(None, None, None, None))
        disk.flush()
        del disk
    publish(root, build)


@pytest.mark.parametrize(("fmt", "rdf"), [("nquads", RdfFormat.N_QUADS), ("trig", RdfFormat.TRIG)])
def test_export_dump_command(tmp_path, store, contacts, no_contacts, monkeypatch, capsys, fmt, rdf):
    from pathlib import Path

    monkeypatch.delenv("INTERREG_KG_PERSONAL_DATA", raising=False)
    root = tmp_path / "store"
    _publish_build(root, store, contacts)
    out = tmp_path / "out" / f"graph.{fmt}"
    code = interreg_kg.main(["export", "dump", "--format", fmt, "--output", str(out), "--store", str(root)])
    assert code == 0, capsys.readouterr().err
    data = Path(out).read_bytes()
    no_contacts(data.decode("utf-8"))
    assert len(load(data, rdf)) == public_quads(store)
    assert f"{public_quads(store)} quads" in capsys.readouterr().err


def test_export_dump_command_with_personal_data(tmp_path, store, contacts, monkeypatch, capsys):
    monkeypatch.setenv("INTERREG_KG_PERSONAL_DATA", "1")
    root = tmp_path / "store"
    _publish_build(root, store, contacts)
    out = tmp_path / "graph.nq"
    code = interreg_kg.main(["export", "dump", "--format", "nquads", "--output", str(out), "--store", str(root)])
    assert code == 0, capsys.readouterr().err
    data = out.read_bytes()
    assert len(load(data, RdfFormat.N_QUADS)) == len(store) + len(contacts)
    assert b"Fawad Bhatti" in data


def test_export_dump_without_a_build_fails_cleanly(tmp_path, capsys):
    code = interreg_kg.main(
        [
            "export",
            "dump",
            "--format",
            "nquads",
            "--output",
            str(tmp_path / "x.nq"),
            "--store",
            str(tmp_path / "empty"),
        ]
    )
    assert code == 1 and "no build" in capsys.readouterr().err
    assert not (tmp_path / "x.nq").exists()


def test_contact_points_over_rest_only_when_configured(client, personal_client):
    refused = client.get("/api/projects/agir/contacts")
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert "INTERREG_KG_PERSONAL_DATA" in refused.json()["detail"]
    served = personal_client.get("/api/projects/agir/contacts")
    assert served.status_code == 200 and served.headers["cache-control"] == "private, no-store"
    assert served.json()["data"] == [
        {
            "organisation": {
                "iri": "https://w3id.org/interreg-kg/id/organisation/medway-council",
                "id": "medway-council",
                "label": None,
            },
            "name": "Fawad Bhatti",
            "email": "mailto:fawad.bhatti@medway.gov.uk",
            "telephone": "tel:+441634334320",
        }
    ]
    assert personal_client.get("/api/projects/nope/contacts").status_code == 404


def test_the_contacts_query_is_not_a_named_query(client):
    assert "project_contacts" not in queries.names()
    assert client.get("/api/queries/project_contacts", params={"project": "agir"}).status_code == 404
