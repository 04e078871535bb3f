"""Score extracted records against gold files, as ``ANNOTATION.md`` describes.

Project fields (title, acronym, programme, period, dates, amounts, rate): agreeing values are true
positives; a gold value missed or contradicted is a false negative (a contradiction is also a false
positive); a value where the gold has none is a false positive unless the record names the field in
``inferred``. Titles agree by normalised similarity, acronyms exactly (case folded), programmes
by generation and area words, dates by prefix at the gold's precision, amounts within 0.5%,
rates within 0.01. Partners are matched by normalised name (or a gold alias); on matched partners
role, country, city, e-mail, phone (last 8 digits) and website (host) are scored, country and city
only where the gold has one. The overall figure is the micro F1 over all of these; target groups
and themes are reported with a loose label match outside it.

>>> gold = {"acronym": "AGIR", "start_date": "2015-03", "partners": []}
>>> out = {"acronym": "agir", "start_date": "2015-03-01", "end_date": "2016", "partners": []}
>>> report = score_pairs([("d", gold, out)])
>>> report.rows["acronym"].tp, report.rows["start_date"].tp, report.rows["end_date"].fp
(1, 1, 1)
>>> round(report.overall_f1, 3)
0.8
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

__all__ = ["Count", "EvaluationReport", "evaluate", "score_pairs", "agree", "similarity", "FIELDS",
           "PARTNER_FIELDS"]

FIELDS = ("title", "acronym", "programme", "period", "start_date", "end_date", "total_budget_eur",
          "eu_funding_eur", "cofinancing_rate")
PARTNER_FIELDS = ("role", "country", "city", "email", "phone", "website")
_ONLY_WHERE_GOLD = {"country", "city"}
_FILLER = {"the", "de", "du", "des", "la", "le", "van", "der", "het", "and", "et", "en", "of", "d", "l"}
_GEN_WORDS = {"iii": "3", "iv": "4", "v": "5", "vi": "6"}
_GEN_STRAND = {"iiia": "3", "iiib": "3", "iiic": "3", "iva": "4", "ivb": "4", "ivc": "4", "va": "5", "vb": "5",
               "vc": "5", "via": "6", "vib": "6", "vic": "6"}
_AREA_SKIP = {"iii", "iv", "v", "vi", "3", "4", "5", "6", "a", "b", "c", "iiia", "iva", "va", "via", "cross",
              "border", "cooperation", "european", "territorial"}


def _plain(value: object) -> str:
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _words(value: object) -> set[str]:
    return {w for w in _plain(value).split() if w not in _FILLER}


def similarity(a: object, b: object) -> float:
    """Normalised similarity of two names: the better of a character ratio and a word overlap.

    >>> similarity("Ville de LILLE", "ville de lille"), similarity("x", "")
    (1.0, 0.0)
    """
    pa, pb = _plain(a), _plain(b)
    if not pa or not pb:
        return 0.0
    wa, wb = _words(a), _words(b)
    smaller = min(len(wa), len(wb))
    overlap = len(wa & wb) / max(1, smaller) if wa and wb and smaller >= 2 else 0.0
    return max(SequenceMatcher(None, pa, pb).ratio(), overlap)


def _as_label(value: object) -> object:
    if isinstance(value, dict):
        for key in ("label", "name", "prefLabel", "id"):
            if value.get(key):
                return str(value[key])
        return None
    return value


def _programme_parts(name: str) -> tuple[str | None, set[str]]:
    words = _plain(name).replace("interreg", " ").replace("programme", " ").replace("program", " ").split()
    generation = None
    for word in words:
        if word in _GEN_STRAND:
            generation = _GEN_STRAND[word]
        elif word in _GEN_WORDS:
            generation = _GEN_WORDS[word]
    return generation, {w for w in words if w not in _AREA_SKIP and len(w) > 1}


def _host(url: object) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", str(url).lower()).rstrip("/")


def agree(name: str, gold: object, out: object) -> bool:
    """Whether an output value agrees with the gold value of field ``name`` (both set).

    >>> agree("programme", "Interreg 2 Seas", "Interreg IV A 2 Seas (France-England)"), agree("period", "2007-2013", "2014-2020")
    (True, False)
    """
    if name in ("total_budget_eur", "eu_funding_eur"):
        try:
            return abs(float(out) - float(gold)) <= 0.005 * abs(float(gold)) + 0.01
        except (TypeError, ValueError):
            return False
    if name == "cofinancing_rate":
        try:
            rate = float(out)
            return abs((rate / 100 if rate > 1 else rate) - float(gold)) <= 0.011
        except (TypeError, ValueError):
            return False
    if name in ("start_date", "end_date"):
        g, o = str(gold), str(out)
        return o.startswith(g) or (g.startswith(o) and len(o) >= 7)
    if name in ("period", "acronym"):
        return _plain(gold).replace(" ", "") == _plain(out).replace(" ", "")
    if name == "programme":
        g_gen, g_area = _programme_parts(str(gold))
        o_gen, o_area = _programme_parts(str(out))
        if g_gen and o_gen and g_gen != o_gen:
            return False
        if not g_area:
            return g_gen is not None and g_gen == o_gen
        return len(g_area & o_area) / len(g_area) >= 0.5 or similarity(gold, out) >= 0.8
    if name == "email":
        return _plain(gold) == _plain(out)
    if name == "phone":
        g, o = re.sub(r"\D", "", str(gold)), re.sub(r"\D", "", str(out))
        return len(g) >= 8 and g[-8:] == o[-8:]
    if name == "website":
        g, o = _host(gold), _host(out)
        return g == o or g.split("/")[0] == o.split("/")[0]
    if name in ("country", "role"):
        return str(gold).lower() == str(out).lower()
    return similarity(gold, out) >= 0.85


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


@dataclass
class Count:
    """True positives, false positives and false negatives of one row."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: object, out: object, agrees: bool) -> None:
        if _empty(gold) and _empty(out):
            return
        if _empty(gold):
            self.fp += 1
        elif _empty(out):
            self.fn += 1
        elif agrees:
            self.tp += 1
        else:
            self.fp += 1
            self.fn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvaluationReport:
    """Per-row counts (fields, ``partners``, ``partner.<attr>``) and the loose concept scores."""

    rows: dict[str, Count] = field(default_factory=dict)
    concepts: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    documents: int = 0
    missing: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> Count:
        total = Count()
        for count in self.rows.values():
            total.tp += count.tp
            total.fp += count.fp
            total.fn += count.fn
        return total

    @property
    def overall_f1(self) -> float:
        return self.total.f1

    def table(self) -> str:
        """The per-row precision / recall / F1 table, the concept rows and the overall micro F1."""
        lines = [f"documents: {self.documents}, without output: {len(self.missing)}"
                 + (f" {self.missing}" if self.missing else ""),
                 f"{'field':22} {'P':>5} {'R':>5} {'F1':>5}  tp/fp/fn"]
        for name, c in self.rows.items():
            lines.append(f"{name:22} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}  {c.tp}/{c.fp}/{c.fn}")
        for name, (hit_gold, n_gold, hit_out, n_out) in self.concepts.items():
            r = hit_gold / n_gold if n_gold else 1.0
            p = hit_out / n_out if n_out else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            lines.append(f"{name:22} {p:5.2f} {r:5.2f} {f:5.2f}  (soft label match)")
        t = self.total
        lines.append(f"overall (fields+partners+attributes) P {t.precision:.2f} R {t.recall:.2f}")
        lines.append(f"overall F1 {self.overall_f1:.3f}")
        return "\n".join(lines)


def _pair_partners(gold: list[dict], out: list[dict]) -> list[tuple[dict, dict]]:
    pairs, taken = [], set()
    for g in gold:
        names = [g["name"], *g.get("aliases", [])]
        best_score, best_index = 0.0, None
        for index, o in enumerate(out):
            if index in taken:
                continue
            score = max(similarity(n, o.get("name") or "") for n in names)
            if score > best_score:
                best_score, best_index = score, index
        if best_index is not None and best_score >= 0.8:
            taken.add(best_index)
            pairs.append((g, out[best_index]))
    return pairs


def _soft(gold_labels: list, out_labels: list) -> tuple[int, int, int, int]:
    g = [_plain(x) for x in gold_labels]
    o = [_plain(_as_label(x) or "") for x in out_labels]

    def close(a: str, b: str) -> bool:
        return similarity(a, b) >= 0.75 or a in b or b in a

    hit_gold = sum(1 for x in g if any(close(x, y) for y in o if y))
    hit_out = sum(1 for y in o if y and any(close(x, y) for x in g))
    return hit_gold, len(g), hit_out, len(o)


def score_pairs(pairs: list[tuple[str, dict, dict | None]], *, verbose: bool = False) -> EvaluationReport:
    """Score (name, gold, output) triples; an output of None counts as an empty record."""
    report = EvaluationReport(rows={name: Count() for name in (*FIELDS, "partners",
                                                               *(f"partner.{a}" for a in PARTNER_FIELDS))},
                              concepts={"target_groups": (0, 0, 0, 0), "themes": (0, 0, 0, 0)})
    for name, gold, out in pairs:
        report.documents += 1
        if out is None:
            report.missing.append(name)
            out = {}
        inferred = set(out.get("inferred") or [])
        for f in FIELDS:
            g, o = gold.get(f), _as_label(out.get(f))
            if g is None and f in inferred:
                continue
            ok = g is not None and o is not None and agree(f, g, o)
            report.rows[f].add(g, o, ok)
            if verbose and (g is not None or o is not None) and not ok:
                report.misses.append(f"{name} {f}: gold={g!r} out={o!r}")
        gold_partners, out_partners = gold.get("partners", []), out.get("partners", []) or []
        matched = _pair_partners(gold_partners, out_partners)
        row = report.rows["partners"]
        row.tp += len(matched)
        row.fn += len(gold_partners) - len(matched)
        row.fp += len(out_partners) - len(matched)
        if verbose:
            matched_gold = {id(g) for g, _ in matched}
            matched_out = {id(o) for _, o in matched}
            report.misses += [f"{name} partner missed: {g['name']}" for g in gold_partners if id(g) not in matched_gold]
            report.misses += [f"{name} partner extra: {o.get('name')}" for o in out_partners if id(o) not in matched_out]
        for g, o in matched:
            for a in PARTNER_FIELDS:
                gv, ov = g.get(a), o.get(a)
                if gv is None and a in _ONLY_WHERE_GOLD:
                    continue
                ok = gv is not None and ov is not None and agree(a, gv, ov)
                report.rows[f"partner.{a}"].add(gv, ov, ok)
                if verbose and not ok and not (gv is None and ov is None):
                    report.misses.append(f"{name} partner {g['name']} {a}: gold={gv!r} out={ov!r}")
        for key in ("target_groups", "themes"):
            got = _soft(gold.get(key, []), out.get(key, []) or [])
            report.concepts[key] = tuple(a + b for a, b in zip(report.concepts[key], got, strict=True))
    return report


def evaluate(gold_dir: Path, records: list[dict], *, verbose: bool = False) -> EvaluationReport:
    """Score records (``ProjectRecord.to_json()`` objects) against the gold files of ``gold_dir``.

    Records are matched to gold files by the stem of their ``document`` (or ``source`` / ``path``).
    """
    by_stem = {}
    for record in records:
        doc = record.get("document") or record.get("source") or record.get("path") or ""
        by_stem[Path(str(doc)).stem] = record
    pairs = []
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        pairs.append((gold_file.stem, json.loads(gold_file.read_text(encoding="utf-8")), by_stem.get(gold_file.stem)))
    return score_pairs(pairs, verbose=verbose)
