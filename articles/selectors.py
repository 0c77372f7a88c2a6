"""Reads: the querysets the API and admin list from, annotated so that lists need no extra queries."""

from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from articles.models import Article, ArticlePerson, ArticleTopic, Person, PersonRole, Quote, Source, Topic


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


def article_list():
    return (
        Article.objects.select_related("source")
        .prefetch_related("authors")
        .annotate(quote_count=_count_of(Quote, "article"))
    )


def article_detail():
    return article_list().prefetch_related(
        "images",
        Prefetch("mentions", queryset=ArticlePerson.objects.select_related("person")),
        Prefetch("person_roles", queryset=PersonRole.objects.all()),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        Prefetch("article_topics", queryset=ArticleTopic.objects.select_related("topic")),
    )


def person_list():
    return Person.objects.prefetch_related(
        "aliases", Prefetch("roles", queryset=PersonRole.objects.select_related("article"))
    ).annotate(
        article_count=_count_of(ArticlePerson, "person"),
        quote_count=_count_of(Quote, "speaker"),
    )


def quote_list():
    return Quote.objects.select_related("speaker", "article", "article__source")


def topic_list():
    return Topic.objects.annotate(article_count=_count_of(ArticleTopic, "topic"))


def source_list():
    return Source.objects.annotate(article_count=_count_of(Article, "source"))


def data_last_modified():
    """When the stored data last changed: the newest article or person update (None when empty)."""
    times = [
        Article.objects.aggregate(latest=Max("updated_at"))["latest"],
        Person.objects.aggregate(latest=Max("updated_at"))["latest"],
    ]
    times = [t for t in times if t is not None]
    return max(times) if times else None
