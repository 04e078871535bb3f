"""Golden cases of the records -> RDF mapping: ``cases/<case>/records.json`` + ``expected.trig``.

``records.json`` is one :class:`loader.records.ProjectRecord` written by hand. Spans are given by
the text they cover, not by offsets: ``"acronym": "AGIR"`` is the first occurrence of ``AGIR`` in
the document's text, ``"name": ["Medway Council", 2]`` its second occurrence. Amounts are strings
(``"0.4"``) so they stay exact decimals. ``expected.trig`` holds the quads the mapping must give.

Regenerate an expected file after a deliberate change of the graph model, then review the diff::

    .venv/bin/python tests/rdf/casefile.py tests/rdf/cases/<case>
"""

from __future__ import annotations

import hashlib
import json
import sys
from decimal import Decimal
from pathlib import Path

from loader.records import ConceptRef, Document, PartnerRecord, ProjectRecord, ResultRecord, Span


def find_span(text: str, spec: str | list) -> Span:
    """The span of the ``n``-th (1-based) occurrence of a quoted string in ``text``."""
    quote, n = (spec, 1) if isinstance(spec, str) else (spec[0], int(spec[1]))
    start = -1
    for _ in range(n):
        start = text.find(quote, start + 1)
        if start < 0:
            raise ValueError(f"{quote!r} occurs fewer than {n} time(s) in the text")
    return Span(start, start + len(quote))


def _spans(text: str, raw: dict) -> tuple[tuple[str, Span], ...]:
    return tuple((name, find_span(text, spec)) for name, spec in raw.items())


def _ref(text: str, raw: dict) -> ConceptRef:
    return ConceptRef(raw["id"], raw["label"], find_span(text, raw["span"]) if raw.get("span") else None)


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def record_from_json(data: dict) -> ProjectRecord:
    """Build the record a ``records.json`` describes."""
    d = data["document"]
    text = d["text"]
    document = Document(key=d["key"], path=d["path"], media_type=d.get("media_type", "text/plain"), text=text,
                        sha256=d.get("sha256") or hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        language=d.get("language"), source_url=d.get("source_url"),
                        project_key=d.get("project_key"))
    partners = tuple(
        PartnerRecord(name=p["name"], key=p["key"], role=p.get("role", "unknown"), country=p.get("country"),
                      city=p.get("city"), email=p.get("email"), phone=p.get("phone"), website=p.get("website"),
                      contact_person=p.get("contact_person"), aliases=tuple(p.get("aliases", ())),
                      spans=_spans(text, p.get("spans", {})), inferred=frozenset(p.get("inferred", ())))
        for p in data.get("partners", ()))
    results = tuple(
        ResultRecord(text=r["text"], quantity=_dec(r.get("quantity")), unit=r.get("unit"),
                     span=find_span(text, r["span"]) if r.get("span") else None)
        for r in data.get("results", ()))
    return ProjectRecord(
        document=document, key=data["key"], title=data.get("title"), acronym=data.get("acronym"),
        programme=_ref(text, data["programme"]) if data.get("programme") else None,
        period=data.get("period"), priority_or_measure=data.get("priority_or_measure"),
        start_date=data.get("start_date"), end_date=data.get("end_date"),
        total_budget_eur=_dec(data.get("total_budget_eur")), eu_funding_eur=_dec(data.get("eu_funding_eur")),
        cofinancing_rate=_dec(data.get("cofinancing_rate")), website=data.get("website"), partners=partners,
        target_groups=tuple(_ref(text, r) for r in data.get("target_groups", ())),
        themes=tuple(_ref(text, r) for r in data.get("themes", ())), results=results,
        spans=_spans(text, data.get("spans", {})), inferred=frozenset(data.get("inferred", ())))


def load_case(folder: Path) -> ProjectRecord:
    return record_from_json(json.loads((Path(folder) / "records.json").read_text(encoding="utf-8")))


def _write_expected(folder: Path) -> None:  # pragma: no cover - a maintenance tool
    from pyoxigraph import RdfFormat, serialize

    from loader.to_rdf import project_to_quads
    from ontology.namespaces import PREFIXES

    quads = project_to_quads(load_case(folder))
    data = serialize(quads, format=RdfFormat.TRIG, prefixes=PREFIXES)
    (Path(folder) / "expected.trig").write_bytes(data)


if __name__ == "__main__":  # pragma: no cover
    for arg in sys.argv[1:]:
        _write_expected(Path(arg))
