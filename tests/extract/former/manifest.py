"""THE FORMER ``loader.manifest.Manifest.get``: a scan of the entries, the first of equal names wins
(tests hold the indexed lookup to it)."""

from __future__ import annotations

from pathlib import Path

from loader.manifest import ManifestEntry


def get(entries: tuple[ManifestEntry, ...], file_name: str) -> ManifestEntry | None:
    """The entry of a file name (only the name is compared, not its folder)."""
    name = Path(file_name).name
    for entry in entries:
        if entry.file == name:
            return entry
    return None
