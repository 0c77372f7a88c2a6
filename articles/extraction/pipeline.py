"""Runs the stages in order: source text -> structure -> people -> quotes -> topics."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .document import ExtractedArticle, SourceText
from .nlp import load_nlp
from .people import find_people
from .quotes import find_quotes
from .structure import build_document
from .topics import find_topics


def extract_article(source: SourceText, *, nlp=None) -> ExtractedArticle:
    """Extract one article; ``nlp`` defaults to the packaged English pipeline."""
    return next(extract_articles([source], nlp=nlp))


def extract_articles(
    sources: Iterable[SourceText], *, nlp=None, batch_size: int = 16
) -> Iterator[ExtractedArticle]:
    """Extract many articles, parsing their bodies in batches with ``nlp.pipe``."""
    nlp = nlp or load_nlp()
    pending = ((source, build_document(source)) for source in sources)
    pairs = _with_parses(pending, nlp, batch_size)
    for source, document, doc in pairs:
        result = ExtractedArticle(
            origin=source.origin, original_text=source.original_text, document=document
        )
        if doc is None:
            result.notes.append(
                f"language {document.language!r}: people and quotes were not extracted"
            )
        else:
            result.people = find_people(doc, document)
            result.quotes = find_quotes(doc, document, result.people)
        result.topics = find_topics(doc, document, result.people)
        yield result


def _with_parses(pending, nlp, batch_size):
    """Pair each document with its spaCy parse; non-English bodies are not parsed."""
    batch = []
    for source, document in pending:
        batch.append((source, document))
        if len(batch) >= batch_size:
            yield from _parse_batch(batch, nlp)
            batch = []
    if batch:
        yield from _parse_batch(batch, nlp)


def _parse_batch(batch, nlp):
    english = [document.body for _, document in batch if document.language == "en"]
    parses = iter(nlp.pipe(english))
    for source, document in batch:
        doc = next(parses) if document.language == "en" else None
        yield source, document, doc
