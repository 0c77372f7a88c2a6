"""Serializers: how articles, people, quotes, topics and sources look in the API."""

import datetime as dt

from django.core.validators import RegexValidator
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.api.fields import SparseFieldsSerializerMixin
from articles.api.filters import MAX_ID
from articles.api.ninjs_schema import ninjs_schema
from articles.api.schema import DocumentedSchema
from articles.extraction.record_schema import ARTICLE_RECORD_SCHEMA, URL_KEYS
from articles.models import (
    Article,
    ArticlePerson,
    ArticleTopic,
    Image,
    Person,
    Quote,
    Source,
    Statement,
    Topic,
)


class SourceSerializer(SparseFieldsSerializerMixin, serializers.ModelSerializer):
    """A publisher, with how many articles it has."""

    article_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "name", "slug", "domain", "article_count"]


class SourceSummarySerializer(serializers.ModelSerializer):
    """A publisher, named."""

    class Meta:
        model = Source
        fields = ["id", "name", "slug"]


class PersonSummarySerializer(serializers.ModelSerializer):
    """A person, named."""

    class Meta:
        model = Person
        fields = ["id", "name", "slug"]


def iso_datetime(value, zone) -> str | None:
    """A date-time as DRF's DateTimeField writes it: ISO 8601 in the current time `zone`, "Z" for UTC."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def person_summary(person) -> dict | None:
    """{id, name, slug} built by hand: list endpoints render thousands, a nested serializer costs ~5x more."""
    return {"id": person.id, "name": person.name, "slug": person.slug} if person is not None else None


def source_summary(source) -> dict | None:
    return {"id": source.id, "name": source.name, "slug": source.slug} if source is not None else None


def article_summary(article) -> dict:
    return {"id": article.id, "headline": article.headline, "published": article.published and article.published.isoformat()}


class ArticleSummarySerializer(serializers.ModelSerializer):
    """An article, by its headline and date."""

    class Meta:
        model = Article
        fields = ["id", "headline", "published"]


class ImageSerializer(serializers.ModelSerializer):
    """A picture of the article: its caption and credit."""

    class Meta:
        model = Image
        fields = ["caption", "credit", "order"]


class RoleSerializer(serializers.Serializer):
    """A role title as the articles state it, and in how many of them."""

    title = serializers.CharField()
    article_count = serializers.IntegerField(help_text="Articles that give the person this title.")


class PersonSerializer(SparseFieldsSerializerMixin, serializers.ModelSerializer):
    """A person across all articles: aliases, roles as stated, and how often they appear and speak."""

    aliases = serializers.SerializerMethodField(help_text="Other name forms used in the articles.")
    roles = serializers.SerializerMethodField(
        help_text="Each title the articles give the person, most stated first; an article's own are in its `people`."
    )
    article_count = serializers.IntegerField(read_only=True)
    quote_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "slug", "aliases", "roles", "article_count", "quote_count"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, person):
        return sorted({alias.name for alias in person.aliases.all() if alias.name != person.name})

    @extend_schema_field(RoleSerializer(many=True))
    def get_roles(self, person):
        # `role_summaries` comes from selectors.person_list(): {title, article_count} each.
        return sorted(person.role_summaries or (), key=lambda role: (-role["article_count"], role["title"]))


class QuoteSerializer(SparseFieldsSerializerMixin, serializers.ModelSerializer):
    """Direct, partial or reported speech with its speaker, cue verb and place in the article.

    `speaker` is the person when one speaks; otherwise null, and `speaker_label` names who did
    ("Russian state media").
    """

    speaker = serializers.SerializerMethodField()
    article = serializers.SerializerMethodField()
    paragraph = serializers.IntegerField(source="paragraph_index", read_only=True)
    start = serializers.IntegerField(source="start_offset", read_only=True)
    end = serializers.IntegerField(source="end_offset", read_only=True)
    statement = serializers.IntegerField(
        source="statement_id", read_only=True, allow_null=True,
        help_text="The statement this quote repeats (/statements/{id}/); null until de-duplicated.",
    )

    class Meta:
        model = Quote
        fields = [
            "id", "text", "kind", "cue", "speaker", "speaker_label", "speaker_is_person",
            "article", "paragraph", "start", "end", "statement",
        ]

    def to_representation(self, quote):
        # Built by hand: lists render up to 200 quotes, and DRF's generic path costs ~5x more a row
        # (tests/api/test_representation.py holds it equal to the generic one).
        values = {
            "id": quote.id, "text": quote.text, "kind": quote.kind, "cue": quote.cue,
            "speaker": self.get_speaker(quote), "speaker_label": quote.speaker_label,
            "speaker_is_person": quote.speaker_is_person, "paragraph": quote.paragraph_index,
            "start": quote.start_offset, "end": quote.end_offset, "statement": quote.statement_id,
        }
        fields = self.fields
        if "article" in fields:  # not inside an article: it would only repeat it
            values["article"] = self.get_article(quote)
        return {name: values[name] for name in fields}

    @extend_schema_field(PersonSummarySerializer(allow_null=True))
    def get_speaker(self, quote):
        return person_summary(quote.speaker)

    @extend_schema_field(ArticleSummarySerializer())
    def get_article(self, quote):
        return article_summary(quote.article)


class ArticleQuoteSerializer(QuoteSerializer):
    """A quote inside its article: the article itself is not repeated."""

    class Meta(QuoteSerializer.Meta):
        fields = [name for name in QuoteSerializer.Meta.fields if name != "article"]


class TopicSerializer(SparseFieldsSerializerMixin, serializers.ModelSerializer):
    """An IPTC subject, key phrase, place or organisation that articles are about."""

    article_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Topic
        fields = ["id", "name", "slug", "kind", "article_count"]


class ArticleTopicSerializer(serializers.ModelSerializer):
    """A topic of one article, with how central it is (score)."""

    name = serializers.CharField(source="topic.name")
    slug = serializers.CharField(source="topic.slug")
    kind = serializers.CharField(source="topic.kind")

    class Meta:
        model = ArticleTopic
        fields = ["name", "slug", "kind", "score"]


class ArticleMentionSerializer(serializers.ModelSerializer):
    """A person named in one article, with the roles that article states."""

    id = serializers.IntegerField(source="person.id")
    name = serializers.CharField(source="person.name")
    slug = serializers.CharField(source="person.slug")
    roles = serializers.SerializerMethodField(help_text="Roles this article states for the person.")

    class Meta:
        model = ArticlePerson
        fields = ["id", "name", "slug", "mention_count", "roles"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_roles(self, mention):
        # person_roles is prefetched on the article, so this filters in memory.
        return [role.title for role in mention.article.person_roles.all() if role.person_id == mention.person_id]


class ArticleListSerializer(SparseFieldsSerializerMixin, serializers.ModelSerializer):
    """An article's metadata: headline, source, authors, date, address, language, quote count."""

    source = serializers.SerializerMethodField()
    url = serializers.CharField(read_only=True, allow_null=True, help_text="The article's address, as its input gave it.")
    authors = serializers.SerializerMethodField()
    quote_count = serializers.IntegerField(read_only=True)
    copy_count = serializers.IntegerField(
        read_only=True, help_text="Copies of this story in the corpus, this one included (syndication)."
    )

    class Meta:
        model = Article
        fields = [
            "id", "headline", "slug", "source", "authors", "published", "url", "language",
            "quote_count", "copy_count", "created_at", "updated_at",
        ]

    def to_representation(self, article):
        # Built by hand, like QuoteSerializer's; ArticleDetailSerializer uses DRF's generic path.
        zone = timezone.get_current_timezone()
        values = {
            "id": article.id, "headline": article.headline, "slug": article.slug,
            "source": self.get_source(article), "authors": self.get_authors(article),
            "published": article.published.isoformat() if article.published else None,
            "url": article.url, "language": article.language, "quote_count": article.quote_count,
            "copy_count": article.copy_count, "created_at": iso_datetime(article.created_at, zone), "updated_at": iso_datetime(article.updated_at, zone),
        }
        return {name: values[name] for name in self.fields}

    @extend_schema_field(SourceSummarySerializer(allow_null=True))
    def get_source(self, article):
        return source_summary(article.source)

    @extend_schema_field(PersonSummarySerializer(many=True))
    def get_authors(self, article):
        # `author_summaries` comes from selectors.article_list(); sorted like Person's default ordering.
        return sorted(article.author_summaries or (), key=lambda author: (author["name"], author["id"]))


class DroppedLineSerializer(serializers.Serializer):
    """A line of the input that is not article text, with why it was left out."""

    text = serializers.CharField()
    reason = serializers.CharField()


class ArticleCopySerializer(serializers.Serializer):
    """Another copy of an article's story."""

    id = serializers.IntegerField()
    headline = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    source = SourceSummarySerializer(allow_null=True)


class ArticleDetailSerializer(ArticleListSerializer):
    """An article with its extraction: body paragraphs, images, people, quotes, topics and provenance.

    In lists, the fields after `updated_at` appear only when named in `expand` or `fields`.
    """

    paragraphs = serializers.ListField(child=serializers.CharField(), read_only=True)
    images = ImageSerializer(many=True, read_only=True)
    people = ArticleMentionSerializer(source="mentions", many=True, read_only=True)
    quotes = ArticleQuoteSerializer(many=True, read_only=True)
    topics = ArticleTopicSerializer(source="article_topics", many=True, read_only=True)
    dropped_lines = DroppedLineSerializer(many=True, read_only=True)
    duplicates = serializers.SerializerMethodField(
        help_text="The other copies of this story (syndicated articles with a near-identical body), earliest first."
    )

    # One article at a time: DRF's generic path, which knows the nested fields.
    to_representation = serializers.ModelSerializer.to_representation

    class Meta(ArticleListSerializer.Meta):
        expandable_fields = [
            "paragraphs", "images", "people", "quotes", "topics", "dropped_lines",
            "content_hash", "source_file", "original_text", "duplicates",
        ]
        fields = ArticleListSerializer.Meta.fields + expandable_fields

    @extend_schema_field(ArticleCopySerializer(many=True))
    def get_duplicates(self, article):
        # `story.articles` is prefetched (selectors.article_detail): no query per article in a list.
        if article.story is None:
            return []
        copies = sorted(
            (copy for copy in article.story.articles.all() if copy.pk != article.pk),
            key=lambda copy: (copy.published is None, copy.published or dt.date.min, copy.created_at, copy.pk),
        )
        return [
            {
                "id": copy.pk, "headline": copy.headline,
                "published": copy.published.isoformat() if copy.published else None,
                "source": source_summary(copy.source),
            }
            for copy in copies
        ]


class FirstSeenSerializer(serializers.Serializer):
    """Where and when a statement was first quoted."""

    date = serializers.DateField(allow_null=True, help_text="The article's publication date (null if undated).")
    article = ArticleSummarySerializer()
    source = SourceSummarySerializer(allow_null=True)


class StatementSerializer(SparseFieldsSerializerMixin, serializers.ModelSerializer):
    """One thing a speaker said, however many articles quote it (in full or as a fragment).

    `text` is its fullest form; `occurrence_count` counts the quotes that repeat it, `source_count`
    the publishers they appeared in; `first_seen` is the earliest of them.
    """

    speaker = serializers.SerializerMethodField()
    first_seen = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = ["id", "text", "speaker", "speaker_label", "occurrence_count", "source_count", "first_seen"]

    def to_representation(self, statement):
        # Built by hand like the quote lists: a page of 200 costs a fifth of DRF's generic path.
        values = {
            "id": statement.id, "text": statement.text, "speaker": person_summary(statement.speaker),
            "speaker_label": statement.speaker_label, "occurrence_count": statement.occurrence_count,
            "source_count": statement.source_count, "first_seen": self.get_first_seen(statement),
        }
        if "occurrences" in self.fields:
            values["occurrences"] = self.get_occurrences(statement)
        return {name: values[name] for name in self.fields}

    @extend_schema_field(PersonSummarySerializer(allow_null=True))
    def get_speaker(self, statement):
        return person_summary(statement.speaker)

    @extend_schema_field(FirstSeenSerializer(allow_null=True))
    def get_first_seen(self, statement):
        article = statement.first_article
        if article is None:
            return None
        return {"date": article.published and article.published.isoformat(), "article": article_summary(article),
                "source": source_summary(article.source)}


class OccurrenceSerializer(serializers.Serializer):
    """A quote that repeats a statement, where it appeared."""

    id = serializers.IntegerField(help_text="The quote's id (/quotes/{id}/).")
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=Quote.Kind.choices)
    cue = serializers.CharField()
    article = ArticleSummarySerializer()
    source = SourceSummarySerializer(allow_null=True)


class StatementDetailSerializer(StatementSerializer):
    """A statement with every occurrence, earliest first."""

    occurrences = serializers.SerializerMethodField()

    class Meta(StatementSerializer.Meta):
        fields = StatementSerializer.Meta.fields + ["occurrences"]

    @extend_schema_field(OccurrenceSerializer(many=True))
    def get_occurrences(self, statement):
        return [
            {"id": quote.id, "text": quote.text, "kind": quote.kind, "cue": quote.cue,
             "article": article_summary(quote.article), "source": source_summary(quote.article.source)}
            for quote in statement.occurrences.all()
        ]


# POST /articles/ request bodies: raw page text, or an article record (the readers' own schema, with the
# limits of the API's columns and no unknown field).
ARTICLE_TEXT_SCHEMA = {
    "type": "string",
    "pattern": r"\S",
    "description": "The scraped page text: headline, byline, date and body as they appear on the page.",
}
MAX_URL_LENGTH = 2000  # Article.url


class ArticleRecord(DocumentedSchema):
    openapi_schema = {
        **ARTICLE_RECORD_SCHEMA,
        "properties": {
            **ARTICLE_RECORD_SCHEMA["properties"],
            **{key: {**ARTICLE_RECORD_SCHEMA["properties"][key], "maxLength": MAX_URL_LENGTH} for key in URL_KEYS},
        },
        "additionalProperties": False,
    }


class NinjsDocument(DocumentedSchema):
    """An article as an IPTC ninjs 2.0 document (`?format=ninjs`)."""

    openapi_schema = ninjs_schema(self_reference="#/components/schemas/NinjsDocument")


class PersonRenameSerializer(serializers.Serializer):
    name = serializers.CharField(
        max_length=200,
        # Documents what DRF enforces: something besides spaces (it trims them) and no NUL character.
        validators=[RegexValidator(r"^[^\x00]*\S[^\x00]*$", "Enter a name.")],
        help_text="The new canonical name; the old one stays an alias.",
    )


class PersonMergeSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=100,  # larger: a 500
        help_text="Ids of the people to fold into this one.",
    )


# --- statistics (documentation of the stats endpoints' shapes) ---------------------------------------


class CountsSerializer(serializers.Serializer):
    articles = serializers.IntegerField()
    people = serializers.IntegerField()
    quotes = serializers.IntegerField(help_text="Quote occurrences: a statement quoted in ten articles counts ten times.")
    statements = serializers.IntegerField(help_text="Distinct statements: each thing said counts once.")
    topics = serializers.IntegerField()
    sources = serializers.IntegerField()


class SpeakerCountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    quote_count = serializers.IntegerField()


class TopSpeakerSerializer(SpeakerCountSerializer):
    statement_count = serializers.IntegerField(help_text="Distinct statements among the quotes.")


class TopicSpeakerSerializer(SpeakerCountSerializer):
    id = serializers.IntegerField(source="person_id")


class TopicCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    article_count = serializers.IntegerField()


class DayCountSerializer(serializers.Serializer):
    day = serializers.DateField()
    quote_count = serializers.IntegerField()


class CorpusStatsSerializer(serializers.Serializer):
    counts = CountsSerializer()
    top_speakers = TopSpeakerSerializer(many=True)
    top_topics = TopicCountSerializer(many=True)
    quotes_per_day = DayCountSerializer(many=True, help_text="By the article's publication date.")
    undated_quotes = serializers.IntegerField(help_text="Quotes from articles without a date.")


class NamedCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    quote_count = serializers.IntegerField()


class TopicQuoteCountSerializer(NamedCountSerializer):
    kind = serializers.CharField()


class MonthCountSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    quote_count = serializers.IntegerField()


class QuotedWithSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    shared_articles = serializers.IntegerField(help_text="Articles that quote both people.")


class PersonStatsSerializer(serializers.Serializer):
    person = PersonSummarySerializer()
    quote_count = serializers.IntegerField(help_text="Quote occurrences.")
    statement_count = serializers.IntegerField(help_text="Distinct statements.")
    topic_count = serializers.IntegerField(help_text="Topics of the articles the person is quoted in.")
    quotes_per_topic = TopicQuoteCountSerializer(many=True, help_text="The 50 topics most quoted under, most first.")
    source_count = serializers.IntegerField(help_text="Publishers that quote the person.")
    quotes_per_source = NamedCountSerializer(many=True, help_text="The 50 publishers quoting most, most first.")
    quotes_per_month = MonthCountSerializer(many=True)
    quoted_with = QuotedWithSerializer(many=True)
