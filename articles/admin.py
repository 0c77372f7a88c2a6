"""The editor's view of articles, people, quotes and topics."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import search, services, tallies
from articles.extraction.structure import guessable_languages
from articles.extraction.document import PARAGRAPH_SEPARATOR
from articles.models import (
    Article,
    ArticlePerson,
    ArticleTopic,
    Image,
    Person,
    PersonAlias,
    PersonRole,
    Quote,
    Source,
    Statement,
    Topic,
)


def rows_pointing_at(model, field: str):
    """How many ``model`` rows point at each listed row, as a correlated subquery: the database counts
    for the page's rows only, where a JOIN ... GROUP BY groups the whole table before the LIMIT."""
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(rows), 0)


class EditorAdmin(admin.ModelAdmin):
    """Every edit and delete made here moves the data version on, so that API caches see it (304s stop),
    and brings the statistics of the articles it touched up to date."""

    def save_model(self, request, obj, form, change):
        # Before and after: an edit can move a quote or a topic link from one article to another.
        before = type(obj).objects.filter(pk=obj.pk).first() if change and hasattr(obj, "article_id") else None
        obj._articles_before = tallies.articles_counted_with(before) if before else set()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # after save_model: the object and its inlines
        obj = form.instance
        touched = getattr(obj, "_articles_before", set()) | tallies.articles_counted_with(obj)
        for formset in formsets:  # inline rows: a person's roles, an article's quotes and topics
            for row in [*formset.new_objects, *(row for row, _ in formset.changed_objects), *formset.deleted_objects]:
                touched |= tallies.articles_counted_with(row, deleting=True)
        tallies.articles_changed(touched)
        services.data_changed()

    def delete_model(self, request, obj):
        touched = tallies.articles_counted_with(obj, deleting=True)
        super().delete_model(request, obj)
        tallies.articles_changed(touched)
        services.data_changed()

    def delete_queryset(self, request, queryset):
        touched = set().union(*(tallies.articles_counted_with(obj, deleting=True) for obj in queryset))
        super().delete_queryset(request, queryset)
        tallies.articles_changed(touched)
        services.data_changed()


class ImageInline(admin.TabularInline):
    model = Image
    extra = 0


class MentionInline(admin.TabularInline):
    model = ArticlePerson
    extra = 0
    autocomplete_fields = ["person"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["text", "kind", "cue", "speaker", "speaker_label", "speaker_is_person", "paragraph_index"]


class ArticleTopicInline(admin.TabularInline):
    model = ArticleTopic
    extra = 0
    autocomplete_fields = ["topic"]


class LanguageFilter(admin.SimpleListFilter):
    """The languages the import can guess, listed without reading the articles: Django's own filter
    lists the distinct values stored, a scan of every article on each page."""

    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, code) for code in guessable_languages()]

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class FullTextSearchMixin:
    """Admin search through the full-text index (articles/search.py) instead of ``icontains`` on
    every row's text (19 s for an article search at 100,000 articles); the same query syntax as the API."""

    search_index: search.SearchIndex
    search_fields = ["full-text index"]  # shows the search box; get_search_results does the search
    search_help_text = 'Words (all must match), "a phrase", OR, -word: the API\'s `?q=` syntax.'

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search.search(queryset, self.search_index, search_term), False


@admin.register(Article)
class ArticleAdmin(FullTextSearchMixin, EditorAdmin):
    show_full_result_count = False  # no second COUNT(*) over the whole table on each page
    list_display = ["headline", "source", "published", "language", "quote_total", "created_at"]
    # No date hierarchy: its year links are a DISTINCT over every article's date on each page.
    list_filter = ["source", LanguageFilter, "published", "created_at"]
    search_index = search.ARTICLES
    autocomplete_fields = ["authors"]
    readonly_fields = [
        "content_hash", "created_at", "updated_at", "highlighted_body", "dropped_lines_list", "original_text",
        "copies",
    ]
    actions = ["reextract"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "source", "authors", "published", "url", "language"]}),
        ("Text", {"fields": ["highlighted_body", "dropped_lines_list", "body", "original_text"]}),
        ("Provenance", {"fields": ["source_file", "content_hash", "created_at", "updated_at", "copies"]}),
    ]

    @admin.display(description="copies of this story")
    def copies(self, article):
        """The duplicate group: every copy with its publisher and date; the original first."""
        if article.story_id is None:
            return "-"
        copies = (
            Article.objects.filter(story_id=article.story_id)
            .select_related("source")
            .only("id", "headline", "published", "source__name")
            .order_by(F("published").asc(nulls_last=True), "created_at", "id")
        )
        return format_html_join(
            "", '<div><a href="{}">{}</a> ({}, {}){}</div>',
            (
                (reverse("admin:articles_article_change", args=[copy.pk]), copy.headline or f"Article {copy.pk}",
                 copy.source.name if copy.source else "no source", copy.published or "undated",
                 " - this article" if copy.pk == article.pk else "")
                for copy in copies
            ),
        )
    inlines = [ImageInline, MentionInline, QuoteInline, ArticleTopicInline]
    # Django 6 makes https the default scheme for typed URLs; opt in now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").annotate(
            quote_total=rows_pointing_at(Quote, "article")
        )

    @admin.display(description="quotes", ordering="quote_total")
    def quote_total(self, article):
        return article.quote_total

    @admin.display(description="body with quotes")
    def highlighted_body(self, article):
        """The body as paragraphs, each quote marked with its speaker (offsets from the extraction)."""
        body, pieces, position = article.body, [], 0
        for quote in sorted(article.quotes.all(), key=lambda q: q.start_offset):
            if quote.start_offset < position or quote.end_offset > len(body):
                continue  # overlapping spans (a partial inside a reported clause) keep the outer mark
            pieces.append(escape(body[position : quote.start_offset]))
            speaker = quote.speaker.name if quote.speaker else (quote.speaker_label or "unattributed")
            # One mark per paragraph: a mark across the paragraph break would be cut at the first
            # paragraph's end by the browser, leaving the rest of a multi-paragraph quote unmarked.
            marks = [
                format_html(
                    '<mark class="quote quote-{}" title="{} ({}{})">{}</mark>',
                    quote.kind, speaker, quote.kind, f", {quote.cue}" if quote.cue else "", part,
                )
                for part in body[quote.start_offset : quote.end_offset].split(PARAGRAPH_SEPARATOR)
            ]
            pieces.append(PARAGRAPH_SEPARATOR.join(str(mark) for mark in marks))
            position = quote.end_offset
        pieces.append(escape(body[position:]))
        html = "".join(str(piece) for piece in pieces).replace(PARAGRAPH_SEPARATOR, "</p><p>")
        return mark_safe(f'<div class="highlighted-body" style="max-width:60em"><p>{html}</p></div>')

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed, deleted = [], []
        for formset in formsets:
            if formset.model is Quote:
                changed += [quote.pk for quote in formset.new_objects]
                changed += [quote.pk for quote, fields in formset.changed_objects
                            if set(fields) & services.QUOTE_STATEMENT_FIELDS]
                deleted += [quote.statement_id for quote in formset.deleted_objects]
        if changed or deleted:
            services.quotes_edited(changed=changed, deleted_statements=deleted)
        if change and "source" in form.changed_data:  # its statements' publishers changed with it
            services.article_statements_refresh(article=form.instance)

    def delete_model(self, request, obj):
        # As the API deletes: the statements and story it was part of are recounted with it.
        services.article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article)

    @admin.action(description="Re-run extraction on the selected articles")
    def reextract(self, request, queryset):
        for article in queryset:
            services.article_reextract(article=article)
        self.message_user(request, f"Re-extracted {queryset.count()} article(s).", messages.SUCCESS)

    @admin.display(description="dropped lines")
    def dropped_lines_list(self, article):
        return format_html_join(
            "", "<div><em>{}</em>: {}</div>", ((line["reason"], line["text"]) for line in article.dropped_lines)
        ) or "-"


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ["name", "key"]
    readonly_fields = ["key"]


class RoleInline(admin.TabularInline):
    model = PersonRole
    extra = 0
    raw_id_fields = ["article"]


class SpokenQuoteInline(admin.TabularInline):
    model = Quote
    fk_name = "speaker"
    extra = 0
    fields = ["text", "kind", "cue", "article"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False


@admin.register(Person)
class PersonAdmin(EditorAdmin):
    show_full_result_count = False  # no second COUNT(*) over the whole table on each page
    list_display = ["name", "slug", "article_total", "quote_total"]
    search_fields = ["name", "aliases__name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RoleInline, SpokenQuoteInline]
    actions = ["merge"]

    @admin.action(description="Merge the selected people into one")
    def merge(self, request, queryset):
        people = list(queryset.order_by("-article_total", "-quote_total", "id"))
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return
        target, others = people[0], people[1:]
        services.person_merge(target=target, others=others)
        names = ", ".join(other.name for other in others)
        self.message_user(request, f"Merged {names} into {target.name}.", messages.SUCCESS)

    def get_queryset(self, request):
        # Kept counts (articles/tallies.py): two DISTINCT counts over joins did not open at 10,000
        # articles, and counting per row still read every quote to sort by them.
        return super().get_queryset(request).annotate(
            article_total=Coalesce(F("tally__article_count"), 0), quote_total=Coalesce(F("tally__quote_count"), 0)
        )

    @admin.display(description="articles", ordering="article_total")
    def article_total(self, person):
        return person.article_total

    @admin.display(description="quotes", ordering="quote_total")
    def quote_total(self, person):
        return person.quote_total


@admin.register(Quote)
class QuoteAdmin(FullTextSearchMixin, EditorAdmin):
    show_full_result_count = False  # no second COUNT(*) over the whole table on each page
    list_display = ["short_text", "kind", "cue", "speaker", "speaker_label", "article"]
    # Fixed choices only: a filter on cue lists the distinct cues of every quote on each page.
    list_filter = ["kind", "speaker_is_person"]
    search_index = search.QUOTES
    list_select_related = ["speaker", "article"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article", "statement"]

    @admin.display(description="text")
    def short_text(self, quote):
        return short(quote.text)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A statement the editor chose stays; otherwise the quote finds its statement as an import would.
        if "statement" not in form.changed_data and (not change or set(form.changed_data) & services.QUOTE_STATEMENT_FIELDS):
            services.quotes_edited(changed=[form.instance.pk])

    def delete_model(self, request, obj):
        statement = obj.statement_id
        super().delete_model(request, obj)
        services.quotes_edited(deleted_statements=[statement])

    def delete_queryset(self, request, queryset):
        statements = list(queryset.values_list("statement_id", flat=True))
        super().delete_queryset(request, queryset)
        services.quotes_edited(deleted_statements=statements)


class OccurrenceInline(admin.TabularInline):
    model = Quote
    fk_name = "statement"
    fields = ["text", "kind", "cue", "article", "speaker"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Statement)
class StatementAdmin(EditorAdmin):
    """Statements are derived from quotes (articles/duplicates.py): shown here, edited through the quotes."""

    list_display = ["short_text", "speaker", "speaker_label", "occurrence_count", "source_count", "first_seen"]
    search_fields = ["text", "speaker__name", "speaker_label"]
    list_select_related = ["speaker"]
    readonly_fields = [
        "text", "speaker", "speaker_label", "speaker_key", "occurrence_count", "source_count", "first_seen",
        "first_article", "first_quote",
    ]
    fields = readonly_fields
    inlines = [OccurrenceInline]
    show_full_result_count = False  # no COUNT(*) over every statement on each page

    def has_add_permission(self, request):
        return False

    @admin.display(description="text")
    def short_text(self, statement):
        return short(statement.text)


def short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


@admin.register(Topic)
class TopicAdmin(EditorAdmin):
    list_display = ["name", "kind", "slug", "article_total"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Coalesce(F("tally__article_count"), 0))

    @admin.display(description="articles", ordering="article_total")
    def article_total(self, topic):
        return topic.article_total


@admin.register(Source)
class SourceAdmin(EditorAdmin):
    list_display = ["name", "slug", "domain"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PersonAlias)
class PersonAliasAdmin(EditorAdmin):
    list_display = ["name", "person", "key"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(PersonRole)
class PersonRoleAdmin(EditorAdmin):
    list_display = ["title", "person", "article"]
    search_fields = ["title", "person__name"]
    list_select_related = ["person", "article"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["article"]


@admin.register(ArticlePerson)
class ArticlePersonAdmin(EditorAdmin):
    list_display = ["person", "article", "mention_count"]
    list_select_related = ["person", "article"]
    search_fields = ["person__name", "article__headline"]
    raw_id_fields = ["article", "person"]


@admin.register(ArticleTopic)
class ArticleTopicAdmin(EditorAdmin):
    list_display = ["topic", "article", "score"]
    list_filter = ["topic__kind"]
    list_select_related = ["topic", "article"]
    search_fields = ["topic__name", "article__headline"]
    raw_id_fields = ["article", "topic"]


@admin.register(Image)
class ImageAdmin(EditorAdmin):
    list_display = ["caption", "credit", "article", "order"]
    search_fields = ["caption", "credit"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]
