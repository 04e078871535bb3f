"""The load pipeline: documents -> records -> quads -> store, with a report per document.

- :func:`build` rebuilds the store from ``settings.data``: ontology, shapes, vocabularies, every
  document of ``documents/manifest.csv`` and every RDF file beside them, into a fresh build that
  is published only when the count checks pass: the documents are mapped in forked workers and
  their N-Quads streamed into ONE bulk load per store (:mod:`loader.bulk`).
- :func:`load_paths` loads documents and RDF files (or folders of them) into a copy of the current
  build, one transaction per document, skipping documents whose sha256, loader version and alias
  table digest are unchanged (``docs/decisions/0002-graphs-and-reloading.md``).

A document that cannot be read, extracted or mapped is reported as failed, naming the file, and
leaves its graphs as they were; the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import NamedNode, Quad
from tqdm import tqdm

from loader.bulk import ForkedMap, nquads, stream_load, worker_count
from loader.errors import LoaderError
from loader.outcomes import DocumentOutcome, LoadReport, QuadCounts
from loader.rdf_files import FileLoad, is_rdf_file, load_rdf_file
from loader.records import ProjectRecord
from loader.static_rdf import ontology_quads, shapes_quads, vocab_to_quads
from loader.statistic_parts import StatisticParts
from loader.statistic_parts import document_part as statistic_part
from loader.store import (
    LOADER_VERSION,
    BuildWriter,
    DocumentMeta,
    full_build,
    incremental,
    meta_nquads,
    split_contacts,
)
from loader.streamed_descriptions import StreamedDescriptions
from loader.to_rdf import project_to_nquads, project_to_quads
from ontology.namespaces import IRG, ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH, vocab_graph
from ontology.settings import Settings

__all__ = ["QuadCounts", "DocumentOutcome", "LoadReport", "Inputs", "build", "load_paths", "map_document",
           "MANIFEST_NAME", "PARALLEL_MIN"]

MANIFEST_NAME = "manifest.csv"
_RDF_TYPE = PREFIXES["rdf"] + "type"


@dataclass(frozen=True, slots=True)
class Inputs:
    """What extraction needs besides the document: vocabularies, alias table, manifest."""

    vocab: object
    aliases: object
    manifest: object
    extract: Callable[..., ProjectRecord]

    @property
    def alias_sha256(self) -> str:
        return str(getattr(self.aliases, "sha256", ""))

    @classmethod
    def from_data(cls, data_dir: Path) -> Inputs:
        """Read the vocabularies, alias table and manifest of a data folder."""
        from loader.aliases import load_alias_table
        from loader.extract import extract
        from loader.manifest import read_manifest
        from loader.vocab import load_vocabularies

        data_dir = Path(data_dir)
        return cls(vocab=load_vocabularies(data_dir), aliases=load_alias_table(data_dir),
                   manifest=read_manifest(data_dir / "documents" / MANIFEST_NAME), extract=extract)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_record(path: Path, inputs: Inputs, manifest: object | None = None) -> ProjectRecord:
    """Read and extract one document.

    :raises LoaderError: (or ValueError from a record) when a step fails, ``NotAProjectError`` when the
        document describes no project (``loader.extract.acceptance``).
    """
    from loader.documents import read_document
    from loader.extract.acceptance import check_accepted

    document = read_document(Path(path), manifest=manifest if manifest is not None else inputs.manifest)
    record = inputs.extract(document, inputs.vocab, inputs.aliases)
    if not isinstance(record, ProjectRecord):
        raise LoaderError(f"{path}: extraction gave {type(record).__name__}, not a ProjectRecord")
    check_accepted(record)
    return record


def map_document(path: Path, inputs: Inputs, manifest: object | None = None) -> tuple[ProjectRecord, list[Quad]]:
    """Read, extract and map one document.

    :raises LoaderError: (or ValueError from a record) when any step fails, ``NotAProjectError`` when the
        document describes no project (``loader.extract.acceptance``); nothing is written.
    """
    record = _read_record(path, inputs, manifest)
    return record, project_to_quads(record)


def _display(path: Path) -> str:
    """The path as the report and graph:meta show it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _store_counts(writer: BuildWriter) -> tuple[int, int, int]:
    """Projects, organisations and participations of the public store, each counted once over all
    its graphs (a SPARQL count: at 5,000 documents 20 ms, against 0.4-0.9 s for a set in Python)."""
    def count(cls: str) -> int:
        query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{_RDF_TYPE}> <{IRG}{cls}> }}"
        solution = next(iter(writer.store.query(query, use_default_graph_as_union=True)))
        return int(solution["n"].value)
    return count("Project"), count("Organisation"), count("Participation")


def _bar(total: int, progress: bool, what: str) -> tqdm:
    return tqdm(total=total, file=sys.stderr, disable=not progress, unit="file", desc=what, leave=False)


def _note(bar: tqdm, progress: bool, outcome: DocumentOutcome) -> None:
    if progress:
        bar.write(outcome.line(), file=sys.stderr)
    bar.update(1)


def _document_key(path: Path) -> str:
    from loader.documents import document_key

    return document_key(path.name)


def _failed(path: Path, err: Exception) -> DocumentOutcome:
    message = str(err)
    if str(path) not in message:
        message = f"{path}: {message}"
    return DocumentOutcome(_display(path), "failed", message=message)


def _loaded(path: Path, record: ProjectRecord, counts: QuadCounts, shown: str | None = None) -> DocumentOutcome:
    return DocumentOutcome(shown or _display(path), "loaded", document_key=record.document.key, project=record.key,
                           partners=len(record.partners), quads=counts)


def _static_quads(inputs: Inputs) -> list[Quad]:
    concepts = getattr(inputs.vocab, "concepts", ())
    return ontology_quads() + shapes_quads() + vocab_to_quads(concepts)


def _manifest_documents(data_dir: Path, inputs: Inputs) -> list[Path]:
    folder = Path(data_dir) / "documents"
    return [folder / entry.file for entry in getattr(inputs.manifest, "entries", ())]


def build(settings: Settings, *, progress: bool = True, inputs: Inputs | None = None,
          workers: int | None = None) -> LoadReport:
    """Rebuild the store from ``settings.data`` into a new build and publish it.

    :param settings: ``store`` (root) and ``data`` (folder with ``documents/``, ``vocab/``, ``aliases/``).
    :param progress: show a tqdm bar and one line per document on stderr (as the bulk load reads it).
    :param inputs: extraction inputs (default: read from ``settings.data``).
    :param workers: processes extracting documents (default: one per core); a build of fewer than
        :data:`PARALLEL_MIN` documents, or where processes cannot be forked, extracts in this process.
    :returns: the :class:`LoadReport`; a build whose count checks fail is not published.
    :raises ontology.storage.StoreBusyError: when another writer holds the lock.
    :raises Exception: anything but a document's own failure (a crashed extractor, a failed write)
        stops the build with that error; nothing is published.
    """
    data = Path(settings.data)
    inputs = inputs or Inputs.from_data(data)
    documents = _manifest_documents(data, inputs)
    rdf_files = sorted(p for p in (data / "documents").glob("*") if p.is_file() and is_rdf_file(p))
    outcomes: list[DocumentOutcome] = []
    loaded_at = _now()
    workers = worker_count(len(documents), workers, PARALLEL_MIN)
    with ForkedMap(_build_one, documents, (inputs, loaded_at), workers=workers) as mapped:
        try:
            with full_build(settings.store) as writer:
                build_path, counts = _fill_build(writer, inputs, mapped, len(documents), rdf_files, outcomes,
                                                 progress, loaded_at)
        except _ChecksFailed as failed:
            return LoadReport(tuple(outcomes), *failed.counts, tuple(failed.checks), None)
    return LoadReport(tuple(outcomes), *counts, (), build_path)


PARALLEL_MIN = 64


_Part = tuple[DocumentOutcome, list[str], tuple[str, list[int | str]]]


def _build_one(path: Path, inputs: Inputs, loaded_at: str) -> tuple[_Part, bytes, bytes]:
    """Map one document for a build: its outcome with its parts of the description graph's and the
    statistics' input (:func:`loader.description_parts.document_part`,
    :func:`loader.statistic_parts.document_part`, gathered by the mapping; its ``graph:meta`` entry
    holds no counted quad), and its quads with its ``graph:meta`` entry as
    two N-Quads byte strings, the public store's and the contacts store's (empty when it failed),
    written as text (:func:`loader.to_rdf.project_to_nquads`), the bytes ``pyoxigraph.serialize`` gives."""
    try:
        record = _read_record(path, inputs)
        mapped = project_to_nquads(record)
        public, contacts = mapped.public.encode(), mapped.contacts.encode()
    except (LoaderError, ValueError, OSError) as err:
        return (_failed(path, err), [], ("", [])), b"", b""
    shown = _display(path)  # resolves two paths: once per document
    meta = DocumentMeta(record.document.sha256, LOADER_VERSION, inputs.alias_sha256, shown, mapped.total, loaded_at)
    counts = QuadCounts(mapped.facts, mapped.provenance, mapped.metadata)
    return ((_loaded(path, record, counts, shown), mapped.described, (mapped.counted, mapped.statements)),
            public + meta_nquads(record.document.key, meta).encode(), contacts)


class _ChecksFailed(Exception):
    def __init__(self, checks: list[str], counts: tuple[int, int, int]) -> None:
        super().__init__("; ".join(checks))
        self.checks = checks
        self.counts = counts


def _fill_build(writer: BuildWriter, inputs: Inputs,
                mapped: Iterable[tuple[_Part, bytes, bytes]],
                n_documents: int, rdf_files: list[Path], outcomes: list[DocumentOutcome], progress: bool,
                loaded_at: str) -> tuple[str, tuple[int, int, int]]:
    """Stream the documents into the build, then load the RDF files beside them. Without such files
    the description graph is made from the documents' parts and read last by the same bulk load
    (:mod:`loader.streamed_descriptions`), and the statistics graph from their other parts, after the
    last document (:mod:`loader.statistic_parts`; when they cannot stand for the store, and with such
    files, the build queries the store for them after)."""
    static = _static_quads(inputs)
    bar = _bar(n_documents + len(rdf_files), progress, "build")
    parts = None if rdf_files else StreamedDescriptions(writer, static)
    counted = None if rdf_files else StatisticParts()
    if counted is not None:
        counted.add(*statistic_part(nquads(split_contacts(static)[0]).decode()))

    def report(outcome: DocumentOutcome) -> None:
        outcomes.append(outcome)
        _note(bar, progress, outcome)

    def streamed(result: _Part) -> None:
        if parts is not None:
            parts.add(result[1])
        if counted is not None:
            counted.add(*result[2])
        report(result[0])

    def tail() -> bytes:
        if counted is not None:  # the documents are all read (Oxigraph is writing its earlier batches)
            writer.statistics = counted.quads()
        return parts.nquads() if parts is not None else b""

    stream_load(writer, mapped, streamed, head=static, tail=tail)
    for path in rdf_files:
        report(_load_rdf(writer, path, loaded_at))
    bar.close()
    counts = _store_counts(writer)
    checks = _count_checks(outcomes, counts[0], static_ok=bool(static))
    if checks:
        raise _ChecksFailed(["build not published: " + c for c in checks], counts)
    return str(writer.path), counts


def _count_checks(outcomes: Sequence[DocumentOutcome], projects: int, *, static_ok: bool) -> list[str]:
    loaded = [o for o in outcomes if o.status == "loaded" and o.document_key]
    failures = []
    if not static_ok:
        failures.append("the ontology and vocabularies gave no quads")
    if loaded and projects == 0:
        failures.append(f"{len(loaded)} document(s) loaded but the store holds no project")
    documents = [o for o in outcomes if o.document_key or o.status == "failed"]
    if documents and all(o.status == "failed" for o in documents):
        failures.append("every document failed")
    return failures


def _load_rdf(writer: BuildWriter, path: Path, loaded_at: str) -> DocumentOutcome:
    try:
        result: FileLoad = load_rdf_file(writer, path, loaded_at=loaded_at)
    except (LoaderError, OSError) as err:
        return _failed(path, err)
    if result.status == "unchanged":
        return DocumentOutcome(_display(path), "unchanged")
    return DocumentOutcome(_display(path), "loaded", quads=QuadCounts(facts=result.quads))


def _expand(paths: Iterable[Path]) -> list[Path]:
    from loader.documents import SUPPORTED_SUFFIXES

    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and (
                p.suffix.lower() in SUPPORTED_SUFFIXES or is_rdf_file(p))))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _ensure_static(writer: BuildWriter, inputs: Inputs) -> None:
    """Write ontology, shapes and vocabularies into a build that has none (a first incremental load)."""
    if writer.store.contains_named_graph(NamedNode(ONTOLOGY_GRAPH)):
        return
    concepts = getattr(inputs.vocab, "concepts", ())
    graphs = [ONTOLOGY_GRAPH, SHAPES_GRAPH] + sorted({vocab_graph(c.scheme) for c in concepts})
    writer.replace_graphs(graphs, _static_quads(inputs))


def load_paths(paths: Iterable[Path | str], settings: Settings, *, progress: bool = True,
               inputs: Inputs | None = None) -> LoadReport:
    """Load documents and RDF files (or folders of them) into the store, one transaction each.

    :param paths: files or folders; folders are searched recursively for documents and RDF files.
    :param settings: ``store`` is the root written; ``data`` gives vocabularies, aliases, manifest.
    :param progress: show a tqdm bar and one line per document on stderr.
    :returns: the :class:`LoadReport` (``exit_code`` 1 when some input failed).
    :raises ontology.storage.StoreBusyError: when another writer holds the lock.
    """
    from loader.manifest import read_manifest

    inputs = inputs or Inputs.from_data(Path(settings.data))
    files = _expand(paths)
    outcomes: list[DocumentOutcome] = []
    loaded_at = _now()
    with incremental(settings.store) as writer:
        _ensure_static(writer, inputs)
        bar = _bar(len(files), progress, "load")
        for path in files:
            if is_rdf_file(path):
                outcome = _load_rdf(writer, path, loaded_at)
            else:
                local = path.parent / MANIFEST_NAME
                manifest = read_manifest(local) if local.is_file() else None
                outcome = _load_document(writer, path, inputs, manifest, loaded_at)
            outcomes.append(outcome)
            _note(bar, progress, outcome)
        bar.close()
        projects, organisations, participations = _store_counts(writer)
        build_path = str(writer.path)
    return LoadReport(tuple(outcomes), projects, organisations, participations, (), build_path)


def _load_document(writer: BuildWriter, path: Path, inputs: Inputs, manifest: object | None,
                   loaded_at: str) -> DocumentOutcome:
    try:
        key = _document_key(path)
        wanted = DocumentMeta(_sha256(path), LOADER_VERSION, inputs.alias_sha256, _display(path))
        if wanted.same_inputs(writer.document_meta(key)):
            return DocumentOutcome(_display(path), "unchanged", document_key=key)
        record, quads = map_document(path, inputs, manifest)
        meta = DocumentMeta(wanted.sha256, LOADER_VERSION, inputs.alias_sha256, _display(path), len(quads),
                            loaded_at)
        writer.replace_document(record.document.key, quads, meta)
    except (LoaderError, ValueError, OSError) as err:
        return _failed(path, err)
    return _loaded(path, record, QuadCounts.of(quads))
