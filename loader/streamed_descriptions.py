"""A full build's description graph, read by its one bulk load after the last document.

:class:`StreamedDescriptions` gathers each document's part (:func:`loader.description_parts.document_part`,
made in the worker that mapped it) as the bulk load reads the document, and, when the documents are
spent, gives the description graph and its ``graph:meta`` entry as N-Quads for the same load
(:func:`loader.bulk.stream_load`'s ``tail``). It then marks the build
(:attr:`loader.store.BuildWriter.descriptions_written`), so :func:`loader.store.full_build` neither
queries the store for it nor optimises the store twice. The graph is the one
:func:`loader.descriptions.refresh_descriptions` would write (``tests/store/test_streamed_build.py``).
When the parts cannot stand for the store (a blank node), nothing is read and the build queries the
store as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from pyoxigraph import Quad

from loader.bulk import nquads
from loader.description_parts import DescriptionParts, document_part
from loader.descriptions import meta_quads
from loader.store import BuildWriter, split_contacts
from ontology.namespaces import DESCRIPTIONS_GRAPH

__all__ = ["StreamedDescriptions"]

_GRAPH = f" <{DESCRIPTIONS_GRAPH}> .\n".encode()


class StreamedDescriptions:
    """The description parts of a build's ``head`` quads (ontology, shapes, vocabularies) and of the
    documents :meth:`add` is given; :meth:`nquads` is the bulk load's ``tail``."""

    def __init__(self, writer: BuildWriter, head: Iterable[Quad]) -> None:
        self.writer = writer
        self.parts = DescriptionParts()
        public, _ = split_contacts(head)
        self.parts.add(document_part(nquads(public).decode()))

    def add(self, part: list[str]) -> None:
        """One document's part, as the bulk load reads the document."""
        self.parts.add(part)

    def nquads(self) -> bytes:
        """The description graph and its ``graph:meta`` entry as N-Quads (b"" when the parts cannot
        stand for the store); marks the writer when it gives them.

        :raises loader.errors.StoreError: when the organisations' query fails (the build then stops).
        """
        parts, self.parts = self.parts, DescriptionParts()  # let go of the parts once read
        if not parts.usable:
            return b""
        lines = parts.lines()
        del parts
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        data = b"".join([line[:-2] + _GRAPH for line in lines]) + nquads(meta_quads(stamp))
        self.writer.descriptions_written = True
        return data
