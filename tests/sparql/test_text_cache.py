"""What is read from a query text (FROM graphs, SERVICE endpoints) is kept per text
(:data:`api.sparql.text.CACHED_TEXTS`), and the answers are those of the former module, which read
every text again: on every packaged query, on hand-written edge cases, and on generated texts, the
first time a text is seen and the times after."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from api.sparql import text
from tests.sparql.former import text as former

_QUERIES = Path(__file__).resolve().parents[2] / "queries"
_BASES = [None, "http://h/sparql", "http://h/a/b?x=1"]
_EDGES = [
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT * FROM <http://a/> FROM NAMED <http://b/> FROM <http://c/> {}",
    "select * from <http://a/>from named<http://b/> {}",
    'SELECT * WHERE { ?s ?p "FROM <http://a/>" } # FROM <http://b/>',
    "PREFIX from: <http://p/> SELECT * FROM from:x { ?from ?p from:y }",
    "SELECT * FROM <http://a/\\u0062> {}",
    "SELECT * FROM ?g {}",
    "SELECT * FROM unknown:g {}",
    "SELECT * FROM <g1> FROM NAMED <g2> {}",
    "BASE <http://b/> PREFIX r: <rel/> SELECT * FROM r:x FROM NAMED <y> { SERVICE r:s {} }",
    "SELECT * FROM",
    "SELECT * FROM NAMED",
    "SELECT * { SERVICE <http://a/s> { ?s ?p ?o } SERVICE SILENT <http://b/s> { ?s ?p ?o } }",
    "SELECT * { SERVICE\n# a comment\n<http://a/s> { ?s ?p ?o } }",
    'SELECT * { ?a ?b """long\nSERVICE <http://x/> text""" }',
    "SELECT * { SERVICE <relative> { ?s ?p ?o } } SERVICE",
    "SELECT * { SERVICE SILENT }",
]
_PIECES = ["FROM", "from", "NAMED", "named", "SERVICE", "service", "SILENT", "BASE", "PREFIX", "p:", "p:x", "from:",
           "<http://a/>", "<g>", "<http://a/\\u0062>", "?from", "$service", '"FROM <x>"', "'SERVICE'", '"""a\nFROM"""',
           "# FROM <c>\n", "{", "}", ".", ";", "1from", "from.", "x-from", "é", "\n", " ", "\t"]


def _texts() -> list[str]:
    rng = random.Random(6)
    generated = ["".join(rng.choice(_PIECES) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 40)))
                 for _ in range(400)]
    packaged = [p.read_text(encoding="utf-8") for p in sorted(_QUERIES.rglob("*.rq"))]
    assert len(packaged) > 30 and sum("FROM" in q.upper() for q in packaged) > 10
    return _EDGES + packaged + generated


def test_answers_are_the_former_ones_first_and_when_kept():
    texts = _texts()
    assert len(texts) * len(_BASES) > text.CACHED_TEXTS  # some are dropped from what is kept, and read again
    for query in texts:
        for round_ in range(2):  # the first round reads the text, the second finds it kept
            assert text.service_endpoints(query) == former.service_endpoints(query), (round_, query)
            for base in _BASES:
                assert text.dataset_clauses(query, base) == former.dataset_clauses(query, base), (round_, query, base)
    for query in texts[:50]:  # read again: dropped to make room for the later ones
        assert text.dataset_clauses(query, None) == former.dataset_clauses(query, None), query
    assert text._kept_dataset_clauses.cache_info().hits > 100
    assert text._kept_service_endpoints.cache_info().hits > 100


def test_the_lists_handed_out_are_the_callers_own():
    query = f"PREFIX e: <http://e/> SELECT * FROM e:a FROM NAMED e:b {{ SERVICE e:s {{}} }} # {random.random()}"
    default, named = text.dataset_clauses(query)
    default.append("changed")
    named.clear()
    endpoints = text.service_endpoints(query)
    endpoints.append("changed")
    assert text.dataset_clauses(query) == (["http://e/a"], ["http://e/b"])
    assert text.service_endpoints(query) == ["http://e/s"]


@pytest.mark.parametrize("extra", [0, 1])
def test_long_texts_are_read_each_time_and_not_kept(extra):
    query = "SELECT * FROM <http://a/> { SERVICE <http://s/> {} }"
    query += "#" * (text.CACHED_CHARS - len(query) + extra)
    before = (text._kept_dataset_clauses.cache_info().currsize, text._kept_service_endpoints.cache_info().currsize)
    text._kept_dataset_clauses.cache_clear()
    text._kept_service_endpoints.cache_clear()
    assert text.dataset_clauses(query) == (["http://a/"], [])
    assert text.service_endpoints(query) == ["http://s/"]
    kept = 1 - extra  # a text of CACHED_CHARS characters is kept, one longer is not
    assert text._kept_dataset_clauses.cache_info().currsize == kept
    assert text._kept_service_endpoints.cache_info().currsize == kept
    assert before[0] <= text.CACHED_TEXTS and before[1] <= text.CACHED_TEXTS
