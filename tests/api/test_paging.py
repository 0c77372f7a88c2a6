"""Cursor paging walks every row exactly once, even when rows are added while paging."""

import re

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def walk(api, url, params):
    seen, response = [], api.get(url, params)
    while True:
        body = response.json()
        assert response.status_code == 200, body
        seen += [row["id"] for row in body["results"]]
        if not body["next"]:
            return seen
        response = api.get(body["next"])


def test_cursor_paging_visits_every_row_once(api):
    articles = ArticleFactory.create_batch(23)
    seen = walk(api, "/api/v1/articles/", {"cursor": "", "page_size": 5})
    assert seen == sorted((a.id for a in articles), reverse=True)


def test_cursor_paging_is_stable_when_rows_are_added(api):
    articles = ArticleFactory.create_batch(6)
    first = api.get("/api/v1/articles/", {"cursor": "", "page_size": 3}).json()
    ArticleFactory.create_batch(4)  # newer rows appear while the client pages
    second = api.get(first["next"]).json()
    assert [r["id"] for r in first["results"] + second["results"]] == sorted((a.id for a in articles), reverse=True)


def test_cursor_paging_honours_filters(api):
    ArticleFactory.create_batch(3, headline="storm warning")
    ArticleFactory.create_batch(2, headline="budget")
    assert len(walk(api, "/api/v1/articles/", {"cursor": "", "q": "storm", "page_size": 2})) == 3


def test_page_size_is_capped_at_200(api):
    ArticleFactory.create_batch(3)
    response = api.get("/api/v1/articles/", {"page_size": 5000})
    assert response.status_code == 200
    from articles.api.pagination import MAX_PAGE_SIZE

    assert MAX_PAGE_SIZE == 200


def test_the_last_page_asks_for_a_whole_page_and_returns_only_what_is_left(api):
    """A LIMIT trimmed to the rows left (LIMIT 1) sends PostgreSQL walking every article: see FullPagePaginator."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    articles = ArticleFactory.create_batch(7)
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/articles/", {"page_size": 5, "page": 2}).json()
    assert [row["id"] for row in body["results"]] == sorted((a.id for a in articles), reverse=True)[5:]
    assert body["count"] == 7 and body["next"] is None
    page_query = next(query["sql"] for query in queries if "ORDER BY" in query["sql"])
    assert "LIMIT 5" in page_query


@pytest.fixture
def small_cap(monkeypatch):
    from articles.api.pagination import FullPagePaginator

    monkeypatch.setattr(FullPagePaginator, "count_cap", 4)


def test_count_is_exact_below_the_cap(api):
    ArticleFactory.create_batch(3)
    body = api.get("/api/v1/articles/").json()
    assert (body["count"], body["count_exact"]) == (3, True)


def test_past_the_cap_count_stops_there_and_cursor_paging_goes_on(api, small_cap):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    articles = ArticleFactory.create_batch(7)
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/articles/", {"page_size": 2}).json()
    assert (body["count"], body["count_exact"]) == (4, False)
    count_query = next(query["sql"] for query in queries if "COUNT(" in query["sql"].upper())
    assert "LIMIT 5" in count_query  # the database stops counting after cap + 1 rows
    assert api.get("/api/v1/articles/", {"page_size": 2, "page": 2}).status_code == 200
    beyond = api.get("/api/v1/articles/", {"page_size": 2, "page": 3})
    assert beyond.status_code == 404 and "?cursor=" in beyond.json()["detail"]
    assert len(walk(api, "/api/v1/articles/", {"cursor": "", "page_size": 2})) == len(articles)


def test_a_filter_below_the_cap_is_counted_exactly_while_the_corpus_is_not(api, small_cap):
    ArticleFactory.create_batch(3, headline="storm warning")
    ArticleFactory.create_batch(5, headline="budget")
    assert api.get("/api/v1/articles/", {"q": "storm"}).json()["count_exact"] is True
    assert api.get("/api/v1/articles/", {"q": "storm"}).json()["count"] == 3


def test_a_filter_with_few_matches_reads_its_page_from_their_keys(api, monkeypatch):
    """Few matches: their keys are read first and the page is read from them (no walk of the ordering
    index); more: a capped count and the usual page query. Both give the same rows in the same order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.api.pagination import FullPagePaginator

    storms = ArticleFactory.create_batch(4, headline="storm warning")
    ArticleFactory.create_batch(3, headline="budget")
    expected = sorted((a.id for a in storms), reverse=True)
    for few, keys_read in ((10, True), (3, False)):
        monkeypatch.setattr(FullPagePaginator, "searched_matches", few)
        with CaptureQueriesContext(connection) as queries:
            body = api.get("/api/v1/articles/", {"q": "storm", "page_size": 3}).json()
        assert (body["count"], body["count_exact"]) == (4, True)
        assert [row["id"] for row in body["results"]] == expected[:3]
        page_query = next(q["sql"] for q in queries if "ORDER BY" in q["sql"] and '"headline"' in q["sql"])
        assert bool(re.search(r'"id" IN \(\d', page_query)) is keys_read  # few: the page is read from their keys
        if connection.vendor == "postgresql":  # the keys are the matches: the page is not searched again
            assert ("@@" in page_query) is not keys_read
        second = api.get("/api/v1/articles/", {"q": "storm", "page_size": 3, "page": 2}).json()
        assert [row["id"] for row in second["results"]] == expected[3:]


def test_relevance_ranks_the_most_recently_added_matches_when_many_match(api, monkeypatch):
    """Ranking reads each ranked row's search vector: past the window it ranks the newest matches only.
    The count is still every match; numbered pages end with the window; ordering by date reaches all."""
    from articles.api.pagination import FullPagePaginator

    monkeypatch.setattr(FullPagePaginator, "few_matches", 1)
    monkeypatch.setattr(FullPagePaginator, "rank_window", 3)
    best_but_oldest = ArticleFactory(headline="storm storm storm", body="A storm, then a storm.")
    newer = [ArticleFactory(headline="Weather", body=f"Report {n} mentions a storm once.") for n in range(4)]
    ranked = api.get("/api/v1/articles/", {"q": "storm", "ordering": "relevance", "page_size": 2}).json()
    assert (ranked["count"], ranked["count_exact"]) == (5, True)
    second = api.get("/api/v1/articles/", {"q": "storm", "ordering": "relevance", "page_size": 2, "page": 2}).json()
    assert second["next"] is None
    shown = [row["id"] for row in ranked["results"] + second["results"]]
    assert sorted(shown) == sorted(article.id for article in newer[1:])  # the three most recently added
    beyond = api.get("/api/v1/articles/", {"q": "storm", "ordering": "relevance", "page_size": 2, "page": 3})
    assert beyond.status_code == 404 and "most recently added" in beyond.json()["detail"]
    by_date = walk(api, "/api/v1/articles/", {"q": "storm", "ordering": "-created", "page_size": 2})
    assert best_but_oldest.id in by_date and len(by_date) == 5
    monkeypatch.setattr(FullPagePaginator, "rank_window", 10)  # within the window: the best first
    assert api.get("/api/v1/articles/", {"q": "storm", "ordering": "relevance"}).json()["results"][0]["id"] == best_but_oldest.id


def test_articles_of_an_author_or_topic_are_counted_from_their_rows_alone_unless_more_filters_apply(api, monkeypatch):
    """`?author=`, `?person=`, `?topic=` count the rows that name the articles (no join back to each
    article); with another filter beside them the articles themselves are counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.api.pagination import FullPagePaginator
    from tests.factories import ArticleTopicFactory, PersonFactory, TopicFactory

    monkeypatch.setattr(FullPagePaginator, "few_matches", 1)  # the count alone, not the keys of few matches
    author, topic = PersonFactory(), TopicFactory()
    theirs = ArticleFactory.create_batch(3, headline="storm warning")
    theirs[0].headline = "budget"
    theirs[0].save()
    for article in theirs:
        article.authors.add(author)
        ArticleTopicFactory(article=article, topic=topic)
    ArticleFactory.create_batch(2, headline="storm warning")
    for params, counted_table, expected in (
        ({"author": author.slug}, "articles_article_authors", 3),
        ({"topic": topic.slug}, "articles_articletopic", 3),
        ({"author": author.slug, "q": "storm"}, "articles_article", 2),
        ({"topic": topic.slug, "has_quotes": "false"}, "articles_article", 3),
    ):
        with CaptureQueriesContext(connection) as queries:
            body = api.get("/api/v1/articles/", params).json()
        assert body["count"] == expected and len(body["results"]) == expected, params
        # A count, or for a search the keys of its matches up to the cap (its page is read from them).
        count_query = next(q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)") or q["sql"].endswith("LIMIT 10001"))
        read = count_query.split(" FROM ")[2 if count_query.startswith("SELECT COUNT(*)") else 1]
        assert read.split()[0].strip('"') == counted_table, (params, count_query)
