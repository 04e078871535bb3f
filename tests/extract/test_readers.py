"""Reading documents: encodings, HTML, PDF, manifest facts, keys and the errors for bad files."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest
from fpdf import FPDF

from loader.documents import detect_language, document_key, read_document
from loader.errors import DocumentError, LoaderError
from loader.manifest import Manifest, ManifestEntry, read_manifest
from ontology.settings import PROJECT_ROOT

SEED_AGIR = PROJECT_ROOT / "data" / "documents" / "001_6ad943d2a728cbed.txt"


def test_utf8_text_is_read_as_nfc_with_its_digest(tmp_path):
    path = tmp_path / "doc.txt"
    raw = unicodedata.normalize("NFD", "Communauté Urbaine de Dunkerque").encode("utf-8")
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc.text == "Communauté Urbaine de Dunkerque"
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.media_type == "text/plain" and doc.path == str(path) and doc.key == "doc"


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes("Le projet a été approuvé – coût : 40 000 €".encode("cp1252"))
    assert read_document(path).text == "Le projet a été approuvé – coût : 40 000 €"


def test_mojibake_is_repaired_and_bom_dropped(tmp_path):
    path = tmp_path / "moji.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Région Hauts-de-France".encode().decode("latin-1").encode("utf-8"))
    assert read_document(path).text == "Région Hauts-de-France"


def test_replacement_characters_become_bullets_one_for_one(tmp_path):
    path = tmp_path / "bullets.txt"
    path.write_text("\ufffd\ufffd Resident participation\n", encoding="utf-8")
    text = read_document(path).text
    assert text == "•• Resident participation\n"


def test_html_keeps_blocks_and_list_items_as_lines_and_drops_chrome(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a> | <a>Projects</a></nav><script>var budget = '1 EUR';</script>"
        "<h1>Projet AGIR</h1><p>Chef de file&nbsp;: <b>Medway Council</b></p>"
        "<ul><li>Amiens Métropole</li><li>Migrant Help</li></ul>"
        "<table><tr><td>Total budget:</td><td>1.142.943,65 EUR</td></tr></table>"
        "<footer><p>Partenaires : Kent County Council</p></footer></body></html>", encoding="utf-8")
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert lines[:4] == ["Projet AGIR", "Chef de file : Medway Council", "Amiens Métropole", "Migrant Help"]
    assert "Total budget: 1.142.943,65 EUR" in lines
    assert "Partenaires : Kent County Council" in lines
    assert "Home" not in doc.text and "var budget" not in doc.text
    assert doc.media_type == "text/html"


def test_pdf_generated_from_a_seed_is_read(tmp_path):
    text = SEED_AGIR.read_text(encoding="utf-8")
    paragraph = [line for line in text.split("\n") if line.startswith("Le projet a été approuvé")][0]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Qu'est-ce que le projet AGIR?", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "agir.pdf"
    pdf.output(str(path))
    doc = read_document(path)
    assert doc.media_type == "application/pdf"
    assert "projet AGIR" in doc.text
    assert "Mars 2015" in " ".join(doc.text.split())
    assert doc.language == "fr"


def test_manifest_gives_project_language_and_source(tmp_path):
    manifest = read_manifest(PROJECT_ROOT / "data" / "documents" / "manifest.csv")
    doc = read_document(PROJECT_ROOT / "data" / "documents" / "002_f51b94a7803afe08.txt", manifest=manifest)
    assert (doc.project_key, doc.language, doc.source_url) == (
        "sam-eurometropool", "nl", "http://www.interreg-fwvl.eu/nl/prj/178.html")
    assert doc.key == "002_f51b94a7803afe08"


def test_source_url_argument_is_used_when_the_manifest_has_none(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("The project partners are listed below and the project is led by the council.", "utf-8")
    manifest = Manifest((ManifestEntry("x.txt", "xproj", None, None),))
    doc = read_document(path, manifest=manifest, source_url="https://example.org/x")
    assert (doc.source_url, doc.project_key, doc.language) == ("https://example.org/x", "xproj", "en")


def test_missing_manifest_is_empty(tmp_path):
    assert read_manifest(tmp_path / "none.csv").get("a.txt") is None


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"  \n ", "empty"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type .docx"),
    ("binary.txt", b"\x00\x01\x02abc", "binary"),
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "unreadable PDF"),
])
def test_bad_documents_raise_document_error_naming_path_and_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert problem in str(info.value)
    assert isinstance(info.value, LoaderError)


@pytest.mark.parametrize(("name", "key"), [
    ("000_61233fa75de99c9d.txt", "000_61233fa75de99c9d"),
    ("Projet AGIR (v2).HTML", "projet-agir-v2"),
    ("Région Grand Est.pdf", "region-grand-est"),
])
def test_document_key(name, key):
    assert document_key(name) == key


@pytest.mark.parametrize(("text", "lang"), [
    ("The project is led by the council and the partners are listed below.", "en"),
    ("Le projet est porté par la ville et les partenaires sont dans la région.", "fr"),
    ("Het project wordt geleid door de gemeente en de partners zijn van de regio.", "nl"),
    ("Das Projekt wird von der Stadt geleitet und die Partner sind in der Region.", "de"),
    ("1234 5678", None),
])
def test_language_guess(text, lang):
    assert detect_language(text) == lang


def test_seed_documents_read_with_their_manifest_languages():
    folder = PROJECT_ROOT / "data" / "documents"
    manifest = read_manifest(folder / "manifest.csv")
    for path in sorted(folder.glob("*.txt")):
        doc = read_document(path, manifest=manifest)
        assert doc.language == detect_language(doc.text) == manifest.get(path.name).language
        assert Path(doc.path).name == path.name
