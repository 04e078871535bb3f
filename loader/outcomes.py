"""What a build or load reports: quads per document, each input's outcome, and the whole run's.

These are the records the pipeline (:mod:`loader.pipeline`) hands to the CLI and the tests; the
forked workers send :class:`DocumentOutcome` back to the main process, so they pickle.

>>> outcome = DocumentOutcome("docs/a.txt", "loaded", project="agir", partners=2, quads=QuadCounts(10, 5, 3))
>>> outcome.line()
'loaded    docs/a.txt: project agir, 2 partner(s), 18 quads (10 facts, 5 provenance, 3 metadata)'
>>> LoadReport((outcome, DocumentOutcome("docs/b.txt", "failed", "no title")), projects=1).exit_code
1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Quad

from loader.to_rdf import quad_kind

__all__ = ["QuadCounts", "DocumentOutcome", "LoadReport"]


@dataclass(frozen=True, slots=True)
class QuadCounts:
    """Quads written for one document: facts, provenance (statements, evidence) and metadata."""

    facts: int = 0
    provenance: int = 0
    metadata: int = 0

    @property
    def total(self) -> int:
        return self.facts + self.provenance + self.metadata

    @classmethod
    def of(cls, quads: Iterable[Quad]) -> QuadCounts:
        counts = {"facts": 0, "provenance": 0, "metadata": 0}
        for quad in quads:
            counts[quad_kind(quad)] += 1
        return cls(**counts)


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What happened to one input: ``status`` is ``loaded``, ``unchanged`` or ``failed``."""

    path: str
    status: str
    message: str = ""
    document_key: str | None = None
    project: str | None = None
    partners: int = 0
    quads: QuadCounts = field(default_factory=QuadCounts)

    def line(self) -> str:
        """The summary line of this document."""
        if self.status == "failed":
            return f"FAILED    {self.path}: {self.message}"
        if self.status == "unchanged":
            return f"unchanged {self.path}"
        q = self.quads
        what = f"project {self.project}, {self.partners} partner(s), " if self.project else ""
        return (f"loaded    {self.path}: {what}{q.total} quads "
                f"({q.facts} facts, {q.provenance} provenance, {q.metadata} metadata)")


@dataclass(frozen=True, slots=True)
class LoadReport:
    """The outcome of a build or load: per-input outcomes, store counts and failed count checks."""

    outcomes: tuple[DocumentOutcome, ...] = ()
    projects: int = 0
    organisations: int = 0
    participations: int = 0
    check_failures: tuple[str, ...] = ()
    build: str | None = None

    @property
    def failed(self) -> tuple[DocumentOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")

    @property
    def exit_code(self) -> int:
        """0 when every input loaded (or was unchanged) and the checks passed, else 1."""
        return 1 if self.failed or self.check_failures else 0

    def summary(self) -> str:
        counts = {s: sum(1 for o in self.outcomes if o.status == s) for s in ("loaded", "unchanged", "failed")}
        return (f"{counts['loaded']} loaded, {counts['unchanged']} unchanged, {counts['failed']} failed; "
                f"store: {self.projects} projects, {self.organisations} organisations, "
                f"{self.participations} participations")

    def lines(self) -> list[str]:
        return ([o.line() for o in self.outcomes] + [f"CHECK     {c}" for c in self.check_failures]
                + [self.summary()])
