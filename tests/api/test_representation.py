"""The list serializers build their rows by hand for speed; they must say exactly what DRF's generic path says."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework import serializers as drf

from articles import selectors
from articles.api import serializers
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def generic(serializer, instance):
    return drf.Serializer.to_representation(serializer, instance)


@pytest.fixture
def articles():
    dated = ArticleFactory(published=dt.date(2025, 3, 9), url="https://example.org/a", language="de")
    dated.authors.add(PersonFactory(name="Zoë Ward"), PersonFactory(name="Adam Ó Briain"))
    QuoteFactory(article=dated)
    bare = ArticleFactory(source=None, published=None, url=None, headline="")
    return list(selectors.article_list().filter(pk__in=[dated.pk, bare.pk]))


@pytest.fixture
def quotes():
    QuoteFactory(article__published=dt.date(2024, 1, 2), kind="partial", cue="", paragraph_index=3)
    QuoteFactory(speaker=None, speaker_label="a spokesman", speaker_is_person=True, article__published=None)
    return list(selectors.quote_list())


@pytest.mark.parametrize("fields", [None, {"id", "published", "authors"}, {"created_at"}])
def test_article_rows_match_drf(articles, fields):
    serializer = serializers.ArticleListSerializer(fields=fields)
    for article in articles:
        assert serializer.to_representation(article) == generic(serializer, article)
        assert list(serializer.to_representation(article)) == list(serializer.fields)  # order kept too


@pytest.mark.parametrize("serializer_class", [serializers.QuoteSerializer, serializers.ArticleQuoteSerializer])
@pytest.mark.parametrize("fields", [None, {"speaker", "end", "article"}])
def test_quote_rows_match_drf(quotes, serializer_class, fields):
    serializer = serializer_class(fields=fields)
    for quote in quotes:
        assert serializer.to_representation(quote) == generic(serializer, quote)
        assert list(serializer.to_representation(quote)) == list(serializer.fields)


def test_times_are_written_in_the_current_time_zone_like_drf(articles):
    serializer = serializers.ArticleListSerializer()
    with timezone.override("Asia/Kolkata"):
        row = serializer.to_representation(articles[0])
        assert row == generic(serializer, articles[0])
    assert row["created_at"].endswith("+05:30")
