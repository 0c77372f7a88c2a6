"""Sparse fieldsets and expansion: ?fields= keeps only named fields, ?expand= adds optional ones."""

import pytest

from tests.factories import ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_fields_keeps_only_the_named_fields(api):
    ArticleFactory()
    (row,) = api.get("/api/v1/articles/", {"fields": "id,headline,source"}).json()["results"]
    assert set(row) == {"id", "headline", "source"}


def test_expand_adds_quotes_and_people_to_list_items(api):
    quote = QuoteFactory()
    (row,) = api.get("/api/v1/articles/", {"expand": "quotes,people"}).json()["results"]
    assert row["quotes"][0]["id"] == quote.id
    assert "people" in row and "original_text" not in row


def test_fields_and_expand_together(api):
    QuoteFactory()
    (row,) = api.get("/api/v1/articles/", {"expand": "quotes", "fields": "id,quotes"}).json()["results"]
    assert set(row) == {"id", "quotes"}


def test_fields_on_detail_people_and_quotes(api):
    quote = QuoteFactory()
    assert set(api.get(f"/api/v1/articles/{quote.article.id}/", {"fields": "id,quotes"}).json()) == {"id", "quotes"}
    (person,) = api.get("/api/v1/people/", {"fields": "name,quote_count"}).json()["results"]
    assert person == {"name": quote.speaker.name, "quote_count": 1}
    (row,) = api.get("/api/v1/quotes/", {"fields": "text,speaker"}).json()["results"]
    assert set(row) == {"text", "speaker"}


def test_unknown_field_is_a_400_naming_the_parameter(api):
    for params in ({"fields": "id,colour"}, {"expand": "everything"}):
        response = api.get("/api/v1/articles/", params)
        assert response.status_code == 400
        assert [error["parameter"] for error in response.json()["errors"]] == list(params)


def test_csv_honours_fields(api):
    ArticleFactory(headline="Only this")
    response = api.get("/api/v1/articles/", {"format": "csv", "fields": "headline"})
    assert b"".join(response.streaming_content).decode().splitlines() == ["headline", "Only this"]
