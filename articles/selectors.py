"""Reads: the querysets the API and admin list from, annotated so that lists need no extra queries."""

import datetime as dt

from django.db.models import Aggregate, Count, F, IntegerField, JSONField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, JSONObject, TruncMonth

from articles.models import (
    Article,
    ArticlePerson,
    ArticleTopic,
    DataVersion,
    Person,
    PersonRole,
    Quote,
    Source,
    Statement,
    Topic,
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
        article_count=_count_of(ArticlePerson, "person"),
        quote_count=_count_of(Quote, "speaker"),
        # A much-quoted person has a role statement in hundreds of articles.
        role_summaries=_json_list(PersonRole, "person", title="title", article="article_id", published="article__published"),
    )


# A quote shows its article as {id, headline, published}: only those columns are joined in.
QUOTE_ARTICLE_FIELDS = ("id", "headline", "published")


def quote_list():
    return Quote.objects.select_related("speaker", "article").defer(
        *(f"article__{field.name}" for field in Article._meta.concrete_fields if field.name not in QUOTE_ARTICLE_FIELDS)
    )


def story_originals(articles):
    """One article per story: its original (articles not yet de-duplicated stand for themselves)."""
    return articles.filter(Q(story__isnull=True) | Q(story__original_id=F("id")))


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
    return Topic.objects.annotate(article_count=_count_of(ArticleTopic, "topic"))


def source_list():
    return Source.objects.annotate(article_count=_count_of(Article, "source"))


def data_version() -> tuple[int, dt.datetime | None]:
    """How often and when the stored data last changed: (0, None) before the first write."""
    # Not .first(): its ORDER BY is no use on a primary-key lookup.
    return next(iter(DataVersion.objects.filter(pk=1).values_list("number", "changed_at")), (0, None))


# --- statistics ---------------------------------------------------------------------------------------

TOP = 10


def corpus_counts() -> dict:
    return {
        "articles": Article.objects.count(),
        "people": Person.objects.count(),
        "quotes": Quote.objects.count(),
        "statements": Statement.objects.count(),
        "topics": Topic.objects.count(),
        "sources": Source.objects.count(),
    }


def corpus_stats(*, top: int = TOP) -> dict:
    """Counts, the most quoted people, the most covered topics and quotes per publication day."""
    return {
        "counts": corpus_counts(),
        "top_speakers": list(
            Quote.objects.filter(speaker__isnull=False)
            .values("speaker_id", "speaker__name", "speaker__slug")
            .annotate(quote_count=Count("id"), statement_count=Count("statement_id", distinct=True))
            .order_by("-quote_count", "speaker__name")[:top]
            .values(
                id=F("speaker_id"), name=F("speaker__name"), slug=F("speaker__slug"), quote_count=F("quote_count"),
                statement_count=F("statement_count"),
            )
        ),
        "top_topics": list(
            ArticleTopic.objects.values("topic_id")
            .annotate(article_count=Count("article_id", distinct=True))
            .order_by("-article_count", "topic__name")[:top]
            .values(
                slug=F("topic__slug"), name=F("topic__name"), kind=F("topic__kind"), article_count=F("article_count")
            )
        ),
        "quotes_per_day": list(
            Quote.objects.filter(article__published__isnull=False)
            .values(day=F("article__published"))
            .annotate(quote_count=Count("id"))
            .order_by("day")
        ),
        "undated_quotes": Quote.objects.filter(article__published__isnull=True).count(),
    }


def person_stats(*, person: Person, top: int = TOP) -> dict:
    """A person's quotes per topic, per source and per month, and who is quoted alongside them."""
    quotes = Quote.objects.filter(speaker=person)
    article_ids = quotes.values("article_id")
    return {
        "person": {"id": person.pk, "name": person.name, "slug": person.slug},
        "quote_count": quotes.count(),
        "statement_count": Statement.objects.filter(speaker=person).count(),
        "quotes_per_topic": list(
            ArticleTopic.objects.filter(article__quotes__speaker=person)
            .values(slug=F("topic__slug"), name=F("topic__name"), kind=F("topic__kind"))
            .annotate(quote_count=Count("article__quotes", filter=Q(article__quotes__speaker=person)))
            .order_by("-quote_count", "name")
        ),
        "quotes_per_source": list(
            quotes.filter(article__source__isnull=False)
            .values(slug=F("article__source__slug"), name=F("article__source__name"))
            .annotate(quote_count=Count("id"))
            .order_by("-quote_count", "name")
        ),
        "quotes_per_month": [
            {"month": row["month"].strftime("%Y-%m"), "quote_count": row["quote_count"]}
            for row in quotes.filter(article__published__isnull=False)
            .annotate(month=TruncMonth("article__published"))
            .values("month")
            .annotate(quote_count=Count("id"))
            .order_by("month")
        ],
        "quoted_with": [
            {"id": row.pop("person_id"), **row}
            for row in Quote.objects.filter(article_id__in=article_ids, speaker__isnull=False)
            .exclude(speaker=person)
            .values(person_id=F("speaker_id"), name=F("speaker__name"), slug=F("speaker__slug"))
            .annotate(shared_articles=Count("article_id", distinct=True))
            .order_by("-shared_articles", "name")[:top]
        ],
    }


def topic_speakers(*, topic: Topic):
    """People quoted in articles about a topic, most quoted first (a queryset of dicts with person_id)."""
    return (
        Quote.objects.filter(article__article_topics__topic=topic, speaker__isnull=False)
        .values(person_id=F("speaker_id"), name=F("speaker__name"), slug=F("speaker__slug"))
        .annotate(quote_count=Count("id", distinct=True))
        .order_by("-quote_count", "name", "person_id")
    )
