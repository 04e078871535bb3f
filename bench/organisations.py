"""Synthetic organisations: names in several languages, places, contacts, and how often they recur.

Real Interreg partners recur unevenly: a few (regional councils, big universities) take part in
hundreds of projects, most in one or two. :class:`OrganisationPool` draws partners that way (a
Zipf-like weight per country), and some organisations carry names in several languages (``University
of Liège`` / ``Université de Liège`` / ``Universiteit van Luik``), which documents use by language.

>>> import random
>>> pool = OrganisationPool(random.Random(1), size=200)
>>> org = pool.draw("BE", set())
>>> org.country, org.key == org.key.lower(), org.name_in("fr") != ""
('BE', True, True)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["Organisation", "OrganisationPool", "CITIES", "LANGUAGES"]

LANGUAGES = ("en", "fr", "nl", "de")

# Towns the gazetteer knows (data/gazetteer/places.csv), with their postcode prefixes.
CITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "FR": (("Lille", "59000"), ("Roubaix", "59100"), ("Tourcoing", "59200"), ("Dunkerque", "59140"),
           ("Calais", "62100"), ("Amiens", "80000"), ("Valenciennes", "59300"), ("Maubeuge", "59600"),
           ("Rouen", "76000"), ("Caen", "14000"), ("Rennes", "35000"), ("Metz", "57000"),
           ("Nancy", "54000"), ("Strasbourg", "67000"), ("Brest", "29200"), ("Hirson", "02500")),
    "BE": (("Kortrijk", "8500"), ("Tournai", "7500"), ("Mouscron", "7700"), ("Mons", "7000"),
           ("Brugge", "8000"), ("Gent", "9000"), ("Namur", "5000"), ("Charleroi", "6000"),
           ("Liège", "4000"), ("Hasselt", "3500"), ("Genk", "3600"), ("Arlon", "6700"),
           ("Ieper", "8900"), ("Oostende", "8400"), ("Eupen", "4700"), ("Verviers", "4800")),
    "NL": (("Maastricht", "6211"), ("Heerlen", "6411"), ("Venlo", "5911"), ("Enschede", "7511"),
           ("Nijmegen", "6511"), ("Middelburg", "4331"), ("Vlissingen", "4381"), ("Breda", "4811"),
           ("Groningen", "9711"), ("Rotterdam", "3011")),
    "DE": (("Aachen", "52062"), ("Kleve", "47533"), ("Bocholt", "46395"), ("Saarbrücken", "66111"),
           ("Trier", "54290"), ("Münster", "48143"), ("Dresden", "01067"), ("Passau", "94032"),
           ("Freiburg", "79098"), ("Emmerich", "46446")),
    "GB": (("Canterbury", "CT1 1YW"), ("Brighton", "BN1 1JE"), ("Plymouth", "PL1 2AA"),
           ("Southampton", "SO14 7DU"), ("Portsmouth", "PO1 2AL"), ("Dover", "CT16 1DL"),
           ("Chatham", "ME4 4TR"), ("Folkestone", "CT20 1DZ"), ("Norwich", "NR2 1NH"), ("Exeter", "EX1 1HS")),
    "LU": (("Luxembourg", "L-1648"), ("Esch-sur-Alzette", "L-4138")),
    "IT": (("Torino", "10121"), ("Aosta", "11100"), ("Cuneo", "12100")),
    "AT": (("Innsbruck", "6020"), ("Salzburg", "5020"), ("Linz", "4020")),
    "CZ": (("Liberec", "46001"), ("Plzeň", "30100"), ("Ústí nad Labem", "40001")),
}

# Organisation kinds: the name in each language ({city} and {word} filled in); None when the kind
# has no name in that language (the organisation is then named in its own language everywhere).
_KINDS: tuple[tuple[str, dict[str, str]], ...] = (
    ("university", {"en": "University of {city}", "fr": "Université de {city}",
                    "nl": "Universiteit {city}", "de": "Universität {city}"}),
    ("council", {"en": "{city} City Council", "fr": "Ville de {city}", "nl": "Gemeente {city}",
                 "de": "Stadt {city}"}),
    ("welfare", {"fr": "Centre Communal d'Action Sociale de {city}",
                 "nl": "Openbaar Centrum voor Maatschappelijk Welzijn {city}",
                 "de": "Sozialamt der Stadt {city}", "en": "{city} Social Welfare Centre"}),
    ("association", {"fr": "Association {word} {city}", "nl": "Stichting {word} {city}",
                     "de": "Verein {word} {city} e.V.", "en": "{word} Community Trust {city}"}),
    ("college", {"fr": "Institut {word} de {city}", "nl": "Hogeschool {word} {city}",
                 "de": "Hochschule {word} {city}", "en": "{word} College {city}"}),
    ("hospital", {"fr": "Centre Hospitalier {word} de {city}", "nl": "Ziekenhuis {word} {city}",
                  "de": "Klinikum {word} {city}", "en": "{word} Hospital Trust {city}"}),
)
_HOME_LANGUAGE = {"FR": "fr", "BE": "fr", "NL": "nl", "DE": "de", "GB": "en", "LU": "fr", "IT": "en",
                  "AT": "de", "CZ": "en"}
_WORDS = ("Horizon", "Solidarity", "Phoenix", "Aurora", "Horizonte", "Vesta", "Iris", "Meridian", "Lumen",
          "Concordia", "Atlas", "Vita", "Nova", "Linden", "Albatros", "Aquila", "Corvus", "Delphin",
          "Eiche", "Falke", "Gaia", "Helios", "Ikarus", "Juno", "Kairos", "Lyra", "Minerva", "Nereus",
          "Orion", "Pegasus", "Quercus", "Rhea", "Selene", "Triton", "Ulmus", "Vega", "Zephyr",
          "Artemis", "Boreas", "Castor", "Dione", "Electra", "Flora", "Hebe", "Io", "Kallisto",
          "Leto", "Maia", "Nyx", "Pallas", "Pollux", "Sirius", "Thalia", "Urania", "Zenith")
_FIRST = ("anne", "marc", "sophie", "jan", "pieter", "claire", "thomas", "julia", "lukas", "emma",
          "paul", "marie", "david", "laura", "simon", "eva", "tom", "ines", "bart", "nina")
_LAST = ("martin", "dubois", "peeters", "janssens", "schmidt", "muller", "smith", "jones", "bernard",
         "vos", "maes", "weber", "taylor", "leroy", "claes", "fischer", "brown", "moreau", "dijkstra", "wagner")


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation: its key, its names by language, its country, town, postcode and contacts."""

    key: str
    names: tuple[tuple[str, str], ...]
    country: str
    city: str
    postcode: str
    email: str
    phone: str
    multilingual: bool = False

    def name_in(self, language: str) -> str:
        """The name a document in ``language`` uses (the home-language name when there is none)."""
        for lang, name in self.names:
            if lang == language:
                return name
        return self.names[0][1]


@dataclass
class OrganisationPool:
    """Organisations per country, made on demand, drawn with uneven (Zipf-like) weights.

    :param rng: the random source (a fixed seed gives the same corpus).
    :param size: about how many distinct organisations the corpus should hold.
    :param known: names already in an alias table, mapped to their keys (an organisation named so
        takes that key, as extraction would give it).
    """

    rng: random.Random
    size: int
    known: dict[str, str] = field(default_factory=dict)
    by_country: dict[str, list[Organisation]] = field(default_factory=dict)
    _keys: set[str] = field(default_factory=set)
    _serial: int = 0

    def _make(self, country: str) -> Organisation:
        rng = self.rng
        while True:
            kind, names = rng.choice(_KINDS)
            city, postcode = rng.choice(CITIES[country])
            word = rng.choice(_WORDS) + ("" if rng.random() < 0.3 else " " + rng.choice(_WORDS))
            home = _HOME_LANGUAGE[country]
            multilingual = kind in ("university", "hospital") or rng.random() < 0.1
            langs = LANGUAGES if multilingual else (home,)
            named = tuple((lang, names[lang].format(city=city, word=word)) for lang in
                          (home,) + tuple(x for x in langs if x != home))
            key = next((self.known[n] for _, n in named if n in self.known), None) or _slug(named[0][1])
            if key not in self._keys:
                break
        self._keys.add(key)
        self._serial += 1
        local = f"{rng.choice(_FIRST)}.{rng.choice(_LAST)}"
        domain = key.replace("-", "")[:24] + "." + {"GB": "org.uk"}.get(country, country.lower())
        phone = _phone(rng, country)
        return Organisation(key, named, country, city, postcode, f"{local}@{domain}", phone, multilingual)

    def draw(self, country: str, taken: set[str]) -> Organisation:
        """An organisation of ``country`` not in ``taken`` (keys): often a known one, else a new one.

        The i-th organisation of a country is reused with weight ``1 / (i + 1)``, and a new one is
        made with a probability that keeps the pool near ``size`` in all.
        """
        pool = self.by_country.setdefault(country, [])
        share = max(1, self.size // len(CITIES))
        if not pool or self.rng.random() < 0.55 * max(0.15, 1 - len(pool) / (share * 1.5)):
            org = self._make(country)
            pool.append(org)
            return org
        for _ in range(8):
            index = int(len(pool) ** self.rng.random()) - 1  # log-uniform rank: Zipf with exponent 1
            org = pool[index]
            if org.key not in taken:
                return org
        org = self._make(country)
        pool.append(org)
        return org


def _phone(rng: random.Random, country: str) -> str:
    code = {"FR": "33", "BE": "32", "NL": "31", "DE": "49", "GB": "44", "LU": "352", "IT": "39", "AT": "43",
            "CZ": "420"}[country]
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return f"+{code} {rng.randint(2, 9)}{digits[:1]} {digits[1:3]} {digits[3:5]} {digits[5:8]}"


def _slug(text: str) -> str:
    """The organisation key of a name, as ``ontology.iris.name_key`` makes it."""
    from ontology.iris import name_key

    return name_key(text)
