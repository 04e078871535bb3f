"""Extraction: one :class:`~loader.records.Document` in, one :class:`~loader.records.ProjectRecord` out.

``extract`` assembles the field extractors of this package (``titles``, ``programme``, ``dates``,
``money``, ``concepts``, ``results``) and the partner extractor (``partners.extract_partners``).
Every field set gets a span in ``spans``; fields inferred rather than read (a programme from the
source URL, a period from the project's dates) are named in ``inferred``.

>>> from ontology.settings import Settings
>>> from loader.vocab import load_vocabularies
>>> from loader.records import Document
>>> text = ("Achieving the Integration of Migrant communities and Ethnic Residents (AIMER)\\n"
...         "Start date: Oct 31, 2008, End date: Dec 30, 2012\\n  • 2007 - 2013 2 SEAS (FR-UK-BE-NL)")
>>> doc = Document(key="d", path="d.txt", media_type="text/plain", text=text, sha256="0" * 64, language="en")
>>> rec = extract(doc, load_vocabularies(Settings().data), None)
>>> rec.key, rec.acronym, rec.programme.id, rec.period, rec.start_date, rec.end_date
('aimer', 'AIMER', 'iv-a-2-seas', '2007-2013', '2008-10-31', '2012-12-30')
>>> doc.quote(rec.span_of("start_date"))
'Oct 31, 2008'
"""

from __future__ import annotations

from loader.extract.concepts import find_target_groups, find_themes
from loader.extract.dates import find_project_dates
from loader.extract.money import find_money
from loader.extract.programme import find_priority, find_programme, programme_from_site
from loader.extract.results import find_results
from loader.extract.titles import find_identity, find_website
from loader.records import Document, PartnerRecord, ProjectRecord, Span
from loader.vocab import Vocabularies
from ontology.iris import project_key

__all__ = ["extract"]


def _partners(text: str, language: str | None, aliases: object) -> tuple[PartnerRecord, ...]:
    """The partners ``loader.extract.partners`` finds (with the alias table ``aliases``, loaded when None)."""
    from loader.extract.partners import extract_partners

    if aliases is None:
        from loader.aliases import load_alias_table
        from ontology.settings import Settings

        aliases = load_alias_table(Settings.from_env().data)
    return extract_partners(text, language, aliases)


def extract(document: Document, vocab: Vocabularies, aliases: object) -> ProjectRecord:
    """Everything ``document`` says about its project.

    :param document: the document as read by ``loader.documents.read_document``.
    :param vocab: the vocabularies (``loader.vocab.load_vocabularies``).
    :param aliases: the organisation alias table (``loader.aliases.load_alias_table``); None loads
        the table of the configured data folder.
    :returns: the :class:`ProjectRecord`; its ``key`` from ``ontology.iris.project_key``.
    """
    text = document.text
    spans: list[tuple[str, Span]] = []
    inferred: set[str] = set()

    identity = find_identity(text)
    title = identity.title.text if identity.title else None
    acronym = identity.acronym.text if identity.acronym else None
    if identity.title:
        spans.append(("title", identity.title.span))
    if identity.acronym:
        spans.append(("acronym", identity.acronym.span))

    dates = find_project_dates(text)
    if dates.start:
        spans.append(("start_date", dates.start.span))
    if dates.end:
        spans.append(("end_date", dates.end.span))
    year = int((dates.start or dates.end).iso[:4]) if (dates.start or dates.end) else None

    match = find_programme(text, vocab, year=year) or programme_from_site(document.source_url, vocab, year=year)
    programme = period = None
    if match:
        programme, period = match.ref, match.period
        inferred |= set(match.inferred)
        if match.ref.span:
            spans.append(("programme", match.ref.span))
        if match.period_span and "period" not in match.inferred:
            spans.append(("period", match.period_span))

    priority = find_priority(text)
    if priority:
        spans.append(("priority_or_measure", priority[1]))

    money = find_money(text)
    for name, amount in (("total_budget_eur", money.total), ("eu_funding_eur", money.eu),
                         ("cofinancing_rate", money.rate)):
        if amount:
            spans.append((name, amount.span))

    website = find_website(text)
    if website:
        spans.append(("website", website.span))

    partners = _partners(text, document.language, aliases)

    return ProjectRecord(
        document=document,
        key=project_key(curated=document.project_key, acronym=acronym, title=title, fallback=document.key),
        title=title,
        acronym=acronym,
        programme=programme,
        period=period,
        priority_or_measure=priority[0] if priority else None,
        start_date=dates.start.iso if dates.start else None,
        end_date=dates.end.iso if dates.end else None,
        total_budget_eur=money.total.value if money.total else None,
        eu_funding_eur=money.eu.value if money.eu else None,
        cofinancing_rate=money.rate.value if money.rate else None,
        website=website.text if website else None,
        partners=partners,
        target_groups=find_target_groups(text, vocab),
        themes=find_themes(text, vocab),
        results=find_results(text),
        spans=tuple(spans),
        inferred=frozenset(inferred),
    )
