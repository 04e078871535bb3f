"""The document manifest: curated facts about each source file (``data/documents/manifest.csv``).

Columns: ``file`` (file name inside the documents folder), ``project`` (curated project key),
``language`` (en/fr/nl/de) and ``source_url``. Empty cells mean "not known".

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "manifest.csv"
>>> _ = p.write_text("file,project,language,source_url\\na.txt,agir,fr,\\n", encoding="utf-8")
>>> m = read_manifest(p)
>>> m.get("a.txt").project, m.get("a.txt").source_url, m.get("b.txt") is None
('agir', None, True)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from loader.errors import DocumentError

__all__ = ["ManifestEntry", "Manifest", "read_manifest", "MANIFEST_COLUMNS"]

MANIFEST_COLUMNS = ("file", "project", "language", "source_url")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One row of the manifest; empty cells are ``None``."""

    file: str
    project: str | None = None
    language: str | None = None
    source_url: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """The manifest's rows by file name."""

    entries: tuple[ManifestEntry, ...] = ()
    # file name -> its first entry, so that a build of n documents looks each up in O(1), not O(n)
    _by_name: dict[str, ManifestEntry] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_name: dict[str, ManifestEntry] = {}
        for entry in self.entries:
            by_name.setdefault(entry.file, entry)
        object.__setattr__(self, "_by_name", by_name)

    def get(self, file_name: str) -> ManifestEntry | None:
        """The entry of a file name (only the name is compared, not its folder); the first of equal names."""
        return self._by_name.get(Path(file_name).name)


def read_manifest(path: Path) -> Manifest:
    """Read a manifest CSV.

    :param path: the CSV file (UTF-8, header ``file,project,language,source_url``).
    :returns: the :class:`Manifest`; an empty one when ``path`` does not exist.
    :raises DocumentError: when the file has no ``file`` column.
    """
    path = Path(path)
    if not path.exists():
        return Manifest()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "file" not in reader.fieldnames:
            raise DocumentError(path, "manifest has no 'file' column")
        rows = []
        for row in reader:
            name = (row.get("file") or "").strip()
            if not name:
                continue
            rows.append(ManifestEntry(
                file=name,
                project=(row.get("project") or "").strip() or None,
                language=(row.get("language") or "").strip().lower() or None,
                source_url=(row.get("source_url") or "").strip() or None,
            ))
    return Manifest(tuple(rows))
