"""The project's spaCy components: each runs one stage on a parsed body and keeps its result on the Doc.

``nlp.load_nlp()`` adds them, in ``PIPELINE`` order, after the model's own components; the stages
talk to each other only through the ``Doc._`` extensions declared here:

    pipeline sets  doc._.document, doc._.headline_doc, doc._.caption_docs
    quote_marks    -> doc._.quote_spans      (paired quote marks, with their tokens)
    speech_verbs   -> doc._.speech_verbs     (indices of speech-verb tokens: a Matcher over the lexicon)
    people         -> doc._.people           (reads quote_spans, speech_verbs, caption_docs)
    quotes         -> doc._.quotes           (reads quote_spans, speech_verbs, people)
    topics         -> doc._.topics           (reads people, headline_doc)

A component whose input is missing (its producer disabled with ``nlp.select_pipes``) works with
nothing: no quote marks, no speech verbs, no people. A Doc parsed on its own (``nlp(text)``) is
taken as a body whose paragraphs are separated by blank lines.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .document import PARAGRAPH_SEPARATOR, Document
from .people import find_people
from .quote_marks import quote_spans
from .quotes import find_quotes
from .speech_verbs import find_speech_verbs
from .topics import find_topics

PIPELINE = ("quote_marks", "speech_verbs", "people", "quotes", "topics")

# Set by the pipeline before the parse.
Doc.set_extension("document", default=None, force=True)  # the Document whose body the Doc is
Doc.set_extension("headline_doc", default=None, force=True)  # the model's parse of the headline
Doc.set_extension("caption_docs", default=None, force=True)  # the model's parses of the image captions
# Written by the components.
Doc.set_extension("quote_spans", default=None, force=True)  # list[quote_marks.QuoteSpan]
Doc.set_extension("speech_verbs", default=None, force=True)  # frozenset[int] of token indices
Doc.set_extension("people", default=None, force=True)  # list[document.Person]
Doc.set_extension("quotes", default=None, force=True)  # list[document.Quote]
Doc.set_extension("topics", default=None, force=True)  # list[document.Topic]


def body_document(doc) -> Document:
    """The Document whose body ``doc`` is; one is made from the text for a Doc parsed on its own."""
    if doc._.document is None:
        doc._.document = Document(paragraphs=doc.text.split(PARAGRAPH_SEPARATOR))
    return doc._.document


@Language.factory("quote_marks", assigns=["doc._.quote_spans"])
def make_quote_marks(nlp: Language, name: str):
    def quote_marks(doc):
        doc._.quote_spans = quote_spans(doc, body_document(doc))
        return doc

    return quote_marks


@Language.factory("speech_verbs", assigns=["doc._.speech_verbs"], requires=["token.tag", "token.lemma"])
def make_speech_verbs(nlp: Language, name: str):
    def speech_verbs(doc):
        doc._.speech_verbs = find_speech_verbs(doc)
        return doc

    return speech_verbs


@Language.factory(
    "people",
    assigns=["doc._.people"],
    requires=["doc._.quote_spans", "doc._.speech_verbs", "doc.ents", "token.dep", "token.tag"],
)
def make_people(nlp: Language, name: str):
    def people(doc):
        doc._.people = find_people(
            doc,
            body_document(doc),
            caption_docs=doc._.caption_docs or (),
            spans=doc._.quote_spans or [],
            speech_verbs=doc._.speech_verbs or frozenset(),
        )
        return doc

    return people


@Language.factory(
    "quotes",
    assigns=["doc._.quotes"],
    requires=["doc._.quote_spans", "doc._.speech_verbs", "doc._.people", "token.dep", "doc.sents"],
)
def make_quotes(nlp: Language, name: str):
    def quotes(doc):
        doc._.quotes = find_quotes(
            doc,
            body_document(doc),
            doc._.people or [],
            spans=doc._.quote_spans or [],
            speech_verbs=doc._.speech_verbs or frozenset(),
        )
        return doc

    return quotes


@Language.factory("topics", assigns=["doc._.topics"], requires=["doc._.people", "doc.ents", "token.lemma"])
def make_topics(nlp: Language, name: str):
    def topics(doc):
        doc._.topics = find_topics(doc, body_document(doc), doc._.people or [], headline_doc=doc._.headline_doc)
        return doc

    return topics
