"""CSV export: every list endpoint, all matching rows (no page cap), filters honoured."""

import csv
import io

import pytest

from tests.factories import ArticleFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_streams_every_row_past_the_page_size(api):
    ArticleFactory.create_batch(25)
    assert len(rows(api.get("/api/v1/articles/", {"format": "csv"}))) == 25


def test_csv_honours_filters_and_flattens_nested_values(api):
    source = SourceFactory(name="Daily Paper")
    ArticleFactory(source=source, headline="Kept")
    ArticleFactory(headline="Filtered out")
    (row,) = rows(api.get("/api/v1/articles/", {"format": "csv", "source": "daily-paper"}))
    assert (row["headline"], row["source"]) == ("Kept", "Daily Paper")


def test_csv_by_accept_header(api):
    quote = QuoteFactory(text='He said "no", twice')
    (row,) = rows(api.get("/api/v1/quotes/", HTTP_ACCEPT="text/csv"))
    assert row["text"] == 'He said "no", twice'
    assert row["speaker"] == quote.speaker.name


@pytest.mark.parametrize("url", ["/api/v1/people/", "/api/v1/topics/", "/api/v1/sources/"])
def test_csv_on_every_list_endpoint(api, url):
    QuoteFactory()
    response = api.get(url, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
