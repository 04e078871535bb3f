"""Layout of a store root on disk, shared by the writer (loader) and the readers (api).

A store root holds immutable *builds* and a ``current`` symbolic link naming the one being served::

    STORE/
      current -> builds/20261127T091500-000001   (switched atomically with rename(2))
      builds/20261127T091500-000001/              the public store: an Oxigraph database
      builds/20261127T091500-000001/contacts/     the contacts store: an Oxigraph database of the
                                                  graph:contacts/* graphs (personal data) alone
      lock                                        held (flock) by the one writer

A build is two Oxigraph stores (``docs/decisions/0006-contacts-store.md``): the public one
(:func:`public_store_path`, the build directory itself, so anything that opens a build as one store
reads the public graphs) holds no personal data, so readers query it with the union default graph;
the contacts store (:func:`contacts_store_path`) sits in a subdirectory, which RocksDB leaves alone
(it only touches the files it names itself: opening, compaction, backup and bulk loads were tried).
Both are written, published and pruned together.

A writer never changes a published build: it makes a new build (a fresh one for a full rebuild, a
hard-link backup of the current one for an incremental load), writes it, then :func:`publish`
points ``current`` at it. Readers open builds read-only and re-open when :func:`current_build`
changes, so a running server picks up a new build without dropping requests
(``docs/decisions/0003-process-model.md``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["current_build", "new_build_dir", "publish", "prune", "writer_lock", "StoreBusyError",
           "public_store_path", "contacts_store_path"]

_CURRENT = "current"
_CONTACTS = "contacts"
_BUILDS = "builds"
_LOCK = "lock"


class StoreBusyError(RuntimeError):
    """Another writer holds the store's lock."""


def current_build(root: Path) -> Path | None:
    """The build ``current`` points at, or None when nothing was published yet."""
    link = Path(root) / _CURRENT
    try:
        target = os.readlink(link)
    except (FileNotFoundError, OSError):
        return None
    path = (Path(root) / target).resolve()
    return path if path.is_dir() else None


def public_store_path(build: Path) -> Path:
    """The public store of a build: the build directory itself.

    >>> public_store_path(Path("/s/builds/b1")).as_posix()
    '/s/builds/b1'
    """
    return Path(build)


def contacts_store_path(build: Path) -> Path:
    """The contacts store of a build (the ``graph:contacts/*`` graphs alone), beside the public one.

    >>> contacts_store_path(Path("/s/builds/b1")).as_posix()
    '/s/builds/b1/contacts'
    """
    return Path(build) / _CONTACTS


def new_build_dir(root: Path) -> Path:
    """A fresh, not yet existing path under ``builds/`` (sortable by creation time)."""
    builds = Path(root) / _BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    n = 0
    while True:
        candidate = builds / f"{stamp}-{os.getpid()}-{n:03d}"
        if not candidate.exists():
            return candidate
        n += 1


def publish(root: Path, build: Path) -> None:
    """Point ``current`` at ``build`` atomically (a new link renamed over the old one)."""
    root = Path(root)
    relative = os.path.relpath(Path(build).resolve(), root.resolve())
    tmp = root / f".{_CURRENT}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(relative, tmp)
    os.replace(tmp, root / _CURRENT)


def prune(root: Path, keep: int = 3) -> list[Path]:
    """Remove all but the newest ``keep`` builds, never the current one; returns what was removed."""
    builds = sorted((Path(root) / _BUILDS).glob("*"))
    current = current_build(root)
    removed = []
    for build in builds[: max(0, len(builds) - keep)]:
        if current is not None and build.resolve() == current:
            continue
        shutil.rmtree(build, ignore_errors=True)
        removed.append(build)
    return removed


@contextlib.contextmanager
def writer_lock(root: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the store's writer lock; raise :class:`StoreBusyError` if not had within ``wait`` s."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / _LOCK, "a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(f"another writer holds {root / _LOCK}") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
