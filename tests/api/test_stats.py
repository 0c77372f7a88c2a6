"""Statistics: corpus counts and tops, a person's quotes by topic/source/month, a topic's speakers."""

import datetime as dt

import pytest

from articles import selectors

from tests.factories import ArticleFactory, ArticleTopicFactory, PersonFactory, QuoteFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    ada, bob = PersonFactory(name="Ada Lovelace"), PersonFactory(name="Bob Smith")
    health = TopicFactory(name="health", kind="subject")
    paper = SourceFactory(name="Daily Paper")
    march = ArticleFactory(published=dt.date(2025, 3, 4), source=paper)
    april = ArticleFactory(published=dt.date(2025, 4, 9))
    ArticleTopicFactory(article=march, topic=health)
    QuoteFactory.create_batch(2, speaker=ada, article=march)
    QuoteFactory(speaker=ada, article=april)
    QuoteFactory(speaker=bob, article=march)
    QuoteFactory(speaker=None, speaker_label="the ministry", speaker_is_person=False, article=ArticleFactory())
    return {"ada": ada, "bob": bob, "health": health}


def test_corpus_stats(api, corpus):
    body = api.get("/api/v1/stats/").json()
    assert body["counts"]["quotes"] == 5 and body["counts"]["articles"] == 3
    assert body["top_speakers"][0] == {"id": corpus["ada"].id, "name": "Ada Lovelace", "slug": "ada-lovelace", "quote_count": 3, "statement_count": 0}  # factories make no statements
    assert body["top_topics"][0]["slug"] == "health"
    assert body["quotes_per_day"] == [{"day": "2025-03-04", "quote_count": 3}, {"day": "2025-04-09", "quote_count": 1}]
    assert body["undated_quotes"] == 1


def test_person_stats(api, corpus):
    body = api.get(f"/api/v1/people/{corpus['ada'].id}/stats/").json()
    assert body["quote_count"] == 3
    assert (body["topic_count"], body["source_count"]) == (1, 2)
    assert body["quotes_per_topic"] == [{"slug": "health", "name": "health", "kind": "subject", "quote_count": 2}]
    assert body["quotes_per_source"][0] == {"slug": "daily-paper", "name": "Daily Paper", "quote_count": 2}
    assert body["quotes_per_month"] == [{"month": "2025-03", "quote_count": 2}, {"month": "2025-04", "quote_count": 1}]
    assert body["quoted_with"] == [{"id": corpus["bob"].id, "name": "Bob Smith", "slug": "bob-smith", "shared_articles": 1}]


def test_person_stats_list_the_most_quoted_topics_and_sources(corpus):
    """A prolific speaker's topics are thousands: the stats list the top ones and say how many there are."""
    ada = corpus["ada"]
    for name, quotes in (("trade", 3), ("energy", 1)):
        article = ArticleFactory(source=SourceFactory(name=f"{name} weekly"))
        ArticleTopicFactory(article=article, topic=TopicFactory(name=name, kind="subject"))
        QuoteFactory.create_batch(quotes, speaker=ada, article=article)
    stats = selectors.person_stats(person=ada, breakdown=2)
    assert (stats["topic_count"], stats["source_count"]) == (3, 4)
    assert [(row["name"], row["quote_count"]) for row in stats["quotes_per_topic"]] == [("trade", 3), ("health", 2)]
    assert [(row["name"], row["quote_count"]) for row in stats["quotes_per_source"]] == [("trade weekly", 3), ("Daily Paper", 2)]


def test_topic_people(api, corpus):
    body = api.get("/api/v1/topics/health/people/").json()
    assert [(row["name"], row["quote_count"]) for row in body["results"]] == [("Ada Lovelace", 2), ("Bob Smith", 1)]


def test_stats_reject_unknown_parameters(api, corpus):
    assert api.get("/api/v1/stats/", {"top": 5}).status_code == 400
