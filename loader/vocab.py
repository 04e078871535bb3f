"""The SKOS vocabularies of ``data/vocab/*.csv``, which are also the extractor's dictionary.

Schemes (``Concept.scheme`` / ``Concept.kind``): ``programmes`` (kinds ``programme`` and
``programme-family``), ``periods`` (``period``), ``target-groups`` (``target-group``), ``themes``
(``theme``, each narrower than a ``keep-theme`` of keep.eu, scheme ``keep-themes``), ``roles``
(``role``) and ``precisions`` (``precision``). Programmes are one concept per reference programme
(``programmes.csv``), one per generation (``iii`` ... ``vi``) and generation+strand (``iii-a`` ...
``vi-d``), and one family per programme area across periods (``programme-families.csv``).

``programmes.csv`` is derived once from the reference list by :func:`build_programmes_csv` (facts
only, plus our ``family`` column); the build reads only the CSVs under ``data/vocab``.

>>> from ontology.settings import Settings
>>> v = load_vocabularies(Settings().data)
>>> v.get("programme", "iv-a-2-seas").pref_label()
'INTERREG IV A 2 Seas (France-England-Flanders-Netherlands)'
>>> [c.id for c, _ in v.target_groups.find("Support for refugees and young parents")]
['refugees-and-asylum-seekers', 'young-or-single-parents']
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from loader.errors import LoaderError
from loader.records import Concept, Label, Span
from ontology.iris import mint_concept
from ontology.namespaces import IRG, PREFIXES

__all__ = ["Vocabularies", "LabelMatcher", "load_vocabularies", "build_programmes_csv", "fold",
           "GENERATIONS", "STRANDS", "PERIOD_OF_GENERATION"]

LANGS = ("en", "fr", "nl", "de")
GENERATIONS = ("iii", "iv", "v", "vi")
STRANDS = ("a", "b", "c", "d")
PERIOD_OF_GENERATION = {"iii": "2000-2006", "iv": "2007-2013", "v": "2014-2020", "vi": "2021-2027"}
SCHEMA = PREFIXES["schema"]
ORG = PREFIXES["org"]

# programme ids whose area has another name in another period: reference id remainder -> family id
_FAMILY_SYNONYMS = {
    "france-england": "france-channel-england", "euregio-maas-rijn": "euregio-meuse-rhine",
    "euregio-maas-rhein": "euregio-meuse-rhine", "meuse-rhine": "euregio-meuse-rhine",
    "grensregio-vlaanderen-nederland": "vlaanderen-nederland", "nl-nrw-nds": "deutschland-nederland",
    "oberrhein-mitte-sud": "upper-rhine", "brandenburg-poland-lubuskie": "brandenburg-poland",
    "baltic-sea": "baltic-sea-region", "north-sea-region": "north-sea", "south-west-europe-sudoe": "sudoe",
    "euro-med": "mediterranean", "espon-2020": "espon", "espon-2030": "espon", "interact-ii": "interact",
    "interact-iii": "interact", "interact-iv": "interact", "interreg-ivc": "interreg-europe",
    "urbact-iii": "urbact", "urbact-iv": "urbact", "germany-sachsen-czech-republic": "sachsen-czech-republic",
    "northern-ireland-ireland-western-scotland": "ireland-northern-ireland-scotland",
    "austria-germany-bayern": "austria-bayern", "spain-portugal-poctep": "poctep",
    "mac-madeira-azores-canarias": "mac", "east": "iiic-east", "north": "iiic-north", "south": "iiic-south",
    "west": "iiic-west",
}


def fold(text: str) -> str:
    """Lower-case, accents folded, punctuation to spaces, spaces collapsed (the matching form).

    >>> fold("Frankrijk-Wallonië-Vlaanderen’s")
    'frankrijk wallonie vlaanderen s'
    """
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def family_of(programme_id: str) -> str:
    """The family id of a reference programme id (its area, across periods).

    >>> family_of("iii-a-france-england"), family_of("v-a-2-seas")
    ('france-channel-england', '2-seas')
    """
    rest = re.sub(r"^(iii|iv|v|vi)-[a-d]-", "", programme_id)
    return _FAMILY_SYNONYMS.get(rest, rest)


def build_programmes_csv(reference: Path, out: Path) -> int:
    """Developer tool: derive ``programmes.csv`` (facts only, no ``source``) from the reference list.

    :returns: the number of programme rows written.
    """
    with Path(reference).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = ["id", "period", "strand", "name_en", "names_other", "countries", "cci", "family"]
    with Path(out).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row["id"], row["period"], row["strand"], row["name_en"], row["names_other"],
                             row["countries"], row["cci"], family_of(row["id"])])
    return len(rows)


@dataclass(frozen=True, slots=True)
class LabelMatcher:
    """Finds the labels of a set of concepts in a text: word boundaries, any case, simple plurals."""

    concepts: tuple[Concept, ...]
    patterns: tuple[tuple[re.Pattern[str], int], ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, concepts: tuple[Concept, ...]) -> LabelMatcher:
        """The matcher of ``concepts``; equal concepts give the same (immutable) matcher, built once per
        process: its ~600 patterns overflow ``re``'s cache, and the extractors keep their indexes per
        matcher, so every load of the vocabularies would otherwise compile and index them all again."""
        matcher = _MATCHERS.get(concepts)
        if matcher is None:
            matcher = _MATCHERS[concepts] = cls._build(concepts)
        return matcher

    @classmethod
    def _build(cls, concepts: tuple[Concept, ...]) -> LabelMatcher:
        patterns = []
        for index, concept in enumerate(concepts):
            for label in concept.labels:
                words = label.text.split()
                if not words:
                    continue
                body = r"[\s\-]+".join(re.escape(w) for w in words)
                patterns.append((re.compile(rf"(?<![\w-]){body}(?:s|es|en|n|e)?(?![\w-])", re.IGNORECASE),
                                 index))
        patterns.sort(key=lambda p: -len(p[0].pattern))
        return cls(concepts, tuple(patterns))

    def find(self, text: str) -> list[tuple[Concept, Span]]:
        """Each concept named in ``text`` once, with its first mention, in order of appearance."""
        first: dict[int, Span] = {}
        for pattern, index in self.patterns:
            match = pattern.search(text)
            if match and (index not in first or match.start() < first[index].start):
                first[index] = Span(match.start(), match.end())
        return sorted(((self.concepts[i], s) for i, s in first.items()), key=lambda cs: cs[1].start)


_MATCHERS: dict[tuple[Concept, ...], LabelMatcher] = {}


@dataclass(frozen=True, slots=True)
class Vocabularies:
    """All concepts, and the matchers the extractor uses."""

    concepts: tuple[Concept, ...]
    target_groups: LabelMatcher
    themes: LabelMatcher
    programme_aliases: tuple[tuple[str, str, str], ...] = ()  # (concept id, lang, label)
    programme_sites: tuple[tuple[str, str], ...] = ()  # (web host, programme family id)

    def by_kind(self, kind: str) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts if c.kind == kind)

    def get(self, kind: str, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.kind == kind and concept.id == concept_id:
                return concept
        return None


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise LoaderError(f"{path}: vocabulary file is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _labels(row: dict[str, str]) -> tuple[Label, ...]:
    labels = [Label(row[lang].strip(), lang, "pref") for lang in LANGS if row.get(lang, "").strip()]
    for lang in LANGS:
        for alt in (row.get(f"alt_{lang}") or "").split("|"):
            if alt.strip():
                labels.append(Label(alt.strip(), lang, "alt"))
    return tuple(labels)


def _guess_lang(name: str) -> str:
    low = name.lower()
    if re.search(r"programma|grensregio|zeeën|samenwerking|operationeel", low):
        return "nl"
    if re.search(r"programm\b|programm |kooperation|zusammenarbeit|polen|regionales", low):
        return "de"
    if re.search(r"programme (de|opérationnel|cte)|coopération|transfrontalier|européen|espace ", low):
        return "fr"
    return "en"


def _programme_concepts(data: Path, aliases: list[dict[str, str]]) -> list[Concept]:
    concepts: list[Concept] = []
    periods = {r["generation"]: r["id"] for r in _read(data / "periods.csv")}
    extra: dict[str, list[Label]] = {}
    for row in aliases:
        extra.setdefault(row["concept"], []).append(Label(row["label"], row["lang"], "alt"))
    for gen in GENERATIONS:
        upper = gen.upper()
        concepts.append(Concept("programmes", "programme", gen, (
            Label(f"Interreg {upper}", "en", "pref"), Label(f"Interreg {upper}", "fr", "pref"),
            Label(f"Interreg {upper}", "nl", "pref"), Label(f"Interreg {upper}", "de", "pref")),
            properties=((IRG + "period", mint_concept("period", periods[gen])),)))
        for strand in STRANDS:
            if gen != "vi" and strand == "d":
                continue
            concepts.append(Concept("programmes", "programme", f"{gen}-{strand}", (
                Label(f"Interreg {upper} {strand.upper()}", "en", "pref"),
                Label(f"Interreg {upper}{strand.upper()}", "en", "alt")),
                broader=(mint_concept("programme", gen),),
                properties=((IRG + "period", mint_concept("period", periods[gen])),)))
    for row in _read(data / "programme-families.csv"):
        labels = _labels(row) + tuple(extra.get(row["id"], ()))
        concepts.append(Concept("programmes", "programme-family", row["id"], labels))
    for row in _read(data / "programmes.csv"):
        gen, strand = row["id"].split("-")[:2]
        labels = [Label(row["name_en"], "en", "pref")]
        seen = {row["name_en"]}
        for other in row["names_other"].split("|"):
            other = other.strip()
            if other and other not in seen:
                seen.add(other)
                labels.append(Label(other, _guess_lang(other), "alt"))
        labels.extend(extra.get(row["id"], ()))
        concepts.append(Concept(
            "programmes", "programme", row["id"], tuple(labels),
            broader=(mint_concept("programme-family", row["family"]), mint_concept("programme", f"{gen}-{strand}")),
            notation=row["cci"] or None,
            properties=((IRG + "period", mint_concept("period", row["period"])),),
            literal_properties=tuple((IRG + "countryCode", c) for c in row["countries"].split()),
        ))
    return concepts


def load_vocabularies(data_dir: Path) -> Vocabularies:
    """Read every scheme from ``data_dir / "vocab"``.

    :param data_dir: the data folder (``Settings.data``), holding ``vocab/*.csv``.
    :returns: the concepts and matchers.
    :raises LoaderError: when a vocabulary file is missing.
    """
    data = Path(data_dir) / "vocab"
    aliases = _read(data / "programme-aliases.csv")
    concepts = _programme_concepts(data, aliases)
    for row in _read(data / "periods.csv"):
        concepts.append(Concept("periods", "period", row["id"], _labels(row), literal_properties=(
            (SCHEMA + "startDate", row["start"]), (SCHEMA + "endDate", row["end"]))))
    for row in _read(data / "keep-themes.csv"):
        concepts.append(Concept("keep-themes", "keep-theme", row["id"], (Label(row["label_en"], "en", "pref"),)))
    themes = tuple(Concept("themes", "theme", row["id"], _labels(row),
                           broader=(mint_concept("keep-theme", row["broader"]),))
                   for row in _read(data / "themes.csv"))
    groups = tuple(Concept("target-groups", "target-group", row["id"], _labels(row))
                   for row in _read(data / "target-groups.csv"))
    concepts.extend(themes)
    concepts.extend(groups)
    for row in _read(data / "roles.csv"):
        concepts.append(Concept("roles", "role", row["id"], _labels(row),
                                properties=((ORG + "roleProperty", IRG + row["property"]),)))
    for row in _read(data / "precisions.csv"):
        concepts.append(Concept("precisions", "precision", row["id"], _labels(row)))
    return Vocabularies(
        concepts=tuple(concepts),
        target_groups=LabelMatcher.of(groups),
        themes=LabelMatcher.of(themes),
        programme_aliases=tuple((r["concept"], r["lang"], r["label"]) for r in aliases),
        programme_sites=tuple((r["host"], r["family"]) for r in _read(data / "programme-sites.csv")),
    )
