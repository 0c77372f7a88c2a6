"""Viewsets for articles, people, quotes, topics and sources: reads for everyone, writes for staff."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles import selectors, services
from articles.api import examples, filters, serializers
from articles.api.conditional import ConditionalGetMixin
from articles.api.errors import Unprocessable
from articles.api.fields import SparseFieldsViewMixin
from articles.api.ninjs import NinjsRenderer
from articles.api.ordering import stable_order
from articles.api.parsers import PlainTextParser, source_from_request_data
from articles.api.query import KnownParametersMixin, values_of
from articles.api.renderers import CSVStreamMixin
from articles.models import Person

# Nested statistics have no rows to put in a CSV.
JSON_ONLY = [JSONRenderer, BrowsableAPIRenderer]
PERSON_ID = OpenApiParameter("id", str, OpenApiParameter.PATH, description="The person's id or slug.")
TOPIC_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The topic's slug, e.g. `politics`.")
SOURCE_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The publisher's slug.")


@extend_schema_view(
    # The list's items are detail-shaped: `expand` adds the detail's fields (ArticleDetailSerializer).
    list=extend_schema(responses=serializers.ArticleDetailSerializer(many=True), examples=examples.ARTICLE_LIST),
    retrieve=extend_schema(examples=examples.ARTICLE_DETAIL),
    create=extend_schema(
        request={"application/json": serializers.ArticleRecord, "text/plain": serializers.ARTICLE_TEXT_SCHEMA},
        responses={
            201: serializers.ArticleDetailSerializer, 200: serializers.ArticleDetailSerializer, 422: None,
        },
        description="Staff only. Raw article text (text/plain) or a JSON record runs the import pipeline; "
        "201 with the new article, or 200 with the stored one when the text is already there; "
        "422 when no line of the text reads as a paragraph of prose (a list of links, a page of navigation).",
    ),
    reextract=extend_schema(
        request=None, responses={200: serializers.ArticleDetailSerializer, 422: None},
        description="Staff only: run the current extraction again on the article's original text; 422 when "
        "the current extraction finds no article text in it.",
    ),
)
class ArticleViewSet(
    ConditionalGetMixin,
    KnownParametersMixin,
    SparseFieldsViewMixin,
    CSVStreamMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Articles with their source, authors, body paragraphs, images, people, quotes and topics."""

    parser_classes = [JSONParser, PlainTextParser]
    expand_choices = serializers.ArticleDetailSerializer.Meta.expandable_fields

    filterset_class = filters.ArticleFilter
    ordering_fields = {
        "published": "published", "created": "created_at", "headline": "headline", "relevance": "-search_rank",
    }
    ordering = ["-published", "-created_at", "-id"]
    # Built once, cloned per request (DRF's `queryset` convention): annotating costs ~0.5 ms a request.
    list_queryset = selectors.article_list()
    detail_queryset = selectors.article_detail()

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action == "retrieve":  # ninjs describes one news item
            renderers.append(NinjsRenderer())
        return renderers

    def get_queryset(self):
        return (self.detail_queryset if self._full_articles() else self.list_queryset).all()

    def get_serializer_class(self):
        return serializers.ArticleDetailSerializer if self._full_articles() else serializers.ArticleListSerializer

    def _full_articles(self) -> bool:
        """Single articles carry everything; lists only what `?expand=` (or `?fields=`) asks for."""
        if self.action != "list":
            return True
        if not self.request:
            return False
        params = self.request.query_params
        return bool(values_of(params, "expand")) or bool(set(values_of(params, "fields")) & set(self.expand_choices))

    def create(self, request, *args, **kwargs):
        try:
            stored = services.article_import(source=source_from_request_data(request.data))
        except services.NoArticleBody as error:
            raise Unprocessable(str(error)) from error
        article = selectors.article_detail().get(pk=stored.article.pk)
        created = stored.status == "imported"
        return Response(
            self.get_serializer(article).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    def perform_destroy(self, instance):
        services.article_delete(article=instance)

    @action(detail=True, methods=["post"])
    def reextract(self, request, pk=None, format=None):
        """Staff only: run the current extraction again on the article's original text."""
        try:
            article = services.article_reextract(article=self.get_object())
        except services.NoArticleBody as error:  # was a 500
            raise Unprocessable(str(error)) from error
        return Response(self.get_serializer(selectors.article_detail().get(pk=article.pk)).data)


@extend_schema_view(
    retrieve=extend_schema(examples=examples.PERSON_DETAIL, parameters=[PERSON_ID]),
    partial_update=extend_schema(
        parameters=[PERSON_ID], request=serializers.PersonRenameSerializer, responses=serializers.PersonSerializer,
        description="Staff only: rename a person; the old name stays an alias.",
    ),
    merge=extend_schema(
        parameters=[PERSON_ID], request=serializers.PersonMergeSerializer, responses=serializers.PersonSerializer,
    ),
    quotes=extend_schema(parameters=[PERSON_ID]),
    statements=extend_schema(parameters=[PERSON_ID]),
    articles=extend_schema(parameters=[PERSON_ID]),
    stats=extend_schema(parameters=[PERSON_ID], responses=serializers.PersonStatsSerializer),
)
class PersonViewSet(ConditionalGetMixin, KnownParametersMixin, SparseFieldsViewMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """People across all articles, with aliases, roles as stated, and how often they appear and speak.

    A person can be addressed by id or by slug: `/people/12/` or `/people/marco-rubio/`.
    """

    serializer_class = serializers.PersonSerializer
    parser_classes = [JSONParser]  # renames and merges are JSON (as documented); no form bodies
    filterset_class = filters.PersonFilter
    ordering_fields = ["name", "quote_count", "article_count"]
    ordering = ["name", "id"]
    lookup_value_regex = r"[^/]+"
    queryset = selectors.person_list()

    def get_queryset(self):
        if self.action in ("quotes", "statements", "articles", "stats", "merge"):
            return Person.objects.all()  # these only need the person itself, not its counts and aliases
        return super().get_queryset()

    def get_object(self):
        value = self.kwargs[self.lookup_field]
        lookup = {"pk": value} if filters.is_id(value) else {"slug": value}
        person = get_object_or_404(self.get_queryset(), **lookup)
        self.check_object_permissions(self.request, person)
        return person

    @extend_schema(responses=serializers.QuoteSerializer(many=True), filters=False)
    @action(detail=True, filterset_class=None, ordering_fields=None)
    def quotes(self, request, pk=None, format=None):
        """The person's quotes, newest article first."""
        person = self.get_object()
        quotes = stable_order(selectors.quote_list().filter(speaker=person), QuoteViewSet.ordering)
        return self._paginated(quotes, serializers.QuoteSerializer)

    @extend_schema(responses=serializers.StatementSerializer(many=True), filters=False)
    @action(detail=True, filterset_class=None, ordering_fields=None)
    def statements(self, request, pk=None, format=None):
        """The person's statements, most repeated first."""
        person = self.get_object()
        statements = stable_order(selectors.statement_list().filter(speaker=person), StatementViewSet.ordering)
        return self._paginated(statements, serializers.StatementSerializer)

    @extend_schema(responses=serializers.ArticleListSerializer(many=True), filters=False)
    @action(detail=True, filterset_class=None, ordering_fields=None)
    def articles(self, request, pk=None, format=None):
        """Articles that mention the person, newest first."""
        person = self.get_object()
        articles = stable_order(selectors.article_list().filter(mentions__person=person), ArticleViewSet.ordering)
        return self._paginated(articles, serializers.ArticleListSerializer)

    def partial_update(self, request, *args, **kwargs):
        person = self.get_object()
        rename = serializers.PersonRenameSerializer(data=request.data, partial=True)
        rename.is_valid(raise_exception=True)
        if "name" in rename.validated_data:  # a PATCH without a name changes nothing
            services.person_rename(person=person, name=rename.validated_data["name"])
        return Response(self.get_serializer(self.get_queryset().get(pk=person.pk)).data)

    @action(detail=True, methods=["post"], filterset_class=None, ordering_fields=None)
    def merge(self, request, pk=None, format=None):
        """Staff only: fold the given people into this one (quotes, mentions, roles and aliases move)."""
        target = self.get_object()
        merge = serializers.PersonMergeSerializer(data=request.data)
        merge.is_valid(raise_exception=True)
        ids = set(merge.validated_data["ids"])
        if target.pk in ids:
            raise ValidationError({"ids": [f"Person {target.pk} is the one merged into; it cannot be merged into itself."]})
        others = list(Person.objects.filter(pk__in=ids).only("pk"))
        missing = sorted(ids - {other.pk for other in others})
        if missing:
            raise ValidationError({"ids": [f"No person with id {', '.join(map(str, missing))}."]})
        services.person_merge(target=target, others=others)
        return Response(self.get_serializer(selectors.person_list().get(pk=target.pk)).data)

    @action(detail=True, filterset_class=None, ordering_fields=None, pagination_class=None, renderer_classes=JSON_ONLY)
    def stats(self, request, pk=None, format=None):
        """The person's quotes per topic, per source and per month, and the people most often quoted with them."""
        return Response(selectors.person_stats(person=self.get_object()))

    def _paginated(self, queryset, serializer_class):
        if self.wants_csv():
            return self.csv_response(queryset, serializer_class(context=self.get_serializer_context()))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True, context=self.get_serializer_context()).data)


@extend_schema_view(list=extend_schema(examples=examples.QUOTE_LIST))
class QuoteViewSet(ConditionalGetMixin, KnownParametersMixin, SparseFieldsViewMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """Direct, partial and reported quotes, each with its speaker and article."""

    serializer_class = serializers.QuoteSerializer
    filterset_class = filters.QuoteFilter
    # `published` is the article's date kept on each quote, in the order of the quote indexes.
    ordering_fields = {"published": "published", "article": "article_id", "relevance": "-search_rank"}
    ordering = ["-published", "-article_id", "start_offset"]
    queryset = selectors.quote_list()


@extend_schema_view(retrieve=extend_schema(examples=examples.STATEMENT_DETAIL))
class StatementViewSet(ConditionalGetMixin, KnownParametersMixin, SparseFieldsViewMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """Statements: each thing a speaker said once, with every quote that repeats it across the corpus
    (syndicated copies, other outlets, fragments inside a paraphrase) and where it was first seen."""

    filterset_class = filters.StatementFilter
    ordering_fields = ["occurrence_count", "source_count", "first_seen"]
    ordering = ["-occurrence_count", "id"]
    list_queryset = selectors.statement_list()
    detail_queryset = selectors.statement_detail()

    def get_queryset(self):
        return (self.list_queryset if self.action == "list" else self.detail_queryset).all()

    def get_serializer_class(self):
        return serializers.StatementSerializer if self.action == "list" else serializers.StatementDetailSerializer


@extend_schema_view(
    retrieve=extend_schema(parameters=[TOPIC_SLUG]),
    people=extend_schema(parameters=[TOPIC_SLUG], responses=serializers.TopicSpeakerSerializer(many=True), filters=False),
)
class TopicViewSet(ConditionalGetMixin, KnownParametersMixin, SparseFieldsViewMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """IPTC subjects, key phrases, places and organisations that articles are about."""

    serializer_class = serializers.TopicSerializer
    filterset_class = filters.TopicFilter
    lookup_field = "slug"
    ordering_fields = ["name", "article_count"]
    ordering = ["kind", "name"]
    queryset = selectors.topic_list()

    cursor_ordering = None  # the model's id; for `people`, the speaker's

    @action(detail=True, filterset_class=None, ordering_fields=None, cursor_ordering="-person_id")
    def people(self, request, slug=None, format=None):
        """Who is quoted most on this topic, with their quote counts."""
        speakers = selectors.topic_speakers(topic=self.get_object())
        if self.wants_csv():
            return self.csv_response(speakers, serializers.TopicSpeakerSerializer())
        page = self.paginate_queryset(speakers)
        return self.get_paginated_response(serializers.TopicSpeakerSerializer(page, many=True).data)


@extend_schema_view(retrieve=extend_schema(parameters=[SOURCE_SLUG]))
class SourceViewSet(ConditionalGetMixin, KnownParametersMixin, SparseFieldsViewMixin, CSVStreamMixin, viewsets.ReadOnlyModelViewSet):
    """Publishers."""

    serializer_class = serializers.SourceSerializer
    lookup_field = "slug"
    ordering_fields = ["name", "article_count"]
    ordering = ["name"]
    filterset_class = None
    queryset = selectors.source_list()


class StatsView(ConditionalGetMixin, KnownParametersMixin, APIView):
    """Corpus statistics: counts, the most quoted people, the most covered topics, quotes per day."""

    action = "retrieve"  # no paging or filter parameters
    renderer_classes = JSON_ONLY

    @extend_schema(responses=serializers.CorpusStatsSerializer)
    def get(self, request):
        return Response(selectors.corpus_stats())
