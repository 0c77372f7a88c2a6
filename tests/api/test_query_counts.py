"""Each list endpoint runs the same number of SQL queries for 1 item and for 50 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import duplicates
from tests.factories import ArticleTopicFactory, MentionFactory, PersonAliasFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def make_items(count):
    for _ in range(count):
        quote = QuoteFactory()
        quote.article.authors.add(quote.speaker)
        MentionFactory(article=quote.article, person=quote.speaker)
        PersonAliasFactory(person=quote.speaker)
        quote.speaker.roles.create(article=quote.article, title="minister")
        ArticleTopicFactory(article=quote.article)
        duplicates.copies_assign(article=quote.article, quotes=[quote])


def query_count(api, url, params=None):
    api.get(url, params)  # a new connection's one-off checks (SQLite's JSON support) are not per request
    with CaptureQueriesContext(connection) as context:
        response = api.get(url, params)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/people/", "/api/v1/quotes/", "/api/v1/topics/", "/api/v1/sources/",
            "/api/v1/statements/", "/api/v1/articles/?collapse=duplicates"]
)
def test_list_query_count_does_not_grow_with_items(api, url):
    make_items(1)
    with_one = query_count(api, url, {"page_size": 100})
    make_items(49)
    assert query_count(api, url, {"page_size": 100}) == with_one


def test_article_detail_query_count_does_not_grow_with_quotes(api):
    quote = QuoteFactory()
    url = f"/api/v1/articles/{quote.article.id}/"
    with_one = query_count(api, url)
    for _ in range(20):
        QuoteFactory(article=quote.article)
        MentionFactory(article=quote.article)
    assert query_count(api, url) == with_one


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/people/", "/api/v1/quotes/", "/api/v1/topics/", "/api/v1/sources/",
            "/api/v1/statements/"]
)
def test_list_query_count_does_not_grow_with_page_size(api, url):
    make_items(30)
    assert query_count(api, url, {"page_size": 5}) == query_count(api, url, {"page_size": 30})


def test_expanded_article_list_query_count_does_not_grow(api):
    make_items(2)
    with_two = query_count(api, "/api/v1/articles/", {"expand": "quotes,people,topics,images,duplicates"})
    make_items(20)
    assert query_count(api, "/api/v1/articles/", {"expand": "quotes,people,topics,images,duplicates"}) == with_two


def test_statement_detail_query_count_does_not_grow_with_occurrences(api):
    make_items(1)
    from articles.models import Quote

    quote = Quote.objects.get()
    url = f"/api/v1/statements/{quote.statement_id}/"
    with_one = query_count(api, url)
    for _ in range(10):
        copy = QuoteFactory(speaker=quote.speaker, text=quote.text)
        duplicates.statements_assign(quotes=[copy])
    assert api.get(url).json()["occurrence_count"] == 11
    assert query_count(api, url) == with_one
