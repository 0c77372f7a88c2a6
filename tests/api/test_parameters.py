"""Query parameters as client generators send them: arrays repeated, and nothing silently dropped."""

import pytest

from tests.factories import ArticleFactory, ArticleTopicFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_fields_repeated_keeps_every_named_field(api):
    ArticleFactory()
    (row,) = api.get("/api/v1/articles/?fields=id&fields=headline").json()["results"]
    assert set(row) == {"id", "headline"}


def test_expand_repeated_adds_every_named_field(api):
    QuoteFactory()
    (row,) = api.get("/api/v1/articles/?expand=quotes&expand=people").json()["results"]
    assert "quotes" in row and "people" in row


@pytest.mark.parametrize("query", ["kind=direct&kind=indirect", "kind=direct,indirect"])
def test_kind_takes_several_values_repeated_or_comma_separated(api, query):
    direct, indirect = QuoteFactory(kind="direct"), QuoteFactory(kind="indirect")
    QuoteFactory(kind="partial")
    ids = {row["id"] for row in api.get(f"/api/v1/quotes/?{query}").json()["results"]}
    assert ids == {direct.id, indirect.id}


def test_topic_kind_takes_several_values(api):
    subject, place = TopicFactory(kind="subject"), TopicFactory(kind="place")
    TopicFactory(kind="phrase")
    rows = api.get("/api/v1/topics/?kind=subject&kind=place").json()["results"]
    assert {row["id"] for row in rows} == {subject.id, place.id}


@pytest.mark.parametrize(
    "url, name",
    [
        ("/api/v1/articles/?source=a&source=b", "source"),
        ("/api/v1/quotes/?speaker=1&speaker=2", "speaker"),
        ("/api/v1/articles/?page=1&page=2", "page"),
        ("/api/v1/people/?q=ann&q=bob", "q"),
        ("/api/v1/articles/?format=json&format=csv", "format"),
    ],
)
def test_a_single_valued_parameter_given_twice_is_a_400_naming_it(api, url, name):
    response = api.get(url)
    assert response.status_code == 400
    assert response.json()["errors"] == [{"parameter": name, "detail": "Given more than once; this parameter takes one value."}]


def test_ordering_takes_several_keys_repeated_or_comma_separated(api):
    first = ArticleFactory(headline="Same", published="2025-01-01")
    second = ArticleFactory(headline="Same", published="2025-02-01")
    third = ArticleFactory(headline="Other", published="2025-03-01")
    for query in ("ordering=-headline&ordering=published", "ordering=-headline,published"):
        ids = [row["id"] for row in api.get(f"/api/v1/articles/?{query}").json()["results"]]
        assert ids == [first.id, second.id, third.id], query


def test_unknown_ordering_is_a_400_listing_the_choices(api):
    response = api.get("/api/v1/articles/?ordering=bogus")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["parameter"] == "ordering"
    assert "bogus" in error["detail"] and "-published" in error["detail"] and "relevance" in error["detail"]


def test_ordering_choices_are_an_enum_in_the_schema(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    (ordering,) = [p for p in schema["paths"]["/api/v1/quotes/"]["get"]["parameters"] if p["name"] == "ordering"]
    assert ordering["schema"]["items"]["enum"] == ["published", "-published", "article", "-article", "relevance", "-relevance"]
    assert ordering["explode"] is True


def test_topic_people_pages_with_a_cursor(api):
    topic = TopicFactory()
    for _ in range(3):
        ArticleTopicFactory(topic=topic, article=QuoteFactory().article)
    first = api.get(f"/api/v1/topics/{topic.slug}/people/?cursor=&page_size=2")
    assert first.status_code == 200
    rest = api.get(first.json()["next"])
    seen = [row["id"] for row in first.json()["results"] + rest.json()["results"]]
    assert len(seen) == 3 == len(set(seen))
