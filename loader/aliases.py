"""The organisation alias table: every known name of an organisation mapped to one curated key.

``data/aliases/organisations.csv`` has the columns ``key,name,lang``, one row per known name. Two
names with the same key are the same organisation in every document; a name not in the table keys
as its ``ontology.iris.name_key``. Pairs of organisations that only *look* related (they share an
e-mail domain or a website host) are review candidates for a human and are never merged here.

>>> table = AliasTable.from_rows([("communaute-urbaine-de-dunkerque", "Greater Dunkirk District Council", "en")])
>>> table.key_for("the Greater Dunkirk District Council")
'communaute-urbaine-de-dunkerque'
>>> table.key_for("Medway Council")
'medway-council'
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loader.errors import LoaderError
from loader.records import PartnerRecord
from ontology.iris import name_key as _name_key
from ontology.iris import slug

__all__ = [
    "ALIAS_FILE",
    "WEBMAIL_DOMAINS",
    "AliasTable",
    "AliasTableError",
    "KeyEvidence",
    "ReviewCandidate",
    "load_alias_table",
    "host_of",
]

ALIAS_FILE = Path("aliases") / "organisations.csv"

# ``ontology.iris.name_key`` is pure and asked for the same names again and again while extracting.
name_key = lru_cache(maxsize=1 << 15)(_name_key)
_COLUMNS = ("key", "name", "lang")

# Mail and access providers: two organisations using one of them share nothing.
WEBMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "yahoo.co.uk", "ymail.com", "hotmail.com",
    "hotmail.fr", "hotmail.co.uk", "live.com", "live.fr", "live.be", "live.nl", "outlook.com", "outlook.fr",
    "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr",
    "neuf.fr", "laposte.net", "bbox.fr", "numericable.fr", "gmx.de", "gmx.net", "gmx.com", "gmx.at",
    "web.de", "t-online.de", "freenet.de", "arcor.de", "posteo.de", "mail.com", "protonmail.com",
    "proton.me", "skynet.be", "telenet.be", "scarlet.be", "proximus.be", "ziggo.nl", "kpnmail.nl",
    "planet.nl", "home.nl", "hetnet.nl", "xs4all.nl", "btinternet.com", "sky.com", "virginmedia.com",
    "talktalk.net", "ntlworld.com", "tiscali.co.uk", "seznam.cz", "aon.at", "chello.at", "bluewin.ch",
})


class AliasTableError(LoaderError, ValueError):
    """The alias table file is malformed (missing columns, an empty key or name, a name under two keys)."""


def host_of(value: str) -> str | None:
    """The domain of an e-mail address or the host of a website, lower case without ``www.``.

    >>> host_of("frouviere@mairie-lille.fr"), host_of("https://www.amiens.fr/agir"), host_of("")
    ('mairie-lille.fr', 'amiens.fr', None)
    """
    value = (value or "").strip().lower()
    if not value:
        return None
    if "@" in value:
        host = value.rsplit("@", 1)[1]
    else:
        host = re.sub(r"^[a-z]+://", "", value).split("/", 1)[0].split(":", 1)[0]
    host = host.removeprefix("www.").strip(".")
    return host or None


@dataclass(frozen=True, slots=True)
class ReviewCandidate:
    """Two organisations a human should look at: they share ``host`` (an e-mail domain or website)."""

    first: str
    second: str
    host: str
    reason: str


@dataclass(frozen=True, slots=True)
class KeyEvidence:
    """Why a name has its organisation key: ``source`` is ``alias-table`` (``detail`` the table's row,
    ``key,name,lang``) or ``normalised-name`` (``detail`` the normalised name, which is the key)."""

    key: str
    source: str
    detail: str


@dataclass(frozen=True, eq=False)
class AliasTable:
    """Known names of organisations by curated key; ``sha256`` is the digest of the table's file."""

    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sha256: str = hashlib.sha256(b"").hexdigest()
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)
    _rows: dict[str, tuple[str, str, str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]], sha256: str | None = None) -> AliasTable:
        """Build a table from ``(key, name, lang)`` rows.

        :raises AliasTableError: on an empty key or name, or a name listed under two keys.
        """
        names: dict[str, list[str]] = {}
        by_name: dict[str, str] = {}
        rows_by_name: dict[str, tuple[str, str, str]] = {}
        for number, (key, name, lang) in enumerate(rows, start=2):
            key, name = slug(key.strip()) if key.strip() else "", name.strip()
            if not key or not name:
                raise AliasTableError(f"row {number}: key and name must both be given")
            match = name_key(name)
            if by_name.get(match, key) != key:
                raise AliasTableError(f"row {number}: {name!r} is listed under {by_name[match]!r} and {key!r}")
            by_name[match] = key
            rows_by_name.setdefault(match, (key, name, lang.strip()))
            names.setdefault(key, []).append(name)
        digest = sha256 or hashlib.sha256(repr(sorted(by_name.items())).encode()).hexdigest()
        return cls(names={k: tuple(v) for k, v in names.items()}, sha256=digest, _by_name=by_name,
                   _rows=rows_by_name)

    def key_for(self, name: str) -> str:
        """The curated key of ``name`` when it is a listed name (compared by ``name_key``), else ``name_key``."""
        match = name_key(name)
        return self._by_name.get(match, match)

    def evidence_for(self, name: str) -> KeyEvidence:
        """Why ``name`` has the key :meth:`key_for` gives: the alias table's row, or its normalised form.

        >>> t = AliasTable.from_rows([("cud", "Greater Dunkirk District Council", "en")])
        >>> t.evidence_for("the Greater Dunkirk District Council")
        KeyEvidence(key='cud', source='alias-table', detail='cud,Greater Dunkirk District Council,en')
        >>> t.evidence_for("Ville de Dunkerque")
        KeyEvidence(key='ville-de-dunkerque', source='normalised-name', detail='ville-de-dunkerque')
        """
        match = name_key(name)
        row = self._rows.get(match)
        if row is None:
            return KeyEvidence(match, "normalised-name", match)
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(row)
        return KeyEvidence(row[0], "alias-table", out.getvalue())

    def is_known(self, name: str) -> bool:
        """Whether ``name`` is one of the table's listed names."""
        return name_key(name) in self._by_name

    def names_for(self, key: str) -> tuple[str, ...]:
        """All listed names of the organisation ``key`` (empty when the key is not curated)."""
        return self.names.get(key, ())

    def review_candidates(self, orgs: Iterable[PartnerRecord]) -> list[ReviewCandidate]:
        """Pairs of distinct organisations sharing a non-webmail e-mail domain or website host.

        Candidates are for a human to confirm; nothing is merged.

        >>> from loader.records import PartnerRecord as P
        >>> a = P(name="CCAS de Lille", key="ccas-de-lille", email="x@mairie-lille.fr")
        >>> b = P(name="Ville de Lille", key="ville-de-lille", email="y@mairie-lille.fr")
        >>> c = P(name="Les Deux Rives", key="les-deux-rives", email="z@yahoo.fr")
        >>> d = P(name="Other", key="other", email="w@yahoo.fr")
        >>> [(r.first, r.second, r.host) for r in AliasTable().review_candidates([a, b, c, d])]
        [('ccas-de-lille', 'ville-de-lille', 'mairie-lille.fr')]
        """
        by_host: dict[str, dict[str, str]] = {}
        for org in orgs:
            for kind, value in (("e-mail domain", org.email), ("website host", org.website)):
                host = host_of(value or "")
                if host is None or host in WEBMAIL_DOMAINS:
                    continue
                by_host.setdefault(host, {}).setdefault(org.key, kind)
        out = []
        for host, keys in sorted(by_host.items()):
            ordered = sorted(keys)
            for i, first in enumerate(ordered):
                for second in ordered[i + 1:]:
                    out.append(ReviewCandidate(first, second, host, f"share the {keys[first]} {host}"))
        return out


def parse_alias_csv(text: str, sha256: str | None = None) -> AliasTable:
    """Parse the text of an alias table (``key,name,lang`` header first).

    :raises AliasTableError: when the header lacks a column or a row is malformed.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AliasTableError(f"alias table lacks the column(s) {', '.join(missing)}")
    rows = [(r["key"] or "", r["name"] or "", r["lang"] or "") for r in reader if any((r.get(c) or "").strip()
                                                                                      for c in _COLUMNS)]
    return AliasTable.from_rows(rows, sha256=sha256)


def load_alias_table(data_dir: Path) -> AliasTable:
    """Read ``data_dir/aliases/organisations.csv``; a missing file gives an empty table.

    :param data_dir: the data folder (``Settings.data``).
    :returns: the table, whose ``sha256`` is the digest of the file's bytes.
    :raises AliasTableError: when the file is malformed.
    """
    path = data_dir / ALIAS_FILE
    if not path.exists():
        return AliasTable()
    raw = path.read_bytes()
    return _parsed(raw, hashlib.sha256(raw).hexdigest())


_PARSED: dict[str, AliasTable] = {}  # by the digest of the file's bytes: a file read again is parsed once


def _parsed(raw: bytes, sha256: str) -> AliasTable:
    """The table of a file's bytes ``raw`` (digest ``sha256``), parsed once per content: the same bytes
    give the same (immutable) table, so a changed file is parsed again and an unchanged one is not
    (reading and hashing 160 kB takes 0.1 ms, parsing it 18 ms). At most 8 tables are kept."""
    table = _PARSED.get(sha256)
    if table is None:
        table = parse_alias_csv(raw.decode("utf-8-sig"), sha256=sha256)
        if len(_PARSED) >= 8:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[sha256] = table
    return table
