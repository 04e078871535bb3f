"""Page shapes of the synthetic corpus, written in English, French, Dutch and German.

Three shapes, as the real pages come: a database page (labelled lines: programme, dates, budget,
partners with their town and country), a programme page (a lead-partner block with its address,
phone and e-mail, then one block per partner), and a brochure turned to text (a narrative with
page footers, hyphenated line breaks and a ``PARTNERS:`` list). Each renders as plain text; the
database and programme shapes also as HTML.

>>> from bench.templates import money_text
>>> money_text(1234567.5, "fr"), money_text(1234567.5, "en"), money_text(1234567.5, "de")
('1 234 567,50 €', '€1,234,567.50', '1.234.567,50 EUR')
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

from bench.organisations import Organisation

__all__ = ["Participant", "Project", "render", "money_text", "date_text", "SHAPES"]

SHAPES = ("database", "programme", "brochure")

_COUNTRY_NAMES = {
    "en": {"FR": "France", "BE": "Belgium", "NL": "Netherlands", "DE": "Germany", "GB": "United Kingdom",
           "LU": "Luxembourg", "IT": "Italy", "AT": "Austria", "CZ": "Czech Republic"},
    "fr": {"FR": "France", "BE": "Belgique", "NL": "Pays-Bas", "DE": "Allemagne", "GB": "Royaume-Uni",
           "LU": "Luxembourg", "IT": "Italie", "AT": "Autriche", "CZ": "République tchèque"},
    "nl": {"FR": "Frankrijk", "BE": "België", "NL": "Nederland", "DE": "Duitsland", "GB": "Verenigd Koninkrijk",
           "LU": "Luxemburg", "IT": "Italië", "AT": "Oostenrijk", "CZ": "Tsjechië"},
    "de": {"FR": "Frankreich", "BE": "Belgien", "NL": "Niederlande", "DE": "Deutschland",
           "GB": "Vereinigtes Königreich", "LU": "Luxemburg", "IT": "Italien", "AT": "Österreich",
           "CZ": "Tschechien"},
}
_LABELS = {
    "en": dict(acronym="Project acronym", title="Project title", programme="Programme", start="Start date",
               end="End date", total="Total budget", eu="ERDF contribution", lead="Lead partner",
               partners="Project partners", website="Website", summary="Summary", priority="Priority",
               groups="Target groups", address="Address", phone="Tel", email="E-mail", country="Country"),
    "fr": dict(acronym="Acronyme du projet", title="Intitulé du projet", programme="Programme",
               start="Date de début", end="Date de fin", total="Budget total", eu="Montant FEDER",
               lead="Chef de file", partners="Partenaires du projet", website="Site internet",
               summary="Résumé", priority="Priorité", groups="Publics cibles", address="Adresse",
               phone="Tél", email="Courriel", country="Pays"),
    "nl": dict(acronym="Acroniem", title="Projecttitel", programme="Programma", start="Begindatum",
               end="Einddatum", total="Totaal budget", eu="EFRO-steun", lead="Projectleider",
               partners="Projectpartners", website="Website", summary="Samenvatting", priority="Prioriteit",
               groups="Doelgroepen", address="Adres", phone="Tel", email="E-mail", country="Land"),
    "de": dict(acronym="Projektakronym", title="Projekttitel", programme="Programm", start="Projektbeginn",
               end="Projektende", total="Gesamtbudget", eu="EFRE-Mittel", lead="Lead-Partner",
               partners="Projektpartner", website="Webseite", summary="Zusammenfassung", priority="Priorität",
               groups="Zielgruppen", address="Adresse", phone="Tel", email="E-Mail", country="Land"),
}
_NARRATIVE = {
    "en": ("The project brings local services together across the border to improve the {group} of the "
           "region. Partners exchange staff, train professionals and test new ways of working with {tg}. ",
           "Activities include joint training, a shared information desk and a cross-border network of "
           "volunteers. The results are published in a practical guide for other regions. "),
    "fr": ("Le projet rapproche les services locaux des deux côtés de la frontière afin d'améliorer "
           "l'{group} dans la région. Les partenaires échangent du personnel et testent de nouvelles "
           "méthodes de travail avec les {tg}. ",
           "Les actions comprennent des formations communes, un guichet d'information partagé et un "
           "réseau transfrontalier de bénévoles. Un guide pratique présente les résultats. "),
    "nl": ("Het project brengt lokale diensten aan beide kanten van de grens samen om de {group} in de "
           "regio te verbeteren. De partners wisselen medewerkers uit en testen nieuwe werkwijzen met "
           "{tg}. ",
           "De acties omvatten gezamenlijke opleidingen, een gedeeld informatieloket en een "
           "grensoverschrijdend netwerk van vrijwilligers. Een praktische gids bundelt de resultaten. "),
    "de": ("Das Projekt bringt lokale Dienste beiderseits der Grenze zusammen, um die {group} in der "
           "Region zu verbessern. Die Partner tauschen Personal aus und erproben neue Arbeitsweisen mit "
           "{tg}. ",
           "Zu den Aktivitäten gehören gemeinsame Schulungen, eine gemeinsame Informationsstelle und ein "
           "grenzüberschreitendes Netzwerk von Freiwilligen. Ein Leitfaden fasst die Ergebnisse zusammen. "),
}
_ROLE_WORDS = {"en": ("lead partner", "partner"), "fr": ("chef de file", "partenaire"),
               "nl": ("projectleider", "partner"), "de": ("Lead-Partner", "Partner")}


@dataclass(frozen=True, slots=True)
class Participant:
    """An organisation in a project, with its role (``lead`` or ``partner``)."""

    organisation: Organisation
    role: str


@dataclass(frozen=True, slots=True)
class Project:
    """The facts one synthetic document states (and its expected record is made of)."""

    acronym: str
    title: str
    language: str
    programme_name: str
    priority: str
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    total: float
    eu: float
    website: str
    participants: tuple[Participant, ...]
    group_label: str
    theme_label: str


def money_text(value: float, language: str) -> str:
    """An amount as a page in ``language`` writes it (thousands grouped, two decimals, the euro sign)."""
    whole = f"{value:,.2f}"
    if language == "en":
        return "€" + whole
    if language == "fr":
        return whole.replace(",", " ").replace(".", ",", 1).replace(" ", " ") + " €"
    return whole.replace(",", "_").replace(".", ",").replace("_", ".") + (" EUR" if language == "de" else " €")


def date_text(date: tuple[int, int, int], language: str) -> str:
    """A date as dd/mm/yyyy (en, fr), dd-mm-yyyy (nl) or dd.mm.yyyy (de)."""
    y, m, d = date
    sep = {"en": "/", "fr": "/", "nl": "-", "de": "."}[language]
    return f"{d:02d}{sep}{m:02d}{sep}{y}"


def _place(org: Organisation, language: str) -> str:
    return f"{org.city} ({_COUNTRY_NAMES[language][org.country]})"


def _narrative(p: Project, rng: random.Random) -> str:
    first, second = _NARRATIVE[p.language]
    return first.format(group=p.theme_label, tg=p.group_label) + second


def _database(p: Project, rng: random.Random) -> list[str]:
    lab = _LABELS[p.language]
    lines = [f"{p.acronym} - {p.title}", "", f"{lab['acronym']}: {p.acronym}", f"{lab['title']}: {p.title}",
             f"{lab['programme']}: {p.programme_name}", f"{lab['priority']}: {p.priority}",
             f"{lab['start']}: {date_text(p.start, p.language)}", f"{lab['end']}: {date_text(p.end, p.language)}",
             f"{lab['total']}: {money_text(p.total, p.language)}", f"{lab['eu']}: {money_text(p.eu, p.language)}",
             f"{lab['website']}: {p.website}", "", lab["summary"], "", _narrative(p, rng), ""]
    lead = [x for x in p.participants if x.role == "lead"][0]
    lines += [f"{lab['lead']}: {lead.organisation.name_in(p.language)}, {_place(lead.organisation, p.language)}",
              "", lab["partners"] + ":"]
    for x in p.participants:
        if x.role != "lead":
            lines.append(f"- {x.organisation.name_in(p.language)}, {_place(x.organisation, p.language)}")
    return lines


def _block(org: Organisation, language: str) -> list[str]:
    lab = _LABELS[language]
    return [org.name_in(language), f"{org.postcode} {org.city}", _COUNTRY_NAMES[language][org.country].upper(),
            f"{lab['phone']}: {org.phone}", f"{lab['email']}: {org.email}", ""]


def _programme(p: Project, rng: random.Random) -> list[str]:
    lab = _LABELS[p.language]
    lines = [p.programme_name, "", p.acronym, "", p.title, "", _narrative(p, rng), "",
             lab["start"], "", date_text(p.start, p.language), "", lab["end"], "", date_text(p.end, p.language), "",
             lab["total"], money_text(p.total, p.language), "", lab["eu"], money_text(p.eu, p.language), "",
             f"{lab['website']}: {p.website}", ""]
    lead = [x for x in p.participants if x.role == "lead"][0]
    lines += [lab["lead"], ""] + _block(lead.organisation, p.language)
    lines += [lab["partners"], ""]
    for x in p.participants:
        if x.role != "lead":
            lines += _block(x.organisation, p.language)
    return lines


def _brochure(p: Project, rng: random.Random) -> list[str]:
    lead_word, _ = _ROLE_WORDS[p.language]
    lab = _LABELS[p.language]
    narrative = _narrative(p, rng)
    cut = narrative.find(" ", len(narrative) // 2)
    lines = ["", " ", f"PROJECT {p.acronym} ", " ", f"NAME : {p.acronym}  ", f"TITLE : {p.title}",
             f"DATE : {date_text(p.start, 'en')}-{date_text(p.end, 'en')}  ",
             f"{lab['total'].upper()} : {money_text(p.total, p.language)}",
             f"{lab['eu'].upper()} : {money_text(p.eu, p.language)}", f"PROGRAMME : {p.programme_name}", "",
             "PARTNERS: " + _brochure_partner(p.participants[0], lead_word, p.language)]
    lines += ["       " + _brochure_partner(x, lead_word, p.language) for x in p.participants[1:]]
    lines += ["", narrative[:cut] + "-", narrative[cut + 1:], "", f"- {rng.randint(1, 9)} -", "\f",
              f"{lab['website']} : {p.website}", ""]
    return lines


def _brochure_partner(x: Participant, lead_word: str, language: str) -> str:
    name = x.organisation.name_in(language)
    place = _place(x.organisation, language)
    return f"{name}, {place} ({lead_word})" if x.role == "lead" else f"{name}, {place}"


_RENDER = {"database": _database, "programme": _programme, "brochure": _brochure}


def render(p: Project, shape: str, fmt: str, rng: random.Random) -> str:
    """The page text of ``p`` in ``shape`` (:data:`SHAPES`) as ``fmt`` (``txt`` or ``html``)."""
    lines = _RENDER[shape](p, rng)
    if fmt == "txt":
        return "\n".join(lines) + "\n"
    body = []
    for line in lines:
        if not line.strip() or line == "\f":
            continue
        text = html.escape(line.strip())
        body.append(f"<li>{text[2:]}</li>" if line.startswith("- ") else f"<p>{text}</p>")
    return (f"<!DOCTYPE html>\n<html lang=\"{p.language}\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(p.acronym)}</title></head>\n<body><nav><a href=\"/\">Home</a></nav>\n<main>\n"
            + "\n".join(body) + "\n</main><footer>Interreg</footer></body></html>\n")
