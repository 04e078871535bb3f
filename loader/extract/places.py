"""Countries and cities as a text gives them, and a small gazetteer for inferring them.

Read values come from address lines ("F - 59200 Tourcoing", "7000 Mons"), country codes in
brackets ("(NL)"), country lines or headings ("BELGIE", "France"), and side phrases ("côté
français", "on the French side"). Inferred values (the caller lists them in ``inferred``) come from
the gazetteer (``data/gazetteer/places.csv``: place,country,kind where kind is ``town`` or ``area``
(an optional column; areas give a country but are never a city); ``regions.csv``: region,country).

>>> parse_address_line("F - 59033 Lille Cedex")
('FR', 'Lille')
>>> parse_address_line("7000 Mons"), parse_address_line("Hello world")
((None, 'Mons'), None)
>>> parse_address_line("370 01 České Budějovice"), parse_address_line("PL-59-900 Zgorzelec")
((None, 'České Budějovice'), ('PL', 'Zgorzelec'))
>>> country_code("BELGIE"), country_code("Grand-Duché de Luxembourg"), country_code("Wallonie")
('BE', 'LU', None)
>>> side_country("lead partner on the French side"), side_country("Les partenaires belges :")
('FR', 'BE')
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pycountry

__all__ = [
    "Gazetteer",
    "load_gazetteer",
    "default_gazetteer",
    "country_code",
    "parse_address_line",
    "side_country",
    "bracket_country",
    "fold",
    "UPPER",
]

# Country names in en/fr/nl/de that pycountry does not hold (folded, lower case).
_LOCAL_NAMES = {
    "belgie": "BE", "belgique": "BE", "belgien": "BE", "belgium": "BE", "belgië": "BE",
    "france": "FR", "frankrijk": "FR", "frankreich": "FR",
    "nederland": "NL", "pays-bas": "NL", "niederlande": "NL", "the netherlands": "NL", "netherlands": "NL",
    "holland": "NL",
    "allemagne": "DE", "duitsland": "DE", "deutschland": "DE", "germany": "DE",
    "luxembourg": "LU", "luxemburg": "LU", "grand-duche de luxembourg": "LU", "grand duchy of luxembourg": "LU",
    "groothertogdom luxemburg": "LU", "grossherzogtum luxemburg": "LU",
    "royaume-uni": "GB", "united kingdom": "GB", "uk": "GB", "verenigd koninkrijk": "GB",
    "vereinigtes konigreich": "GB", "great britain": "GB",
    "ireland": "IE", "irlande": "IE", "ierland": "IE", "irland": "IE",
    "osterreich": "AT", "autriche": "AT", "oostenrijk": "AT", "austria": "AT",
    "tschechien": "CZ", "tschechische republik": "CZ", "czech republic": "CZ", "czechia": "CZ",
    "republique tcheque": "CZ", "tsjechie": "CZ",
    "suisse": "CH", "schweiz": "CH", "zwitserland": "CH", "switzerland": "CH",
    "danemark": "DK", "danmark": "DK", "denemarken": "DK", "denmark": "DK", "dänemark": "DK",
    "polen": "PL", "pologne": "PL", "poland": "PL",
    "italie": "IT", "italië": "IT", "italien": "IT", "italia": "IT",
    "espagne": "ES", "spanje": "ES", "spanien": "ES", "españa": "ES",
    "slovaquie": "SK", "slowakije": "SK", "slowakei": "SK",
    "slovenie": "SI", "slovenië": "SI", "slowenien": "SI",
    "hongrie": "HU", "hongarije": "HU", "ungarn": "HU",
    "croatie": "HR", "kroatië": "HR", "kroatien": "HR",
    "suede": "SE", "zweden": "SE", "schweden": "SE",
    "finlande": "FI", "finnland": "FI",
    "norvege": "NO", "noorwegen": "NO", "norwegen": "NO",
    "grece": "GR", "griekenland": "GR", "griechenland": "GR",
    "roumanie": "RO", "roemenië": "RO", "rumänien": "RO",
    "bulgarie": "BG", "bulgarije": "BG", "bulgarien": "BG",
    "lituanie": "LT", "litouwen": "LT", "litauen": "LT",
    "lettonie": "LV", "letland": "LV", "lettland": "LV",
    "estonie": "EE", "estland": "EE",
    "tsjechische republiek": "CZ", "slowaakse republiek": "SK", "slowakische republik": "SK",
}
# Letters written before a postcode ("F - 59200", "NL-6211", "D-52062").
_POSTAL_PREFIX = {"F": "FR", "FR": "FR", "B": "BE", "BE": "BE", "NL": "NL", "D": "DE", "DE": "DE",
                  "L": "LU", "LU": "LU", "A": "AT", "AT": "AT", "CH": "CH", "CZ": "CZ", "GB": "GB",
                  "UK": "GB", "IRL": "IE", "DK": "DK", "PL": "PL", "EL": "GR"}
_BRACKET_CODES = {"NL", "BE", "DE", "FR", "LU", "UK", "GB", "AT", "CZ", "IE", "CH", "DK", "PL", "D", "B", "F",
                  "IT", "ES", "PT", "SK", "SI", "HU", "HR", "SE", "FI", "NO", "GR", "EL", "RO", "BG", "LT", "LV",
                  "EE", "MT", "CY", "IS", "LI"}
_SIDE_ADJECTIVES = {
    "FR": r"fran[cç]ais(?:e|es)?|french|franse?|franz[oö]sisch(?:e|en)?",
    "BE": r"belges?|belgian|belgische?|belgisch(?:e|en)?",
    "NL": r"n[ée]erlandais(?:e|es)?|dutch|nederlandse?|niederl[aä]ndisch(?:e|en)?",
    "DE": r"allemand(?:e|es)?|german|duitse?|deutsch(?:e|en)?",
    "LU": r"luxembourgeois(?:e|es)?|luxembourgish|luxemburgse?|luxemburgisch(?:e|en)?",
    "GB": r"britanniques?|british|anglais(?:e|es)?|english|britse?|engelse?|britisch(?:e|en)?",
    "CH": r"suisses?|swiss|zwitserse?|schweizer(?:isch(?:e|en|er)?)?",
    "AT": r"autrichien(?:ne|s|nes)?|austrian|oostenrijkse?|[öo]sterreichisch(?:e|en|er)?",
}
# Any side adjective ("partenaires français", "chef de file suisse", "Belgian partners").
SIDE_ADJECTIVE = "|".join(_SIDE_ADJECTIVES.values())
_SIDE_RE = [(cc, re.compile(
    rf"(?:c[ôo]t[ée]\s+(?:{adj})|(?:{adj})\s+side|(?:{adj})\s+(?:zijde|kant)|partenaires\s+(?:{adj})|"
    rf"(?:{adj})\s+partners?|(?:{adj})\s+projectpartners?|partenaire\s+(?:{adj})|"
    rf"(?:chef\s+de\s+file|porteur(?:\s+du\s+projet)?|lead[\s-]*partner|leadpartner)\s+(?:{adj})|"
    rf"(?:{adj})\s+(?:lead[\s-]*partner|leadpartner|projectleider))\b", re.IGNORECASE))
    for cc, adj in _SIDE_ADJECTIVES.items()]
# Capital letters of the Latin scripts ("Č", "Ł", "Ő", "Ș"): a town's first letter.
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
# A postcode line: "F - 59200 Tourcoing", "NL-4331 AB Middelburg", and the Czech/Slovak "370 01 České
# Budějovice" and Polish "59-900 Zgorzelec" shapes.
_ADDRESS_RE = re.compile(
    r"^\s*(?:(?P<cc>[A-Z]{1,3})\s*[-–]\s*)?(?P<zip>\d{4,5}(?:\s?[A-Z]{2}(?=\s))?|\d{3}\s\d{2}|\d{2}-\d{3})\s+"
    rf"(?P<city>(?:['’][st][ \-])?[{UPPER}][\w'’ \-/]*?)(?:\s+(?:cedex|CEDEX|Cedex)\b.*)?\s*"
    r"(?:,\s*(?P<country>[^\d,]+))?$")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case without accents and with single spaces (kept for the last 8,192 texts: a page asks
    for the same names' keys many times).

    >>> fold("  Grand-Duché   de Luxembourg ")
    'grand-duche de luxembourg'
    """
    if not text.isascii():  # ASCII has nothing to decompose
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def _folded_local_names() -> dict[str, str]:
    return {fold(k): v for k, v in _LOCAL_NAMES.items()}


_LEADING_ARTICLE_RE = re.compile(r"^(?:the|le|la|les|l'|de|het|die)\s+")


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country name in en/fr/nl/de, or None (regions are not countries)."""
    key = fold(name).strip(" :.;,-")
    key = _LEADING_ARTICLE_RE.sub("", key)
    if not key or len(key) < 2:
        return None
    folded_local = _folded_local_names()
    if key in folded_local:
        return folded_local[key]
    if len(key) <= 3:
        return None
    country = _pycountry_names().get(key.lower())  # what pycountry.countries.lookup(key) finds
    return country.alpha_2 if country is not None else None


@lru_cache(maxsize=1)
def _pycountry_names() -> dict[str, object]:
    """Every lower-cased name or code ``pycountry.countries.lookup`` answers, with the country it answers:
    its indices in their order (the first holding a value wins), then the fields it does not index, country
    by country. A dictionary look-up instead of lookup()'s walk over every country for a name that is
    none (~25 a page, 0.02 ms each)."""
    db = pycountry.countries
    names: dict[str, object] = {}
    len(db)  # loads the database (it loads on first use)
    for index in db.indices.values():
        for value, country in index.items():
            names.setdefault(value, country)
    for country in db:
        for field_name in db.no_index:
            value = country._fields.get(field_name)
            if value is not None:
                names.setdefault(value.lower(), country)
    return names


# A British postcode (outward and inward code: "ME4 4TR", "SW1A 1AA") with its town after it, as in the
# address lines of most countries, or before it, as British addresses write it ("Chatham ME4 4TR").
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
_UK_TOWN = r"[A-ZÀ-Ý][\w'’\-]*(?:\s+[\w'’\-]+){0,3}?"
_UK_ADDRESS_RE = re.compile(
    rf"^\s*(?:(?P<before>{_UK_TOWN})\s*,?\s+)?{_UK_POSTCODE}(?:\s+(?P<after>{_UK_TOWN}))?"
    r"(?:\s*,\s*(?P<country>[^\d,]+))?\s*$")


_DIGIT_RE = re.compile(r"\d")


def parse_address_line(line: str) -> tuple[str | None, str] | None:
    """``(country or None, city)`` of a postcode line ("B - 8500 Kortrijk"), or None for other lines.

    >>> parse_address_line("ME4 4TR Chatham"), parse_address_line("Canterbury CT1 1YW")
    (('GB', 'Chatham'), ('GB', 'Canterbury'))
    """
    if not _DIGIT_RE.search(line):
        return None  # both postcode patterns need a digit
    m = _ADDRESS_RE.match(line.strip())
    if not m:
        uk = _UK_ADDRESS_RE.match(line)
        town = uk and (uk.group("before") or "") + (uk.group("after") or "")
        if not uk or not town or uk.group("before") and uk.group("after"):
            return None
        if uk.group("country") and country_code(uk.group("country")) not in ("GB", None):
            return None
        return "GB", town
    city = m.group("city").strip(" -,")
    if not city or len(city) > 40 or len(city.split()) > 4:
        return None
    country = None
    if m.group("cc"):
        country = _POSTAL_PREFIX.get(m.group("cc"))
        if country is None:
            return None
    if m.group("country"):
        country = country_code(m.group("country")) or country
    return country, city


# Every side phrase holds a side adjective: a text without one is not searched eight times.
_ANY_SIDE_ADJECTIVE = re.compile(rf"(?:{SIDE_ADJECTIVE})", re.IGNORECASE)


def side_country(text: str) -> str | None:
    """The country of a side phrase ("côté français", "on the Belgian side", "partenaires belges")."""
    if _ANY_SIDE_ADJECTIVE.search(text) is None:
        return None
    for cc, pattern in _SIDE_RE:
        if pattern.search(text):
            return cc
    return None


_BRACKET_RE = re.compile(r"\(\s*([A-Z]{1,2})\s*\)")


def bracket_country(text: str) -> tuple[str, int, int] | None:
    """A country code written in brackets ("Huis voor de Zorg (NL)") with its offsets, or None.

    >>> bracket_country("GGD Zuid Limburg (NL)"), bracket_country("Comune di Cuneo (IT)")[0]
    (('NL', 17, 21), 'IT')
    """
    for m in _BRACKET_RE.finditer(text):
        code = m.group(1)
        if code in _BRACKET_CODES:
            return _POSTAL_PREFIX.get(code, code), m.start(), m.end()
    return None


@dataclass(frozen=True)
class Gazetteer:
    """Known places (towns, districts) and regions, each with the country it lies in."""

    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    regions: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    areas: frozenset[str] = frozenset()

    def place(self, name: str) -> tuple[str, str] | None:
        """``(place as listed, country)`` when ``name`` is a known place."""
        return self.places.get(_key(name))

    def is_town(self, name: str) -> bool:
        """Whether ``name`` is a known place that can be a city (not an area such as a county)."""
        return _key(name) in self.places and _key(name) not in self.areas

    def region(self, name: str) -> tuple[str, str | None] | None:
        """``(region as listed, country or None)`` when ``name`` is a known region."""
        return self.regions.get(_key(name.strip(" :")))

    @cached_property
    def _matcher(self) -> re.Pattern[str]:
        """One alternation of every place, longest first, so a place inside a longer one is not matched
        on its own; built once per gazetteer."""
        keys = sorted(self.places, key=lambda k: (-len(k), k))
        if not keys:
            return re.compile(r"(?!x)x")
        return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w])")

    def places_in(self, text: str) -> list[tuple[str, str]]:
        """Known places written as whole words inside ``text`` (e.g. a town in a name), longest first;
        a place inside a longer one found there ("Calais" in "Pas de Calais") is left out."""
        words = _key(text)
        hits = [(m.start(), m.end(), self.places[m.group()]) for m in self._matcher.finditer(words)]
        hits.sort(key=lambda h: h[0] - h[1])
        kept: list[tuple[int, int, tuple[str, str]]] = []
        for hit in hits:
            if not any(k[0] <= hit[0] and hit[1] <= k[1] for k in kept):
                kept.append(hit)
        out: list[tuple[str, str]] = []
        for _s, _e, value in kept:
            if value not in out:
                out.append(value)
        return out


def _key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_gazetteer(data_dir: Path) -> Gazetteer:
    """Read ``gazetteer/places.csv`` and ``gazetteer/regions.csv`` under ``data_dir`` (missing files: empty)."""
    rows = [r for r in _read(data_dir / "gazetteer" / "places.csv") if r.get("place") and r.get("country")]
    places: dict[str, tuple[str, str]] = {}
    for r in rows:
        places.setdefault(_key(r["place"]), (r["place"].strip(), r["country"].strip()))
    areas = frozenset(_key(r["place"]) for r in rows if (r.get("kind") or "town").strip() == "area")
    regions: dict[str, tuple[str, str | None]] = {}
    for r in _read(data_dir / "gazetteer" / "regions.csv"):
        if r.get("region"):
            regions.setdefault(_key(r["region"]), (r["region"].strip(), (r.get("country") or "").strip() or None))
    return Gazetteer(places=places, regions=regions, areas=areas)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the data folder (``INTERREG_KG_DATA``, default the repository's ``data``), read once."""
    from ontology.settings import Settings

    return load_gazetteer(Settings.from_env().data)
