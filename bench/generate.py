"""The synthetic corpus: ``interreg-kg bench generate --size N --output DIR``.

Writes, for a fixed seed, the same corpus every time:

- ``DIR/docs/``: N project documents (``.txt`` and ``.html``; a few ``.pdf`` when fpdf2 is
  installed) in English, French, Dutch and German, in the three shapes of ``bench.templates``, and
  their ``manifest.csv`` (file, project, language);
- ``DIR/expected/``: one JSON object per document, same stem, in the shape of ``extract --json``;
- ``DIR/data/``: a data folder for ``interreg-kg build --data`` (the repository's vocabularies and
  gazetteer, and an alias table that adds every name of every synthetic organisation), whose
  ``documents`` is ``DIR/docs``.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     summary = generate(4, Path(tmp), pdf=False)
...     sorted(p.suffix for p in (Path(tmp) / "expected").iterdir())
['.json', '.json', '.json', '.json']
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.organisations import CITIES, LANGUAGES, Organisation, OrganisationPool
from bench.templates import Participant, Project, render

__all__ = ["generate", "CorpusSummary", "REPO_DATA", "SEED"]

SEED = 20260601
REPO_DATA = Path(__file__).resolve().parent.parent / "data"
_PERIOD_YEARS = {"2000-2006": (2001, 2006), "2007-2013": (2008, 2013), "2014-2020": (2015, 2020),
                 "2021-2027": (2022, 2027)}
_TITLE_WORDS = {
    "en": (("Cross-border", "Shared", "Inclusive", "Joint", "Open"),
           ("care networks", "pathways to work", "support for newcomers", "neighbourhood services",
            "youth inclusion", "health services", "social economy")),
    "fr": (("Réseaux", "Parcours", "Services", "Actions", "Ponts"),
           ("transfrontaliers pour l'emploi", "d'inclusion sociale", "de santé de proximité",
            "pour les jeunes", "solidaires entre voisins")),
    "nl": (("Grensoverschrijdende", "Gedeelde", "Inclusieve", "Samen sterke", "Open"),
           ("zorgnetwerken", "wegen naar werk", "buurtdiensten", "jongerenwerking", "gezondheidsdiensten")),
    "de": (("Grenzüberschreitende", "Gemeinsame", "Inklusive", "Offene", "Starke"),
           ("Pflegenetzwerke", "Wege in Arbeit", "Nachbarschaftsdienste", "Jugendhilfe", "Gesundheitsdienste")),
}
_GROUP = {"en": "migrants", "fr": "migrants", "nl": "migranten", "de": "Migranten"}
_THEME = {"en": "social inclusion", "fr": "inclusion sociale", "nl": "sociale inclusie", "de": "soziale Inklusion"}
_PRIORITY = {"en": "Priority {n}", "fr": "Axe prioritaire {n}", "nl": "Prioriteit {n}", "de": "Prioritätsachse {n}"}
_SYLLABLES = ("KA", "RO", "MI", "TE", "LU", "NA", "SO", "VI", "DE", "PA", "BRI", "GO", "CA", "RE", "TA", "NO",
              "SE", "LI", "MA", "TU", "FO", "BE", "ZA", "XI")


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    """What was written: documents per format, organisations, participations, most projects of one."""

    documents: int
    formats: dict[str, int]
    organisations: int
    participations: int
    max_projects_of_one: int


def _programmes() -> list[dict]:
    with open(REPO_DATA / "vocab" / "programmes.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["period"] in _PERIOD_YEARS]
    return [r for r in rows if len([c for c in r["countries"].split() if c in CITIES]) >= 1]


def _programme_labels() -> dict[str, str]:
    """The label extraction gives a programme: its English preferred label in the vocabularies."""
    from loader.vocab import load_vocabularies

    vocab = load_vocabularies(REPO_DATA)
    return {c.id: c.pref_label("en") for c in getattr(vocab, "concepts", ()) if c.kind == "programme"}


def _acronyms(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        acr = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
        if acr not in seen and 4 <= len(acr) <= 10:
            seen.add(acr)
            out.append(acr)
    return out


def _project(rng: random.Random, acronym: str, pool: OrganisationPool, programmes: list[dict]) -> Project:
    row = rng.choice(programmes)
    countries = [c for c in row["countries"].split() if c in CITIES]
    language = rng.choice(LANGUAGES)
    first, second = _TITLE_WORDS[language]
    title = f"{rng.choice(first)} {rng.choice(second)}"
    y0, y1 = _PERIOD_YEARS[row["period"]]
    start_year = rng.randint(y0, y1 - 1)
    start = (start_year, rng.randint(1, 12), 1)
    end = (min(start_year + rng.randint(1, 4), y1 + 2), rng.randint(1, 12), 28)
    total = round(rng.uniform(0.15, 9.0) * 1_000_000, 2)
    eu = round(total * rng.choice((0.5, 0.6, 0.65, 0.8)), 2)
    n_partners = rng.choice((2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6, 8))
    taken: set[str] = set()
    participants = []
    for i in range(n_partners):
        org = pool.draw(countries[i % len(countries)], taken)
        taken.add(org.key)
        participants.append(Participant(org, "lead" if i == 0 else "partner"))
    return Project(acronym, title, language, row["name_en"], _PRIORITY[language].format(n=rng.randint(1, 4)),
                   start, end, total, eu, f"www.{acronym.lower()}.eu", tuple(participants),
                   _GROUP[language], _THEME[language])


def _expected(p: Project, doc_path: str, programme_id: str, label: str, period: str) -> dict:
    def iso(d: tuple[int, int, int]) -> str:
        return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"

    partners = [{"id": x.organisation.key, "name": x.organisation.name_in(p.language), "role": x.role,
                 "country": x.organisation.country, "city": x.organisation.city, "email": None, "phone": None,
                 "website": None, "contact_person": None, "inferred": []} for x in p.participants]
    return {"document": doc_path, "language": p.language, "title": p.title, "acronym": p.acronym,
            "programme": {"id": programme_id, "label": label}, "period": period,
            "priority_or_measure": p.priority, "start_date": iso(p.start), "end_date": iso(p.end),
            "total_budget_eur": p.total, "eu_funding_eur": p.eu, "cofinancing_rate": None,
            "website": p.website, "partners": partners,
            "target_groups": [{"id": "migrants", "label": "migrants"}],
            "themes": [{"id": "social-inclusion", "label": "social inclusion"}], "results": [], "inferred": []}


def _write_pdf(path: Path, text: str) -> bool:
    try:
        from fpdf import FPDF
    except ImportError:
        return False
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.replace("€", "EUR").split("\n"):
        line = line.replace("\f", "").encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return True


def _data_folder(out: Path, organisations: dict[str, Organisation]) -> None:
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    for part in ("vocab", "gazetteer"):
        shutil.copytree(REPO_DATA / part, data / part)
    (data / "aliases").mkdir(parents=True)
    (data / "documents").symlink_to(Path("..") / "docs")
    with open(REPO_DATA / "aliases" / "organisations.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    named = {r[1] for r in rows[1:]}
    for org in organisations.values():
        rows += [[org.key, name, lang] for lang, name in org.names if name not in named]
        named.update(name for _, name in org.names)
    with open(data / "aliases" / "organisations.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def generate(size: int, out: Path, *, seed: int = SEED, pdf: bool = True) -> CorpusSummary:
    """Write a corpus of ``size`` documents under ``out`` (see the module docstring).

    :param size: the number of documents (projects), at least 1.
    :param out: the folder; its ``docs``, ``expected`` and ``data`` are replaced.
    :param seed: the random seed (the default gives the benchmark's corpus).
    :param pdf: write about 3 % of the brochures as PDF (needs fpdf2; skipped without it).
    :returns: a :class:`CorpusSummary`.
    :raises ValueError: when ``size`` < 1.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    rng = random.Random(seed)
    out = Path(out)
    for part in ("docs", "expected"):
        if (out / part).exists():
            shutil.rmtree(out / part)
        (out / part).mkdir(parents=True)
    programmes = _programmes()
    labels = _programme_labels()
    with open(REPO_DATA / "aliases" / "organisations.csv", encoding="utf-8") as f:
        known = {row["name"]: row["key"] for row in csv.DictReader(f)}
    pool = OrganisationPool(rng, size=max(40, int(size * 1.3)), known=known)
    formats = {"txt": 0, "html": 0, "pdf": 0}
    projects_of: dict[str, int] = {}
    organisations: dict[str, Organisation] = {}
    manifest = [["file", "project", "language", "source_url"]]
    participations = 0
    for i, acronym in enumerate(_acronyms(rng, size)):
        p = _project(rng, acronym, pool, programmes)
        row = next(r for r in programmes if r["name_en"] == p.programme_name)
        shape = rng.choice(("database", "database", "programme", "brochure"))
        fmt = "html" if shape != "brochure" and rng.random() < 0.3 else "txt"
        if shape == "brochure" and pdf and rng.random() < 0.1:
            fmt = "pdf"
        stem = f"b{i:06d}_{p.language}_{shape}"
        text = render(p, shape, "txt" if fmt == "pdf" else fmt, rng)
        path = out / "docs" / f"{stem}.{fmt}"
        if fmt == "pdf" and not _write_pdf(path, text):
            fmt, path = "txt", path.with_suffix(".txt")
        if fmt != "pdf":
            path.write_text(text, encoding="utf-8")
        formats[fmt] += 1
        manifest.append([path.name, acronym.lower(), p.language, ""])
        record = _expected(p, f"docs/{path.name}", row["id"], labels.get(row["id"], p.programme_name),
                           row["period"])
        (out / "expected" / f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
        for x in p.participants:
            organisations[x.organisation.key] = x.organisation
            projects_of[x.organisation.key] = projects_of.get(x.organisation.key, 0) + 1
            participations += 1
    with open(out / "docs" / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(manifest)
    _data_folder(out, organisations)
    return CorpusSummary(size, formats, len(organisations), participations, max(projects_of.values()))
