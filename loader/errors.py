"""The loader's exceptions: every failure of the write path is a :class:`LoaderError`.

::

    LoaderError                 anything the loader raises on purpose
    ├── DocumentError           a document is missing, empty, unsupported or undecodable
    ├── ExtractionError         a readable document could not be turned into records
    │   └── NotAProjectError    the document describes no project (no name, or a name and nothing else)
    ├── MappingError            records could not be turned into RDF
    └── StoreError              the store could not be written or switched

>>> err = DocumentError("data/x.doc", "unsupported file type .doc")
>>> str(err), isinstance(err, LoaderError)
('data/x.doc: unsupported file type .doc', True)
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["LoaderError", "DocumentError", "ExtractionError", "NotAProjectError", "MappingError", "StoreError"]


class LoaderError(Exception):
    """Base class of every error the loader raises on purpose."""


class DocumentError(LoaderError):
    """A source document cannot be read: carries the ``path`` and a ``message`` naming the problem."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class ExtractionError(LoaderError):
    """A readable document could not be turned into typed records."""


class NotAProjectError(ExtractionError):
    """A readable document is not a project description: carries the ``path`` and the ``reason``."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: not a project description (no project found): {reason}")


class MappingError(LoaderError):
    """Typed records could not be mapped to RDF."""


class StoreError(LoaderError):
    """The store could not be written, validated or switched."""
