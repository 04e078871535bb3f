"""Decode the bytes of a text file: UTF-8 first, then cp1252, then Latin-1; mojibake repaired.

>>> decode_text("Ã©tÃ©".encode("utf-8"), "x.txt")
'été'
"""

from __future__ import annotations

from pathlib import Path

import ftfy

from loader.errors import DocumentError

__all__ = ["decode_text"]


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode ``data``; a UTF-8 BOM is dropped; ``ftfy.fix_encoding`` repairs double-encoded text.

    :raises DocumentError: when the bytes look binary (NUL bytes) and so are not a text file.
    """
    if b"\x00" in data[:4096]:
        raise DocumentError(path, "file looks binary, not text (NUL bytes)")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - latin-1 decodes every byte
        raise DocumentError(path, "text could not be decoded")
    return ftfy.fix_encoding(text).replace("\r\n", "\n").replace("\r", "\n")
