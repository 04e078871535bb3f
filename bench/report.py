"""The benchmark's table: printed, and kept in ``bench/RESULTS.md`` with one section per corpus size.

A run replaces the section of its size and keeps the others, so the file holds the latest figures
of every size measured.

>>> r = Report(10, {"cpu": "x"})
>>> r.row("rebuild", "full rebuild", "1.0 s", "")
>>> "| rebuild | full rebuild | 1.0 s |  |" in r.markdown()
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["Report", "HEADER"]

HEADER = """# Benchmark results

Written by `interreg-kg bench run --size N` (`make bench`): one section per corpus size, the latest
run of each. Synthetic corpora from `bench/generate.py` (fixed seed). Medians of several runs where
the row says so. Servers run pinned to core 0 and the load generator to core 1 (`taskset`).
"""


@dataclass
class Report:
    """The rows of one run at ``size`` documents, the machine it ran on, and notes."""

    size: int
    machine: dict[str, str]
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    def row(self, area: str, what: str, figure: str, detail: str) -> None:
        """Add one row (and print it at once on stderr, so a long run shows progress)."""
        import sys

        self.rows.append((area, what, figure, detail))
        sys.stderr.write(f"  {area:<17} {what:<55} {figure:>24}  {detail}\n")

    def note(self, text: str) -> None:
        self.notes.append(text)

    def markdown(self) -> str:
        """This run's section: machine, notes, then the table."""
        lines = [f"## {self.size:,} documents", "", f"Run {self.started}."]
        lines += [f"- {k}: {v}" for k, v in self.machine.items()] + [f"- {n}" for n in self.notes]
        lines += ["", "| area | what | figure | detail |", "|---|---|---|---|"]
        lines += [f"| {a} | {w} | {f} | {d} |" for a, w, f, d in self.rows]
        return "\n".join(lines) + "\n"

    def write(self, path: Path) -> None:
        """Put this section into ``path`` (replacing the section of the same size), sections by size."""
        path = Path(path)
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
        head, sections = _split(text)
        sections[self.size] = self.markdown()
        body = "\n".join(sections[k] for k in sorted(sections))
        path.write_text(head.rstrip("\n") + "\n\n" + body, encoding="utf-8")


def _split(text: str) -> tuple[str, dict[int, str]]:
    parts = re.split(r"(?m)^(?=## [\d,]+ documents)", text)
    sections = {}
    for part in parts[1:]:
        size = int(re.match(r"## ([\d,]+)", part)[1].replace(",", ""))
        sections[size] = part.rstrip("\n") + "\n"
    return parts[0], sections
