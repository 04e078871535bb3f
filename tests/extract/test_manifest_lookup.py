"""``Manifest.get`` (a name index) gives what the former scan of the entries gave (tests/extract/former)."""

from __future__ import annotations

import pickle
import random

from loader.manifest import Manifest, ManifestEntry
from tests.extract.former import manifest as former

_NAMES = ["a.txt", "b.html", "a.TXT", "c.pdf", "dir/a.txt", "a.txt ", ""]


def test_lookup_is_the_former_scan_with_repeated_names_and_folders():
    rng = random.Random(7)
    for _ in range(300):
        entries = tuple(ManifestEntry(rng.choice(_NAMES), rng.choice([None, "p", "q"]), rng.choice([None, "en"]), None)
                        for _ in range(rng.randint(0, 8)))
        manifest = Manifest(entries)
        for asked in _NAMES + ["x/y/a.txt", "/abs/b.html", "missing.txt"]:
            assert manifest.get(asked) is former.get(entries, asked), (entries, asked)


def test_first_of_equal_names_wins_and_empty_manifest_finds_nothing():
    first, second = ManifestEntry("a.txt", "first"), ManifestEntry("a.txt", "second")
    assert Manifest((first, second)).get("folder/a.txt") is first
    assert Manifest().get("a.txt") is None


def test_index_survives_pickling_and_is_not_part_of_equality():
    manifest = Manifest((ManifestEntry("a.txt", "p"), ManifestEntry("b.txt", "q")))
    copy = pickle.loads(pickle.dumps(manifest))
    assert copy == manifest and hash(copy) == hash(manifest)
    assert copy.get("b.txt").project == "q" and "_by_name" not in repr(manifest)
