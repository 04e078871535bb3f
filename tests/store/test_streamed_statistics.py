"""A full build computes its statistics graph from the streamed documents (``loader/statistic_parts.py``)
and stores what a build querying its store for them stores: both stores dumped, and the statistics
graph with its digest-labelled blank nodes equal to what the statistics queries make of the built
store, on awkward documents (a project in several documents with budgets in each, programmes with
broader ones, several countries per organisation, every role, a document that fails), then after a
reload of one document."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace

from pyoxigraph import NamedNode, Store

import loader.store
from loader.pipeline import build, load_paths
from loader.records import Concept, ConceptRef, Label
from loader.statistic_parts import StatisticParts
from loader.statistics import statistics_quads
from loader.store import open_current
from ontology.iris import mint_concept
from ontology.namespaces import STATISTICS_GRAPH
from ontology.settings import Settings
from ontology.storage import contacts_store_path, current_build

DOCS = {
    "alpha.txt": "ALPHA | Alpha\nbudget: 1.50\neu: 0\nperiod: 2014-2020\nprogramme: north\ntheme: care\n"
                 "lead: Ville de Lille, FR\npartner: Medway Council, GB\nunknown: Kent Council, GB\n",
    # the same project (same acronym) again: another budget, period, programme and theme
    "alpha-2.txt": "ALPHA | Alpha again\nbudget: 2.5\neu: 12345678901234.123456789\nperiod: 2021-2027\n"
                   "programme: north-sea\ntheme: youth\ntarget: migrants\nlead: Ville de Lille, BE\n",
    "beta.txt": "BETA | Beta\nbudget: -3.25\nprogramme: north-sea\ntheme: unknown-theme\n"
                "associated: Medway Council\npartner: Ville-de-Lille, BE\n",
    "broken.txt": "BROKEN | EXTRACT-FAIL\nbudget: 5\nlead: Nobody, FR\n",
    "gamma.txt": "GAMMA | Gamma\neu: 1000000\nperiod: 2014-2020\nassociated: Migrant Help, GB\nlead: Medway Council, GB\n",
}
CONCEPTS = (
    Concept("programmes", "programme", "north", (Label("North", "en", "pref"),)),
    Concept("programmes", "programme", "north-sea", (Label("North Sea", "en", "pref"),),
            broader=(mint_concept("programme", "north"),)),
    Concept("themes", "theme", "care", (Label("Care", "en", "pref"),)),
    Concept("themes", "theme", "youth", (Label("Youth", "en", "pref"),)),
    Concept("groups", "target-group", "migrants", (Label("Migrants", "en", "pref"),)),
)
_FIELDS = {"budget": "total_budget_eur", "eu": "eu_funding_eur", "period": "period"}


def _extract(helpers):
    """The store tests' line format, with budgets, period, programme, themes and target groups."""
    def extract(document, vocab, aliases):
        lines = document.text.split("\n")
        kept, values, themes, targets, programme = [], {}, [], [], None
        for line in lines:
            key, _, value = line.partition(": ")
            if key in _FIELDS:
                values[_FIELDS[key]] = Decimal(value) if key != "period" else value
            elif key == "programme":
                programme = ConceptRef(value, value)
            elif key == "theme":
                themes.append(ConceptRef(value, value))
            elif key == "target":
                targets.append(ConceptRef(value, value))
            kept.append("" if key in (*_FIELDS, "programme", "theme", "target") else line)
        record = helpers.fake_extract(replace(document, text="\n".join(kept)), vocab, aliases)
        return replace(record, programme=programme, themes=tuple(themes), target_groups=tuple(targets), **values)
    return extract


def _inputs(helpers, data):
    inputs = helpers.make_inputs(data)
    return replace(inputs, vocab=SimpleNamespace(concepts=inputs.vocab.concepts + CONCEPTS), extract=_extract(helpers))


def _dump(root) -> list[str]:
    """Both stores of the current build, sorted, the times of graph:meta aside, the blank node labels
    of the shapes (which every bulk load makes anew) masked, the statistics' digest labels kept."""
    build_path = current_build(root)
    stores = [Store.read_only(str(build_path)), Store.read_only(str(contacts_store_path(build_path)))]
    return sorted(str(q) if q.graph_name.value == STATISTICS_GRAPH else re.sub(r"_:\w+", "_:b", str(q))
                  for s in stores for q in s if not q.predicate.value.endswith("generatedAtTime"))


def _statistics_as_queried(root) -> set[str]:
    store = open_current(root)
    held = {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(STATISTICS_GRAPH))}
    assert held == {str(q) for q in statistics_quads(store)}
    return held


def test_a_build_stores_the_statistics_a_querying_build_stores(tmp_path, helpers, monkeypatch) -> None:
    data = helpers.write_data(tmp_path / "data", DOCS)
    inputs = _inputs(helpers, data)
    streamed = Settings(store=tmp_path / "streamed", data=data)

    def unused(store):
        raise AssertionError("a streamed build does not query the store for its statistics")

    monkeypatch.setattr(loader.store, "statistics_quads", unused)
    report = build(streamed, progress=False, inputs=inputs, workers=1)
    monkeypatch.undo()
    assert [o.status for o in report.outcomes].count("failed") == 1
    held = _statistics_as_queried(streamed.store)
    figures = " ".join(held)
    for made in ("totalBudgetSumEur", "euFundingSumEur", "irg:programme", "ontology#theme>", "targetGroup>",
                 "addressCountry>", "ontology#role>", "statementCount"):
        assert made.replace("irg:", "ontology#") in figures
    whole = [q for q in held if q.startswith("_:s" + hashlib.sha256(b"").hexdigest()[:24] + " ")]
    assert any('#totalBudgetSumEur> "-0.75"^^' in q for q in whole)  # MAX(1.50, 2.5) + -3.25

    monkeypatch.setattr(StatisticParts, "quads", lambda self: None)  # the former tail: query the store
    queried = Settings(store=tmp_path / "queried", data=data)
    build(queried, progress=False, inputs=inputs, workers=1)
    monkeypatch.undo()
    assert _dump(streamed.store) == _dump(queried.store)

    (data / "documents" / "gamma.txt").write_text("GAMMA | Gamma\nbudget: 0.5\nlead: Migrant Aid, FR\n",
                                                  encoding="utf-8")
    for root in (streamed.store, queried.store):
        assert load_paths([data / "documents" / "gamma.txt"], Settings(store=root, data=data), progress=False,
                          inputs=inputs).exit_code == 0
    assert _statistics_as_queried(streamed.store) == _statistics_as_queried(queried.store) != held

