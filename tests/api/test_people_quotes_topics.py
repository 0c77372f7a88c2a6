import pytest

from tests.factories import (
    ArticleFactory,
    ArticleTopicFactory,
    MentionFactory,
    PersonAliasFactory,
    PersonFactory,
    PersonRoleFactory,
    QuoteFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_person_carries_counts_aliases_and_roles(api):
    person = PersonFactory(name="Ada Lovelace")
    PersonAliasFactory(person=person, name="Ms Lovelace")
    article = MentionFactory(person=person).article
    QuoteFactory.create_batch(2, speaker=person, article=article)
    PersonRoleFactory(person=person, article=article, title="mathematician")
    body = api.get(f"/api/v1/people/{person.id}/").json()
    assert body["article_count"] == 1
    assert body["quote_count"] == 2
    assert body["aliases"] == ["Ms Lovelace"]
    assert body["roles"] == [{"title": "mathematician", "article_count": 1}]
    assert api.get(f"/api/v1/people/{person.slug}/").json()["id"] == person.id
    listed = api.get("/api/v1/people/", {"q": "Lovelace"}).json()["results"]
    assert listed[0]["roles"] == body["roles"]


def test_people_search_matches_name_or_alias(api):
    person = PersonFactory(name="Ada Lovelace")
    PersonAliasFactory(person=person, name="Countess of Lovelace")
    PersonFactory(name="Other Person")
    assert [p["id"] for p in results(api.get("/api/v1/people/", {"q": "countess"}))] == [person.id]
    assert [p["id"] for p in results(api.get("/api/v1/people/", {"q": "ada"}))] == [person.id]


def test_people_filter_by_article_topic_and_has_quotes(api):
    mention = MentionFactory()
    ArticleTopicFactory(article=mention.article, topic__name="health")
    quiet = PersonFactory()
    QuoteFactory(speaker=mention.person, article=mention.article)
    assert [p["id"] for p in results(api.get("/api/v1/people/", {"article": mention.article.id}))] == [mention.person.id]
    assert [p["id"] for p in results(api.get("/api/v1/people/", {"topic": "health"}))] == [mention.person.id]
    assert quiet.id in [p["id"] for p in results(api.get("/api/v1/people/", {"has_quotes": "false"}))]
    assert quiet.id not in [p["id"] for p in results(api.get("/api/v1/people/", {"has_quotes": "true"}))]


def test_people_ordering_by_quote_count(api):
    talker = PersonFactory()
    QuoteFactory.create_batch(3, speaker=talker)
    other = QuoteFactory().speaker
    assert [p["id"] for p in results(api.get("/api/v1/people/", {"ordering": "-quote_count"}))][:2] == [talker.id, other.id]


def test_person_quotes_and_articles_endpoints(api):
    quote = QuoteFactory()
    MentionFactory(person=quote.speaker, article=quote.article)
    QuoteFactory()
    assert [q["id"] for q in results(api.get(f"/api/v1/people/{quote.speaker.id}/quotes/"))] == [quote.id]
    assert [a["id"] for a in results(api.get(f"/api/v1/people/{quote.speaker.id}/articles/"))] == [quote.article.id]


def test_quote_filters(api):
    source = SourceFactory(name="Daily Paper")
    quote = QuoteFactory(article__source=source, kind="partial", cue="warned", text="walk away")
    ArticleTopicFactory(article=quote.article, topic__name="diplomacy")
    QuoteFactory()
    for params in (
        {"speaker": quote.speaker.slug},
        {"speaker": quote.speaker.id},
        {"article": quote.article.id},
        {"source": "daily-paper"},
        {"topic": "diplomacy"},
        {"kind": "partial"},
        {"cue": "Warned"},
        {"q": "walk"},
    ):
        assert [q["id"] for q in results(api.get("/api/v1/quotes/", params))] == [quote.id], params


def test_quote_without_person_keeps_label(api):
    quote = QuoteFactory(speaker=None, speaker_label="state media", speaker_is_person=False)
    row = results(api.get("/api/v1/quotes/"))[0]
    assert row["id"] == quote.id
    assert row["speaker"] is None
    assert row["speaker_label"] == "state media"
    assert row["article"] == {"id": quote.article.id, "headline": quote.article.headline, "published": None}


def test_quote_kind_must_be_known(api):
    response = api.get("/api/v1/quotes/", {"kind": "rumour"})
    assert response.status_code == 400
    assert [error["parameter"] for error in response.json()["errors"]] == ["kind"]


def test_topics_with_article_counts_and_detail_by_slug(api):
    link = ArticleTopicFactory(topic__name="peace talks")
    ArticleTopicFactory(topic=link.topic)
    TopicFactory(name="unused")
    rows = {t["slug"]: t for t in results(api.get("/api/v1/topics/"))}
    assert rows["peace-talks"]["article_count"] == 2
    assert rows["unused"]["article_count"] == 0
    assert api.get("/api/v1/topics/peace-talks/").json()["article_count"] == 2


def test_sources_list(api):
    ArticleFactory(source=SourceFactory(name="Daily Paper"))
    rows = results(api.get("/api/v1/sources/"))
    assert rows == [{"id": rows[0]["id"], "name": "Daily Paper", "slug": "daily-paper", "domain": "", "article_count": 1}]


def test_roles_are_each_title_once_most_stated_first(api):
    import datetime as dt

    person = PersonFactory(name="Grace Hopper")
    old = MentionFactory(person=person, article__published=dt.date(2019, 5, 1)).article
    new = MentionFactory(person=person, article__published=dt.date(2024, 2, 29)).article
    undated = MentionFactory(person=person, article__published=None).article
    PersonRoleFactory(person=person, article=new, title="rear admiral")
    PersonRoleFactory(person=person, article=old, title="rear admiral")
    PersonRoleFactory(person=person, article=undated, title="computer scientist")
    PersonRoleFactory(person=person, article=undated, title="admiral")
    expected = [
        {"title": "rear admiral", "article_count": 2},
        {"title": "admiral", "article_count": 1},
        {"title": "computer scientist", "article_count": 1},
    ]
    assert api.get(f"/api/v1/people/{person.slug}/").json()["roles"] == expected
    assert results(api.get("/api/v1/people/", {"q": "Hopper"}))[0]["roles"] == expected
    assert results(api.get("/api/v1/people/", {"q": "Lovelace"})) == []


def test_a_persons_articles_and_quotes_put_undated_articles_last_like_the_main_lists(api):
    import datetime as dt

    person = PersonFactory()
    undated = MentionFactory(person=person, article__published=None).article
    dated = MentionFactory(person=person, article__published=dt.date(2024, 1, 1)).article
    QuoteFactory(speaker=person, article=undated)
    QuoteFactory(speaker=person, article=dated)
    assert [row["id"] for row in results(api.get(f"/api/v1/people/{person.id}/articles/"))] == [dated.id, undated.id]
    assert [row["article"]["id"] for row in results(api.get(f"/api/v1/people/{person.id}/quotes/"))] == [dated.id, undated.id]
    assert [row["id"] for row in results(api.get("/api/v1/articles/", {"person": person.id}))] == [dated.id, undated.id]


def test_people_by_topic_are_those_mentioned_and_its_speakers_those_quoted(api):
    article = ArticleTopicFactory(topic__name="harbours").article
    mentioned_only = MentionFactory(article=article).person
    quoted_only = QuoteFactory(article=article).speaker
    ArticleTopicFactory(topic__name="museums", article=MentionFactory().article)  # another topic's person
    assert [p["id"] for p in results(api.get("/api/v1/people/", {"topic": "harbours"}))] == [mentioned_only.id]
    assert [p["id"] for p in results(api.get("/api/v1/topics/harbours/people/"))] == [quoted_only.id]
    assert results(api.get("/api/v1/people/", {"topic": "no-such-topic"})) == []


def test_quotes_come_newest_article_first_undated_last_under_a_cue_or_kind_too(api):
    import datetime as dt

    undated = QuoteFactory(article__published=None, cue="warned", kind="partial")
    old = QuoteFactory(article__published=dt.date(2020, 1, 1), cue="Warned", kind="partial")
    new_article = ArticleFactory(published=dt.date(2024, 6, 1))
    second, first = (QuoteFactory(article=new_article, cue="warned", kind="partial", start_offset=offset, end_offset=offset + 9)
                     for offset in (40, 5))
    QuoteFactory(article__published=dt.date(2025, 1, 1), cue="said", kind="direct")
    expected = [first.id, second.id, old.id, undated.id]
    for params in ({"cue": "warned"}, {"kind": "partial"}):
        assert [row["id"] for row in results(api.get("/api/v1/quotes/", params))] == expected, params
    after = {"cue": "warned", "published_after": "2021-01-01"}
    assert [row["id"] for row in results(api.get("/api/v1/quotes/", after))] == [first.id, second.id]
    ascending = {"cue": "warned", "ordering": "published"}
    assert [row["id"] for row in results(api.get("/api/v1/quotes/", ascending))][-1] == undated.id

    new_article.published = dt.date(2019, 1, 1)  # redated: its quotes move with it
    new_article.save()
    assert [row["id"] for row in results(api.get("/api/v1/quotes/", {"cue": "warned"}))] == [old.id, first.id, second.id, undated.id]
