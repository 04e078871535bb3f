"""How far extraction agrees with the expected records of a synthetic corpus, field by field.

The expected records are what the generator wrote into each page; agreement is a regression
check that extraction holds up at scale, not a measure of quality (quality is measured on real
pages with ``interreg-kg evaluate``).

>>> exp = {"acronym": "KARO", "partners": [{"id": "a", "role": "lead", "country": "FR", "city": "Lille"}]}
>>> got = {"acronym": "KARO", "partners": [{"id": "a", "role": "lead", "country": "FR", "city": None}]}
>>> a = Agreement()
>>> a.add(exp, got)
>>> a.rate("acronym"), a.rate("partner_ids"), a.rate("partner_cities")
(1.0, 1.0, 0.0)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FIELDS", "Agreement", "compare_folder"]

FIELDS = ("acronym", "title", "programme", "period", "start_date", "end_date", "total_budget_eur",
          "eu_funding_eur", "website", "partner_ids", "lead", "partner_countries", "partner_cities")


def _value(record: dict, name: str) -> object:
    partners = record.get("partners") or []
    if name == "programme":
        return (record.get("programme") or {}).get("id")
    if name == "partner_ids":
        return sorted(p["id"] for p in partners)
    if name == "lead":
        return sorted(p["id"] for p in partners if p.get("role") == "lead")
    if name == "partner_countries":
        return sorted((p["id"], p.get("country")) for p in partners)
    if name == "partner_cities":
        return sorted((p["id"], p.get("city")) for p in partners)
    if name in ("total_budget_eur", "eu_funding_eur") and record.get(name) is not None:
        return round(float(record[name]), 2)
    return record.get(name)


@dataclass
class Agreement:
    """Counts of documents whose extracted value equals the expected one, per field of :data:`FIELDS`."""

    documents: int = 0
    agreed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def add(self, expected: dict, got: dict, name: str = "") -> None:
        """Count one document (``got`` is its ``extract --json`` object)."""
        self.documents += 1
        for f in FIELDS:
            if f not in expected and f not in ("partner_ids", "lead", "partner_countries", "partner_cities"):
                continue
            want, have = _value(expected, f), _value(got, f)
            if want == have:
                self.agreed[f] += 1
            elif len(self.misses) < 200:
                self.misses.append(f"{name} {f}: expected {want!r}, got {have!r}")

    def rate(self, name: str) -> float:
        """The share of documents that agree on field ``name`` (1.0 for no documents)."""
        return self.agreed[name] / self.documents if self.documents else 1.0

    def table(self) -> str:
        """One line per field: the field, agreed/documents and the rate."""
        return "\n".join(f"{f:<18} {self.agreed[f]:>6}/{self.documents:<6} {self.rate(f):6.1%}" for f in FIELDS)


def compare_folder(expected_dir: Path, records: list[dict]) -> Agreement:
    """Compare ``extract --json`` objects with ``expected_dir/<stem>.json`` (matched by file stem).

    :raises FileNotFoundError: when a record has no expected file.
    """
    agreement = Agreement()
    for record in records:
        stem = Path(record["document"]).stem
        expected = json.loads((Path(expected_dir) / f"{stem}.json").read_text(encoding="utf-8"))
        agreement.add(expected, record, stem)
    return agreement
