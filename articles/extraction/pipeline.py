"""Runs the extraction: source text -> structure (pure text) -> one spaCy parse whose components
find quote marks, speech verbs, people, quotes and topics (components.py) -> ExtractedArticle."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from .components import PIPELINE
from .document import Document, ExtractedArticle, SourceText
from .nlp import load_nlp
from .structure import build_document
from .topics import find_topics


def extract_article(source: SourceText, *, nlp=None) -> ExtractedArticle:
    """Extract one article; ``nlp`` defaults to the packaged English pipeline with the project's components."""
    return next(extract_articles([source], nlp=nlp))


def extract_articles(
    sources: Iterable[SourceText], *, nlp=None, batch_size: int = 16
) -> Iterator[ExtractedArticle]:
    """Extract many articles, parsing their texts in batches with ``nlp.pipe``."""
    nlp = nlp or load_nlp()
    sources = iter(sources)
    while batch := [(source, build_document(source)) for source in islice(sources, batch_size)]:
        docs = parse_documents([document for _, document in batch], nlp=nlp)
        for (source, document), doc in zip(batch, docs):
            yield _result(source, document, doc)


def parse_documents(documents: list[Document], *, nlp) -> list:
    """The parse of each document's body (None when it is not English), with what the components
    found in its extensions (``doc._.people``, ``doc._.quotes``, ``doc._.topics``, ...).

    Headlines and image captions are parsed first, by the model alone, in one ``nlp.pipe`` stream;
    then the bodies, carrying their document, headline and caption parses, in another.
    """
    english = [document for document in documents if document.language == "en"]
    parts = [text for document in english for text in _parts(document)]
    parsed = iter(nlp.pipe(parts, disable=PIPELINE))
    bodies = []
    for document in english:
        body = nlp.make_doc(document.body)
        body._.document = document
        body._.headline_doc = next(parsed) if document.headline else None
        body._.caption_docs = [next(parsed) for image in document.images if image.caption]
        bodies.append(body)
    bodies = iter(nlp.pipe(bodies))
    return [next(bodies) if document.language == "en" else None for document in documents]


def _parts(document: Document) -> list[str]:
    """The texts parsed beside the body: the headline, then each caption (in ``parse_documents``' order)."""
    return ([document.headline] if document.headline else []) + [image.caption for image in document.images if image.caption]


def _result(source: SourceText, document: Document, doc) -> ExtractedArticle:
    result = ExtractedArticle(origin=source.origin, original_text=source.original_text, document=document)
    if doc is None:
        result.notes.append(f"language {document.language!r}: people and quotes were not extracted")
        result.topics = find_topics(None, document)
        return result
    result.people = doc._.people or []
    result.quotes = doc._.quotes or []
    result.topics = doc._.topics or []
    return result
