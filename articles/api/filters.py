"""FilterSets: each query parameter of the list endpoints, declared once and documented in the schema."""

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django_filters import rest_framework as filters
from django_filters import utils
from drf_spectacular.utils import extend_schema_field

from articles import search, selectors
from articles.api import pagination
from articles.api.errors import InvalidParameters
from articles.api.query import values_of
from articles.models import (
    Article,
    ArticlePerson,
    ArticleTally,
    ArticleTopic,
    Person,
    PersonAlias,
    PersonTopicTally,
    Quote,
    Source,
    Statement,
    StatementSource,
    Topic,
)

SEARCH_HELP = (
    'Full-text search with stemming: all words must match; "a phrase" in double quotes; '
    "`OR` between alternatives; `-word` excludes. Combine with `ordering=relevance` (when more than 2,000 "
    "match, it ranks the 2,000 most recently added)."
)


MAX_ID = 2**63 - 1


class IdFilter(filters.NumberFilter):
    """A row id: a whole number (NumberFilter alone takes decimals such as 2.5e263)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def id_filter(help_text: str, **kwargs) -> IdFilter:
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": help_text}
    return extend_schema_field(schema)(IdFilter(help_text=help_text, **kwargs))


class _TrueOrFalseField(forms.NullBooleanField):
    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text not in ("true", "false"):
            raise forms.ValidationError("Enter true or false.", code="invalid")
        return text == "true"

    def validate(self, value):
        pass


class TrueOrFalseFilter(filters.BooleanFilter):
    """`true` or `false`; anything else is a 400 (django-filter's own ignores it and returns everything)."""

    field_class = _TrueOrFalseField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["widget"] = forms.TextInput  # not django-filter's BooleanWidget, which maps junk to "not given"


class _RepeatedOrCommaSeparated(forms.SelectMultiple):
    """Reads `?kind=a&kind=b` and `?kind=a,b` alike (SelectMultiple alone reads only the repeated form)."""

    def value_from_datadict(self, data, files, name):
        return values_of(data, name) if hasattr(data, "getlist") else super().value_from_datadict(data, files, name)


class ChoicesFilter(filters.MultipleChoiceFilter):
    """One or more of a fixed set of values; several values match any of them."""

    multi_valued = True  # KnownParametersMixin lets it repeat

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _RepeatedOrCommaSeparated)
        super().__init__(*args, **kwargs)


def choices_filter(choices, help_text: str, **kwargs) -> ChoicesFilter:
    # The schema of one value: drf-spectacular makes a multiple-choice filter an array of it (form,
    # exploded), and takes the parameter's description from here.
    help_text = f"{help_text} Several values (repeated, or comma-separated) match any of them."
    schema = {"type": "string", "enum": [value for value, _ in choices], "description": help_text}
    return extend_schema_field(schema)(ChoicesFilter(choices=choices, help_text=help_text, **kwargs))


def date_range(field_name: str, what: str) -> tuple[filters.DateFilter, filters.DateFilter]:
    """The `*_after` and `*_before` filters of a date, both inclusive: ``what`` says what the date is."""
    return (
        filters.DateFilter(field_name=field_name, lookup_expr="gte", help_text=f"{what} on or after this date (YYYY-MM-DD)."),
        filters.DateFilter(field_name=field_name, lookup_expr="lte", help_text=f"{what} on or before this date (YYYY-MM-DD)."),
    )


def is_id(value: str) -> bool:
    """Whether a path or query value names a row by id (else it is a slug)."""
    # "²".isdigit() is true too, and int("²") fails; a number past the id range is a 500 on SQLite.
    return value.isascii() and value.isdigit() and len(value) <= 19 and int(value) <= MAX_ID


# The model each id-or-slug filter field points at.
SLUGGED_MODELS = {"source": Source, "article__source": Source, "person": Person, "speaker": Person}


def _id_of(model, slug: str) -> int | None:
    return next(iter(model.objects.filter(slug=slug.strip()).values_list("pk", flat=True)), None)


def _id_or_slug(field: str, value: str) -> Q:
    """The related object `field` given by numeric id or by slug: `12` or `marco-rubio`.

    A slug is looked up first (one indexed query) and the filter is on the id: PostgreSQL then plans
    with that value's own statistics, where a join on the slug is planned for an average value (the
    commonest topic's statements: 268 ms sorting every match, against 12 ms walking the index)."""
    value = value.strip()
    ident = int(value) if is_id(value) else _id_of(SLUGGED_MODELS[field], value)
    return Q(**{f"{field}__id": ident}) if ident is not None else Q(pk__in=[])


class IdOrSlugFilter(filters.CharFilter):
    """Matches a related object by numeric id or by slug: `?speaker=12` or `?speaker=marco-rubio`."""

    def filter(self, qs, value):
        return qs if value in (None, "") else qs.filter(_id_or_slug(self.field_name, value))


def _articles_about(topic_slug: str):
    """Ids of the articles about a topic, as a subquery.

    Filters use `IN (subquery)` rather than a correlated EXISTS: the set is computed once, where
    SQLite ran the EXISTS again for every candidate row (on 10,000 articles, /people/?topic= took
    470 ms and /quotes/?topic= 62 ms; now 20 and 3 ms).
    """
    topic = _id_of(Topic, topic_slug)  # the id, not a join on the slug: see _id_or_slug
    return ArticleTopic.objects.filter(topic_id=topic).values("article_id") if topic else ArticleTopic.objects.none().values("article_id")


def _articles_in(qs, rows):
    """``qs`` restricted to the articles of ``rows``: rows of a table that names each article at most once
    for the value filtered on (a topic's, an author's, a person's), counted from those rows alone.

    Counting the articles themselves joined each match back to its article: 10,001 of a prolific
    author's articles took 77 ms at 300,000 articles, the rows alone take a few."""
    restricted = qs.filter(pk__in=rows.values("article_id"))
    return pagination.counted_from(restricted, rows.values_list("article_id", flat=True))


def _has(qs, relation_exists, value):
    if value is None:
        return qs
    return qs.filter(relation_exists) if value else qs.exclude(relation_exists)


class ArticleFilter(filters.FilterSet):
    source = IdOrSlugFilter(field_name="source", help_text="Publisher id or slug, e.g. `lbc`.")
    author = filters.CharFilter(method="filter_author", help_text="Author (person) id or slug.")
    person = filters.CharFilter(method="filter_person", help_text="Articles that mention this person (id or slug).")
    topic = filters.CharFilter(method="filter_topic", help_text="Articles about this topic (slug).")
    published_after, published_before = date_range("published", "Published")
    has_quotes = TrueOrFalseFilter(method="filter_has_quotes", help_text="Only articles with (true) or without (false) quotes.")
    q = filters.CharFilter(method="filter_q", help_text=f"Search the headline and body. {SEARCH_HELP}")
    collapse = filters.ChoiceFilter(
        choices=[("duplicates", "duplicates")], method="filter_collapse",
        help_text="`duplicates`: one row per story (its earliest copy), with `copy_count`; syndicated copies left out.",
    )

    class Meta:
        model = Article
        fields = []

    def filter_collapse(self, qs, name, value):
        return selectors.story_originals(qs) if value == "duplicates" else qs

    def filter_author(self, qs, name, value):
        # Not a join on authors with DISTINCT: that sorted every matching row with its subqueries (60 ms).
        return _articles_in(qs, Article.authors.through.objects.filter(_id_or_slug("person", value)))

    def filter_person(self, qs, name, value):
        return _articles_in(qs, ArticlePerson.objects.filter(_id_or_slug("person", value)))

    def filter_topic(self, qs, name, value):
        return _articles_in(qs, _articles_about(value))

    def filter_has_quotes(self, qs, name, value):
        if value is False:
            # The kept per-article count's partial index lists them, however few: asking "no quote
            # exists" of each article walks the whole table when hardly any matches.
            return qs.filter(pk__in=ArticleTally.objects.filter(quote_count=0).values("article_id"))
        return _has(qs, Exists(Quote.objects.filter(article=OuterRef("pk"))), value)

    def filter_q(self, qs, name, value):
        return search.search(qs, search.ARTICLES, value)


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_q",
        help_text='Names and aliases: every word must be part of one ("rubio", "Mr Rubio"); '
        '"a phrase", `OR` and `-word` work as in article search.',
    )
    article = id_filter("People mentioned in this article (id).", method="filter_article")
    topic = filters.CharFilter(method="filter_topic", help_text="People mentioned in articles about this topic (slug).")
    has_quotes = TrueOrFalseFilter(method="filter_has_quotes", help_text="Only people with (true) or without (false) attributed quotes.")

    class Meta:
        model = Person
        fields = []

    def filter_q(self, qs, name, value):
        parsed = search.parse_query(value)
        if not parsed.groups and not parsed.excluded:
            return qs.none()

        def named(term):
            aliases = PersonAlias.objects.filter(person=OuterRef("pk"), name__icontains=term)
            return Q(name__icontains=term) | Exists(aliases)

        return search.filter_terms(qs, parsed, named)

    def filter_article(self, qs, name, value):
        return qs.filter(Exists(ArticlePerson.objects.filter(person=OuterRef("pk"), article_id=value)))

    def filter_topic(self, qs, name, value):
        # From the kept (person, topic) tally: joining every mention of every article about a common
        # topic took 0.28 s at 100k articles, growing with the topic's coverage.
        topic = _id_of(Topic, value)
        return qs.filter(pk__in=PersonTopicTally.objects.filter(topic_id=topic, article_count__gt=0).values("person_id"))

    def filter_has_quotes(self, qs, name, value):
        return _has(qs, Exists(Quote.objects.filter(speaker=OuterRef("pk"))), value)


class QuoteFilter(filters.FilterSet):
    speaker = IdOrSlugFilter(field_name="speaker", help_text="Speaker (person) id or slug.")
    article = id_filter("Quotes from this article (id).", field_name="article_id")
    source = IdOrSlugFilter(field_name="article__source", help_text="Publisher id or slug.")
    topic = filters.CharFilter(method="filter_topic", help_text="Quotes from articles about this topic (slug).")
    kind = choices_filter(Quote.Kind.choices, "direct, partial or indirect.")
    cue = filters.CharFilter(method="filter_cue", help_text="Attribution verb, any case, e.g. `said`.")
    q = filters.CharFilter(method="filter_q", help_text=f"Search the quote text. {SEARCH_HELP}")
    published_after, published_before = date_range("published", "Article published")

    class Meta:
        model = Quote
        fields = []

    def filter_topic(self, qs, name, value):
        return qs.filter(article_id__in=_articles_about(value))

    def filter_cue(self, qs, name, value):
        # LOWER(cue) = ..., which the quote_cue_lower index serves (iexact's UPPER() or LIKE could not).
        return qs.filter(Exact(Lower("cue"), value.strip().lower()))

    def filter_q(self, qs, name, value):
        return search.search(qs, search.QUOTES, value)


def _quotes_of(statements_filter) -> QuerySet:
    """Ids of the statements with an occurrence among the quotes ``statements_filter`` selects."""
    return Quote.objects.filter(statements_filter).exclude(statement_id=None).values("statement_id")


class StatementFilter(filters.FilterSet):
    speaker = IdOrSlugFilter(field_name="speaker", help_text="Speaker (person) id or slug.")
    topic = filters.CharFilter(method="filter_topic", help_text="Quoted in an article about this topic (slug).")
    source = filters.CharFilter(method="filter_source", help_text="Quoted by this publisher (id or slug).")
    first_seen_after, first_seen_before = date_range("first_seen", "First quoted")
    # A whole number from 1 up, like an id.
    min_occurrences = id_filter("Quoted at least this many times.", field_name="occurrence_count", lookup_expr="gte")
    q = filters.CharFilter(method="filter_q", help_text=f"Search its words: the fullest form in which it was quoted. {SEARCH_HELP}")

    class Meta:
        model = Statement
        fields = []

    def filter_topic(self, qs, name, value):
        return qs.filter(pk__in=_quotes_of(Q(article_id__in=_articles_about(value))))

    def filter_source(self, qs, name, value):
        # From the kept (statement, publisher) pairs: each statement once, so they are counted alone.
        pairs = StatementSource.objects.filter(_id_or_slug("source", value))
        return pagination.counted_from(qs.filter(pk__in=pairs.values("statement_id")), pairs.values_list("statement_id", flat=True))

    def filter_q(self, qs, name, value):
        return search.search(qs, search.STATEMENTS, value)


class TopicFilter(filters.FilterSet):
    kind = choices_filter(Topic.Kind.choices, "subject (IPTC), phrase, place or organisation.")
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text="Part of the topic's name.")

    class Meta:
        model = Topic
        fields = []


class FilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, building only the filters the request names.

    Building and validating a FilterSet's form costs ~1 ms a request with every filter in it; most
    requests name none or one. (Each filter here reads one query parameter of its own name: no
    range filters with suffixed parameters, tests/api/test_filters_backend.py checks.) The browsable
    API's filter form, `to_html`, still shows every filter.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        named = set(request.query_params) & set(filterset_class.base_filters) if filterset_class else set()
        if not named:
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        filterset.filters = {name: filter_ for name, filter_ in filterset.filters.items() if name in named}
        if not filterset.is_valid() and self.raise_exception:
            raise InvalidParameters(utils.translate_validation(filterset.errors).detail)
        return filterset.qs
