import datetime as dt

import pytest

from tests.factories import ArticleFactory, ArticleTopicFactory, MentionFactory, PersonFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_article_list_is_paginated_with_count_and_links(api):
    ArticleFactory.create_batch(3)
    response = api.get("/api/v1/articles/", {"page_size": 2})
    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] and body["previous"] is None


def test_page_size_is_capped(api):
    ArticleFactory.create_batch(2)
    response = api.get("/api/v1/articles/", {"page_size": 100000})
    assert response.status_code == 200


def test_filter_by_source_slug_and_id(api):
    lbc = SourceFactory(name="Radio One")
    mine = ArticleFactory(source=lbc)
    ArticleFactory()
    assert ids(api.get("/api/v1/articles/", {"source": "radio-one"})) == [mine.id]
    assert ids(api.get("/api/v1/articles/", {"source": lbc.id})) == [mine.id]


def test_filter_by_author(api):
    author = PersonFactory(name="Jane Writer")
    mine = ArticleFactory()
    mine.authors.add(author)
    ArticleFactory()
    assert ids(api.get("/api/v1/articles/", {"author": "jane-writer"})) == [mine.id]


def test_filter_by_person_mentioned(api):
    mention = MentionFactory()
    ArticleFactory()
    assert ids(api.get("/api/v1/articles/", {"person": mention.person.slug})) == [mention.article.id]
    assert ids(api.get("/api/v1/articles/", {"person": mention.person.id})) == [mention.article.id]


def test_filter_by_topic(api):
    link = ArticleTopicFactory(topic__name="peace talks")
    ArticleFactory()
    assert ids(api.get("/api/v1/articles/", {"topic": "peace-talks"})) == [link.article.id]


def test_filter_by_published_range(api):
    old = ArticleFactory(published=dt.date(2024, 1, 5))
    new = ArticleFactory(published=dt.date(2025, 4, 18))
    ArticleFactory(published=None)
    assert ids(api.get("/api/v1/articles/", {"published_after": "2025-01-01"})) == [new.id]
    assert ids(api.get("/api/v1/articles/", {"published_before": "2024-12-31"})) == [old.id]


def test_filter_has_quotes(api):
    quoted = QuoteFactory().article
    silent = ArticleFactory()
    assert ids(api.get("/api/v1/articles/", {"has_quotes": "true"})) == [quoted.id]
    assert ids(api.get("/api/v1/articles/", {"has_quotes": "false"})) == [silent.id]


def test_text_search_over_headline_and_body(api):
    by_headline = ArticleFactory(headline="Storm hits the coast")
    by_body = ArticleFactory(body="The storm closed roads.")
    ArticleFactory(headline="Budget day")
    assert sorted(ids(api.get("/api/v1/articles/", {"q": "storm"}))) == sorted([by_headline.id, by_body.id])


def test_invalid_filter_value_is_400_naming_the_parameter(api):
    response = api.get("/api/v1/articles/", {"published_after": "yesterday"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["title"]) == (400, "Invalid request")
    assert [error["parameter"] for error in body["errors"]] == ["published_after"]


def test_ordering_by_headline(api):
    b = ArticleFactory(headline="B story")
    a = ArticleFactory(headline="A story")
    assert ids(api.get("/api/v1/articles/", {"ordering": "headline"})) == [a.id, b.id]
    assert ids(api.get("/api/v1/articles/", {"ordering": "-headline"})) == [b.id, a.id]


def test_detail_includes_paragraphs_images_people_quotes_topics(api):
    quote = QuoteFactory(article__body="One.\n\nTwo.")
    article = quote.article
    MentionFactory(article=article, person=quote.speaker)
    ArticleTopicFactory(article=article, topic__name="politics", topic__kind="subject")
    article.images.create(caption="A caption.", credit="Agency", order=0)
    body = api.get(f"/api/v1/articles/{article.id}/").json()
    assert body["paragraphs"] == ["One.", "Two."]
    assert body["images"] == [{"caption": "A caption.", "credit": "Agency", "order": 0}]
    assert [p["name"] for p in body["people"]] == [quote.speaker.name]
    assert body["quotes"][0]["speaker"]["name"] == quote.speaker.name
    assert body["topics"][0]["slug"] == "politics"
    assert body["original_text"] == article.original_text


def test_anonymous_writes_are_refused(api):
    article = ArticleFactory()
    assert api.post("/api/v1/articles/", {"headline": "x"}).status_code in (401, 403, 405)
    assert api.delete(f"/api/v1/articles/{article.id}/").status_code in (401, 403, 405)


def test_ordering_by_published_puts_undated_last_and_breaks_ties_by_id(api):
    undated = ArticleFactory(published=None)
    old = ArticleFactory(published=dt.date(2024, 1, 1))
    tie_a = ArticleFactory(published=dt.date(2025, 1, 1))
    tie_b = ArticleFactory(published=dt.date(2025, 1, 1))
    assert ids(api.get("/api/v1/articles/", {"ordering": "published"})) == [old.id, tie_a.id, tie_b.id, undated.id]
    assert ids(api.get("/api/v1/articles/", {"ordering": "-published"})) == [tie_b.id, tie_a.id, old.id, undated.id]


def test_ordering_by_created(api):
    first, second = ArticleFactory(), ArticleFactory()
    assert ids(api.get("/api/v1/articles/", {"ordering": "created"})) == [first.id, second.id]
    assert ids(api.get("/api/v1/articles/", {"ordering": "-created"})) == [second.id, first.id]


def test_authors_are_listed_by_name_with_id_and_slug_in_lists_and_details(api):
    article = ArticleFactory()
    zoe, adam = PersonFactory(name="Zoë Ward"), PersonFactory(name="Adam Ó Briain")
    article.authors.add(zoe, adam)
    unsigned = ArticleFactory()
    expected = [
        {"id": adam.id, "name": "Adam Ó Briain", "slug": adam.slug},
        {"id": zoe.id, "name": "Zoë Ward", "slug": zoe.slug},
    ]
    listed = {row["id"]: row["authors"] for row in api.get("/api/v1/articles/").json()["results"]}
    assert listed == {article.id: expected, unsigned.id: []}
    assert api.get(f"/api/v1/articles/{article.id}/").json()["authors"] == expected
    assert api.get(f"/api/v1/articles/{unsigned.id}/").json()["authors"] == []


def test_filter_by_author_id_lists_each_article_once(api):
    first, second = PersonFactory(name="Ann Writer"), PersonFactory(name="Bo Writer")
    both = ArticleFactory()
    both.authors.add(first, second)
    ArticleFactory().authors.add(second)
    assert ids(api.get("/api/v1/articles/", {"author": first.id})) == [both.id]
    body = api.get("/api/v1/articles/", {"author": "bo-writer"}).json()
    assert body["count"] == 2 and len(body["results"]) == 2


@pytest.mark.parametrize("parameter", ["author", "person", "source"])
def test_an_id_past_the_database_range_matches_nothing(api, parameter):
    ArticleFactory()
    response = api.get("/api/v1/articles/", {parameter: "9" * 25})
    assert response.status_code == 200  # was a 500 on SQLite (integer overflow)
    assert response.json()["count"] == 0
