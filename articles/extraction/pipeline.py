"""Runs the stages in order: source text -> structure -> people -> quotes -> topics."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .document import Document, ExtractedArticle, SourceText
from .nlp import load_nlp
from .people import find_people
from .quote_marks import quote_spans
from .quotes import find_quotes
from .structure import build_document
from .topics import find_topics


@dataclass
class Parses:
    """The spaCy parses of one article: its body, headline and image captions."""

    body: object = None
    headline: object = None
    captions: list = field(default_factory=list)


def extract_article(source: SourceText, *, nlp=None) -> ExtractedArticle:
    """Extract one article; ``nlp`` defaults to the packaged English pipeline."""
    return next(extract_articles([source], nlp=nlp))


def extract_articles(
    sources: Iterable[SourceText], *, nlp=None, batch_size: int = 16
) -> Iterator[ExtractedArticle]:
    """Extract many articles, parsing their texts in batches with ``nlp.pipe``."""
    nlp = nlp or load_nlp()
    sources = iter(sources)
    while batch := [(source, build_document(source)) for source in islice(sources, batch_size)]:
        for (source, document), parses in zip(batch, _parse(nlp, [document for _, document in batch])):
            yield _run_stages(source, document, parses)


def _run_stages(source: SourceText, document: Document, parses: Parses | None) -> ExtractedArticle:
    result = ExtractedArticle(origin=source.origin, original_text=source.original_text, document=document)
    if parses is None:
        result.notes.append(f"language {document.language!r}: people and quotes were not extracted")
        result.topics = find_topics(None, document)
        return result
    spans = quote_spans(parses.body, document)
    result.people = find_people(parses.body, document, caption_docs=parses.captions, spans=spans)
    result.quotes = find_quotes(parses.body, document, result.people, spans=spans)
    result.topics = find_topics(parses.body, document, result.people, headline_doc=parses.headline)
    return result


def _parse(nlp, documents: list[Document]) -> list[Parses | None]:
    """Parse every English body, headline and caption of a batch in one ``nlp.pipe`` stream."""
    texts, owners = [], []  # owners[i] = (document index, "body" | "headline" | "caption")
    for index, document in enumerate(documents):
        if document.language != "en":
            continue
        texts.append(document.body)
        owners.append((index, "body"))
        if document.headline:
            texts.append(document.headline)
            owners.append((index, "headline"))
        for image in document.images:
            if image.caption:
                texts.append(image.caption)
                owners.append((index, "caption"))
    parses: list[Parses | None] = [Parses() if d.language == "en" else None for d in documents]
    for (index, part), doc in zip(owners, nlp.pipe(texts)):
        if part == "caption":
            parses[index].captions.append(doc)
        else:
            setattr(parses[index], part, doc)
    return parses
