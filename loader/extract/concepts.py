"""Target groups and themes: the vocabulary's labels (en/fr/nl/de) found in the text.

Labels match on word boundaries, in any case, with simple plural endings; each concept is
reported once, at its first mention, as a :class:`loader.records.ConceptRef` carrying the concept's
English preferred label.

>>> from ontology.settings import Settings
>>> from loader.vocab import load_vocabularies
>>> v = load_vocabularies(Settings().data)
>>> [c.id for c in find_target_groups("Mobiliteit is voor langdurig werklozen een hinderpaal", v)]
['long-term-unemployed']
>>> [c.id for c in find_themes("favoriser l'inclusion des migrants dans le domaine du logement", v)]
['social-inclusion', 'migration', 'housing']
"""

from __future__ import annotations

from loader.records import ConceptRef
from loader.vocab import LabelMatcher, Vocabularies

__all__ = ["find_target_groups", "find_themes"]


def _refs(matcher: LabelMatcher, text: str) -> tuple[ConceptRef, ...]:
    return tuple(ConceptRef(concept.id, concept.pref_label("en"), span) for concept, span in matcher.find(text))


def find_target_groups(text: str, vocab: Vocabularies) -> tuple[ConceptRef, ...]:
    """The target-group concepts named in ``text``, in order of first mention."""
    return _refs(vocab.target_groups, text)


def find_themes(text: str, vocab: Vocabularies) -> tuple[ConceptRef, ...]:
    """The theme concepts named in ``text``, in order of first mention."""
    return _refs(vocab.themes, text)
