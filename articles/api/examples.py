"""Example responses shown in the OpenAPI docs for the main endpoints."""

from drf_spectacular.utils import OpenApiExample

PERSON = {"id": 7, "name": "Maria Lopez", "slug": "maria-lopez"}
ARTICLE_SUMMARY = {"id": 3, "headline": "Council approves new bridge", "published": "2025-04-18"}

QUOTE = {
    "id": 41,
    "text": "This bridge will change how people move around the city.",
    "kind": "direct",
    "cue": "said",
    "speaker": PERSON,
    "speaker_label": "Maria Lopez",
    "speaker_is_person": True,
    "article": ARTICLE_SUMMARY,
    "paragraph": 2,
    "start": 131,
    "end": 188,
    "statement": 12,
}

ARTICLE = {
    "id": 3,
    "headline": "Council approves new bridge",
    "slug": "council-approves-new-bridge",
    "source": {"id": 1, "name": "City Herald", "slug": "city-herald"},
    "authors": [{"id": 9, "name": "Sam Reporter", "slug": "sam-reporter"}],
    "published": "2025-04-18",
    "url": "https://example.org/news/bridge",
    "language": "en",
    "quote_count": 2,
    "copy_count": 1,
    "created_at": "2025-04-18T09:30:00Z",
    "updated_at": "2025-04-18T09:30:00Z",
}


# A list example is one item: drf-spectacular wraps it in a page (count, next, previous, results).
ARTICLE_LIST = [OpenApiExample("A page of articles", value=ARTICLE, response_only=True)]
ARTICLE_DETAIL = [
    OpenApiExample(
        "An article with its extraction",
        response_only=True,
        value={
            **ARTICLE,
            "paragraphs": [
                "The city council approved a new bridge on Tuesday.",
                "\u201cThis bridge will change how people move around the city,\u201d said Maria Lopez.",
            ],
            "images": [{"caption": "The river crossing today.", "credit": "Reuters", "order": 0}],
            "people": [{**PERSON, "mention_count": 3, "roles": ["council leader"]}],
            "quotes": [{key: value for key, value in QUOTE.items() if key != "article"}],
            "topics": [{"name": "politics", "slug": "politics", "kind": "subject", "score": 0.71}],
            "dropped_lines": [{"text": "Share this article", "reason": "share widget"}],
            "content_hash": "9f2c\u2026",
            "source_file": "seeds/bridge.txt",
            "original_text": "Council approves new bridge\n\nBy Sam Reporter\n\n\u2026",
            "duplicates": [
                {"id": 8, "headline": "Bridge gets the go-ahead", "published": "2025-04-19",
                 "source": {"id": 4, "name": "Valley Post", "slug": "valley-post"}},
            ],
        },
    )
]
QUOTE_LIST = [OpenApiExample("A page of quotes", value=QUOTE, response_only=True)]
PERSON_DETAIL = [
    OpenApiExample(
        "A person",
        response_only=True,
        value={
            **PERSON,
            "aliases": ["Lopez", "Ms Lopez"],
            "roles": [{"title": "council leader", "article_count": 3}, {"title": "councillor", "article_count": 1}],
            "article_count": 4,
            "quote_count": 9,
        },
    )
]

STATEMENT = {
    "id": 12,
    "text": "This bridge will change how people move around the city.",
    "speaker": PERSON,
    "speaker_label": "Maria Lopez",
    "occurrence_count": 3,
    "source_count": 2,
    "first_seen": {
        "date": "2025-04-18", "article": ARTICLE_SUMMARY, "source": {"id": 1, "name": "City Herald", "slug": "city-herald"},
    },
}
STATEMENT_DETAIL = [
    OpenApiExample(
        "A statement quoted three times",
        response_only=True,
        value={
            **STATEMENT,
            "occurrences": [
                {"id": 41, "text": QUOTE["text"], "kind": "direct", "cue": "said", "article": ARTICLE_SUMMARY,
                 "source": {"id": 1, "name": "City Herald", "slug": "city-herald"}},
                {"id": 77, "text": QUOTE["text"], "kind": "direct", "cue": "said",
                 "article": {"id": 9, "headline": "New bridge approved", "published": "2025-04-19"},
                 "source": {"id": 4, "name": "Valley Post", "slug": "valley-post"}},
                {"id": 102, "text": "change how people move around the city", "kind": "partial", "cue": "said",
                 "article": {"id": 15, "headline": "What the bridge means for commuters", "published": "2025-04-22"},
                 "source": {"id": 1, "name": "City Herald", "slug": "city-herald"}},
            ],
        },
    )
]
