"""Request parsers: raw article text as text/plain, besides JSON."""

import json

from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import BaseParser

from articles.extraction.document import SourceText
from articles.extraction.readers import RECORD_FIELDS, ReaderError, record_to_source

POST_ORIGIN = "POST /api/v1/articles/"


class PlainTextParser(BaseParser):
    media_type = "text/plain"

    def parse(self, stream, media_type=None, parser_context=None):
        charset = (parser_context or {}).get("encoding") or "utf-8"
        try:
            return stream.read().decode(charset)
        except UnicodeDecodeError as error:
            raise ParseError(f"The request body is not valid {charset} text.") from error


def source_from_request_data(data) -> SourceText:
    """The posted article as the pipeline's input: raw page text, or a JSON record with known fields only."""
    if isinstance(data, str):
        if not data.strip():
            raise ValidationError({"body": ["The article text is empty."]})
        return SourceText(text=data, origin=POST_ORIGIN, format="txt", is_page_text=True)
    if not isinstance(data, dict):
        raise ValidationError({"body": ["Send a JSON object (an article record) or text/plain."]})
    unknown = sorted(set(data) - RECORD_FIELDS)
    if unknown:
        raise ValidationError({key: ["Unknown field."] for key in unknown})
    try:
        return record_to_source(data, POST_ORIGIN, original=json.dumps(data, ensure_ascii=False, sort_keys=True))
    except ReaderError as error:
        raise ValidationError({error.field or "body": [error.message]}) from error
