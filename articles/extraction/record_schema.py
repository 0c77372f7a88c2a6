"""The JSON Schema of an article record: what `.json`/`.jsonl` inputs and the API's POST body may carry.

One description, read twice: the readers validate every record against it, and the OpenAPI schema
publishes it as the `ArticleRecord` request body, so what is documented is what is accepted.
"""

from __future__ import annotations

# The keys each value of an article record may come under, in order of preference.
BODY_KEYS = ("body", "text", "content")
HEADLINE_KEYS = ("headline", "title")
URL_KEYS = ("url", "link")
AUTHOR_KEYS = ("authors", "author")
DATE_KEYS = ("published", "publishedAt", "published_at", "date")

_NAMED = {
    "type": "object",
    "properties": {"name": {"type": "string"}},
    "required": ["name"],
}
_NAMES = {
    "anyOf": [
        {"type": "string"},
        _NAMED,
        {"type": "array", "items": {"anyOf": [{"type": "string"}, _NAMED]}},
        {"type": "null"},
    ],
    "description": "Names: a string (several joined by `and` or commas), a list, or objects with a `name`.",
}
_BODY = {"type": ["string", "null"], "pattern": r"\S", "description": "The article text."}
_TEXT = {"type": ["string", "null"]}
_DATE = {
    "type": ["string", "null"],
    "description": "ISO 8601 date (YYYY-MM-DD) or date-time; only the date is kept; empty means none.",
}


def _same_as(schema: dict, key: str) -> dict:
    return {**schema, "description": f"Same as `{key}`."}


ARTICLE_RECORD_SCHEMA = {
    "type": "object",
    "description": "An article record: `body` (or `text` / `content`) is required; every other field is optional.",
    "properties": {
        "body": _BODY,
        "text": _same_as(_BODY, "body"),
        "content": _same_as(_BODY, "body"),
        "headline": {**_TEXT, "description": "The headline."},
        "title": _same_as(_TEXT, "headline"),
        "source": {
            "anyOf": [
                {"type": "string"},
                {"type": "object", "properties": {"name": {"type": ["string", "null"]}}},
                {"type": "null"},
            ],
            "description": 'The publisher: a name, or {"name": ...}.',
        },
        "authors": _NAMES,
        "author": _same_as(_NAMES, "authors"),
        "published": _DATE,
        "publishedAt": _same_as(_DATE, "published"),
        "published_at": _same_as(_DATE, "published"),
        "date": _same_as(_DATE, "published"),
        "url": {**_TEXT, "description": "The article's address."},
        "link": _same_as(_TEXT, "url"),
    },
    # A record needs text under one of the body keys (null under one means "look at the next"): it may
    # not have them all missing or null. Written with `not` rather than anyOf of three required sets,
    # which client generators turn into three record types.
    "not": {"properties": {key: {"type": "null"} for key in BODY_KEYS}},
}

# Every key an article record may carry; readers ignore others, the API refuses them.
RECORD_FIELDS = frozenset(ARTICLE_RECORD_SCHEMA["properties"])

# What a field's value must be, in the words of the readers' error messages.
EXPECTED = {
    **{key: "a string with some text" for key in BODY_KEYS},
    **{key: "a string" for key in (*HEADLINE_KEYS, *URL_KEYS)},
    "source": "a string or an object with a 'name' string",
    **{key: "a string, an object with a 'name', or a list of them" for key in AUTHOR_KEYS},
    **{key: "an ISO date string" for key in DATE_KEYS},
}
