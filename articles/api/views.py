"""Read-only viewsets for articles, people, quotes, topics and sources."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action

from articles import selectors
from articles.api import examples, filters, serializers
from articles.api.conditional import LastModifiedMixin
from articles.api.query import KnownParametersMixin
from articles.api.renderers import CSVStreamMixin

PERSON_ID = OpenApiParameter("id", str, OpenApiParameter.PATH, description="The person's id or slug.")
TOPIC_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The topic's slug, e.g. `politics`.")
SOURCE_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The publisher's slug.")


@extend_schema_view(
    list=extend_schema(examples=examples.ARTICLE_LIST),
    retrieve=extend_schema(examples=examples.ARTICLE_DETAIL),
)
class ArticleViewSet(LastModifiedMixin, KnownParametersMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """Articles with their source, authors, body paragraphs, images, people, quotes and topics."""

    filterset_class = filters.ArticleFilter
    ordering_fields = {"published": "published", "created": "created_at", "headline": "headline"}
    ordering = ["-published", "-created_at", "-id"]

    def get_queryset(self):
        return selectors.article_detail() if self.action == "retrieve" else selectors.article_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ArticleDetailSerializer
        return serializers.ArticleListSerializer


@extend_schema_view(
    retrieve=extend_schema(examples=examples.PERSON_DETAIL, parameters=[PERSON_ID]),
    quotes=extend_schema(parameters=[PERSON_ID]),
    articles=extend_schema(parameters=[PERSON_ID]),
)
class PersonViewSet(LastModifiedMixin, KnownParametersMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """People across all articles, with aliases, roles as stated, and how often they appear and speak.

    A person can be addressed by id or by slug: `/people/12/` or `/people/marco-rubio/`.
    """

    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    ordering_fields = ["name", "quote_count", "article_count"]
    ordering = ["name", "id"]
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return selectors.person_list()

    def get_object(self):
        value = self.kwargs[self.lookup_field]
        lookup = {"pk": value} if value.isdigit() else {"slug": value}
        person = get_object_or_404(self.get_queryset(), **lookup)
        self.check_object_permissions(self.request, person)
        return person

    @extend_schema(responses=serializers.QuoteSerializer(many=True), filters=False)
    @action(detail=True, filterset_class=None, ordering_fields=None)
    def quotes(self, request, pk=None):
        """The person's quotes, newest article first."""
        person = self.get_object()
        quotes = selectors.quote_list().filter(speaker=person).order_by("-article__published", "-article_id", "start_offset")
        return self._paginated(quotes, serializers.QuoteSerializer)

    @extend_schema(responses=serializers.ArticleListSerializer(many=True), filters=False)
    @action(detail=True, filterset_class=None, ordering_fields=None)
    def articles(self, request, pk=None):
        """Articles that mention the person, newest first."""
        person = self.get_object()
        articles = selectors.article_list().filter(mentions__person=person).order_by("-published", "-created_at", "-id")
        return self._paginated(articles, serializers.ArticleListSerializer)

    def _paginated(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True, context=self.get_serializer_context()).data)


@extend_schema_view(list=extend_schema(examples=examples.QUOTE_LIST))
class QuoteViewSet(LastModifiedMixin, KnownParametersMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """Direct, partial and reported quotes, each with its speaker and article."""

    serializer_class = serializers.QuoteSerializer
    filterset_class = filters.QuoteFilter
    ordering_fields = {"published": "article__published", "article": "article_id"}
    ordering = ["-article__published", "-article_id", "start_offset"]

    def get_queryset(self):
        return selectors.quote_list()


@extend_schema_view(retrieve=extend_schema(parameters=[TOPIC_SLUG]))
class TopicViewSet(LastModifiedMixin, KnownParametersMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """IPTC subjects, key phrases, places and organisations that articles are about."""

    serializer_class = serializers.TopicSerializer
    filterset_class = filters.TopicFilter
    lookup_field = "slug"
    ordering_fields = ["name", "article_count"]
    ordering = ["kind", "name"]

    def get_queryset(self):
        return selectors.topic_list()


@extend_schema_view(retrieve=extend_schema(parameters=[SOURCE_SLUG]))
class SourceViewSet(LastModifiedMixin, KnownParametersMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """Publishers."""

    serializer_class = serializers.SourceSerializer
    lookup_field = "slug"
    ordering_fields = ["name", "article_count"]
    ordering = ["name"]
    filterset_class = None

    def get_queryset(self):
        return selectors.source_list()
