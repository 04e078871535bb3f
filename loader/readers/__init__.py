"""Format readers: bytes of one file format to plain text (used by ``loader.documents``).

>>> decode_text("Caf\\xe9 ".encode("cp1252"), "x.txt")
'Café '
>>> html_to_text("<p>One</p><ul><li>a</li><li>b</li></ul><script>x()</script>")
'One\\na\\nb'
"""

from __future__ import annotations

from loader.readers.html import html_to_text
from loader.readers.pdf import pdf_to_text
from loader.readers.text import decode_text

__all__ = ["decode_text", "html_to_text", "pdf_to_text"]
