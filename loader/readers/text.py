"""Decode the bytes of a text file: UTF-8 first, then cp1252, then Latin-1; mojibake repaired.

>>> decode_text("Ã©tÃ©".encode("utf-8"), "x.txt")
'été'
"""

from __future__ import annotations

import re
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

from loader.errors import DocumentError

__all__ = ["decode_text"]

_NON_ASCII = re.compile(r"[^\x00-\x7f]{2,}|[\x80-\x9f\u0152\u0153\u00c3\u00c2]")
_REACH = 8  # every sequence ftfy's badness test looks for holds a non-ASCII letter and is at most 7 long


def _may_be_mojibake(text: str) -> bool:
    """False only when ``ftfy.fix_encoding`` would return ``text`` unchanged: its first test (is there an
    unlikely sequence?) run on the stretches around non-ASCII characters only, a few characters each
    side (what lies between them cannot take part in a match; joining stretches can only add matches).
    Every sequence it looks for holds two non-ASCII characters side by side, or a C1 control, Œ, œ, Ã
    or Â (tests/extract/test_fast_paths.py reads ftfy's pattern to check): a lone "é" between ASCII
    letters, most of a French or German text, is no stretch.

    >>> _may_be_mojibake("plain text"), _may_be_mojibake("caf\u00c3\u00a9 cr\u00c3\u00a8me")
    (False, True)
    """
    if text.isascii():
        return False
    parts: list[str] = []
    start = end = -1
    for m in _NON_ASCII.finditer(text):
        lo, hi = max(0, m.start() - _REACH), m.end() + _REACH
        if lo <= end:
            end = hi
            continue
        if end >= 0:
            parts.append(text[start:end])
        start, end = lo, hi
    parts.append(text[start:end])
    return is_bad("\n".join(parts))


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
    if _may_be_mojibake(text):
        text = ftfy.fix_encoding(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
