"""Request parsers: raw article text as text/plain, besides JSON."""

import json

from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import BaseParser

from articles.extraction.document import SourceText
from articles.extraction.readers import ReaderError, record_to_source
from articles.extraction.record_schema import RECORD_FIELDS, URL_KEYS

POST_ORIGIN = "POST /api/v1/articles/"


class PlainTextParser(BaseParser):
    media_type = "text/plain"

    def parse(self, stream, media_type=None, parser_context=None):
        charset = (parser_context or {}).get("encoding") or "utf-8"
        try:
            return stream.read().decode(charset)
        except UnicodeDecodeError as error:
            raise ParseError(f"The request body is not valid {charset} text.") from error


MAX_URL_LENGTH = 2000  # Article.url (documented as the record's maxLength, serializers.ArticleRecord)


def _without_nul(value):
    """NUL characters are no text (and PostgreSQL refuses them in text columns): drop them."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    return value


def source_from_request_data(data) -> SourceText:
    """The posted article as the pipeline's input: raw page text, or a JSON record with known fields only."""
    data = _without_nul(dict(data) if hasattr(data, "getlist") else data)  # a QueryDict when there is no body
    if isinstance(data, str):
        if not data.strip():
            raise ValidationError({"body": ["The article text is empty."]})
        return SourceText(text=data, origin=POST_ORIGIN, format="txt", is_page_text=True)
    if not isinstance(data, dict):
        raise ValidationError({"body": ["Send a JSON object (an article record) or text/plain."]})
    unknown = sorted(set(data) - RECORD_FIELDS)
    if unknown:
        raise ValidationError({key: ["Unknown field."] for key in unknown})
    too_long = [key for key in URL_KEYS if isinstance(data.get(key), str) and len(data[key]) > MAX_URL_LENGTH]
    if too_long:
        raise ValidationError({key: [f"At most {MAX_URL_LENGTH} characters."] for key in too_long})
    try:
        return record_to_source(data, POST_ORIGIN, original=json.dumps(data, ensure_ascii=False, sort_keys=True))
    except ReaderError as error:
        raise ValidationError({error.field or "body": [error.message]}) from error
