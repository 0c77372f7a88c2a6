"""Reads: the querysets the API and admin list from, annotated so that lists need no extra queries."""

import datetime as dt

from django.db.models import Aggregate, Count, Exists, F, IntegerField, JSONField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, JSONObject

from articles.models import (
    Article,
    ArticlePerson,
    ArticleTopic,
    CorpusTally,
    CoSpeakerTally,
    DataVersion,
    DayTally,
    Person,
    PersonMonthTally,
    PersonRole,
    PersonSourceTally,
    PersonTally,
    PersonTopicTally,
    Quote,
    RoleTally,
    Source,
    Statement,
    Story,
    Topic,
    TopicTally,
)


def _count_of(model, field: str, **filters):
    """A correlated COUNT(*) subquery: avoids the row multiplication of several Count() joins."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class _JSONArrayAgg(Aggregate):
    """The group's values as one JSON array (JSON_GROUP_ARRAY on SQLite, JSONB_AGG on PostgreSQL)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _json_list(model, outer: str, **fields):
    """A correlated subquery: the `model` rows of each outer row as a JSON array of {name: field}.

    Used instead of prefetching small related lists: a prefetch costs a second query, a related
    manager and a model per row (~1 ms for 20 articles' authors, tens of ms for a page of people's
    roles); this costs neither.
    """
    rows = (
        model.objects.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(items=_JSONArrayAgg(JSONObject(**fields)))
        .values("items")
    )
    return Subquery(rows, output_field=JSONField())


# Lists never show these; leaving them out keeps sorting and paging light on a large corpus.
LIST_DEFERRED = ("body", "original_text", "dropped_lines")


def article_list():
    return (
        Article.objects.select_related("source")
        .annotate(
            quote_count=_count_of(Quote, "article"),
            # An article not yet de-duplicated (stored with NEWSAPI_DEDUPLICATE=0) is its own story.
            copy_count=Coalesce(F("story__article_count"), Value(1)),
            author_summaries=_json_list(Article.authors.through, "article", id="person_id", name="person__name", slug="person__slug"),
        )
        .defer(*LIST_DEFERRED)
    )


def article_detail():
    return article_list().defer(None).prefetch_related(
        "images",
        Prefetch("mentions", queryset=ArticlePerson.objects.select_related("person")),
        Prefetch("person_roles", queryset=PersonRole.objects.all()),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        Prefetch("article_topics", queryset=ArticleTopic.objects.select_related("topic")),
        "story",  # select_related would not do: an article not yet de-duplicated has none
        Prefetch(
            "story__articles",
            queryset=Article.objects.select_related("source").only(
                "id", "headline", "published", "created_at", "story_id", "source__id", "source__name", "source__slug"
            ),
        ),
    )


def person_list():
    return Person.objects.prefetch_related("aliases").annotate(
        # Kept counts (articles/tallies.py): ordering by them needs every person's count, which the
        # quotes gave in 2 s at 100,000 articles.
        article_count=Coalesce(F("tally__article_count"), Value(0)),
        quote_count=Coalesce(F("tally__quote_count"), Value(0)),
        # Each title once, with the number of articles stating it (kept: the most covered person's
        # roles are stated in tens of thousands of articles).
        role_summaries=_json_list(RoleTally, "person", title="title", article_count="article_count"),
    )


# A quote shows its article as {id, headline, published}: only those columns are joined in.
QUOTE_ARTICLE_FIELDS = ("id", "headline", "published")


def quote_list():
    return Quote.objects.select_related("speaker", "article").defer(
        *(f"article__{field.name}" for field in Article._meta.concrete_fields if field.name not in QUOTE_ARTICLE_FIELDS)
    )


def story_originals(articles):
    """One article per story: its original (articles not yet de-duplicated stand for themselves)."""
    # "Some story has it as its original", asked per row (an index probe on Story.original): the join
    # on the article's own story made PostgreSQL sort every article for a page (1.2 s at 100k), and
    # "id IN (all originals)" hashed every story, or, once they no longer fit in work_mem, scanned
    # them for each row (33 s at 300k). Walking the newest-first index with a probe each: 3 ms at 300k.
    return articles.filter(Q(story__isnull=True) | Exists(Story.objects.filter(original_id=OuterRef("pk"))))


# A statement shows its first article as {id, headline, published} with its source.
def statement_list():
    return Statement.objects.select_related("speaker", "first_article__source").defer(
        *(f"first_article__{name}" for name in LIST_DEFERRED)
    )


def statement_detail():
    return statement_list().prefetch_related(
        Prefetch(
            "occurrences",
            queryset=Quote.objects.select_related("article__source").defer(
                *(f"article__{name}" for name in LIST_DEFERRED)
            ).order_by(F("article__published").asc(nulls_last=True), "article__created_at", "id"),
        )
    )


def topic_list():
    return Topic.objects.annotate(article_count=Coalesce(F("tally__article_count"), Value(0)))


def source_list():
    return Source.objects.annotate(article_count=Coalesce(F("tally__article_count"), Value(0)))


def data_version() -> tuple[int, dt.datetime | None]:
    """How often and when the stored data last changed: (0, None) before the first write."""
    # Not .first(): its ORDER BY is no use on a primary-key lookup.
    return next(iter(DataVersion.objects.filter(pk=1).values_list("number", "changed_at")), (0, None))


# --- statistics ---------------------------------------------------------------------------------------

TOP = 10
# A person's topics and sources listed in their stats, most quoted first: a prolific speaker is quoted
# under thousands of topics at 300,000 articles, and listing them all grew with the corpus (126 ms).
TOP_BREAKDOWN = 50


def corpus_counts(kept: dict[str, int] | None = None) -> dict:
    # Articles, quotes and statements are the big tables: their counts are kept (articles/tallies.py);
    # people, topics and sources are counted (tens of thousands of rows at a million articles).
    kept = kept if kept is not None else dict(CorpusTally.objects.values_list("name", "value"))
    return {
        "articles": kept.get("articles", 0),
        "people": Person.objects.count(),
        "quotes": kept.get("quotes", 0),
        "statements": kept.get("statements", 0),
        "topics": Topic.objects.count(),
        "sources": Source.objects.count(),
    }


def corpus_stats(*, top: int = TOP) -> dict:
    """Counts, the most quoted people, the most covered topics and quotes per publication day, read
    from the running tallies (articles/tallies.py): the cost does not grow with the corpus."""
    kept = dict(CorpusTally.objects.values_list("name", "value"))
    return {
        "counts": corpus_counts(kept),
        "top_speakers": list(
            PersonTally.objects.filter(quote_count__gt=0)
            .order_by("-quote_count", "person__name")[:top]
            .values(
                "quote_count", "statement_count", id=F("person_id"), name=F("person__name"), slug=F("person__slug"),
            )
        ),
        "top_topics": list(
            TopicTally.objects.filter(article_count__gt=0)
            .order_by("-article_count", "topic__name")[:top]
            .values("article_count", slug=F("topic__slug"), name=F("topic__name"), kind=F("topic__kind"))
        ),
        "quotes_per_day": list(DayTally.objects.filter(quote_count__gt=0).order_by("day").values("day", "quote_count")),
        "undated_quotes": kept.get("undated_quotes", 0),
    }


def person_stats(*, person: Person, top: int = TOP, breakdown: int = TOP_BREAKDOWN) -> dict:
    """A person's quotes per topic, per source and per month, and who is quoted alongside them (tallies).

    Topics and sources are the ``breakdown`` most quoted, with how many there are in all."""
    tally = PersonTally.objects.filter(person=person).values("quote_count", "statement_count").first() or {}
    topics = PersonTopicTally.objects.filter(person=person, quote_count__gt=0)
    sources = PersonSourceTally.objects.filter(person=person, quote_count__gt=0)
    return {
        "person": {"id": person.pk, "name": person.name, "slug": person.slug},
        "quote_count": tally.get("quote_count", 0),
        "statement_count": tally.get("statement_count", 0),
        "topic_count": topics.count(),
        "quotes_per_topic": list(
            topics.order_by("-quote_count", "topic__name", "topic_id")[:breakdown]
            .values("quote_count", slug=F("topic__slug"), name=F("topic__name"), kind=F("topic__kind"))
        ),
        "source_count": sources.count(),
        "quotes_per_source": list(
            sources.order_by("-quote_count", "source__name", "source_id")[:breakdown]
            .values("quote_count", slug=F("source__slug"), name=F("source__name"))
        ),
        "quotes_per_month": [
            {"month": row["month"].strftime("%Y-%m"), "quote_count": row["quote_count"]}
            for row in PersonMonthTally.objects.filter(person=person).order_by("month").values("month", "quote_count")
        ],
        "quoted_with": [
            {"id": row.pop("other_id"), **row}
            for row in CoSpeakerTally.objects.filter(person=person)
            .order_by("-shared_articles", "other__name")[:top]
            .values("other_id", "shared_articles", name=F("other__name"), slug=F("other__slug"))
        ],
    }


def topic_speakers(*, topic: Topic):
    """People quoted in articles about a topic, most quoted first (a queryset of dicts with person_id)."""
    return (
        PersonTopicTally.objects.filter(topic=topic, quote_count__gt=0)
        .values("person_id", "quote_count", name=F("person__name"), slug=F("person__slug"))
        .order_by("-quote_count", "name", "person_id")
    )
