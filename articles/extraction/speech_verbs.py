"""Finds the speech verbs of a parse ("said", "told", "warned"): a spaCy Matcher over the lexicon."""

from __future__ import annotations

from functools import lru_cache

from . import lexicons


@lru_cache(maxsize=4)
def _matcher(vocab):
    from spacy.matcher import Matcher  # spaCy loads only where parses exist

    matcher = Matcher(vocab)
    # The lemmatizer gives verbs lower-case lemmas, so the lexicon's lemmas match as they are.
    matcher.add("SPEECH_VERB", [[{"POS": "VERB", "LEMMA": {"IN": sorted(lexicons.words("speech_verbs"))}}]])
    return matcher


def find_speech_verbs(doc) -> frozenset[int]:
    """Indices of the tokens of ``doc`` that are speech verbs."""
    return frozenset(start for _, start, _ in _matcher(doc.vocab)(doc))
