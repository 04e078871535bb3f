"""The listings of every organisation against their former texts (``tests/queries/former/scale/``).

``organisations_in_role`` reads the names by one scan hash-joined to its rows (it probed the name once
per row), ``organisations_in_most_projects`` sorts on the lower-cased name cut into two parts of 15
characters before the name whole, and ``network_organisations`` takes the least name of the distinct
names of an organisation (it compared every repetition). Each is held against its former text for
every value its parameters take, unbound included, on the read side's fixture, the repeated-facts
store and two stores of awkward organisations: one written by hand (names agreeing in their first 15
and 30 lower-cased characters, differing only in case, prefixes of each other, with characters of
several bytes, in several languages, the same text plain and with a language, no name, several names,
an organisation in no project, one in several roles, ties in every count, a smaller name and
participations in a contacts graph graph:meta lists) and one generated from a seed (300 organisations
whose names are drawn from a few parts so that many agree in their first characters).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, RdfFormat, Store

import queries
from loader.descriptions import refresh_descriptions
from tests.queries import test_deduplicated_answers as dedup
from tests.queries.test_description_graph import FIXTURE
from tests.support.parameter_values import substitution_sets

FORMER = Path(__file__).resolve().parent / "former" / "scale"
IRG = "https://w3id.org/interreg-kg/ontology#"
ID = "https://w3id.org/interreg-kg/id/"
G = "https://w3id.org/interreg-kg/graph/"
XSD = "http://www.w3.org/2001/XMLSchema#"
NAME = "http://schema.org/name"
ROLES = ("lead", "partner", "associated", "unknown")

# (key, names, [(project, role or None)], in a contacts graph too)
_HAND = [
    ("chu-lille", ['"Centre Hospitalier Universitaire de Lille"'], [("p1", "lead"), ("p2", "partner")], False),
    ("chu-liege", ['"Centre hospitalier universitaire de Liège"'], [("p1", "partner"), ("p3", "lead")], False),
    ("chu-caps", ['"CENTRE HOSPITALIER UNIVERSITAIRE DE LILLE"'], [("p2", "lead"), ("p3", "partner")], False),
    ("ch", ['"centre hospitalier"'], [("p1", "associated")], False),
    ("ch-fr", ['"centre hospitalier"@fr'], [("p2", "associated")], False),
    ("ch-de", ['"Centre Hospitalier"@de'], [("p2", "unknown"), ("p4", None)], False),
    ("two-names", ['"Zeta"@de', '"Alpha"@en', '"alpha"'], [("p1", "lead"), ("p1", "partner")], False),
    ("no-name", [], [("p3", "partner"), ("p4", "lead")], False),
    ("aerzte", ['"Ärzte ohne Grenzen Grenzregion Süd"'], [("p4", "partner")], False),
    ("aerzte-2", ['"Ärzte ohne Grenzen Grenzregion Nord"'], [("p4", "associated")], False),
    ("idle", ['"An organisation in no project"'], [], False),
    ("hidden", ['"Zorg"'], [("p3", "lead")], True),
    ("short", ['"é"'], [("p1", "partner"), ("p2", "partner"), ("p3", "partner")], False),
]


def _participations(key: str, projects: list[tuple[str, str | None]]) -> str:
    out = []
    for i, (project, role) in enumerate(projects):
        node = f"<{ID}project/{project}/participation/{key}-{i}>"
        out.append(f"{node} a irg:Participation ; irg:project <{ID}project/{project}> ; "
                   f"irg:organisation <{ID}organisation/{key}>"
                   + (f" ; irg:role <{ID}role/{role}>" if role else "") + " .")
        out.append(f"<{ID}organisation/{key}> irg:participantIn <{ID}project/{project}> .")
        if role == "lead":
            out.append(f"<{ID}organisation/{key}> irg:leadPartnerOf <{ID}project/{project}> .")
    return "\n".join(out)


def _organisation(key: str, names: list[str], country: str) -> str:
    facts = [f"<{ID}organisation/{key}> a irg:Organisation", f'schema:addressCountry "{country}"',
             f'schema:addressLocality "{key.title()}"']
    facts += [f"schema:name {n}" for n in names]
    return " ; ".join(facts) + " .\n"


def _trig(documents: dict[str, str], contacts: dict[str, str]) -> str:
    head = f"@prefix irg: <{IRG}> .\n@prefix schema: <http://schema.org/> .\n"
    projects = "".join(f"<{ID}project/p{i}> a irg:Project ; irg:acronym \"P{i}\" .\n" for i in range(1, 5))
    body = [f"<{G}document/{d}> {{ {projects}{text} }}" for d, text in documents.items()]
    body += [f"<{G}contacts/{d}> {{ {text} }}" for d, text in contacts.items()]
    meta = "".join(f"<{G}document/{d}> irg:contactsGraph <{G}contacts/{d}> .\n" for d in contacts)
    return head + "\n".join(body) + f"\n<{G}meta> {{ {meta} }}\n"


def _hand_written() -> str:
    first = "".join(_organisation(k, n, "BE" if i % 2 else "FR") + _participations(k, p)
                    for i, (k, n, p, hidden) in enumerate(_HAND) if not hidden)
    # the second document repeats some organisations with another spelling of the same name
    second = _organisation("chu-lille", ['"Centre Hospitalier Universitaire de Lille"', '"CHU Lille"'], "FR")
    contacts = "".join(_organisation(k, [*n, '"AAA smaller than every name"'], "NL") + _participations(k, p)
                       for k, n, p, hidden in _HAND if hidden)
    # a smaller name in a contacts graph (which graph:descriptions, made from every graph, holds too)
    contacts += _organisation("aerzte", ['"AAA smaller than every name"'], "AA")
    return _trig({"h1": first, "h2": second}, {"h1": contacts})


def _generated(seed: int = 7) -> str:
    rng = random.Random(seed)
    heads = ["Centre Hospitalier Universitaire", "centre hospitalier universitaire", "Université", "Universität",
             "Stadt", "stadt", "Ärztekammer", "Chambre de commerce"]
    tails = ["", " de Lille", " de Liège", " de lille", " Nord", " Süd", " Région Hauts-de-France", " é", " E"]
    languages = ["", "", "", "@fr", "@de", "@en"]
    documents: dict[str, list[str]] = {f"g{d}": [] for d in range(4)}
    contacts: dict[str, list[str]] = {"g0": []}
    for i in range(300):
        key = f"gen-{i:03d}"
        names = [f'"{rng.choice(heads)}{rng.choice(tails)}"{rng.choice(languages)}'
                 for _ in range(rng.choice([0, 1, 1, 1, 2]))]
        projects = [(f"p{rng.randint(1, 4)}", rng.choice([*ROLES, None, "lead"])) for _ in range(rng.randint(0, 4))]
        target = documents[rng.choice(list(documents))] if rng.random() > 0.05 else contacts["g0"]
        target.append(_organisation(key, names, rng.choice(["BE", "FR", "DE"])) + _participations(key, projects))
        if names and rng.random() < 0.3:  # another document repeats it, with one of its names
            documents[rng.choice(list(documents))].append(_organisation(key, names[:1], "BE"))
    return _trig({d: "".join(t) for d, t in documents.items()}, {d: "".join(t) for d, t in contacts.items()})


def _store(which: str) -> Store:
    store = Store()
    if which == "fixture":
        store.load(path=str(FIXTURE), format=RdfFormat.TRIG)
    elif which == "repeated":
        store.load(dedup._trig(dedup.DATA).encode("utf-8"), format=RdfFormat.TRIG)
    else:
        store.load((_hand_written() if which == "hand" else _generated()).encode("utf-8"), format=RdfFormat.TRIG)
    assert refresh_descriptions(store)
    return store


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    return {which: _store(which) for which in ("fixture", "repeated", "hand", "generated")}


def _rows(store: Store, text: str, substitutions: dict) -> list[tuple]:
    solutions = store.query(text, substitutions=substitutions, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [tuple(None if s[n] is None else str(s[n]) for n in names) for s in solutions]


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD + "integer"))


def _boolean(b: bool) -> Literal:
    return Literal("true" if b else "false", datatype=NamedNode(XSD + "boolean"))


#: every value each parameter takes in the tests (None: unbound)
VALUES = {
    "organisations_in_role": {"role": [None, *(NamedNode(ID + "role/" + r) for r in (*ROLES, "other"))]},
    "organisations_in_most_projects": {"min_projects": [None, *map(_integer, (0, 1, 2, 3))],
                                       "include_associated": [None, _boolean(True), _boolean(False)]},
    "network_organisations": {},
}


@pytest.mark.parametrize("name", sorted(VALUES))
@pytest.mark.parametrize("which", ["fixture", "repeated", "hand", "generated"])
def test_the_listing_answers_as_its_former_text_for_every_parameter_value(stores, which, name):
    store = stores[which]
    current, former = queries.load(name).text, (FORMER / f"{name}.rq").read_text(encoding="utf-8")
    assert current != former  # the comparison is of two texts
    answered = 0
    for values, substitutions in substitution_sets(VALUES[name]):
        got, expected = _rows(store, current, substitutions), _rows(store, former, substitutions)
        answered += len(got)
        assert got == expected, (name, values)  # the same rows in the same order
    assert answered


def test_the_awkward_stores_hold_what_the_comparison_needs(stores):
    most = queries.load("organisations_in_most_projects")
    rows = _rows(stores["hand"], most.text, most.bindings({"min_projects": "0", "include_associated": "true"}))
    names = [r[1] for r in rows]
    # names that agree in their first 15 lower-cased characters and beyond, and differ only in case
    assert {'"CENTRE HOSPITALIER UNIVERSITAIRE DE LILLE"', '"Centre hospitalier universitaire de Liège"',
            '"centre hospitalier"', '"centre hospitalier"@fr', '"Centre Hospitalier"@de'} <= set(names)
    assert None in names  # an organisation without a name
    network = _rows(stores["hand"], queries.load("network_organisations").text, {})
    hidden = [r for r in network if r[0] == f"<{ID}organisation/hidden>"]
    # the participations in the contacts graph do not make a node
    assert not hidden
    # the least of the names two documents write differently
    assert (f"<{ID}organisation/chu-lille>", '"CHU Lille"') in {r[:2] for r in network}
    generated = _rows(stores["generated"], queries.load("organisations_in_role").text, {})
    assert len(generated) > 200 and len({r[1] for r in generated}) < len(generated) / 2
