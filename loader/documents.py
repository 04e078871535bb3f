"""Read a source document (.txt, .html/.htm, .pdf) into a :class:`loader.records.Document`.

``Document.text`` is THE text every span points into: decoded, mojibake repaired (``ftfy``),
converted to NFC, with one-for-one replacements only (the U+FFFD left where a PDF bullet was
becomes ``•``). The document ``key`` is the file stem, accents folded and lower-cased, with every
run of characters other than ``a-z 0-9 _`` turned into ``-`` (underscores are kept readable:
``000_61233fa75de99c9d.txt`` -> ``000_61233fa75de99c9d``).

>>> document_key("000_61233fa75de99c9d.txt"), document_key("Projet AGIR (v2).HTML")
('000_61233fa75de99c9d', 'projet-agir-v2')
>>> detect_language("Het project loopt van 2010 tot 2014 en de partners zijn")
'nl'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from loader.errors import DocumentError
from loader.manifest import Manifest
from loader.readers import decode_text, html_to_text, pdf_to_text
from loader.records import Document

__all__ = ["read_document", "document_key", "detect_language", "MEDIA_TYPES", "SUPPORTED_SUFFIXES"]

MEDIA_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf"}
SUPPORTED_SUFFIXES = tuple(MEDIA_TYPES)

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "for", "with", "on", "are", "by", "this", "that", "from",
           "project", "will", "be", "as", "an", "their"},
    "fr": {"le", "la", "les", "des", "et", "est", "du", "une", "un", "pour", "dans", "sur", "au", "aux",
           "projet", "qui", "par", "avec", "sont", "ces"},
    "nl": {"de", "het", "een", "en", "van", "is", "voor", "met", "op", "zijn", "dat", "die", "aan",
           "worden", "wordt", "naar", "ook", "bij", "niet", "tot"},
    "de": {"der", "die", "das", "und", "ist", "mit", "für", "von", "den", "dem", "ein", "eine", "zu",
           "im", "sich", "auf", "nicht", "werden", "wird", "des"},
}


def document_key(file_name: str) -> str:
    """The stable key of a document: its file stem folded to ``[a-z0-9_-]``."""
    stem = Path(file_name).stem
    folded = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c))
    key = re.sub(r"[^a-z0-9_]+", "-", folded.lower()).strip("-")
    return key[:80] or "document"


def detect_language(text: str) -> str | None:
    """en, fr, nl or de by counting common short words; None when no language has 3 hits."""
    words = re.findall(r"[a-zà-ÿß]+", text.lower())
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= 3 else None


def read_document(path: Path, *, manifest: Manifest | None = None, source_url: str | None = None) -> Document:
    """Read one document file.

    :param path: a .txt, .html, .htm or .pdf file; ``Document.path`` is ``str(path)`` as given.
    :param manifest: curated facts (project key, language, source URL) looked up by file name.
    :param source_url: the page's URL when the caller knows it (the manifest's wins when both are set).
    :returns: the :class:`Document` with NFC ``text`` and the ``sha256`` of the file's bytes.
    :raises DocumentError: missing, empty, unsupported or undecodable file (names the path).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise DocumentError(path, f"unsupported file type {suffix or '(none)'}; expected one of "
                                  f"{', '.join(SUPPORTED_SUFFIXES)}")
    if not path.is_file():
        raise DocumentError(path, "no such file")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(path, "file is empty")
    if suffix == ".pdf":
        text = pdf_to_text(data, path)
    elif suffix in (".html", ".htm"):
        text = html_to_text(decode_text(data, path))
    else:
        text = decode_text(data, path)
    text = unicodedata.normalize("NFC", text).replace("\ufffd", "•")
    if not text.strip():
        raise DocumentError(path, "no text could be read from the file")
    entry = manifest.get(path.name) if manifest is not None else None
    language = (entry.language if entry else None) or detect_language(text)
    return Document(
        key=document_key(path.name),
        path=str(path),
        media_type=MEDIA_TYPES[suffix],
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        language=language,
        source_url=(entry.source_url if entry else None) or source_url,
        project_key=entry.project if entry else None,
    )
