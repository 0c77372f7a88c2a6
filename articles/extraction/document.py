"""The plain dataclasses that the extraction stages pass along: text in, these out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PARAGRAPH_SEPARATOR = "\n\n"
MIN_PROSE_WORDS = 6  # the shortest paragraph that counts as article text


@dataclass
class SourceText:
    """What a reader hands to the pipeline: the text plus any metadata the file format carried.

    ``is_page_text`` is True for scraped page text (``.txt``) whose headline, byline, captions and
    boilerplate still have to be found; False when a reader already isolated the body (JSON records,
    HTML through trafilatura), so the structure stage only splits paragraphs and cleans light furniture.
    """

    text: str
    origin: str
    format: str = "txt"
    is_page_text: bool = True
    headline: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    published: dt.date | None = None
    url: str | None = None
    # The verbatim input (the whole file, or the JSON line) when it differs from ``text``.
    original: str | None = None

    @property
    def original_text(self) -> str:
        return self.original if self.original is not None else self.text


@dataclass
class Image:
    caption: str
    credit: str | None = None


@dataclass
class DroppedLine:
    """A line of the input that is not article body, with why it was dropped."""

    text: str
    reason: str  # e.g. "byline", "caption", "audio widget", "read more link", "related headline"


@dataclass
class Document:
    """The structure of one article: metadata and clean body paragraphs."""

    headline: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    published: dt.date | None = None
    url: str | None = None
    language: str = "en"
    paragraphs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    boilerplate: list[DroppedLine] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The body text that all character offsets refer to: paragraphs joined by blank lines."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @property
    def has_prose(self) -> bool:
        """Whether any paragraph reads as running text (a list of links or menu words does not)."""
        return any(len(paragraph.split()) >= MIN_PROSE_WORDS for paragraph in self.paragraphs)

    def paragraph_starts(self) -> list[int]:
        """Offset in ``body`` where each paragraph starts."""
        starts, position = [], 0
        for paragraph in self.paragraphs:
            starts.append(position)
            position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        return starts


@dataclass
class Mention:
    """One place in the body where a person is named or referred to (offsets into ``Document.body``)."""

    start: int
    end: int
    text: str


@dataclass
class Person:
    name: str  # the fullest name the article uses
    aliases: list[str] = field(default_factory=list)  # other name forms: "Mr Patel", "Patel"
    roles: list[str] = field(default_factory=list)  # as stated: "US Secretary of State"
    descriptions: list[str] = field(default_factory=list)  # nameless references: "the US president"
    mentions: list[Mention] = field(default_factory=list)


QUOTE_KINDS = ("direct", "partial", "indirect")


@dataclass
class Quote:
    text: str  # without quote marks; paragraphs of one quote joined by single spaces
    kind: str  # one of QUOTE_KINDS
    cue: str | None  # the attribution verb as written: "said", "told", "added"
    speaker: str | None  # a Person.name, or a label for a non-person ("Russian state media"), or None
    speaker_is_person: bool
    paragraph: int  # index of the paragraph where the quote starts
    start: int  # offsets into Document.body
    end: int
    speaker_text: str | None = None  # how the attribution names a person speaker: "Mr Patel"


TOPIC_KINDS = ("subject", "phrase", "place", "organisation")


@dataclass
class Topic:
    name: str
    kind: str  # one of TOPIC_KINDS
    score: float


@dataclass
class ExtractedArticle:
    """Everything the pipeline found in one input."""

    origin: str
    original_text: str
    document: Document
    people: list[Person] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "language 'de': people and quotes skipped"

    def as_dict(self) -> dict:
        """The JSON shape printed by ``manage.py extract`` and scored by ``manage.py evaluate``."""
        doc = self.document
        return {
            "file": self.origin,
            "headline": doc.headline,
            "source": doc.source,
            "authors": list(doc.authors),
            "published": doc.published.isoformat() if doc.published else None,
            "url": doc.url,
            "language": doc.language,
            "body": doc.body,
            "paragraphs": list(doc.paragraphs),
            "images": [{"caption": image.caption, "credit": image.credit} for image in doc.images],
            "boilerplate": [{"text": line.text, "reason": line.reason} for line in doc.boilerplate],
            "people": [
                {
                    "name": person.name,
                    "aliases": list(person.aliases),
                    "roles": list(person.roles),
                    "descriptions": list(person.descriptions),
                    "mentions": len(person.mentions),
                }
                for person in self.people
            ],
            "quotes": [
                {
                    "text": quote.text,
                    "kind": quote.kind,
                    "cue": quote.cue,
                    "speaker": quote.speaker,
                    "speaker_is_person": quote.speaker_is_person,
                    "speaker_text": quote.speaker_text,
                    "paragraph": quote.paragraph,
                    "start": quote.start,
                    "end": quote.end,
                }
                for quote in self.quotes
            ],
            "topics": [{"name": topic.name, "kind": topic.kind, "score": round(topic.score, 4)} for topic in self.topics],
            "notes": list(self.notes),
        }
