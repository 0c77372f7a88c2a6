"""Full-text search: the same answers on SQLite (FTS5) and PostgreSQL (tsvector); CI runs both."""

import pytest

from articles.search import parse_query
from tests.factories import ArticleFactory, PersonAliasFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def found(api, url, **params):
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def corpus():
    return {
        "storm": ArticleFactory(headline="Storms batter the coast", body="Heavy rain flooded roads."),
        "budget": ArticleFactory(headline="Budget day", body="The minister announced tax cuts after the storm of protest."),
        "talks": ArticleFactory(headline="Peace talks resume", body="Envoys met for peace talks in Geneva."),
    }


def test_stemmed_words_match(api, corpus):
    assert set(found(api, "/api/v1/articles/", q="storm")) == {corpus["storm"].id, corpus["budget"].id}
    assert found(api, "/api/v1/articles/", q="flooding") == [corpus["storm"].id]


def test_all_words_must_match(api, corpus):
    assert found(api, "/api/v1/articles/", q="storm tax") == [corpus["budget"].id]


def test_phrase_in_double_quotes(api, corpus):
    assert found(api, "/api/v1/articles/", q='"peace talks"') == [corpus["talks"].id]
    assert found(api, "/api/v1/articles/", q='"talks peace"') == []


def test_or_between_alternatives(api, corpus):
    assert set(found(api, "/api/v1/articles/", q="geneva OR flooded")) == {corpus["talks"].id, corpus["storm"].id}


def test_minus_excludes(api, corpus):
    assert found(api, "/api/v1/articles/", q="storm -tax") == [corpus["storm"].id]


def test_ordering_by_relevance_puts_headline_matches_first(api, corpus):
    assert found(api, "/api/v1/articles/", q="storm", ordering="relevance")[0] == corpus["storm"].id


def test_relevance_without_search_is_ignored(api, corpus):
    assert len(found(api, "/api/v1/articles/", ordering="relevance")) == 3


def test_index_follows_updates_and_deletes(api, corpus):
    article = corpus["talks"]
    article.body = "Envoys met in Vienna."
    article.headline = "Talks move"
    article.save()
    assert found(api, "/api/v1/articles/", q="vienna") == [article.id]
    assert found(api, "/api/v1/articles/", q="geneva") == []
    article.delete()
    assert found(api, "/api/v1/articles/", q="vienna") == []


def test_quote_search(api):
    quote = QuoteFactory(text="We will rebuild the bridges stronger than before.")
    QuoteFactory(text="Taxes are too high.")
    assert found(api, "/api/v1/quotes/", q="bridge rebuilding") == [quote.id]
    assert found(api, "/api/v1/quotes/", q="bridge", ordering="relevance") == [quote.id]


def test_people_search_on_names_and_aliases(api):
    ada = PersonFactory(name="Ada Lovelace")
    PersonAliasFactory(person=ada, name="Countess of Lovelace")
    PersonFactory(name="Ada Smith")
    assert found(api, "/api/v1/people/", q="ada -smith") == [ada.id]
    assert found(api, "/api/v1/people/", q='"countess of"') == [ada.id]
    assert len(found(api, "/api/v1/people/", q="lovelace OR smith")) == 2


@pytest.mark.parametrize(
    "query",
    ['"', '\\', "'; DROP TABLE articles_article; --", "NEAR(storm rain)", "storm*", "a AND OR NOT",
     "-", "OR", '"unbalanced', "col:storm", "^storm", "{storm}", "%_"],
)
def test_search_syntax_characters_are_plain_text(api, corpus, query):
    for url in ("/api/v1/articles/", "/api/v1/quotes/", "/api/v1/people/"):
        assert api.get(url, {"q": query}).status_code == 200


def test_query_parsing():
    parsed = parse_query('peace "minerals deal" OR truce -russia')
    assert parsed.groups == [["peace"], ["minerals deal", "truce"]]
    assert parsed.excluded == ["russia"]


def test_null_character_in_search_is_a_400_naming_q(api):
    response = api.get("/api/v1/articles/", {"q": "\x00storm"})
    assert response.status_code == 400
    assert [error["parameter"] for error in response.json()["errors"]] == ["q"]


def test_postgresql_matches_on_the_row_itself_also_inside_a_subquery():
    """`search_vector @@ ...` on the query's own alias: an `id IN (SELECT id ...)` self-join made counting a
    common word's matches walk the primary key."""
    from django.db import connection

    from articles import search
    from articles.models import Quote, Statement

    if connection.vendor != "postgresql":
        pytest.skip("the search column is PostgreSQL's")
    sql = str(search.search(Quote.objects.all(), search.QUOTES, "harbour").query)
    assert '"articles_quote".search_vector @@' in sql and "IN (SELECT id" not in sql
    inner = search.search(Quote.objects.all(), search.QUOTES, "harbour").values("statement_id")
    assert "U0.search_vector @@" in str(Statement.objects.filter(pk__in=inner).query)


def test_search_counts_are_planned_for_the_search_index_on_postgresql(api, corpus):
    """PostgreSQL counts a common word's matches through the search index: testing row by row looks cheap
    to its planner, and is not (each row's search vector is decompressed first)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert found(api, "/api/v1/articles/", q="storm")
        plain = api.get("/api/v1/articles/").json()["count"]
    sql = [query["sql"] for query in queries.captured_queries]
    # The plain list's count, and the search's: the keys of its matches up to the cap (its page is read from them).
    counts = [n for n, statement in enumerate(sql) if statement.startswith("SELECT COUNT(*)") or statement.endswith("LIMIT 10001")]
    assert len(counts) == 2 and plain >= 1
    hinted = [n for n, statement in enumerate(sql) if statement == "SET LOCAL enable_seqscan = off"]
    if connection.vendor == "postgresql":
        assert hinted == [counts[0] - 1]  # the search's count only, in its own transaction
        with connection.cursor() as cursor:  # rolled back with it, also inside the test's transaction
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
    else:
        assert hinted == []


def test_a_search_with_another_filter_is_counted_by_a_nested_loop_on_postgresql(api, corpus):
    """A search and a topic, both common: a hash join read every match of the word before counting one;
    a nested loop driven by a bitmap stops at the cap. The rows are the same either way."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticleTopicFactory, TopicFactory

    weather = TopicFactory(name="weather")
    ArticleTopicFactory(article=corpus["budget"], topic=weather)
    ArticleTopicFactory(article=corpus["talks"], topic=weather)
    with CaptureQueriesContext(connection) as queries:
        assert found(api, "/api/v1/articles/", q="storm", topic="weather") == [corpus["budget"].id]
        assert found(api, "/api/v1/articles/", q="storm") != []
    nested = [n for n, query in enumerate(queries.captured_queries) if query["sql"] == "SET LOCAL enable_hashjoin = off"]
    assert len(nested) == (1 if connection.vendor == "postgresql" else 0)  # the combined search's count only


@pytest.mark.parametrize("factor, through_the_index", [(0, False), (10**9, True)])
def test_newest_matches_are_the_same_walked_or_read_through_the_index(corpus, monkeypatch, factor, through_the_index):
    """The ranking window: the most recently added matches, read by walking the table newest first when
    the planner expects most rows to match, else through the search index (PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import search
    from articles.models import Article

    newer = ArticleFactory(headline="Another storm", body="Storm again.")
    monkeypatch.setattr(search, "WALK_COST_FACTOR", factor)
    with CaptureQueriesContext(connection) as queries:
        found = search.newest_matches(search.search(Article.objects.all(), search.ARTICLES, "storm"), 2)
    assert found == [newer.pk, corpus["budget"].pk]
    hinted = any(query["sql"] == "SET LOCAL enable_indexscan = off" for query in queries.captured_queries)
    assert hinted is (through_the_index and connection.vendor == "postgresql")
