"""Settings shared by the write and read paths, read once from the environment.

=========================  ==========================================  =====================
variable                   meaning                                     default
=========================  ==========================================  =====================
``INTERREG_KG_STORE``      store root (builds and the ``current`` link)  ``var/store``
``INTERREG_KG_DATA``       data folder (documents, vocabularies)       ``data``
``INTERREG_KG_HOST``       address ``serve`` binds                     ``127.0.0.1``
``INTERREG_KG_PORT``       port ``serve`` binds                        ``8000``
``INTERREG_KG_QUERY_TIMEOUT``  seconds a SPARQL or REST query may run  ``30``
``INTERREG_KG_MAX_ROWS``   result rows a query may return              ``100000``
``INTERREG_KG_QUERY_WORKERS``  processes running SPARQL and REST queries  ``2``
``INTERREG_KG_SERVICE_ALLOW``  SERVICE endpoints allowed (IRIs, comma-separated)  none
``INTERREG_KG_RESPONSE_CACHE_MB``  MB of REST answers kept per server (0: off)  ``64``
=========================  ==========================================  =====================

>>> s = Settings.from_env({"INTERREG_KG_PORT": "9000"})
>>> s.port, s.host
(9000, '127.0.0.1')
>>> Settings.from_env({"INTERREG_KG_PORT": "http"})
Traceback (most recent call last):
...
ValueError: INTERREG_KG_PORT must be a whole number from 1 to 65535, not 'http'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "PROJECT_ROOT"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    return value


def _iris(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A comma-separated list of absolute http(s) IRIs.

    >>> _iris({"X": " https://a.example/sparql, http://b.example/q "}, "X")
    ('https://a.example/sparql', 'http://b.example/q')
    >>> _iris({"X": "a.example/sparql"}, "X")
    Traceback (most recent call last):
    ...
    ValueError: X must list absolute http(s) IRIs separated by commas, not 'a.example/sparql'
    """
    iris = tuple(part.strip() for part in (env.get(name) or "").split(",") if part.strip())
    for iri in iris:
        if not iri.startswith(("http://", "https://")) or any(c in iri for c in ' <>"{}|^`\\'):
            raise ValueError(f"{name} must list absolute http(s) IRIs separated by commas, not {iri!r}")
    return iris


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the store and the data are, and how the server behaves."""

    store: Path = Path("var/store")
    data: Path = PROJECT_ROOT / "data"
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout: float = 30.0
    max_rows: int = 100_000
    query_workers: int = 2
    service_allow: tuple[str, ...] = ()
    response_cache_mb: int = 64

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``env`` (default: ``os.environ``); raises ValueError naming the variable."""
        env = os.environ if env is None else env
        return cls(
            store=Path(env.get("INTERREG_KG_STORE") or "var/store"),
            data=Path(env.get("INTERREG_KG_DATA") or PROJECT_ROOT / "data"),
            host=env.get("INTERREG_KG_HOST") or "127.0.0.1",
            port=_int(env, "INTERREG_KG_PORT", 8000, 1, 65535),
            query_timeout=float(_int(env, "INTERREG_KG_QUERY_TIMEOUT", 30, 1, 86400)),
            max_rows=_int(env, "INTERREG_KG_MAX_ROWS", 100_000, 1, 10**9),
            query_workers=_int(env, "INTERREG_KG_QUERY_WORKERS", 2, 1, 64),
            service_allow=_iris(env, "INTERREG_KG_SERVICE_ALLOW"),
            response_cache_mb=_int(env, "INTERREG_KG_RESPONSE_CACHE_MB", 64, 0, 65536),
        )
