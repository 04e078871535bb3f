"""PDF to plain text with pdfminer.six (layout analysis on, pages separated by a form feed)."""

from __future__ import annotations

import io
from pathlib import Path

from pdfminer.high_level import extract_text
from pdfminer.pdfparser import PDFSyntaxError

from loader.errors import DocumentError

__all__ = ["pdf_to_text"]


def pdf_to_text(data: bytes, path: str | Path) -> str:
    """The text of a PDF's pages.

    :raises DocumentError: when the bytes are not a readable PDF.
    """
    try:
        return extract_text(io.BytesIO(data)).replace("\r\n", "\n")
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise DocumentError(path, f"unreadable PDF: {exc}") from exc
    except Exception as exc:  # pdfminer raises assorted internal errors on broken files
        raise DocumentError(path, f"unreadable PDF: {type(exc).__name__}: {exc}") from exc
