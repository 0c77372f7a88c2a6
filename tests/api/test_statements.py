"""Statements and stories in the API: /statements/, a person's statements, ?collapse=duplicates, duplicates."""

import datetime as dt

import pytest

from articles import duplicates
from tests.factories import ArticleFactory, ArticleTopicFactory, PersonFactory, QuoteFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

BODY = "\n\n".join(
    [
        "The regional council voted on Tuesday to close the old harbour bridge to heavy traffic from next month.",
        "Engineers found corrosion in three of the bridge's supports during an inspection in the spring.",
        "Drivers of lorries will have to use the ring road, which adds about twenty minutes to the journey.",
    ]
)
FULL = "We will build the new bridge before the end of the year and nobody in this town will pay more for it."


def stored(*, body, published, source, quotes):
    article = ArticleFactory(body=body, published=published, source=source)
    made = [QuoteFactory(article=article, **quote) for quote in quotes]
    duplicates.copies_assign(article=article, quotes=made)
    article.refresh_from_db()
    return article


@pytest.fixture
def corpus():
    ada, ben = PersonFactory(name="Ada Stone", slug="ada-stone"), PersonFactory(name="Ben Okafor", slug="ben-okafor")
    herald, post = SourceFactory(name="City Herald", slug="city-herald"), SourceFactory(name="Valley Post", slug="valley-post")
    original = stored(body=BODY, published=dt.date(2025, 3, 1), source=herald,
                      quotes=[{"speaker": ada, "text": FULL}, {"speaker": ben, "text": "The ring road cannot take the lorries."}])
    copy = stored(body=BODY, published=dt.date(2025, 3, 2), source=post,
                  quotes=[{"speaker": ada, "text": FULL}, {"speaker": ben, "text": "The ring road cannot take the lorries."}])
    later = stored(body="A different story about the museum opening its new photography wing on Saturday.",
                   published=dt.date(2025, 4, 9), source=post,
                   quotes=[{"speaker": ada, "text": "build the new bridge before the end of the year", "kind": "partial"}])
    topic = TopicFactory(name="transport", slug="transport", kind="subject")
    ArticleTopicFactory(article=later, topic=topic)
    return {"ada": ada, "ben": ben, "original": original, "copy": copy, "later": later, "herald": herald, "post": post}


def test_statements_count_each_thing_said_once_with_its_occurrences(api, corpus):
    rows = api.get("/api/v1/statements/").json()["results"]
    assert [(row["speaker"]["slug"], row["occurrence_count"], row["source_count"]) for row in rows] == [
        ("ada-stone", 3, 2), ("ben-okafor", 2, 2),
    ]
    first = rows[0]
    assert first["text"] == FULL
    assert first["first_seen"] == {
        "date": "2025-03-01",
        "article": {"id": corpus["original"].id, "headline": corpus["original"].headline, "published": "2025-03-01"},
        "source": {"id": corpus["herald"].id, "name": "City Herald", "slug": "city-herald"},
    }


def test_a_statement_lists_where_it_appeared_earliest_first(api, corpus):
    statement_id = api.get("/api/v1/statements/?speaker=ada-stone").json()["results"][0]["id"]
    detail = api.get(f"/api/v1/statements/{statement_id}/").json()
    assert [o["article"]["id"] for o in detail["occurrences"]] == [corpus["original"].id, corpus["copy"].id, corpus["later"].id]
    assert detail["occurrences"][2]["kind"] == "partial" and detail["occurrences"][2]["source"]["slug"] == "valley-post"


@pytest.mark.parametrize(
    "query, speakers",
    [
        ("speaker=ben-okafor", ["ben-okafor"]),
        ("min_occurrences=3", ["ada-stone"]),
        ("topic=transport", ["ada-stone"]),
        ("source=city-herald", ["ada-stone", "ben-okafor"]),
        ("source=city-herald&speaker=ben-okafor", ["ben-okafor"]),
        ("first_seen_after=2025-03-01&first_seen_before=2025-03-01", ["ada-stone", "ben-okafor"]),
        ("first_seen_after=2025-03-02", []),
        ("q=lorries", ["ben-okafor"]),
        ("ordering=occurrence_count", ["ben-okafor", "ada-stone"]),
    ],
)
def test_statement_filters_and_ordering(api, corpus, query, speakers):
    response = api.get(f"/api/v1/statements/?{query}")
    assert response.status_code == 200, response.json()
    assert [row["speaker"]["slug"] for row in response.json()["results"]] == speakers


def test_a_persons_statements_and_the_statement_of_each_quote(api, corpus):
    (row,) = api.get("/api/v1/people/ben-okafor/statements/").json()["results"]
    assert row["occurrence_count"] == 2
    quote_statements = {q["statement"] for q in api.get("/api/v1/quotes/?speaker=ben-okafor").json()["results"]}
    assert quote_statements == {row["id"]}


def test_collapse_shows_one_row_per_story_with_its_copy_count(api, corpus):
    rows = api.get("/api/v1/articles/").json()["results"]
    assert {row["id"]: row["copy_count"] for row in rows} == {
        corpus["later"].id: 1, corpus["copy"].id: 2, corpus["original"].id: 2,
    }
    collapsed = api.get("/api/v1/articles/?collapse=duplicates").json()
    assert [row["id"] for row in collapsed["results"]] == [corpus["later"].id, corpus["original"].id]
    assert collapsed["count"] == 2
    searched = api.get("/api/v1/articles/?collapse=duplicates&q=corrosion").json()["results"]
    assert [row["id"] for row in searched] == [corpus["original"].id]


def test_the_article_detail_names_its_copies(api, corpus):
    detail = api.get(f"/api/v1/articles/{corpus['original'].id}/").json()
    assert detail["duplicates"] == [
        {"id": corpus["copy"].id, "headline": corpus["copy"].headline, "published": "2025-03-02",
         "source": {"id": corpus["post"].id, "name": "Valley Post", "slug": "valley-post"}},
    ]
    assert api.get(f"/api/v1/articles/{corpus['later'].id}/").json()["duplicates"] == []


def test_stats_report_statements_beside_quote_occurrences(api, corpus):
    stats = api.get("/api/v1/stats/").json()
    assert (stats["counts"]["quotes"], stats["counts"]["statements"]) == (5, 2)
    assert stats["top_speakers"][0] == {"id": corpus["ada"].id, "name": "Ada Stone", "slug": "ada-stone",
                                        "quote_count": 3, "statement_count": 1}
    person = api.get("/api/v1/people/ada-stone/stats/").json()
    assert (person["quote_count"], person["statement_count"]) == (3, 1)


def test_statements_as_csv(api, corpus):
    response = api.get("/api/v1/statements.csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "id,text,speaker,speaker_label,occurrence_count,source_count,first_seen"
    assert len(lines) == 3


def test_statement_search_follows_the_statement_text_as_it_changes(api, corpus):
    """Statements are searched by their own text; when a fuller form replaces it, its new words match."""
    from articles.models import Statement

    statement = Statement.objects.get(speaker__slug="ben-okafor")
    assert api.get("/api/v1/statements/?q=lorries").json()["count"] == 1
    statement.text = "Cargo bikes will replace the vans."
    statement.save(update_fields=["text"])
    assert api.get("/api/v1/statements/?q=lorries").json()["count"] == 0
    assert [row["id"] for row in api.get("/api/v1/statements/?q=bikes -trams").json()["results"]] == [statement.id]


def test_statement_search_reads_its_expression_index_on_postgresql(corpus):
    """The filter's expression must be the index's, or PostgreSQL reads every statement's text."""
    from django.db import connection

    from articles import search
    from articles.models import Statement

    if connection.vendor != "postgresql":
        pytest.skip("the expression index is PostgreSQL's")
    matching = search.search(Statement.objects.all(), search.STATEMENTS, "lorries").values("pk")
    with search.planned_for_the_search_index(search.search(Statement.objects.all(), search.STATEMENTS, "lorries")):
        plan = matching.explain()
    assert search.STATEMENTS.pg_index in plan
